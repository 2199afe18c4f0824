import type { FastifyInstance, FastifyRequest } from 'fastify';
import { onlyProvince, type ActorRole, type ExplainableReadModel, type Explanation, type ProjectionStore, type ProvinceTables } from '@motcua/core';
import { principalOf, sendProblem } from './http-helpers.js';
import { httpProblems, type Problem } from './problem.js';

/**
 * A read model served as `GET /read-models/{name}/{key}` and `.../{key}/explain`. Its keys start with
 * the province they belong to (`<tenantId>/<key>`, as core's `byProvinceReadModel` gives them): a
 * caller is only ever shown keys, figures and explanations of their own province.
 */
export interface ReadModelEndpoint<State = unknown> {
  readonly readModel: ExplainableReadModel<State>;
  /**
   * The projection's current state for the caller's province, holding nothing of another province
   * (e.g. `onlyProvince` of the copy a `ProjectionRunner` keeps); `undefined` while it is not built yet.
   */
  readonly state: (tenantId: string) => Promise<State | undefined>;
  /** Who may read it; default director, inspector, system. */
  readonly roles?: readonly ActorRole[];
}

/**
 * An endpoint whose state is the caller's province's part of the live copy a `ProjectionRunner`
 * keeps in `store` under `projectionName` (the read model's name by default): a projection kept by
 * province (core's `byProvince`).
 */
export const readModelFromProjectionStore = (
  readModel: ExplainableReadModel<ProvinceTables>,
  store: ProjectionStore,
  options: { readonly projectionName?: string; readonly roles?: readonly ActorRole[] } = {},
): ReadModelEndpoint<ProvinceTables> => ({
  readModel,
  state: async (tenantId) => {
    const record = await store.load<ProvinceTables>(options.projectionName ?? readModel.name);
    return record === undefined ? undefined : onlyProvince(record.state ?? {}, tenantId);
  },
  ...(options.roles === undefined ? {} : { roles: options.roles }),
});

const DEFAULT_ROLES: readonly ActorRole[] = ['director', 'inspector', 'system'];

/** Keys per page of a listing: by default, and at most. */
export const KEY_PAGE = { default: 100, max: 1000 } as const;
const LISTING_PARAMETERS = ['limit', 'cursor', 'prefix'] as const;
const MAX_PREFIX = 500;

type Params = { readonly name?: string; readonly key?: string };

interface Listing {
  readonly limit: number;
  /** Keys after this one (a full key of the caller's province). */
  readonly after?: string;
  /** Relative to the province: `unit-board/unit/...`. */
  readonly prefix: string;
}

const encodeCursor = (key: string): string => Buffer.from(`k${key}`).toString('base64url');

/** The key a cursor stands for, if this API gave it out to a caller of `tenantId`. */
const decodeCursor = (cursor: string, tenantId: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]{1,6000}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith(`k${tenantId}/`) ? text.slice(1) : undefined;
};

const listingOf = (query: Record<string, unknown>, tenantId: string): { readonly problem: Problem } | { readonly listing: Listing } => {
  const text: Partial<Record<(typeof LISTING_PARAMETERS)[number], string>> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(LISTING_PARAMETERS as readonly string[]).includes(name)) {
      return { problem: httpProblems.invalidInput(name, 'unknown', `is not a parameter of a key listing (${LISTING_PARAMETERS.join(', ')})`) };
    }
    if (typeof value !== 'string') return { problem: httpProblems.invalidInput(name, 'single', 'may be given once') };
    text[name as (typeof LISTING_PARAMETERS)[number]] = value;
  }
  const limit = text.limit === undefined ? KEY_PAGE.default : /^\d{1,4}$/.test(text.limit) ? Number(text.limit) : Number.NaN;
  if (!(limit >= 1 && limit <= KEY_PAGE.max)) {
    return { problem: httpProblems.invalidInput('limit', 'integer', `must be a whole number from 1 to ${KEY_PAGE.max}`) };
  }
  const prefix = text.prefix ?? '';
  if (prefix.length > MAX_PREFIX) return { problem: httpProblems.invalidInput('prefix', 'length', `must be at most ${MAX_PREFIX} characters`) };
  if (prefix.startsWith('/')) {
    return { problem: httpProblems.invalidInput('prefix', 'relative', 'is relative to your province and starts with the read model, e.g. unit-board/unit/') };
  }
  if (text.cursor === undefined) return { listing: { limit, prefix } };
  const after = decodeCursor(text.cursor, tenantId);
  if (after === undefined) return { problem: httpProblems.invalidInput('cursor', 'cursor', 'is not a cursor this API gave out (nextCursor of a listing)') };
  return { listing: { limit, prefix, after } };
};

