import type { FastifyInstance } from 'fastify';
import type { ActorRole, ExplainableReadModel, Explanation, ProjectionStore } from '@motcua/core';
import { principalOf, sendProblem } from './http-helpers.js';
import { httpProblems, type Problem } from './problem.js';

/** A read model served as `GET /read-models/{name}/{key}` and `.../{key}/explain`. */
export interface ReadModelEndpoint<State = unknown> {
  readonly readModel: ExplainableReadModel<State>;
  /**
   * The projection's current state for the caller's province (e.g. loaded from the
   * `ProjectionStore` a `ProjectionRunner` commits to); `undefined` while it is not built yet.
   */
  readonly state: (tenantId: string) => Promise<State | undefined>;
  /** Who may read it; default director, inspector, system. */
  readonly roles?: readonly ActorRole[];
}

/**
 * An endpoint whose state is the live copy a `ProjectionRunner` keeps in `store` under
 * `projectionName` (the read model's name by default). The state is not split by province: use it
 * when the store behind the runner holds one province.
 */
export const readModelFromProjectionStore = <State>(
  readModel: ExplainableReadModel<State>,
  store: ProjectionStore,
  options: { readonly projectionName?: string; readonly roles?: readonly ActorRole[] } = {},
): ReadModelEndpoint<State> => ({
  readModel,
  state: async () => (await store.load<State>(options.projectionName ?? readModel.name))?.state,
  ...(options.roles === undefined ? {} : { roles: options.roles }),
});

const DEFAULT_ROLES: readonly ActorRole[] = ['director', 'inspector', 'system'];

type Params = { readonly name?: string; readonly key?: string };

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

  app.get('/read-models', async (request) => {
    const { role } = principalOf(request);
    return { readModels: endpoints.filter((e) => (e.roles ?? DEFAULT_ROLES).includes(role)).map((e) => e.readModel.name) };
  });

  app.get('/read-models/:name', async (request, reply) => {
    const principal = principalOf(request);
    const found = await resolve((request.params as Params).name ?? '', principal.role, principal.tenantId);
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    return { readModel: found.endpoint.readModel.name, keys: found.endpoint.readModel.keys(found.state) };
  });

  const explained = async (params: Params, principal: ReturnType<typeof principalOf>): Promise<Found<{ explanation: Explanation }>> => {
    const found = await resolve(params.name ?? '', principal.role, principal.tenantId);
    if (found.problem !== undefined) return { problem: found.problem };
    const explanation = found.endpoint.readModel.explain(found.state, params.key ?? '');
    if (explanation === undefined) return { problem: httpProblems.notFound(`${params.name} has no figure for ${params.key}`) };
    return { explanation };
  };

  app.get('/read-models/:name/:key', async (request, reply) => {
    const found = await explained(request.params as Params, principalOf(request));
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
    const found = await explained(request.params as Params, principalOf(request));
    if (found.problem !== undefined) return sendProblem(reply, found.problem);
    return found.explanation;
  });
};
