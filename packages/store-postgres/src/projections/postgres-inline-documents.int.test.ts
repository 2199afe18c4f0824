import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineProjection, documentKey, type AnyProjection, type DocumentStore, type EventStore } from '@motcua/core';
import { ProjectionEngine } from '../../../core/src/read-side/engine/projection-engine.js';
import { foldIntoStore } from '../../../core/src/read-side/read-model.testkit.js';
import { listAll } from '../../../store-sqlite/src/projections/document-store.contract.testkit.js';
import {
  POISON_OFFICER,
  resultReturned,
  returnStream,
  returns,
  strict,
  wholeLog,
  type Return,
} from '../../../store-sqlite/src/projections/inline-documents.fixtures.testkit.js';
import { PostgresStoreError } from '../errors.js';
import { openPostgresEventStore } from '../open.js';
import { postgresDatabase } from '../test-support.testkit.js';
import { openPostgresDocumentStore } from './postgres-document-store.js';

const db = postgresDatabase('packages/store-postgres/src/projections/postgres-inline-documents.int.test.ts');

const open = (schema: string, projections: readonly AnyProjection[] = [returns, strict], poolSize = 2) =>
  openPostgresEventStore({ connectionString: db.url(), schema, poolSize, pollIntervalMs: 0, projections });

/**
 * Reads a document to tell which it touches: the first return of a dossier counts on its day, a
 * later one on the day of the first (what the prefetch before a fold cannot guess).
 */
const firsts = defineProjection<{ readonly count: number; readonly day?: string }>({
  name: 'firsts',
  version: 1,
  handlers: {
    ResultReturned: {
      touches: (event, documents) => {
        const { tenantId } = event.metadata;
        const dossier = documentKey(tenantId, 'dossier', event.data.dossierCode);
        return [dossier, documentKey(tenantId, 'day', documents.get(dossier)?.day ?? event.data.returnDate)];
      },
      evolve: (document, event, key) =>
        key.includes('/dossier/')
          ? { count: (document?.count ?? 0) + 1, day: document?.day ?? event.data.returnDate }
          : { count: (document?.count ?? 0) + 1 },
    },
  },
});

const returnArbitrary: fc.Arbitrary<Return> = fc.record({
  tenantId: fc.constantFrom('tn', 'tnb', 'hn'),
  dossier: fc.integer({ min: 1, max: 6 }),
  officerId: fc.constantFrom('officer-1', 'officer-2'),
  returnDate: fc.constantFrom('2026-03-02', '2026-03-03'),
  late: fc.boolean(),
});

const ret = (dossier: number, extra: Partial<Return> = {}): Return => ({
  tenantId: 'tn',
  dossier,
  officerId: 'officer-1',
  returnDate: '2026-03-02',
  late: false,
  ...extra,
});

const append = async (store: Pick<EventStore, 'appendToStream'>, r: Return) => {
  const result = await store.appendToStream(returnStream(r), [resultReturned(r)]);
  if (result._tag === 'Left') throw new Error(`append refused: ${JSON.stringify(result.left)}`);
  return result.right;
};

/** Every document of a projection, in key order. */
const everything = (documents: DocumentStore, name: string) => listAll(documents, name, '', 7);

