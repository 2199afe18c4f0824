import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { SqliteStoreError } from '../errors.js';
import { openSqliteEventStore } from '../open.js';
import { tempFiles } from '../test-support.testkit.js';
import { listAll } from './document-store.contract.testkit.js';
import { foldIntoStore } from '../../../core/src/read-side/read-model.testkit.js';
import { POISON_OFFICER, resultReturned, returns, returnStream, strict, wholeLog, type Return } from './inline-documents.fixtures.testkit.js';
import { rebuildInWorkers } from './rebuild-in-workers.js';
import { rebuildSqliteProjections } from './rebuild-group.js';

const newFile = tempFiles();
const fixtures = new URL('./inline-documents.fixtures.testkit.ts', import.meta.url).href;

const returnArbitrary = fc.record({
  tenantId: fc.constantFrom('tn', 'hn'),
  dossier: fc.integer({ min: 1, max: 40 }),
  officerId: fc.constantFrom('officer-1', 'officer-2', 'officer-3'),
  returnDate: fc.constantFrom('2026-03-02', '2026-03-03', '2026-04-01'),
  late: fc.boolean(),
});

/** A file holding `log`, and stale live copies of the projections (built from its first event only). */
const fileWith = async (log: readonly Return[]): Promise<string> => {
  const file = newFile();
  const store = openSqliteEventStore({ file, projections: [returns, strict] });
  await store.appendToStream(returnStream(log[0] as Return), [resultReturned(log[0] as Return)]);
  await store.close();
  const plain = openSqliteEventStore({ file });
  for (const ret of log.slice(1)) await plain.appendToStream(returnStream(ret), [resultReturned(ret)]);
  await plain.close();
  return file;
};

const documentsOf = async (file: string, name: string) => {
  const store = openSqliteEventStore({ file });
  try {
    const projection = name === returns.name ? returns : strict;
    return {
      header: await store.documents.header(name),
      documents: await listAll(store.documents, name, '', 1000),
      folded: await listAll(foldIntoStore(projection, await wholeLog(store)), name, '', 1000),
      head: await store.headPosition(),
    };
  } finally {
    await store.close();
  }
};

describe('rebuilding SQLite projections side by side', () => {
  it('worker threads, each building its group with the engine, promote the documents the whole log folds into, whatever the cache', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(returnArbitrary, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 20 }), async (log, maxCachedDocuments) => {
        // Given a file whose live copies stand after its first event
        const file = await fileWith(log);
        // When both projections are rebuilt, each in a worker thread of its own
        const rebuilt = await rebuildInWorkers({ file, names: ['returns', 'strict'], workers: 2, maxCachedDocuments, projectionsFrom: { module: fixtures, export: 'fixtureProjections' } });
        // Then each was promoted at the head with the documents the whole log folds into
        for (const name of ['returns', 'strict']) {
          const { header, documents, folded, head } = await documentsOf(file, name);
          expect(rebuilt.find((entry) => entry.name === name)?.outcome).toEqual({ promoted: true, checkpoint: head });
          expect(header).toEqual({ version: 1, checkpoint: head, status: 'running' });
          expect(documents).toEqual(folded);
        }
      }),
      { numRuns: 4 },
    );
  }, 300_000);

  it("a province a projection cannot fold stops alone, named with its event, and the rebuild is promoted, in a worker as in this thread", async () => {
    // Given a log whose third event, of tn, the strict projection cannot fold, and whose fourth is of hn
    const log: Return[] = [1, 2, 3, 4].map((dossier) => ({
      tenantId: dossier === 4 ? 'hn' : 'tn',
      dossier,
      officerId: dossier === 3 ? POISON_OFFICER : 'officer-1',
      returnDate: '2026-03-02',
      late: false,
    }));
    for (const inWorkers of [true, false]) {
      const file = await fileWith(log);
      // When both are rebuilt
      const rebuilt = inWorkers
        ? await rebuildInWorkers({ file, names: ['strict', 'returns'], workers: 2, projectionsFrom: { module: fixtures, export: 'fixtureProjections' } })
        : await rebuildSqliteProjections([strict, returns], { file });
      // Then both were promoted at the head, the failing one naming the province and event where tn stopped
      expect(rebuilt.map((entry) => entry.name)).toEqual(['strict', 'returns']);
      expect(rebuilt[0]?.outcome).toMatchObject({ promoted: true, checkpoint: 4, provinceFailures: [{ tenantId: 'tn', globalPosition: 3, eventType: 'ResultReturned' }] });
      expect(rebuilt[1]?.outcome).toEqual({ promoted: true, checkpoint: 4 });
      // And hn's documents were folded after tn's failure
      const store = openSqliteEventStore({ file });
      expect((await listAll(store.documents, 'strict', 'hn/', 10)).length).toBeGreaterThan(0);
      await store.close();
    }
  }, 120_000);

  it('a file that refuses to store documents (read-only, full) fails the rebuild with the store error, in a worker as in this thread', async () => {
    for (const inWorkers of [true, false]) {
      // Given a file whose document copies SQLite refuses to write
      const file = await fileWith([{ tenantId: 'tn', dossier: 1, officerId: 'officer-1', returnDate: '2026-03-02', late: false }]);
      const db = new Database(file);
      db.exec("CREATE TRIGGER refuse_copies BEFORE INSERT ON document_copies BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      db.close();
      // When the projections are rebuilt
      const rebuilding = inWorkers
        ? rebuildInWorkers({ file, names: ['strict', 'returns'], workers: 2, projectionsFrom: { module: fixtures, export: 'fixtureProjections' } })
        : rebuildSqliteProjections([strict, returns], { file });
      // Then the rebuild fails with the store's error, naming the file and what it was doing
      const error: unknown = await rebuilding.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(SqliteStoreError);
      expect((error as SqliteStoreError).code).toBe('SQLITE_CONSTRAINT_TRIGGER');
      expect((error as Error).message).toMatch(new RegExp(`SQLite failed while writing documents to ${file} \\(SQLITE_CONSTRAINT_TRIGGER: disk full\\)$`));
    }
  }, 120_000);
});
