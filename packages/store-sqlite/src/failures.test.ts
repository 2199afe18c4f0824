import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { isRight } from '@motcua/core';
import { openSqliteEventStore, SqliteStoreError } from './index.js';
import { attachSqliteEventStore } from './open.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

const countEvents = (file: string): number => {
  const db = new Database(file, { readonly: true });
  const count = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  db.close();
  return count;
};

const givenFileWithOneEvent = async () => {
  const file = tempFile();
  const store = openSqliteEventStore({ file });
  await store.appendToStream('dossier-1', [counted(1)]);
  await store.close();
  return file;
};

describe('failures of the database', () => {
  it('a store opened read-only refuses appends with an error naming the file, and writes nothing', async () => {
    const file = await givenFileWithOneEvent();
    const store = openSqliteEventStore({ file, readonly: true });
    const error = await store.appendToStream('dossier-1', [counted(2)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreError);
    expect((error as Error).message).toContain(`the event store file ${file} is read-only`);
    expect((error as Error).message).toContain('nothing was written');
    // Reading and verifying still work
    expect((await store.readStream('dossier-1')).currentVersion).toBe(1);
    expect(await store.verify()).toMatchObject({ ok: true, events: 1 });
    await store.close();
    expect(countEvents(file)).toBe(1);
  });

  it('a connection turned read-only (query_only) refuses a whole group and writes nothing', async () => {
    const file = await givenFileWithOneEvent();
    const db = new Database(file);
    const store = attachSqliteEventStore(db, { file });
    db.pragma('query_only = ON');
    const results = await Promise.allSettled([1, 2, 3].map((n) => store.appendToStream(`s-${n}`, [counted(n), counted(n + 10)])));
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(result.status === 'rejected' && (result.reason as Error).message).toMatch(/is read-only.*nothing was written/);
    }
    db.pragma('query_only = OFF');
    expect(isRight(await store.appendToStream('s-1', [counted(4)], { expectedVersion: 'no-stream' }))).toBe(true);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });

  it('disk full: the append fails with a clear error and leaves nothing half-written', async () => {
    const file = await givenFileWithOneEvent();
    const db = new Database(file);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 4}`);
    const store = attachSqliteEventStore(db, { file });
    // A three-event batch whose second event needs far more pages than are left
    const big = counted(2, { scan: 'x'.repeat(200_000) });
    const error = await store.appendToStream('dossier-2', [counted(1), big, counted(3)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreError);
    expect((error as Error).message).toContain(`disk full while appending to ${file}; nothing was written`);
    expect((await store.readStream('dossier-2')).streamExists).toBe(false);
    // Appends issued together with an oversized one: it fails alone, the others are stored
    const settled = await Promise.allSettled([
      store.appendToStream('dossier-3', [counted(3)]),
      store.appendToStream('dossier-4', [big]),
      store.appendToStream('dossier-5', [counted(5)]),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]?.status === 'rejected' && (settled[1].reason as Error).message).toMatch(/disk full/);
    for (const [index, stream] of ['dossier-3', 'dossier-4', 'dossier-5'].entries()) {
      const stored = (await store.readStream(stream)).streamExists;
      expect(stored).toBe(settled[index]?.status === 'fulfilled');
    }
    expect(await store.verify()).toMatchObject({ ok: true });
    await store.close();
  });

  it('a write lock held too long fails the append with the busy timeout in the message', async () => {
    const file = await givenFileWithOneEvent();
    const store = openSqliteEventStore({ file, busyTimeoutMs: 20 });
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    const error = await store.appendToStream('dossier-1', [counted(2)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteStoreError);
    expect((error as Error).message).toMatch(new RegExp(`${file} stayed locked by another connection .* \\(20 ms\\)`));
    other.prepare('ROLLBACK').run();
    other.close();
    expect(isRight(await store.appendToStream('dossier-1', [counted(2)], { expectedVersion: 1 }))).toBe(true);
    await store.close();
  });

  it('a file that is not a database is refused at open', () => {
    const file = tempFile();
    writeFileSync(file, 'this is not a database, it is a note about one '.repeat(100));
    expect(() => openSqliteEventStore({ file })).toThrow(/is damaged or is not a SQLite database/);
  });

  it('a missing file opened read-only is refused at open', () => {
    const file = tempFile('missing.db');
    expect(() => openSqliteEventStore({ file, readonly: true })).toThrow(SqliteStoreError);
  });
});