describe.skipIf(db.skipped !== undefined)('postgres inline document projections', () => {
  it('inline equals folding the same events in memory, whatever the appends and their grouping', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.array(returnArbitrary, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { maxLength: 5 }), async (rounds) => {
        const store = await open(db.freshSchema('equal'), [returns, strict, firsts]);
        try {
          // Appends of a round are issued together, so they share a transaction (group commit); the
          // events of one append are of its stream's province
          for (const round of rounds) {
            await Promise.all(
              round.map((returns) => {
                const { tenantId, dossier } = returns[0] as Return;
                return store.appendToStream(returnStream(returns[0] as Return), returns.map((r) => resultReturned({ ...r, tenantId, dossier })));
              }),
            );
          }
          const events = await wholeLog(store);
          const head = events.at(-1)?.metadata.globalPosition ?? 0;
          for (const projection of [returns, strict, firsts] as readonly AnyProjection[]) {
            const memory = foldIntoStore(projection, events);
            expect(await everything(store.documents, projection.name)).toEqual(await everything(memory, projection.name));
            if (head > 0) expect(await store.documents.header(projection.name)).toEqual({ version: 1, checkpoint: head, status: 'running' });
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 12 },
    );
  });

  it("a handler that throws fails the event's province in its projection; the append, the other provinces and the other projections go on", async () => {
    const store = await open(db.freshSchema('poison'));
    await append(store, ret(1));
    const poisoned = await append(store, ret(2, { officerId: POISON_OFFICER }));
    await append(store, ret(3));
    await append(store, ret(4, { tenantId: 'hn' }));
    const events = await wholeLog(store);
    expect(events).toHaveLength(4);
    expect(await store.documents.header('strict')).toEqual({
      version: 1,
      checkpoint: 4,
      status: 'running',
      provinceFailures: [{
        tenantId: 'tn',
        globalPosition: poisoned.lastGlobalPosition,
        streamId: returnStream(ret(2)),
        streamVersion: 1,
        eventType: 'ResultReturned',
        message: 'cannot count 000.00.15.H12-260302-0002',
      }],
    });
    expect((await store.documents.getMany('strict', ['tn/all'])).get('tn/all')).toEqual({ count: 1, last: 1 });
    expect((await store.documents.getMany('strict', ['hn/all'])).get('hn/all')).toEqual({ count: 1, last: 4 });
    expect(await store.documents.header('returns')).toEqual({ version: 1, checkpoint: 4, status: 'running' });
    expect(await everything(store.documents, 'returns')).toEqual(await everything(foldIntoStore(returns, events), 'returns'));
    await store.close();
  });

  it('a database error while folding aborts the append: no event, no document', async () => {
    const schema = db.freshSchema('abort');
    const store = await open(schema);
    await append(store, ret(1));
    await db.admin().query(`CREATE FUNCTION "${schema}".gone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk gone'; END $$;
      CREATE TRIGGER gone BEFORE INSERT OR UPDATE ON "${schema}".documents FOR EACH ROW EXECUTE FUNCTION "${schema}".gone();`);
    const failed = store.appendToStream(returnStream(ret(2)), [resultReturned(ret(2))]);
    await expect(failed).rejects.toThrow(PostgresStoreError);
    await expect(failed).rejects.toThrow(/disk gone/);
    expect(await wholeLog(store)).toHaveLength(1);
    expect(await store.documents.header('returns')).toEqual({ version: 1, checkpoint: 1, status: 'running' });
    // And once the database works again, the next append folds as before
    await db.admin().query(`DROP TRIGGER gone ON "${schema}".documents`);
    await append(store, ret(3));
    const events = await wholeLog(store);
    expect(events.map((event) => event.metadata.globalPosition)).toEqual([1, 2]);
    expect(await everything(store.documents, 'returns')).toEqual(await everything(foldIntoStore(returns, events), 'returns'));
    await store.close();
  });

  it('concurrent appends from two connections lose no document update', async () => {
    const schema = db.freshSchema('race');
    const [first, second] = [await open(schema), await open(schema)];
    const perStore = 25;
    // Every append touches the same documents (the province's counter, the day's, the officer's)
    await Promise.all(
      [first, second].map(async (store, s) => {
        for (let i = 0; i < perStore; i++) await append(store, ret(100 * (s + 1) + i));
      }),
    );
    const events = await wholeLog(first);
    expect(events).toHaveLength(2 * perStore);
    expect((await first.documents.getMany('strict', ['tn/all'])).get('tn/all')).toEqual({ count: 2 * perStore, last: 2 * perStore });
    expect(await everything(second.documents, 'returns')).toEqual(await everything(foldIntoStore(returns, events), 'returns'));
    expect(await first.documents.header('returns')).toEqual({ version: 1, checkpoint: 2 * perStore, status: 'running' });
    await first.close();
    await second.close();
  });

  it('a commit to the live copy from elsewhere waits for the append that folds into it', async () => {
    const schema = db.freshSchema('lock');
    const store = await open(schema, [strict]);
    await append(store, ret(1));
    // Given another transaction holding the live copy's row
    const other = await db.admin().connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM "${schema}".document_copies WHERE projection = 'strict' AND slot = 'live' FOR UPDATE`);
      // When an append folds into it, it waits
      let done = false;
      const appended = append(store, ret(2)).then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      // Then it commits once the other transaction ends
      await other.query('COMMIT');
      await appended;
    } finally {
      other.release();
    }
    expect((await store.documents.getMany('strict', ['tn/all'])).get('tn/all')).toEqual({ count: 2, last: 2 });
    await store.close();
  });

  it('appends folding inline and commits to the same live copy from elsewhere take turns without a deadlock', async () => {
    const schema = db.freshSchema('deadlock');
    const store = await open(schema, [strict]);
    await append(store, ret(1));
    const other = await openPostgresDocumentStore({ connectionString: db.url(), schema, poolSize: 2 });
    // Both write the copy's row and the same document, in the same order (copy first), a fresh commit included
    const results = await Promise.allSettled([
      (async () => {
        for (let i = 2; i <= 16; i++) await append(store, ret(i));
      })(),
      (async () => {
        for (let i = 0; i < 15; i++) {
          await other.commit('strict', { version: 1, checkpoint: 1, documents: new Map([['tn/all', { count: 0, last: 0 }]]), fresh: i % 3 === 0 });
        }
      })(),
    ]);
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    await Promise.all([store.close(), other.close()]);
  });

  it('catches inline projections up at open: events appended without them, and a projection new to the schema', async () => {
    const schema = db.freshSchema('catchup');
    const plain = await open(schema, []);
    for (let i = 1; i <= 5; i++) await append(plain, ret(i, { tenantId: i % 2 === 0 ? 'hn' : 'tn', late: i > 3 }));
    // When a store with one projection opens, it is built; appends without it go on meanwhile
    const one = await open(schema, [returns]);
    expect(await one.documents.header('returns')).toEqual({ version: 1, checkpoint: 5, status: 'running' });
    await append(plain, ret(6));
    await append(one, ret(7));
    expect(await one.documents.header('strict')).toBeUndefined();
    // And a store opening with a second projection builds it from the start
    const both = await open(schema, [returns, strict]);
    const events = await wholeLog(both);
    expect(events).toHaveLength(7);
    for (const projection of [returns, strict]) {
      expect(await everything(both.documents, projection.name)).toEqual(await everything(foldIntoStore(projection, events), projection.name));
      expect(await both.documents.header(projection.name)).toEqual({ version: 1, checkpoint: 7, status: 'running' });
    }
    await Promise.all([plain.close(), one.close(), both.close()]);
  });

  it('a new version is built by the engine while appends go on, then folded inline from where the build stopped', async () => {
    const schema = db.freshSchema('rebuild');
    const v1 = await open(schema, [returns]);
    for (let i = 1; i <= 10; i++) await append(v1, ret(i, { tenantId: i % 2 === 0 ? 'hn' : 'tn' }));
    await v1.close();
    // Given a store and an engine with version 2, the engine building it while appends fold nothing inline
    const returnsV2 = { ...returns, version: 2 };
    const store = await open(schema, [returnsV2]);
    const engine = new ProjectionEngine({ eventStore: store, documentStore: store.documents, projections: [returnsV2], liveFoldedBy: 'store', batchSize: 3 });
    const appending = (async () => {
      for (let i = 11; i <= 20; i++) await append(store, ret(i, { late: true }));
    })();
    await Promise.all([engine.start(), appending]);
    await engine.caughtUp();
    await engine.stop();
    // When one more append comes once version 2 is live
    await append(store, ret(21));
    // Then version 2 holds the fold of the whole log, at its head
    const events = await wholeLog(store);
    expect(await store.documents.header('returns')).toEqual({ version: 2, checkpoint: 21, status: 'running' });
    expect(await everything(store.documents, 'returns')).toEqual(await everything(foldIntoStore(returns, events), 'returns'));
    await store.close();
  });

  it('leaves a live copy of another version to its rebuild: the append succeeds and the copy stays as it was', async () => {
    const schema = db.freshSchema('version');
    const v1 = await open(schema, [strict]);
    await append(v1, ret(1));
    await v1.close();
    const v2 = await open(schema, [{ ...strict, version: 2 }]);
    await append(v2, ret(2));
    expect(await v2.documents.header('strict')).toEqual({ version: 1, checkpoint: 1, status: 'running' });
    await v2.close();
  });
});
