import type { FastifyInstance } from 'fastify';
import { documentQuery, dossierListProjection, listDossiers, type Desk, type DossierListDocument } from '@motcua/core';
import { accessOf, readDenial, type LoadedStream } from './access.js';
import { encodeCursor, readCursor } from './cursor.js';
import { DOSSIER_STATUSES } from './dossier-statuses.js';
import { etag, parseVersionTag, principalOf, sendProblem } from './http-helpers.js';
import { DEMO } from './openapi-examples.js';
import { httpProblems, withArticle } from './problem.js';
import { accept, anyParameter, oneOf, readQuery, refuse, single, wholeNumber } from './query-parameters.js';
import { unreadable, type ReadSide } from './read-side.js';
import { STREAM_ROUTES } from './route-table.js';

type Params = Record<string, string | undefined>;

/**
 * The dossier list's filters. A status or a procedure code that no dossier can have would match
 * nothing: a misspelt filter is refused, not answered with an empty page (every dossier was received
 * under a procedure of the catalogue, which `isProcedure` tells).
 */
export const dossierListQuery = (isProcedure: (code: string) => boolean) => ({
  unitId: single(),
  status: oneOf(DOSSIER_STATUSES, { description: 'Another value is refused with 400' }),
  procedureCode: single({
    read: (code) => (isProcedure(code) ? accept(code) : refuse('catalogue', 'is not a procedure of the catalogue (GET /procedures lists them)')),
    description: 'A code of the catalogue (`GET /procedures`); another is refused with 400',
    example: DEMO.procedureCode,
  }),
  applicantId: single(),
  limit: wholeNumber(1, 500, { default: 50 }),
  cursor: single({ read: readCursor('dossiers', (position) => /^\d{1,15}$/.test(position)), description: '`nextCursor` of the previous page' }),
});

export const registerQueryRoutes = (app: FastifyInstance, desk: Desk, readSide: ReadSide): void => {
  const dossierList = documentQuery<DossierListDocument>(readSide.documents, dossierListProjection.name);
  const isProcedure = (code: string) => desk.rules.procedures.some((version) => version.code === code);
  for (const stream of STREAM_ROUTES) {
    const api = desk[stream.key];
    const base = `/${stream.collection}/:${stream.idParam}`;
    // Access is judged on the events the answer is made of: one read of the stream per request.
    const denialOf = (principal: ReturnType<typeof principalOf>, id: string, loaded: LoadedStream) =>
      readDenial(principal, stream, accessOf(stream, loaded), id);

    app.get(base, async (request, reply) => {
      const id = (request.params as Params)[stream.idParam] ?? '';
      if (id === '') return sendProblem(reply, httpProblems.notFound(`${stream.collection} without an id does not exist`));
      const unexpected = anyParameter(request.query);
      if (unexpected !== undefined) return sendProblem(reply, unexpected);
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
      const unexpected = anyParameter(request.query);
      if (unexpected !== undefined) return sendProblem(reply, unexpected);
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
    const parsed = readQuery(request.query, dossierListQuery(isProcedure), { of: 'the dossier list' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    const query = parsed.values;
    const limit = query.limit ?? 50;
    const after = query.cursor === undefined ? undefined : Number(query.cursor);
    let applicantId = query.applicantId;
    let withinUnits: readonly string[] | undefined;
    if (principal.role === 'citizen') {
      if (applicantId !== undefined && applicantId !== principal.subjectId) {
        return sendProblem(reply, httpProblems.forbidden('a citizen may only list their own dossiers'));
      }
      applicantId = principal.subjectId;
    } else if (principal.role === 'receptionist' || principal.role === 'processing-officer' || principal.role === 'unit-head') {
      if (query.unitId !== undefined && !principal.unitIds.includes(query.unitId)) {
        return sendProblem(reply, httpProblems.forbidden(`unit ${query.unitId} is outside your units`));
      }
      withinUnits = principal.unitIds;
    }
    // Read your writes: the list includes every command answered before this request.
    const problem = await unreadable(readSide, dossierListProjection, 'the dossier list', principal.tenantId);
    if (problem !== undefined) return sendProblem(reply, problem);
    const page = await listDossiers(dossierList, {
      tenantId: principal.tenantId,
      limit,
      ...(after === undefined ? {} : { after }),
      ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.procedureCode === undefined ? {} : { procedureCode: query.procedureCode }),
      ...(applicantId === undefined ? {} : { applicantId }),
      ...(withinUnits === undefined ? {} : { withinUnits }),
    });
    return {
      items: page.items.map(({ tenantId: _tenantId, ...row }) => row),
      ...(page.next === undefined ? {} : { nextCursor: encodeCursor('dossiers', String(page.next)) }),
    };
  });
};
