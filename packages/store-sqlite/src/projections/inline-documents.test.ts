import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defineProjection, documentKey, documentPrefix, type AnyProjection } from '@motcua/core';
import { foldIntoStore } from '../../../core/src/read-side/read-model.testkit.js';
import { openSqliteEventStore } from '../open.js';
import { tempFiles } from '../test-support.testkit.js';
import { listAll } from './document-store.contract.testkit.js';
import { openSqliteDocumentStore } from './sqlite-document-store.js';
import { POISON_OFFICER, resultReturned, returns, returnStream, strict, wholeLog, type Counted, type Return } from './inline-documents.fixtures.testkit.js';

const newFile = tempFiles();
const UNWRITABLE_OFFICER = 'officer-unwritable';
const here = dirname(fileURLToPath(import.meta.url));

const returnOf = (dossier: number, extra: Partial<Return> = {}): Return => ({
  tenantId: 'tn',
  dossier,
  officerId: 'officer-1',
  returnDate: '2026-03-02',
  late: false,
  ...extra,
});
const append = (store: ReturnType<typeof openSqliteEventStore>, ret: Return) => store.appendToStream(returnStream(ret), [resultReturned(ret)]);

/** What folding the whole log in memory gives: documents, in key order, of `projection`. */
const foldedInMemory = async (projection: AnyProjection, store: ReturnType<typeof openSqliteEventStore>) =>
  listAll(foldIntoStore(projection, await wholeLog(store)), projection.name, '', 1000);

