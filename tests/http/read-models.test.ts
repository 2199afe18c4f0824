import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byProvince, byProvinceReadModel, InMemoryProjectionStore, reAddProblems, type ExplainableReadModel, type ProvinceTables } from '@motcua/core';
import { readModelFromProjectionStore } from '@motcua/http';
import { bearer, OTHER_TENANT, startTestServer, TENANT, type TestServer } from './support.js';

/** Receipts per unit, explained as a sum of ones: enough to drive the generic routes. */
type Counts = { readonly units: Record<string, { readonly positions: number[] }> };

const countsOfOneProvince: ExplainableReadModel<Counts> = {
  name: 'received-per-unit',
  keys: (state) => Object.keys(state.units).map((unit) => `received/unit/${unit}`),
  explain: (state, key) => {
    const entry = state.units[key.slice('received/unit/'.length)];
    if (!key.startsWith('received/unit/') || entry === undefined) return undefined;
    const ones = entry.positions.map(() => 1);
    return {
      readModel: 'received-per-unit',
      key,
      value: ones.length,
      ruleSetVersions: ['decree-61-2018'],
      contributions: entry.positions.map((globalPosition, index) => ({ streamId: `dossier-x:${index}`, streamVersion: 1, globalPosition, type: 'DossierReceived' })),
      steps: [{ label: 'dossiers received', op: 'sum', inputs: ones, result: ones.length }],
    };
  },
};
const projection = byProvince<Counts>({ name: 'received-per-unit', version: 1, initialState: () => ({ units: {} }), handle: (state) => state });
const counts = byProvinceReadModel(projection, countsOfOneProvince);

/** 150 units in this province (`u000`…`u149`), and a unit of the same code in another. */
const units = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`u${String(i).padStart(3, '0')}`, { positions: [i * 2 + 1, i * 2 + 2] }]));
const state: ProvinceTables = { [`${TENANT}/units`]: units, [`${OTHER_TENANT}/units`]: { u000: { positions: [999] } } };
const key = (unit: string, tenantId = TENANT) => `${tenantId}/received/unit/${unit}`;

let server: TestServer;
const tenantsAsked: string[] = [];

beforeAll(async () => {
  const projections = new InMemoryProjectionStore();
  await projections.commit('received-per-unit', { version: 1, checkpoint: 300, state });
  const fromStore = readModelFromProjectionStore(counts, projections);
  server = await startTestServer({
    readModels: [
      { ...fromStore, state: (tenantId: string) => (tenantsAsked.push(tenantId), fromStore.state(tenantId)) },
      { readModel: { ...counts, name: 'not-built' }, state: async () => undefined },
      { readModel: { ...counts, name: 'heads-only' }, state: fromStore.state, roles: ['unit-head'] },
      // A state that wrongly holds every province: the routes still show the caller's keys only.
      { readModel: { ...counts, name: 'unfiltered' }, state: async () => state },
    ],
  });
});

afterAll(async () => {
  await server.app.close();
});

const get = async (url: string, role: Parameters<typeof bearer>[0] = 'inspector', tenantId = TENANT) => {
  const response = await server.app.inject({ method: 'GET', url, headers: await bearer(role, { tenantId }) });
  return { status: response.statusCode, body: JSON.parse(response.body) };
};
const path = (name: string, figure: string, explain = false) => `/read-models/${name}/${encodeURIComponent(figure)}${explain ? '/explain' : ''}`;