/** A route that takes no query parameter names the first one given. */
const unexpectedParameter = (query: Record<string, unknown>): Problem | undefined => {
  const [name] = Object.keys(query);
  return name === undefined ? undefined : httpProblems.invalidInput(name, 'unknown', 'is not a parameter of this route, which takes none');
};

/** The page of `keys` a listing asks for: the caller's province only, sorted, after the cursor. */
const pageOf = (keys: readonly string[], tenantId: string, listing: Listing) => {
  const start = `${tenantId}/${listing.prefix}`;
  const after = listing.after;
  const matching = keys.filter((key) => key.startsWith(start) && (after === undefined || key > after)).sort();
  const page = matching.slice(0, listing.limit);
  return { keys: page, ...(matching.length > page.length ? { nextCursor: encodeCursor(page.at(-1) as string) } : {}) };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own state type
export const registerReadModelRoutes = (app: FastifyInstance, endpoints: readonly ReadModelEndpoint<any>[]): void => {
  const byName = new Map<string, ReadModelEndpoint<unknown>>();
  for (const endpoint of endpoints) {
    if (byName.has(endpoint.readModel.name)) throw new Error(`two read models are named ${endpoint.readModel.name}`);
    byName.set(endpoint.readModel.name, endpoint);
  }

  type Found<T> = { readonly problem: Problem } | ({ readonly problem?: undefined } & T);
  const resolve = async (name: string, role: ActorRole, tenantId: string): Promise<Found<{ endpoint: ReadModelEndpoint<unknown>; state: unknown }>> => {
    const endpoint = byName.get(name);
    if (endpoint === undefined) return { problem: httpProblems.notFound(`no read model is named ${name}`) };
    if (!(endpoint.roles ?? DEFAULT_ROLES).includes(role)) return { problem: httpProblems.forbidden(`a ${role} may not read ${name}`) };
    const state = await endpoint.state(tenantId);
    if (state === undefined) return { problem: httpProblems.unavailable(`read model ${name} is not built yet`) };
    return { endpoint, state };
  };

  app.get('/read-models', async (request, reply) => {
    const { role } = principalOf(request);
    const unexpected = unexpectedParameter(request.query as Record<string, unknown>);
    if (unexpected !== undefined) return sendProblem(reply, unexpected);
    return { readModels: endpoints.filter((e) => (e.roles ?? DEFAULT_ROLES).includes(role)).map((e) => e.readModel.name) };
  });

  app.get('/read-models/:name', async (request, reply) => {
    const principal = principalOf(request);
    const found = await resolve((request.params as Params).name ?? '', principal.role, principal.tenantId);
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    const parsed = listingOf(request.query as Record<string, unknown>, principal.tenantId);
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    return { readModel: found.endpoint.readModel.name, ...pageOf(found.endpoint.readModel.keys(found.state), principal.tenantId, parsed.listing) };
  });

  const explained = async (request: FastifyRequest): Promise<Found<{ explanation: Explanation }>> => {
    const params = request.params as Params;
    const principal = principalOf(request);
    const found = await resolve(params.name ?? '', principal.role, principal.tenantId);
    if (found.problem !== undefined) return { problem: found.problem };
    const unexpected = unexpectedParameter(request.query as Record<string, unknown>);
    if (unexpected !== undefined) return { problem: unexpected };
    const key = params.key ?? '';
    const absent = { problem: httpProblems.notFound(`${params.name} has no figure for ${key}`) };
    // Another province's key is absent, whatever the read model would say.
    if (!key.startsWith(`${principal.tenantId}/`)) return absent;
    const explanation = found.endpoint.readModel.explain(found.state, key);
    return explanation === undefined ? absent : { explanation };
  };

  app.get('/read-models/:name/:key', async (request, reply) => {
    const found = await explained(request);
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    const { readModel, key, value, label, notMeasured, ruleSetVersions } = found.explanation;
    return {
      readModel,
      key,
      value,
      ...(label === undefined ? {} : { label }),
      ...(notMeasured === undefined ? {} : { notMeasured }),
      ruleSetVersions,
    };
  });

  app.get('/read-models/:name/:key/explain', async (request, reply) => {
    const found = await explained(request);
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    return found.explanation;
  });
};
