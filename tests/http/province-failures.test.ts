import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineProjection,
  documentKey,
  dossierListProjection,
  InMemoryDocumentStore,
  InMemoryEventStore,
  isRight,
  withInlineDocuments,
  type DocumentStore,
  type ReadModel,
} from '@motcua/core';
import { forward } from '../../packages/core/src/read-side/engine/projection-engine.testkit.js';
import { bearer, OTHER_TENANT, receiveBody, startTestServer, TENANT, type TestServer } from './support.js';

/** A unit whose receipts the projection cannot fold (a bug that shows in one province's data only). */
const BAD_UNIT = 'u-bad';

type Receipts = { readonly count: number };

const projection = defineProjection<Receipts>({
  name: 'receipts-per-unit',
  version: 1,
  handlers: {
    DossierReceived: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'unit', event.data.receivingUnitId)],
      evolve: (document, event) => {
        if (event.data.receivingUnitId === BAD_UNIT) throw new Error(`cannot count unit ${BAD_UNIT}`);
        return { count: (document?.count ?? 0) + 1 };
      },
    },
  },
});

/** Figure `<tenant>/receipts/<unit>` is the count of document `<tenant>/unit/<unit>`. */
const receiptsPerUnit: ReadModel<Receipts> = {
  name: 'receipts-per-unit',
  description: 'dossiers received per unit',
  projection,
  exampleKey: 'receipts/u1',
  keys: async (documents, { prefix, limit }) => {
    const tenantId = prefix.slice(0, prefix.indexOf('/'));
    const page = await documents.list({ prefix: `${tenantId}/unit/`, limit });
    return { keys: page.documents.map(([key]) => key.replace('/unit/', '/receipts/')) };
  },
  explain: async (documents, key) => {
    const document = await documents.get(key.replace('/receipts/', '/unit/'));
    if (document === undefined) return undefined;
    return { readModel: 'receipts-per-unit', key, value: document.count, ruleSetVersions: [], contributions: [], steps: [] };
  },
};

/** The same documents, read as a copy an earlier version stopped whole (status `failed`). */
const stoppedWhole = (inner: DocumentStore): DocumentStore => ({
  ...forward(inner),
  header: async (name, slot) => {
    const header = await inner.header(name === 'stopped-whole' ? projection.name : name, slot);
    if (name !== 'stopped-whole' || header === undefined) return header;
    return { ...header, status: 'failed', failure: { globalPosition: 1, streamId: 'old-stream', streamVersion: 1, eventType: 'DossierReceived', message: 'bug' } };
  },
});

let server: TestServer;
let receipts = 0;

const receive = async (unit: string, tenantId: string) => {
  const code = `000.00.15.H55-260302-${String(++receipts).padStart(4, '0')}`;
  const result = await server.desk.dossiers.handle(
    { type: 'ReceiveDossier', data: receiveBody(code, { receivingUnitId: unit }) },
    { actor: { id: 'o', role: 'receptionist' }, tenantId },
  );
  if (!isRight(result)) throw new Error(JSON.stringify(result.left));
};

beforeAll(async () => {
  const documents = new InMemoryDocumentStore();
  const store = await withInlineDocuments(new InMemoryEventStore(), documents, [projection, dossierListProjection]);
  server = await startTestServer({
    store,
    readSide: {
      documents: stoppedWhole(documents),
      readModels: [receiptsPerUnit, { ...receiptsPerUnit, name: 'stopped-whole', projection: { ...projection, name: 'stopped-whole' } }],
    },
  });
});

afterAll(async () => {
  await server.app.close();
});

const get = async (url: string, tenantId: string) => {
  const response = await server.app.inject({ method: 'GET', url, headers: await bearer('inspector', { tenantId }) });
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown>, text: response.body };
};
const figure = (tenantId: string, unit: string) => `/read-models/receipts-per-unit/${encodeURIComponent(`${tenantId}/receipts/${unit}`)}`;

describe('a read model one province cannot fold', () => {
  it('answers 503 naming the event to that province only; the other province reads on, its appends accepted and folded', async () => {
    // Given both provinces' receipts, and one of the other province the projection cannot fold
    await receive('u1', TENANT);
    await receive('u1', OTHER_TENANT);
    await receive(BAD_UNIT, OTHER_TENANT);
    const failing = receipts;
    await receive('u1', OTHER_TENANT);
    // When this province keeps receiving
    await receive('u1', TENANT);
    // Then its figures are served and up to date
    expect(await get(figure(TENANT, 'u1'), TENANT)).toMatchObject({ status: 200, body: { value: 2 } });
    const listing = await get('/read-models/receipts-per-unit', TENANT);
    expect(listing).toMatchObject({ status: 200, body: { keys: [`${TENANT}/receipts/u1`] } });
    // And nothing it is shown names the other province
    expect(listing.text).not.toContain(OTHER_TENANT);
    // And the list of read models it may read says none is unavailable to it
    const readModels = await get('/read-models', TENANT);
    expect(readModels.body).toEqual({ readModels: ['receipts-per-unit', 'stopped-whole'], unavailable: { 'stopped-whole': expect.any(String) } });
    expect(readModels.text).not.toContain(OTHER_TENANT);
    // While the other province is told that one is unavailable to it, and why
    expect((await get('/read-models', OTHER_TENANT)).body.unavailable).toMatchObject({ 'receipts-per-unit': expect.stringContaining('stopped for your province') });
    // While the other province is answered 503 on every read of the read model, naming the event that failed
    for (const url of [figure(OTHER_TENANT, 'u1'), `${figure(OTHER_TENANT, 'u1')}/explain`, '/read-models/receipts-per-unit']) {
      const answer = await get(url, OTHER_TENANT);
      expect(answer.status, url).toBe(503);
      expect(answer.body.detail, url).toContain('stopped for your province');
      expect(answer.body.detail, url).toContain('DossierReceived');
      expect(answer.body.detail, url).toContain(`dossier-${OTHER_TENANT}:000.00.15.H55-260302-${String(failing).padStart(4, '0')}`);
    }
  });

  it('answers 503 to every province for a copy an earlier version stopped whole, as that version did', async () => {
    for (const tenantId of [TENANT, OTHER_TENANT]) {
      const answer = await get(`/read-models/stopped-whole/${encodeURIComponent(`${tenantId}/receipts/u1`)}`, tenantId);
      expect(answer.status).toBe(503);
      expect(answer.body.detail).toContain('stopped at an event it could not fold');
    }
  });
});
