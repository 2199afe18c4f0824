import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteChainRows } from './chain-rows.js';
import { openSqliteEventStore } from './index.js';
import { makeReadOnly } from './read-only-folder.testkit.js';
import { copySqliteFile, openSqliteReadOnly } from './read-only-source.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

const rowsOf = async (file: string) => {
  const rows = [];
  for await (const row of sqliteChainRows(file)) rows.push(row);
  return rows;
};

/**
 * A store of five events and its rows, closed: the last connection to close removes the -wal and -shm,
 * as a store at rest has none (the rows are read before, or that reader would be the last).
 */
const storeAtRest = async () => {
  const file = tempFile();
  const store = openSqliteEventStore({ file, pollIntervalMs: 0 });
  await store.appendToStream('a', [counted(1), counted(2), counted(3)]);
  await store.appendToStream('b', [counted(4), counted(5)]);
  const rows = await rowsOf(file);
  await store.close();
  expect(readdirSync(dirname(file))).toEqual([basename(file)]);
  return { file, rows };
};

describe('an event store file opened for reading only', () => {
  it('Given a file in a folder it may write to, Then it is read where it is, and nothing is copied', async () => {
    const { file } = await storeAtRest();
    const source = openSqliteReadOnly(file);
    expect({ file: source.file, copiedTo: source.copiedTo, head: await source.store.headPosition() }).toEqual({ file, copiedTo: undefined, head: 5 });
    await source.close();
  });

  it('Given a file in a read-only folder, where SQLite cannot make the -shm of its log, Then it is read from a private copy, the same events with the same hashes, removed at close', async (context) => {
    const { file, rows } = await storeAtRest();
    const readOnly = makeReadOnly([file, dirname(file)]);
    if ('unavailable' in readOnly) {
      console.warn(`skipped: no read-only folder can be made here (${readOnly.unavailable})`);
      return context.skip();
    }
    try {
      // The plain read-only open fails there: what the copy is for.
      expect(() => openSqliteEventStore({ file, readonly: true, pollIntervalMs: 0 })).toThrow(/SQLITE_(READONLY_DIRECTORY|CANTOPEN)/);
      const source = openSqliteReadOnly(file);
      expect(source.copiedTo).toBeDefined();
      expect(await source.store.headPosition()).toBe(5);
      expect(await rowsOf(source.file)).toEqual(rows);
      expect((await source.store.verify()).ok).toBe(true);
      await source.close();
      expect(existsSync(source.copiedTo!)).toBe(false);
      expect(readdirSync(dirname(file))).toEqual([basename(file)]);
    } finally {
      readOnly.restore();
    }
  });

  it('Given a file whose write-ahead log still holds events, When copied, Then the copy holds them too', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file, pollIntervalMs: 0 });
    await store.appendToStream('a', [counted(1), counted(2)]);
    // Still open: the events are in the -wal, not yet checkpointed into the file.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const copy = copySqliteFile(file, dirname(tempFile()));
    await store.close();
    expect((await rowsOf(copy.file)).map((row) => row.globalPosition)).toEqual([1, 2]);
    expect(await rowsOf(copy.file)).toEqual(await rowsOf(file));
  });
});
