import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  eventRefResolver,
  readFigure,
  readModelDocuments,
  resolveExplanation,
  type ActorRole,
  type DocumentQuery,
  type EventStore,
  type ExplainedFigure,
  type Explanation,
  type Figure,
  type ReadModel,
} from '@motcua/core';
import { principalOf, sendProblem } from './http-helpers.js';
import { encodeCursor, readCursor } from './cursor.js';
import { httpProblems, withArticle, type Problem } from './problem.js';
import { accept, anyParameter, readQuery, refuse, single, wholeNumber } from './query-parameters.js';
import { readersOf, unreadable, type ReadSide } from './read-side.js';

/** Keys per page of a listing: by default, and at most. */
export const KEY_PAGE = { default: 100, max: 1000 } as const;
const MAX_PREFIX = 500;

type Params = { readonly name?: string; readonly key?: string; readonly '*'?: string };

/** A key listing's parameters, its cursors those this API gave out to a caller of `tenantId`. */
export const listingQuery = (tenantId: string) => ({
  limit: wholeNumber(1, KEY_PAGE.max, { default: KEY_PAGE.default }),
  cursor: single<string>({
    maxLength: 6000,
    read: readCursor('keys', (key) => key.startsWith(`${tenantId}/`), 'is not a cursor this API gave out (nextCursor of a listing)'),
    schema: { type: 'string' },
    description: 'The `nextCursor` of the previous page',
  }),
  prefix: single({
    maxLength: MAX_PREFIX,
    allowEmpty: true,
    read: (prefix) => (prefix.startsWith('/') ? refuse('relative', 'is relative to your province and starts like its keys, e.g. timeliness/unit/') : accept(prefix)),
    description: 'Only keys starting with it after your province, e.g. `timeliness/unit/`',
  }),
});

export const registerReadModelRoutes = (app: FastifyInstance, readSide: ReadSide, log: Pick<EventStore, 'readAll'>): void => {
  const byName = new Map<string, ReadModel<unknown>>();
  for (const readModel of readSide.readModels) {
    if (byName.has(readModel.name)) throw new Error(`two read models are named ${readModel.name}`);
    byName.set(readModel.name, readModel);
  }
  const rolesOf = (name: string) => readersOf(readSide, name);
  const resolver = eventRefResolver(log);

  type Found<T> = { readonly problem: Problem } | ({ readonly problem?: undefined } & T);
  const resolve = async (name: string, { role, tenantId }: { readonly role: ActorRole; readonly tenantId: string }): Promise<Found<{ readModel: ReadModel<unknown> }>> => {
    const readModel = byName.get(name);
    if (readModel === undefined) return { problem: httpProblems.notFound(`no read model is named ${name}`) };
    if (!rolesOf(name).includes(role)) return { problem: httpProblems.forbidden(`${withArticle(role)} may not read ${name}`) };
    const problem = await unreadable(readSide, readModel.projection, `read model ${name}`, tenantId);
    return problem === undefined ? { readModel } : { problem };
  };

  app.get('/read-models', async (request, reply) => {
    const { role, tenantId } = principalOf(request);
    const unexpected = anyParameter(request.query);
    if (unexpected !== undefined) return sendProblem(reply, unexpected);
    const readable = readSide.readModels.filter((readModel) => rolesOf(readModel.name).includes(role));
    // Those that cannot answer this caller now, and why: its own province's failures only (docs/read-side.md, "A province that fails").
    const unavailable: Record<string, string> = {};
    for (const readModel of readable) {
      const problem = await unreadable(readSide, readModel.projection, `read model ${readModel.name}`, tenantId);
      if (problem !== undefined) unavailable[readModel.name] = problem.detail ?? problem.title;
    }
    return { readModels: readable.map((readModel) => readModel.name), ...(Object.keys(unavailable).length === 0 ? {} : { unavailable }) };
  });

  app.get('/read-models/:name', async (request, reply) => {
    const principal = principalOf(request);
    const found = await resolve((request.params as Params).name ?? '', principal);
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    const parsed = readQuery(request.query, listingQuery(principal.tenantId), { of: 'a key listing' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    const { limit = KEY_PAGE.default, cursor: after, prefix = '' } = parsed.values;
    const page = await found.readModel.keys(readModelDocuments(readSide.documents, found.readModel), {
      prefix: `${principal.tenantId}/${prefix}`,
      limit,
      ...(after === undefined ? {} : { after }),
    });
    // The read model is asked for the caller's province; a key of another is never shown all the same.
    const own = `${principal.tenantId}/`;
    const keys = page.keys.filter((key) => key.startsWith(own));
    const next = page.next !== undefined && page.next.startsWith(own) ? page.next : undefined;
    return { readModel: found.readModel.name, keys, ...(next === undefined ? {} : { nextCursor: encodeCursor('keys', next) }) };
  });

  /** The figure `read` gives for the route's key, after the checks every figure route makes. */
  const figureAt = async <F>(
    request: FastifyRequest,
    key: string,
    read: (readModel: ReadModel<unknown>, documents: DocumentQuery<unknown>, key: string) => Promise<F | undefined>,
  ): Promise<Found<{ figure: F }>> => {
    const params = request.params as Params;
    const principal = principalOf(request);
    const found = await resolve(params.name ?? '', principal);
    if (found.problem !== undefined) return { problem: found.problem };
    const unexpected = anyParameter(request.query);
    if (unexpected !== undefined) return { problem: unexpected };
    const absent = { problem: httpProblems.notFound(`${params.name} has no figure for ${key}`) };
    // Another province's key is absent, whatever the read model would say.
    if (!key.startsWith(`${principal.tenantId}/`)) return absent;
    const figure = await read(found.readModel, readModelDocuments(readSide.documents, found.readModel), key);
    return figure === undefined ? absent : { figure };
  };

  const sendFigure = async (request: FastifyRequest, reply: FastifyReply, key: string) => {
    const found = await figureAt(request, key, readFigure);
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    const answer: Figure = found.figure;
    return answer;
  };
  const sendExplanation = async (request: FastifyRequest, reply: FastifyReply, key: string) => {
    const found = await figureAt(request, key, (readModel, documents, at): Promise<ExplainedFigure | undefined> => readModel.explain(documents, at));
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    const answer: Explanation = await resolveExplanation(found.figure, resolver);
    return answer;
  };

  // A key URL-encoded into one segment (`thai-nguyen%2Ftimeliness%2F...`)...
  app.get('/read-models/:name/:key', async (request, reply) => sendFigure(request, reply, (request.params as Params).key ?? ''));
  app.get('/read-models/:name/:key/explain', async (request, reply) => sendExplanation(request, reply, (request.params as Params).key ?? ''));
  // ...or as it is written, slashes and all; a last segment `explain` asks for the explanation.
  app.get('/read-models/:name/*', async (request, reply) => {
    const rest = (request.params as Params)['*'] ?? '';
    return rest.endsWith(EXPLAIN_SUFFIX) ? sendExplanation(request, reply, rest.slice(0, -EXPLAIN_SUFFIX.length)) : sendFigure(request, reply, rest);
  });
};

const EXPLAIN_SUFFIX = '/explain';
