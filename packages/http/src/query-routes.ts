import type { FastifyInstance } from 'fastify';
import { documentQuery, dossierListProjection, listDossiers, type Desk, type DossierListDocument } from '@motcua/core';
import { accessOf, readDenial, type LoadedStream } from './access.js';
import { DOSSIER_STATUSES, isDossierStatus } from './dossier-statuses.js';
import { etag, parseVersionTag, principalOf, sendProblem } from './http-helpers.js';
import { httpProblems, withArticle } from './problem.js';
import { unreadable, type ReadSide } from './read-side.js';
import { STREAM_ROUTES } from './route-table.js';

type Params = Record<string, string | undefined>;
type Query = Record<string, string | string[] | undefined>;

const MAX_LIMIT = 500;
const LIST_PARAMETERS = ['unitId', 'status', 'procedureCode', 'applicantId', 'limit', 'cursor'] as const;

export const registerQueryRoutes = (app: FastifyInstance, desk: Desk, readSide: ReadSide): void => {
  const dossierList = documentQuery<DossierListDocument>(readSide.documents, dossierListProjection.name);
  for (const stream of STREAM_ROUTES) {
    const api = desk[stream.key];
    const base = `/${stream.collection}/:${stream.idParam}`;
    // Access is judged on the events the answer is made of: one read of the stream per request.
    const denialOf = (principal: ReturnType<typeof principalOf>, id: string, loaded: LoadedStream) =>
      readDenial(principal, stream, accessOf(stream, loaded), id);

    app.get(base, async (request, reply) => {
      const id = (request.params as Params)[stream.idParam] ?? '';
      if (id === '') return sendProblem(reply, httpProblems.notFound(`${stream.collection} without an id does not exist`));
      const loaded = await api.load(principalOf(request).tenantId, id);
      const { state, version } = loaded;
      const denial = denialOf(principalOf(request), id, loaded);
      if (denial !== undefined) return sendProblem(reply, denial);
      reply.header('etag', etag(version)).header('cache-control', 'private, no-cache');
      const ifNoneMatch = request.headers['if-none-match'];
      if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => parseVersionTag(tag) === version)) {
        return reply.code(304).send();
      }
      return { id, version, state };
    });

    app.get(`${base}/history`, async (request, reply) => {
      const id = (request.params as Params)[stream.idParam] ?? '';
      if (id === '') return sendProblem(reply, httpProblems.notFound(`${stream.collection} without an id does not exist`));
      // Loaded, not only read: access is judged on the state its events fold to.
      const loaded = await api.load(principalOf(request).tenantId, id);
      const denial = denialOf(principalOf(request), id, loaded);
      if (denial !== undefined) return sendProblem(reply, denial);
      const { events, version } = loaded;
      reply.header('etag', etag(version)).header('cache-control', 'private, no-cache');
      return { id, version, events };
    });
  }

  const dossiers = STREAM_ROUTES.find((stream) => stream.key === 'dossiers');
  app.get('/dossiers', async (request, reply) => {
    const principal = principalOf(request);
    if (dossiers === undefined || !dossiers.readRoles.includes(principal.role)) {
      return sendProblem(reply, httpProblems.forbidden(`${withArticle(principal.role)} may not list dossiers`));
    }
    const query = request.query as Query;
    const unknown = Object.keys(query).find((name) => !(LIST_PARAMETERS as readonly string[]).includes(name));
    if (unknown !== undefined) {
      return sendProblem(reply, httpProblems.invalidInput(unknown, 'unknown', `is not a filter of the dossier list (${LIST_PARAMETERS.join(', ')})`));
    }
    const text: Record<string, string | undefined> = {};
    for (const name of LIST_PARAMETERS) {
      const value = query[name];
      if (Array.isArray(value)) return sendProblem(reply, httpProblems.invalidInput(name, 'single', 'may be given once'));
      if (value !== undefined && (value.length === 0 || value.length > 200)) {
        return sendProblem(reply, httpProblems.invalidInput(name, 'length', 'must be 1 to 200 characters'));
      }
      text[name] = value;
    }
    // An unknown status would match nothing: a misspelt filter is refused, not answered with an empty page.
    if (text['status'] !== undefined && !isDossierStatus(text['status'])) {
      return sendProblem(reply, httpProblems.invalidInput('status', 'enum', `must be one of ${DOSSIER_STATUSES.join(', ')}`));
    }
    // Every dossier was received under a procedure of the catalogue, so another code would match nothing too.
    const procedureCode = text['procedureCode'];
    if (procedureCode !== undefined && !desk.rules.procedures.some((version) => version.code === procedureCode)) {
      return sendProblem(reply, httpProblems.invalidInput('procedureCode', 'catalogue', 'is not a procedure of the catalogue (GET /procedures lists them)'));
    }
    const limit = text['limit'] === undefined ? 50 : Number(text['limit']);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT || !/^\d+$/.test(text['limit'] ?? '50')) {
      return sendProblem(reply, httpProblems.invalidInput('limit', 'integer', `must be a whole number from 1 to ${MAX_LIMIT}`));
    }
    let after: number | undefined;
    if (text['cursor'] !== undefined) {
      after = decodeCursor(text['cursor']);
      if (after === undefined) return sendProblem(reply, httpProblems.invalidInput('cursor', 'cursor', 'is not a cursor this API gave out'));
    }
    let applicantId = text['applicantId'];
    let withinUnits: readonly string[] | undefined;
    if (principal.role === 'citizen') {
      if (applicantId !== undefined && applicantId !== principal.subjectId) {
        return sendProblem(reply, httpProblems.forbidden('a citizen may only list their own dossiers'));
      }
      applicantId = principal.subjectId;
    } else if (principal.role === 'receptionist' || principal.role === 'processing-officer' || principal.role === 'unit-head') {
      if (text['unitId'] !== undefined && !principal.unitIds.includes(text['unitId'])) {
        return sendProblem(reply, httpProblems.forbidden(`unit ${text['unitId']} is outside your units`));
      }
      withinUnits = principal.unitIds;
    }
    // Read your writes: the list includes every command answered before this request.
    const problem = await unreadable(readSide, dossierListProjection, 'the dossier list');
    if (problem !== undefined) return sendProblem(reply, problem);
    const page = await listDossiers(dossierList, {
      tenantId: principal.tenantId,
      limit,
      ...(after === undefined ? {} : { after }),
      ...(text['unitId'] === undefined ? {} : { unitId: text['unitId'] }),
      ...(text['status'] === undefined ? {} : { status: text['status'] }),
      ...(text['procedureCode'] === undefined ? {} : { procedureCode: text['procedureCode'] }),
      ...(applicantId === undefined ? {} : { applicantId }),
      ...(withinUnits === undefined ? {} : { withinUnits }),
    });
    return {
      items: page.items.map(({ tenantId: _tenantId, ...row }) => row),
      ...(page.next === undefined ? {} : { nextCursor: encodeCursor(page.next) }),
    };
  });
};

const encodeCursor = (position: number): string => Buffer.from(`p${position}`).toString('base64url');

const decodeCursor = (cursor: string): number | undefined => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const match = /^p(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match === null ? undefined : Number(match[1]);
};
