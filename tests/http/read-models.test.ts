import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDesk,
  defineProjection,
  documentKey,
  dossierListProjection,
  InMemoryDocumentStore,
  InMemoryEventStore,
  isRight,
  reAddProblems,
  withInlineDocuments,
  type DocumentQuery,
  type ReadModel,
} from '@motcua/core';
import { bearer, OTHER_TENANT, receiveBody, startTestServer, TENANT, type TestServer } from './support.js';

/** Receipts per unit, explained as a sum of ones: enough to drive the generic routes. */
type Receipts = { readonly positions: readonly number[] };

const projection = defineProjection<Receipts>({
  name: 'received-per-unit',
  version: 1,
  handlers: {
    DossierReceived: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'unit', event.data.receivingUnitId)],
      evolve: (document, event) => ({ positions: [...(document?.positions ?? []), event.metadata.globalPosition] }),
    },
  },
});

const FIGURE = 'received/unit/';
/** `<tenant>/received/unit/<unit>` ↔ document `<tenant>/unit/<unit>`. */
const documentKeyOf = (figure: string) => figure.replace(`/${FIGURE}`, '/unit/');
const figureKeyOf = (document: string) => document.replace('/unit/', `/${FIGURE}`);

const receivedPerUnit: ReadModel<Receipts> = {
  name: 'received-per-unit',
  description: 'dossiers received per unit',
  projection,
  exampleKey: `${FIGURE}u000`,
  keys: async (documents: DocumentQuery<Receipts>, { prefix, after, limit }) => {
    const tenantId = prefix.slice(0, prefix.indexOf('/'));
    const relative = prefix.slice(tenantId.length + 1);
    // Figure keys under the prefix are the documents under the matching document prefix.
    if (!(FIGURE.startsWith(relative) || relative.startsWith(FIGURE))) return { keys: [] };
    const documentPrefix = relative.length <= FIGURE.length ? `${tenantId}/unit/` : documentKeyOf(prefix);
    const page = await documents.list({ prefix: documentPrefix, limit, ...(after === undefined ? {} : { after: documentKeyOf(after) }) });
    return { keys: page.documents.map(([key]) => figureKeyOf(key)), ...(page.next === undefined ? {} : { next: figureKeyOf(page.next) }) };
  },
  explain: async (documents, key) => {
    const document = await documents.get(documentKeyOf(key));
    if (!key.includes(`/${FIGURE}`) || document === undefined) return undefined;
    const ones = document.positions.map(() => 1);
    return {
      readModel: 'received-per-unit',
      key,
      value: ones.length,
      ruleSetVersions: ['decree-61-2018'],
      contributions: document.positions,
      steps: [{ label: 'dossiers received', op: 'sum', inputs: ones, result: ones.length }],
    };
  },
};

/** 150 units in this province (`u000`…`u149`, two receipts each), and a unit of the same code in another. */
const units = Array.from({ length: 150 }, (_, i) => `u${String(i).padStart(3, '0')}`);
const key = (unit: string, tenantId = TENANT) => `${tenantId}/received/unit/${unit}`;

let server: TestServer;

beforeAll(async () => {
  const documents = new InMemoryDocumentStore();
  const store = await withInlineDocuments(new InMemoryEventStore(), documents, [projection, dossierListProjection]);
  const desk = createDesk({ store, references: 'unchecked' });
  const receive = async (n: number, unit: string, tenantId: string) => {
    const code = `000.00.15.H55-260302-${String(n).padStart(4, '0')}`;
    const result = await desk.dossiers.handle({ type: 'ReceiveDossier', data: receiveBody(code, { receivingUnitId: unit }) }, { actor: { id: 'o', role: 'receptionist' }, tenantId });
    if (!isRight(result)) throw new Error(JSON.stringify(result.left));
  };
  for (const [i, unit] of units.entries()) {
    await receive(2 * i, unit, TENANT);
    await receive(2 * i + 1, unit, TENANT);
  }
  await receive(9000, 'u000', OTHER_TENANT);
  server = await startTestServer({
    store,
    readSide: {
      documents,
      readModels: [
        receivedPerUnit,
        { ...receivedPerUnit, name: 'not-built', projection: { ...projection, name: 'not-built' } },
        { ...receivedPerUnit, name: 'heads-only' },
        // Keys of every province, whatever the prefix: the routes still show the caller's keys only.
        { ...receivedPerUnit, name: 'unfiltered', keys: async (documents) => ({ keys: (await documents.list({ prefix: '', limit: 1000 })).documents.map(([document]) => figureKeyOf(document)) }) },
      ],
      roles: { 'heads-only': ['unit-head'] },
    },
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
    expect(explained.body.contributions).toHaveLength(2);
    expect(explained.body.contributions[0]).toMatchObject({ type: 'DossierReceived', streamId: `dossier-${TENANT}:000.00.15.H55-260302-0014` });
  });

  it('serves a key as it is written, slashes and all, the same as URL-encoded; a last segment explain explains it', async () => {
    const encoded = await get(path('received-per-unit', key('u007')));
    const written = await get(`/read-models/received-per-unit/${key('u007')}`);
    expect(written).toEqual(encoded);
    const explained = await get(`/read-models/received-per-unit/${key('u007')}/explain`);
    expect(explained.body).toEqual((await get(path('received-per-unit', key('u007'), true))).body);
    expect(explained.body.contributions).toHaveLength(2);
    expect((await get(`/read-models/received-per-unit/${key('u007')}?x=1`)).status).toBe(400);
    expect((await get(`/read-models/received-per-unit/${key('u999')}`)).status).toBe(404);
    expect((await get(`/read-models/received-per-unit/${key('u007', OTHER_TENANT)}`)).status).toBe(404);
    expect((await get(`/read-models/nothing/${key('u007')}`)).status).toBe(404);
  });

  it('lists keys in pages of 100 by default, in order, each key once, with a cursor to the next page', async () => {
    const first = await get('/read-models/received-per-unit');
    expect(first.body.keys).toHaveLength(100);
    expect(first.body.keys[0]).toBe(key('u000'));
    const second = await get(`/read-models/received-per-unit?cursor=${first.body.nextCursor}`);
    expect(second.body.keys).toHaveLength(50);
    expect(second.body.nextCursor).toBeUndefined();
    expect([...first.body.keys, ...second.body.keys]).toEqual(units.map((unit) => key(unit)));
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
