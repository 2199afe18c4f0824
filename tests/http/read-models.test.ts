import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryProjectionStore, reAddProblems, type ExplainableReadModel } from '@motcua/core';
import { readModelFromProjectionStore } from '@motcua/http';
import { bearer, startTestServer, TENANT, type TestServer } from './support.js';

/** Counts per unit, explained as a sum of ones: enough to drive the generic routes. */
type Counts = Record<string, { readonly positions: number[] }>;

const counts: ExplainableReadModel<Counts> = {
  name: 'received-per-unit',
  keys: (state) => Object.keys(state),
  explain: (state, key) => {
    const entry = state[key];
    if (entry === undefined) return undefined;
    const ones = entry.positions.map(() => 1);
    return {
      readModel: 'received-per-unit',
      key,
      value: ones.length,
      ruleSetVersions: ['decree-61-2018'],
      contributions: entry.positions.map((globalPosition, index) => ({ streamId: `dossier-${index}`, streamVersion: 1, globalPosition, type: 'DossierReceived' })),
      steps: [{ label: 'dossiers received', op: 'sum', inputs: ones, result: ones.length }],
    };
  },
};

let server: TestServer;
const tenantsAsked: string[] = [];

beforeAll(async () => {
  const projections = new InMemoryProjectionStore();
  await projections.commit('received-per-unit', { version: 1, checkpoint: 3, state: { 'unit-a': { positions: [1, 2, 3] } } });
  const fromStore = readModelFromProjectionStore(counts, projections);
  server = await startTestServer({
    readModels: [
      { ...fromStore, state: (tenantId: string) => (tenantsAsked.push(tenantId), fromStore.state(tenantId)) },
      { readModel: { ...counts, name: 'not-built' }, state: async () => undefined },
      { readModel: { ...counts, name: 'heads-only' }, state: fromStore.state, roles: ['unit-head'] },
    ],
  });
});

afterAll(async () => {
  await server.app.close();
});

const get = async (url: string, role: Parameters<typeof bearer>[0] = 'inspector') => {
  const response = await server.app.inject({ method: 'GET', url, headers: await bearer(role) });
  return { status: response.statusCode, body: JSON.parse(response.body) };
};

describe('read models over HTTP', () => {
  it('serves a figure, its keys and its explanation, which re-adds', async () => {
    expect((await get('/read-models')).body.readModels).toEqual(['received-per-unit', 'not-built']);
    expect((await get('/read-models/received-per-unit')).body.keys).toEqual(['unit-a']);
    const figure = await get('/read-models/received-per-unit/unit-a');
    expect(figure).toMatchObject({ status: 200, body: { readModel: 'received-per-unit', key: 'unit-a', value: 3 } });
    const explained = await get('/read-models/received-per-unit/unit-a/explain');
    expect(explained.status).toBe(200);
    expect(reAddProblems(explained.body)).toEqual([]);
    expect(tenantsAsked).toContain(TENANT);
  });

  it('answers unknown names and keys with 404, a model not built yet with 503, other roles with 403', async () => {
    expect((await get('/read-models/nothing/unit-a')).status).toBe(404);
    expect((await get('/read-models/received-per-unit/unit-z/explain')).status).toBe(404);
    expect((await get('/read-models/not-built/unit-a')).status).toBe(503);
    expect((await get('/read-models/received-per-unit/unit-a', 'receptionist')).status).toBe(403);
    expect((await get('/read-models/heads-only/unit-a', 'inspector')).status).toBe(403);
    expect((await get('/read-models/heads-only/unit-a', 'unit-head')).status).toBe(200);
  });

  it('lists the read models in the OpenAPI document', async () => {
    const document = JSON.parse((await server.app.inject({ method: 'GET', url: '/openapi.json' })).body);
    expect(document.paths['/read-models/received-per-unit/{key}/explain'].get).toBeDefined();
  });
});