describe('sqlite inline document projections', () => {
  it("folds in the append transaction and catches up at open; a failing handler stops the event's province in its projection only", async () => {
    // Given a file with events written before the projections were configured
    const file = newFile();
    const plain = openSqliteEventStore({ file });
    await append(plain, returnOf(1));
    await plain.close();
    // When it is opened with inline projections
    const store = openSqliteEventStore({ file, projections: [returns, strict] });
    // Then they caught up at open
    expect(await store.documents.header('returns')).toEqual({ version: 1, checkpoint: 1, status: 'running' });
    // And appends grouped in one commit are folded in it
    await Promise.all([append(store, returnOf(2)), append(store, returnOf(3, { late: true }))]);
    expect(store.commitStats().transactions).toBe(1);
    expect(await store.documents.getMany('returns', ['tn/day/2026-03-02', 'tn/timeliness/late'])).toEqual(
      new Map([
        ['tn/day/2026-03-02', { count: 3, last: 3 }],
        ['tn/timeliness/late', { count: 1, last: 3 }],
      ]),
    );
    // When a handler of one projection throws on an event
    const result = await store.appendToStream(returnStream(returnOf(4)), [resultReturned(returnOf(4, { officerId: POISON_OFFICER })), resultReturned(returnOf(4))]);
    // Then the append stands, the other projection has both events, and the failing one stopped tn before it
    expect(result._tag).toBe('Right');
    expect(await store.documents.header('returns')).toMatchObject({ checkpoint: 5, status: 'running' });
    const failure = { tenantId: 'tn', globalPosition: 4, streamId: returnStream(returnOf(4)), streamVersion: 1, eventType: 'ResultReturned', message: expect.stringContaining('cannot count') };
    expect(await store.documents.header('strict')).toEqual({ version: 1, checkpoint: 5, status: 'running', provinceFailures: [failure] });
    const tnBefore = await listAll(store.documents, 'strict', 'tn/', 10);
    // And later appends of tn leave its documents as they were, while another province's are folded and accepted
    await append(store, returnOf(6));
    const other = await append(store, returnOf(7, { tenantId: 'hn' }));
    expect(other._tag).toBe('Right');
    expect(await store.documents.header('strict')).toEqual({ version: 1, checkpoint: 7, status: 'running', provinceFailures: [failure] });
    expect(await listAll(store.documents, 'strict', 'tn/', 10)).toEqual(tnBefore);
    expect((await listAll(store.documents, 'strict', 'hn/', 10)).length).toBeGreaterThan(0);
    expect(await listAll(store.documents, 'returns', '', 3)).toEqual(await foldedInMemory(returns, store));
    await store.close();
  });

  it('readers see the live documents from a connection of their own and from a read-only store', async () => {
    const file = newFile();
    const store = openSqliteEventStore({ file, projections: [returns] });
    await append(store, returnOf(1));
    const reader = openSqliteDocumentStore({ file });
    expect(await reader.getMany('returns', ['tn/day/2026-03-02'])).toEqual(new Map([['tn/day/2026-03-02', { count: 1, last: 1 }]]));
    await append(store, returnOf(2));
    expect(await reader.list('returns', { prefix: 'tn/day/', limit: 5 })).toEqual({ documents: [['tn/day/2026-03-02', { count: 2, last: 2 }]] });
    reader.close();
    await store.close();
    const readonly = openSqliteEventStore({ file, readonly: true });
    expect(await readonly.documents.header('returns')).toMatchObject({ checkpoint: 2 });
    await readonly.close();
    // And a read-only store of a file that never had documents says so when asked for them
    const bare = newFile();
    await openSqliteEventStore({ file: bare }).close();
    const db = new Database(bare);
    db.exec('DROP TABLE documents; DROP TABLE document_copies;');
    db.close();
    const old = openSqliteEventStore({ file: bare, readonly: true });
    expect(() => old.documents).toThrow(/no document tables/);
    await old.close();
  });

  it('an error of SQLite while writing documents rolls the append back with them', async () => {
    const file = newFile();
    const store = openSqliteEventStore({ file, projections: [returns] });
    await append(store, returnOf(1));
    const db = new Database(file);
    db.exec("CREATE TRIGGER fail_day BEFORE UPDATE ON documents WHEN NEW.key = 'tn/day/2026-03-02' BEGIN SELECT RAISE(ABORT, 'disk gone'); END;");
    await expect(append(store, returnOf(2))).rejects.toThrow('disk gone');
    expect(await store.headPosition()).toBe(1);
    expect(await store.documents.getMany('returns', ['tn/dossier/000.00.15.H12-260302-0002'])).toEqual(new Map());
    db.exec('DROP TRIGGER fail_day');
    db.close();
    await append(store, returnOf(3));
    expect(await store.documents.header('returns')).toMatchObject({ checkpoint: 2 });
    expect(await listAll(store.documents, 'returns', '', 10)).toEqual(await foldedInMemory(returns, store));
    await store.close();
  });

  it('documents an append kept in memory for the next are forgotten when its transaction rolls back', async () => {
    // Given a projection counting returns in one document, after the dossiers' projection
    const counted = defineProjection<Counted>({
      name: 'counted',
      version: 1,
      handlers: {
        ResultReturned: {
          touches: (event) => [documentKey(event.metadata.tenantId, 'all')],
          evolve: (document, event) => ({ count: (document?.count ?? 0) + 1, last: event.metadata.globalPosition }),
        },
      },
    });
    const file = newFile();
    const store = openSqliteEventStore({ file, projections: [returns, counted] });
    await append(store, returnOf(1));
    // When an append fails while its documents are written, after the first projection wrote its own
    const db = new Database(file);
    db.exec("CREATE TRIGGER fail_all BEFORE UPDATE ON documents WHEN NEW.key = 'tn/all' BEGIN SELECT RAISE(ABORT, 'disk gone'); END;");
    await expect(append(store, returnOf(2))).rejects.toThrow('disk gone');
    db.exec('DROP TRIGGER fail_all');
    db.close();
    // Then the next appends fold from the documents as stored, not from those the failed append changed
    await append(store, returnOf(3));
    await append(store, returnOf(2, { returnDate: '2026-03-03' }));
    expect(await store.documents.header('counted')).toMatchObject({ checkpoint: 3, status: 'running' });
    expect(await listAll(store.documents, 'counted', '', 10)).toEqual(await foldedInMemory(counted, store));
    expect(await listAll(store.documents, 'returns', '', 10)).toEqual(await foldedInMemory(returns, store));
    await store.close();
  });

  it('a document that cannot be stored fails its province in that projection alone: the append is kept', async () => {
    // Given a projection whose document cannot be stored after a return by one officer (a BigInt is no JSON value)
    const unwritable = defineProjection<Counted>({
      name: 'unwritable',
      version: 1,
      handlers: {
        ResultReturned: {
          touches: (event) => [documentKey(event.metadata.tenantId, 'all')],
          evolve: (document, event) => ({
            count: event.data.officerId === UNWRITABLE_OFFICER ? (BigInt(1) as unknown as number) : (document?.count ?? 0) + 1,
            last: event.metadata.globalPosition,
          }),
        },
      },
    });
    const file = newFile();
    const store = openSqliteEventStore({ file, projections: [returns, unwritable] });
    await append(store, returnOf(1));
    // When an append gives that document, and more follow
    await append(store, returnOf(2, { officerId: UNWRITABLE_OFFICER }));
    await append(store, returnOf(3));
    // Then every append is kept, the other projection folded them all
    expect(await store.headPosition()).toBe(3);
    expect(await listAll(store.documents, 'returns', '', 10)).toEqual(await foldedInMemory(returns, store));
    // And the province stopped at that event, its documents as before it, the reason named
    const header = await store.documents.header('unwritable');
    expect(header).toMatchObject({ checkpoint: 3, status: 'running', provinceFailures: [{ tenantId: 'tn', globalPosition: 2, eventType: 'ResultReturned' }] });
    expect(header?.provinceFailures?.[0]?.message).toMatch(/projection unwritable: document "tn\/all" is not a JSON value \(.*BigInt/);
    expect(await listAll(store.documents, 'unwritable', '', 10)).toEqual([['tn/all', { count: 1, last: 1 }]]);
    await store.close();
  });

  it('appends of a connection without inline projections are folded by the next inline append', async () => {
    // Given two connections to one file, the second without inline projections (another process)
    const file = newFile();
    const inline = openSqliteEventStore({ file, projections: [returns] });
    const other = openSqliteEventStore({ file });
    await append(inline, returnOf(1));
    await append(other, returnOf(2));
    await append(other, returnOf(1, { returnDate: '2026-03-03' }));
    expect(await inline.documents.header('returns')).toMatchObject({ checkpoint: 1 });
    // When the inline connection appends
    await append(inline, returnOf(3));
    // Then its projections hold the other connection's events too
    expect(await inline.documents.header('returns')).toMatchObject({ checkpoint: 4 });
    expect(await listAll(inline.documents, 'returns', '', 2)).toEqual(await foldedInMemory(returns, inline));
    await other.close();
    await inline.close();
  });

  it('inline documents equal folding the log in memory, for any grouping of appends, two writers (folding inline or not), and any page size per province', async () => {
    const provinces = ['tn', 'tn-b', 'tn0', 't'];
    const ret = fc.record({
      tenantId: fc.constantFrom(...provinces),
      dossier: fc.integer({ min: 1, max: 6 }),
      officerId: fc.constantFrom('officer-1', 'officer-2'),
      returnDate: fc.constantFrom('2026-03-02', '2026-03-03'),
      late: fc.boolean(),
    });
    // Each step: some appends issued together (one group commit), by the inline writer or the other one
    const step = fc.record({ returns: fc.array(ret, { minLength: 1, maxLength: 4 }), inline: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), async (steps, pageSize, bothInline) => {
        const file = newFile();
        const inline = openSqliteEventStore({ file, projections: [returns], pollIntervalMs: 0 });
        // The other writer folds the same projection too, or leaves its events to the next inline append.
        const other = openSqliteEventStore({ file, pollIntervalMs: 0, ...(bothInline ? { projections: [returns] } : {}) });
        try {
          for (const { returns: batch, inline: byInline } of steps) await Promise.all(batch.map((r) => append(byInline ? inline : other, r)));
          await append(inline, returnOf(99));
          const expected = await foldedInMemory(returns, inline);
          expect(await listAll(inline.documents, 'returns', '', pageSize)).toEqual(expected);
          expect(await inline.documents.header('returns')).toMatchObject({ checkpoint: await inline.headPosition() });
          for (const province of provinces) {
            const prefix = documentPrefix(province);
            expect(await listAll(inline.documents, 'returns', prefix, pageSize)).toEqual(expected.filter(([key]) => key.startsWith(prefix)));
          }
        } finally {
          await other.close();
          await inline.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('a crash between the append and its commit loses nothing: events and documents are both absent', async () => {
    // Given a process that appends three returns, then dies inside the fourth append's transaction
    const file = newFile();
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', join(here, 'crash-appender.testkit.ts'), file, '3'], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, killed) => resolve(killed)));
    expect(signal, err).toBe('SIGKILL');
    expect(err).toContain('appended');
    // When the file is opened again
    const store = openSqliteEventStore({ file, projections: [returns] });
    // Then the log ends at the last acknowledged append, and the documents are exactly its fold
    expect(await store.headPosition()).toBe(3);
    expect(await store.documents.header('returns')).toMatchObject({ checkpoint: 3, status: 'running' });
    expect(await store.documents.header('crashing')).toMatchObject({ checkpoint: 3 });
    expect(await listAll(store.documents, 'returns', '', 5)).toEqual(await foldedInMemory(returns, store));
    await store.close();
  }, 60_000);
});
