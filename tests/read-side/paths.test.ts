import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDesk,
  createReadModels,
  createVietnamCalendar,
  defaultRuleBook,
  documentQuery,
  fixedClock,
  InMemoryDocumentStore,
  InMemoryEventStore,
  isRight,
  listAll,
  ProjectionEngine,
  figureOf,
  readFigure,
  readModelDocuments,
  withInlineDocuments,
  type DocumentStore,
  type RecordedEvent,
} from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { DEMO_TENANT, seedDemoProvince } from '../../packages/cli/src/seed/index.js';

/**
 * The three paths of the read side give the same documents, for every built-in projection, on the
 * demo province's log (every stream kind, a month of desk work): folded inline after each append in
 * memory, inline in each SQLite append's transaction, and by the projection engine from the log.
 */
const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
const { projections } = readModels;

const documentsOf = (store: DocumentStore, name: string) => listAll(documentQuery(store, name), '');

let dir: string;
let log: RecordedEvent[];
let inline: InMemoryDocumentStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-read-side-paths-'));
  const events = new InMemoryEventStore();
  inline = new InMemoryDocumentStore();
  const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
  const desk = createDesk({ store: await withInlineDocuments(events, inline, projections), clock });
  await seedDemoProvince(desk, { seed: 7, months: 1, clock });
  log = [...(await events.readAll({ maxCount: 1_000_000 })).events];
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the read side’s paths', () => {
  it('the engine, folding the log, gives the documents folded inline after each append', async () => {
    const events = new InMemoryEventStore();
    for (const event of log) {
      const appended = await events.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
      expect(isRight(appended)).toBe(true);
    }
    const built = new InMemoryDocumentStore();
    const engine = new ProjectionEngine({ eventStore: events, documentStore: built, projections, batchSize: 97 });
    await engine.start();
    await engine.caughtUp();
    await engine.stop();
    for (const { name, version } of projections) {
      expect((await built.header(name))?.checkpoint, name).toBe(log.length);
      expect((await inline.header(name))?.version, name).toBe(version);
      const documents = await documentsOf(inline, name);
      expect(documents.length, name).toBeGreaterThan(0);
      expect(await documentsOf(built, name), name).toEqual(documents);
    }
  }, 120_000);

  it('SQLite, folding inside each append’s transaction, gives the same documents', async () => {
    const store = openSqliteEventStore({ file: join(dir, 'inline.db'), synchronous: 'NORMAL', projections });
    try {
      for (const event of log) {
        const appended = await store.appendToStream(event.metadata.streamId, [{ type: event.type, data: event.data, metadata: event.metadata }]);
        expect(isRight(appended)).toBe(true);
      }
      for (const { name } of projections) {
        expect((await store.documents.header(name))?.checkpoint, name).toBe(log.length);
        expect(await documentsOf(store.documents, name), name).toEqual(await documentsOf(inline, name));
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('a figure read alone', () => {
  it('equals the figure of its explanation, for every read model (keys sampled across each listing)', async () => {
    for (const readModel of readModels.all) {
      const documents = readModelDocuments(inline, readModel);
      const keys: string[] = [];
      for (let after: string | undefined; ; ) {
        const page = await readModel.keys(documents, { prefix: `${DEMO_TENANT}/`, limit: 500, ...(after === undefined ? {} : { after }) });
        keys.push(...page.keys);
        if (page.next === undefined) break;
        after = page.next;
      }
      expect(keys.length, readModel.name).toBeGreaterThan(0);
      const step = Math.max(1, Math.floor(keys.length / 150));
      for (let i = 0; i < keys.length; i += step) {
        const key = keys[i] as string;
        const explained = await readModel.explain(documents, key);
        expect(await readFigure(readModel, documents, key), key).toEqual(explained === undefined ? undefined : figureOf(explained));
      }
    }
  }, 120_000);
});
