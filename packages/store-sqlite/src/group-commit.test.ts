import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { isLeft, isRight } from '@motcua/core';
import { openSqliteEventStore, SqliteStoreError } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

describe('group commit', () => {
  it('32 concurrent appenders on distinct streams are all acknowledged, in one transaction', async () => {
    // Given a store at synchronous=FULL (the default)
    const store = openSqliteEventStore({ file: tempFile() });
    // When 32 callers append at once
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) => store.appendToStream(`dossier-${i}`, [counted(i), counted(100 + i)], { expectedVersion: 'no-stream' })),
    );
    // Then every append is acknowledged, and they shared one commit
    expect(results.every(isRight)).toBe(true);
    expect(store.commitStats()).toEqual({ transactions: 1, appends: 32 });
    const positions = results.map((r) => (isRight(r) ? r.right.lastGlobalPosition : 0));
    expect(new Set(positions).size).toBe(32);
    for (let i = 0; i < 32; i++) {
      expect((await store.readStream(`dossier-${i}`)).events.map((e) => e.data)).toEqual([{ n: i }, { n: 100 + i }]);
    }
    expect(await store.verify()).toMatchObject({ ok: true, events: 64 });
    await store.close();
  });

  it('a conflicting append in a group is refused alone; the others commit', async () => {
    const store = openSqliteEventStore({ file: tempFile() });
    await store.appendToStream('dossier-7', [counted(0)], { expectedVersion: 'no-stream' });
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        store.appendToStream(`dossier-${i}`, [counted(i)], { expectedVersion: i === 7 ? 5 : 'no-stream' }),
      ),
    );
    const refused = results.flatMap((r, i) => (isLeft(r) ? [{ i, error: r.left }] : []));
    expect(refused).toEqual([{ i: 7, error: expect.objectContaining({ _tag: 'VersionConflict', streamId: 'dossier-7', actual: 1 }) }]);
    expect(store.commitStats()).toEqual({ transactions: 2, appends: 33 });
    expect((await store.readStream('dossier-7')).events.map((e) => e.data)).toEqual([{ n: 0 }]);
    const all = await store.readAll();
    expect(all.events.map((e) => e.metadata.globalPosition)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(await store.verify()).toMatchObject({ ok: true, events: 32 });
    await store.close();
  });

  it('appends to one stream in a group see each other: one wins each expected version', async () => {
    const store = openSqliteEventStore({ file: tempFile() });
    const results = await Promise.all([
      store.appendToStream('s', [counted(1)], { expectedVersion: 'no-stream' }),
      store.appendToStream('s', [counted(2)], { expectedVersion: 'no-stream' }),
      store.appendToStream('s', [counted(3)], { expectedVersion: 1 }),
      store.appendToStream('s', [counted(4)], { expectedVersion: 1 }),
    ]);
    expect(results.map(isRight)).toEqual([true, false, true, false]);
    expect((await store.readStream('s')).events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 3 }]);
    await store.close();
  });

  it('an append that fails half-way is rolled back to its savepoint; the rest of the group commits', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    // A trigger refuses the second event of one batch, after its first event was inserted.
    const db = new Database(file);
    db.exec(`CREATE TRIGGER refuse_poison BEFORE INSERT ON events
             WHEN NEW.stream_id = 'poison' AND NEW.stream_version = 2
             BEGIN SELECT RAISE(ABORT, 'poison refused'); END`);
    db.close();
    const appends = [
      store.appendToStream('a', [counted(1)]),
      store.appendToStream('poison', [counted(2), counted(3), counted(4)]),
      store.appendToStream('b', [counted(5), counted(6)]),
    ];
    const [a, poison, b] = await Promise.allSettled(appends);
    expect(a?.status).toBe('fulfilled');
    expect(b?.status).toBe('fulfilled');
    expect(poison?.status === 'rejected' && poison.reason).toBeInstanceOf(SqliteStoreError);
    expect(poison?.status === 'rejected' && (poison.reason as Error).message).toMatch(/poison refused/);
    expect(store.commitStats()).toEqual({ transactions: 1, appends: 3 });
    expect((await store.readStream('poison')).streamExists).toBe(false);
    expect((await store.readAll()).events.map((e) => [e.metadata.streamId, e.metadata.globalPosition])).toEqual([
      ['a', 1],
      ['b', 2],
      ['b', 3],
    ]);
    expect(await store.verify()).toMatchObject({ ok: true, events: 3 });
    await store.close();
  });

  it('a sequential caller gets a transaction per append and waits for no one', async () => {
    const store = openSqliteEventStore({ file: tempFile() });
    for (let n = 1; n <= 5; n++) {
      const result = await store.appendToStream('s', [counted(n)], { expectedVersion: n === 1 ? 'no-stream' : n - 1 });
      expect(isRight(result)).toBe(true);
    }
    expect(store.commitStats()).toEqual({ transactions: 5, appends: 5 });
    await store.close();
  });

  it("with groupCommit 'event-loop', appends from separate callbacks of one turn share a commit", async () => {
    const store = openSqliteEventStore({ file: tempFile(), groupCommit: 'event-loop' });
    const results = await Promise.all(
      Array.from(
        { length: 8 },
        (_, i) => new Promise((resolve) => setImmediate(() => resolve(store.appendToStream(`s-${i}`, [counted(i)])))),
      ),
    );
    expect(results).toHaveLength(8);
    expect(store.commitStats()).toEqual({ transactions: 1, appends: 8 });
    await store.close();
  });
});
