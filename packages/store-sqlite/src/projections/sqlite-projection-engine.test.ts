import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProjectionRunner } from '@motcua/core';
import { openSqliteEventStore } from '../open.js';
import { tempFiles } from '../test-support.testkit.js';
import { describeProjectionEngine, event, poisoned, seen } from '../../../core/src/projections/engine/projection-engine.testkit.js';
import { openSqliteProjectionStore, type SqliteProjectionStore } from './sqlite-projection-store.js';

const newFile = tempFiles();

describeProjectionEngine('sqlite, events and projections in one file', () => {
  const file = newFile();
  let opened: { close: () => Promise<void> } | undefined;
  return {
    open: async () => {
      const eventStore = openSqliteEventStore({ file, pollIntervalMs: 0 });
      const projectionStore = openSqliteProjectionStore({ file });
      opened = {
        close: async () => {
          await eventStore.close();
          projectionStore.close();
        },
      };
      return { eventStore, projectionStore };
    },
    close: async () => {
      await opened?.close();
      opened = undefined;
    },
  };
});

/** Makes every write of a projection's state fail, from another connection: a crash mid-transaction. */
const breakStateWrites = (file: string, broken: boolean) => {
  const db = new Database(file);
  try {
    if (broken) {
      db.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON projection_state BEGIN SELECT RAISE(ABORT, 'disk gone'); END;
               CREATE TRIGGER fail_update BEFORE UPDATE ON projection_state BEGIN SELECT RAISE(ABORT, 'disk gone'); END;`);
    } else {
      db.exec('DROP TRIGGER fail_insert; DROP TRIGGER fail_update;');
    }
  } finally {
    db.close();
  }
};

describe('sqlite projection store', () => {
  it('writes state and checkpoint together or not at all', async () => {
    // Given a committed copy
    const file = newFile();
    let store: SqliteProjectionStore = openSqliteProjectionStore({ file });
    await store.commit('seen', { version: 1, state: { a: [1] }, checkpoint: 1 });
    // When the next commit fails after its checkpoint row was written, before the state
    breakStateWrites(file, true);
    await expect(store.commit('seen', { version: 1, state: { a: [1, 2] }, checkpoint: 2 })).rejects.toThrow('disk gone');
    store.close();
    // Then after a reopen neither is there
    store = openSqliteProjectionStore({ file });
    expect(await store.load('seen')).toEqual({ version: 1, state: { a: [1] }, checkpoint: 1, status: 'running' });
    store.close();
  });

  it('a copy written afresh holds exactly its entries, however many, a later duplicate of a key winning', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.string({ maxLength: 3 }), fc.option(fc.nat(9), { nil: undefined })), { maxLength: 260 }),
        async (entries) => {
          const store = openSqliteProjectionStore({ file: newFile() });
          try {
            // Given an older copy, then a fresh one over it
            await store.commitEntries('keyed', { version: 1, checkpoint: 1, entries: [['old', 'x', 1]], fresh: true });
            await store.commitEntries('keyed', { version: 1, checkpoint: 2, entries, fresh: true });
            const expected: Record<string, Record<string, number>> = {};
            for (const [table, key, value] of entries) {
              if (value === undefined) continue;
              (expected[table] ??= {})[key] = value;
            }
            expect(await store.load('keyed')).toEqual({ version: 1, checkpoint: 2, status: 'running', state: expected });
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('changed entries committed over a copy written whole go on top of its tables', async () => {
    const store = openSqliteProjectionStore({ file: newFile() });
    try {
      await store.commit('keyed', { version: 1, state: { a: { x: 1, y: 2, w: 5 }, c: {} }, checkpoint: 1 });
      await store.commitEntries('keyed', { version: 1, checkpoint: 2, entries: [['a', 'y', 3], ['b', 'z', 4], ['a', 'x', undefined]], fresh: false });
      expect(await store.load('keyed')).toEqual({ version: 1, checkpoint: 2, status: 'running', state: { a: { y: 3, w: 5 }, b: { z: 4 } } });
    } finally {
      store.close();
    }
  });

  it('counts promotions in the generation and lists live copies', async () => {
    const store = openSqliteProjectionStore({ file: newFile() });
    await store.commit('seen', { version: 1, state: 1, checkpoint: 1 });
    await store.commit('seen', { version: 2, state: 2, checkpoint: 1 }, 'shadow');
    await store.commit('other', { version: 1, state: 0, checkpoint: 0 }, 'shadow');
    expect(store.generation('seen')).toBe(0);
    await store.promoteShadow('seen');
    expect(store.generation('seen')).toBe(1);
    expect(await store.load('seen')).toEqual({ version: 2, state: 2, checkpoint: 1, status: 'running' });
    expect(await store.names()).toEqual(['seen']);
    await expect(store.promoteShadow('seen')).rejects.toThrow('no shadow');
    store.close();
  });
});

describe('sqlite inline projections', () => {
  it('writes the read model in the append transaction, catching up at open', async () => {
    // Given a file with events written before the projections were configured
    const file = newFile();
    const plain = openSqliteEventStore({ file });
    await plain.appendToStream('a', [event(1)]);
    await plain.close();
    // When it is opened with inline projections and appends run, some grouped in one commit
    const store = openSqliteEventStore({ file, inlineProjections: [seen(), poisoned()] });
    const projections = openSqliteProjectionStore({ file });
    expect(await projections.load('seen')).toMatchObject({ state: { a: [1] }, checkpoint: 1 });
    await Promise.all([store.appendToStream('b', [event(2)]), store.appendToStream('c', [event(3)])]);
    expect(store.commitStats().transactions).toBe(1);
    expect(await projections.load('seen')).toMatchObject({ state: { a: [1], b: [2], c: [3] }, checkpoint: 3 });
    // And a handler fails on one event
    const result = await store.appendToStream('b', [event(4, { poison: true }), event(5)]);
    // Then the append stands, the healthy projection has it, the other is failed at the event
    expect(result._tag).toBe('Right');
    expect(await projections.load('seen')).toMatchObject({ checkpoint: 5 });
    expect(await projections.load('poisoned')).toMatchObject({
      status: 'failed',
      checkpoint: 3,
      state: 6,
      failure: { globalPosition: 4, streamId: 'b', streamVersion: 2, message: 'cannot count event 2' },
    });
    expect(await store.headPosition()).toBe(5);
    await store.close();
    projections.close();
  });

  it('a failed write of the read model rolls the append back', async () => {
    const file = newFile();
    const store = openSqliteEventStore({ file, inlineProjections: [seen()] });
    await store.appendToStream('a', [event(1)]);
    breakStateWrites(file, true);
    await expect(store.appendToStream('a', [event(2)])).rejects.toThrow('disk gone');
    expect(await store.headPosition()).toBe(1);
    expect((await store.readStream('a')).events).toHaveLength(1);
    breakStateWrites(file, false);
    await store.appendToStream('a', [event(3)]);
    await store.close();
    const projections = openSqliteProjectionStore({ file });
    expect(await projections.load('seen')).toMatchObject({ state: { a: [1, 3] }, checkpoint: 2 });
    projections.close();
  });

  it('refolds from zero at open when the version changed', async () => {
    const file = newFile();
    const first = openSqliteEventStore({ file, inlineProjections: [seen('model', 1)] });
    await first.appendToStream('a', [event(1), event(2)]);
    await first.close();
    const second = openSqliteEventStore({
      file,
      inlineProjections: [{ name: 'model', version: 2, initialState: () => 0, handle: (n: number) => n + 1 }],
    });
    const projections = openSqliteProjectionStore({ file });
    expect(await projections.load('model')).toEqual({ version: 2, state: 2, checkpoint: 2, status: 'running' });
    await second.close();
    projections.close();
  });

  it('an async runner reads the same tables the inline projections write', async () => {
    const file = newFile();
    const store = openSqliteEventStore({ file, pollIntervalMs: 0 });
    const projectionStore = openSqliteProjectionStore({ file });
    await store.appendToStream('a', [event(1), event(2)]);
    const runner = new ProjectionRunner({ eventStore: store, projectionStore, projections: [seen()] });
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    expect(await projectionStore.load('seen')).toMatchObject({ state: { a: [1, 2] }, checkpoint: 2 });
    await store.close();
    projectionStore.close();
  });
});