describe('read models over HTTP', () => {
  it('serves a figure by its URL-encoded key, and its explanation, which re-adds', async () => {
    expect((await get('/read-models')).body.readModels).toEqual(['received-per-unit', 'not-built', 'unfiltered']);
    const figure = await get(path('received-per-unit', key('u007')));
    expect(figure).toMatchObject({ status: 200, body: { readModel: 'received-per-unit', key: key('u007'), value: 2 } });
    const explained = await get(path('received-per-unit', key('u007'), true));
    expect(explained.status).toBe(200);
    expect(reAddProblems(explained.body)).toEqual([]);
    expect(tenantsAsked).toContain(TENANT);
  });

  it('lists keys in pages of 100 by default, in order, each key once, with a cursor to the next page', async () => {
    const first = await get('/read-models/received-per-unit');
    expect(first.body.keys).toHaveLength(100);
    expect(first.body.keys[0]).toBe(key('u000'));
    const second = await get(`/read-models/received-per-unit?cursor=${first.body.nextCursor}`);
    expect(second.body.keys).toHaveLength(50);
    expect(second.body.nextCursor).toBeUndefined();
    expect([...first.body.keys, ...second.body.keys]).toEqual(Object.keys(units).map((unit) => key(unit)));
    const small = await get('/read-models/received-per-unit?limit=2');
    expect(small.body.keys).toEqual([key('u000'), key('u001')]);
    expect((await get(`/read-models/received-per-unit?limit=1000&cursor=${small.body.nextCursor}`)).body.keys).toHaveLength(148);
  });

  it('filters the listing by a prefix relative to the caller’s province', async () => {
    expect((await get(`/read-models/received-per-unit?prefix=${encodeURIComponent('received/unit/u14')}`)).body.keys).toEqual(
      Array.from({ length: 10 }, (_, i) => key(`u14${i}`)),
    );
    expect((await get('/read-models/received-per-unit?prefix=nothing/')).body).toEqual({ readModel: 'received-per-unit', keys: [] });
    // The caller's province is implied: a prefix naming it again matches nothing.
    expect((await get(`/read-models/received-per-unit?prefix=${TENANT}/`)).body.keys).toEqual([]);
  });

  it('answers bad listing parameters with 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['cursor=not-a-cursor!', 'cursor'],
      [`cursor=${Buffer.from('p12').toString('base64url')}`, 'cursor'],
      [`cursor=${Buffer.from(`k${key('u000', OTHER_TENANT)}`).toString('base64url')}`, 'cursor'],
      ['prefix=%2Freceived', 'prefix'],
      [`prefix=${'x'.repeat(501)}`, 'prefix'],
      ['after=received', 'after'],
    ];
    for (const [query, field] of cases) {
      const response = await get(`/read-models/received-per-unit?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.errors?.[0]?.field, query).toBe(field);
    }
    // The other routes take no parameter at all.
    for (const url of ['/read-models?limit=2', `${path('received-per-unit', key('u000'))}?asOf=now`, `${path('received-per-unit', key('u000'), true)}?x=1`]) {
      const response = await get(url);
      expect(response.status, url).toBe(400);
      expect(response.body.errors?.[0]?.rule, url).toBe('unknown');
    }
  });

  it('shows another province nothing: its listing holds only its keys, this province’s keys are 404', async () => {
    for (const name of ['received-per-unit', 'unfiltered']) {
      expect((await get(`/read-models/${name}`, 'director', OTHER_TENANT)).body.keys).toEqual([key('u000', OTHER_TENANT)]);
      expect((await get(path(name, key('u001')), 'director', OTHER_TENANT)).status).toBe(404);
      expect((await get(path(name, key('u001'), true), 'director', OTHER_TENANT)).status).toBe(404);
      expect((await get(path(name, key('u000', OTHER_TENANT)), 'director')).status).toBe(404);
      expect((await get(path(name, key('u000', OTHER_TENANT)), 'director', OTHER_TENANT)).body.value).toBe(1);
    }
    // The same unit code is two figures: each province sees its own.
    expect((await get(path('received-per-unit', key('u000')))).body.value).toBe(2);
  });

  it('answers unknown names and keys with 404, a model not built yet with 503, other roles with 403', async () => {
    expect((await get(path('nothing', key('u000')))).status).toBe(404);
    expect((await get(path('received-per-unit', key('u999'), true))).status).toBe(404);
    expect((await get(path('received-per-unit', 'received/unit/u000'))).status).toBe(404);
    expect((await get(path('not-built', key('u000')))).status).toBe(503);
    expect((await get(path('received-per-unit', key('u000')), 'receptionist')).status).toBe(403);
    expect((await get(path('heads-only', key('u000')), 'inspector')).status).toBe(403);
    expect((await get(path('heads-only', key('u000')), 'unit-head')).status).toBe(200);
  });

  it('lists the read models in the OpenAPI document, with the listing’s parameters', async () => {
    const document = JSON.parse((await server.app.inject({ method: 'GET', url: '/openapi.json' })).body);
    expect(document.paths['/read-models/received-per-unit/{key}/explain'].get).toBeDefined();
    const listed = (document.paths['/read-models/received-per-unit'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(listed).toEqual(['limit', 'cursor', 'prefix']);
  });
});
