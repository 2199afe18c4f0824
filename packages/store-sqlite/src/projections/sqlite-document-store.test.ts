import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InMemoryDocumentStore } from '@motcua/core';
import { tempFiles } from '../test-support.testkit.js';
import { describeDocumentStore } from './document-store.contract.testkit.js';
import { openSqliteDocumentStore, prefixUpperBound, SCRATCH_ROWS_PER_TRANSACTION, SqliteDocumentStore } from './sqlite-document-store.js';

const newFile = tempFiles();

describeDocumentStore('in memory', async () => ({ store: new InMemoryDocumentStore(), close: async () => undefined }));

describeDocumentStore('sqlite', async () => {
  const store = openSqliteDocumentStore({ file: newFile() });
  return { store, close: async () => store.close() };
});

/** Runs SQL on the file from a connection of its own (what another process would do). */
const onFile = (file: string, sql: string) => {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
};

describe('sqlite document store', () => {
  it('a commit that fails half way leaves documents and checkpoint as they were', async () => {
    // Given a committed copy
    const file = newFile();
    const store = openSqliteDocumentStore({ file });
    await store.commit('p', { version: 1, checkpoint: 1, documents: new Map([['tn/a', 1], ['tn/b', 1]]), fresh: true });
    // When writing the third document of the next commit fails, after its header and first rows were written
    onFile(file, "CREATE TRIGGER fail_c BEFORE INSERT ON documents WHEN NEW.key = 'tn/c' BEGIN SELECT RAISE(ABORT, 'disk gone'); END;");
    const documents = new Map<string, unknown>([['tn/a', 2], ['tn/b', undefined], ['tn/c', 2], ['tn/d', 2]]);
    await expect(store.commit('p', { version: 1, checkpoint: 2, documents })).rejects.toThrow('disk gone');
    // And a document that is no JSON value stops a commit before any row
    await expect(store.commit('p', { version: 1, checkpoint: 2, documents: new Map<string, unknown>([['tn/a', 3], ['tn/x', () => 1]]) })).rejects.toThrow(
      /projection p: document "tn\/x" is not a JSON value/,
    );
    store.close();
    // Then, read again, nothing of either is there
    const reopened = openSqliteDocumentStore({ file });
    expect(await reopened.header('p')).toEqual({ version: 1, checkpoint: 1, status: 'running' });
    expect(await reopened.getMany('p', ['tn/a', 'tn/b', 'tn/c', 'tn/d', 'tn/x'])).toEqual(new Map([['tn/a', 1], ['tn/b', 1]]));
    reopened.close();
  });

  it('a build in bulk answers and finishes with the last write of each key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.option(fc.nat(9), { nil: undefined })), { maxLength: 8 }), { maxLength: 6 }),
        async (writes) => {
          // Given a shadow at checkpoint 0 and its build
          const store = openSqliteDocumentStore({ file: newFile() });
          await store.commit('p', { version: 1, checkpoint: 0, documents: new Map(), fresh: true }, 'shadow');
          const build = store.startBuild('p', 'shadow');
          const expected = new Map<string, number>();
          for (const write of writes) {
            // When documents are written (undefined deletes), the last write of a key winning
            const documents = new Map(write.map(([key, value]) => [`tn/${key}`, value] as const));
            build.write(documents);
            for (const [key, value] of documents) {
              if (value === undefined) expected.delete(key);
              else expected.set(key, value);
            }
            // Then every key reads back its last write
            for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) expect(build.get(`tn/${key}`)).toEqual(expected.get(`tn/${key}`));
          }
          // And the finished copy holds exactly those documents, at the checkpoint
          await build.finish({ version: 1, checkpoint: 7 });
          expect(await store.header('p', 'shadow')).toEqual({ version: 1, checkpoint: 7, status: 'running' });
          expect(new Map((await store.list('p', { prefix: 'tn/', limit: 100 }, 'shadow')).documents)).toEqual(new Map([...expected].sort()));
          store.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a finishing build moves every document it holds, across pages of the move and from the empty key on', async () => {
    // Given a build of 45,001 keys (the empty one among them), written in an order that is not the keys', some deleted after
    const store = openSqliteDocumentStore({ file: newFile() });
    await store.commit('p', { version: 1, checkpoint: 0, documents: new Map(), fresh: true }, 'shadow');
    const build = store.startBuild('p', 'shadow');
    const keys = ['', ...Array.from({ length: 45_000 }, (_, i) => `tn/${(i * 7919) % 45_000}`)];
    for (let i = 0; i < keys.length; i += 1000) build.write(new Map(keys.slice(i, i + 1000).map((key) => [key, key.length] as const)));
    build.write(new Map(keys.filter((_, i) => i % 9 === 1).map((key) => [key, undefined] as const)));
    // When it finishes
    await build.finish({ version: 1, checkpoint: 3 });
    // Then the copy holds every key written and not deleted, each once, in key order
    const expected = keys.filter((_, i) => i % 9 !== 1).sort();
    const listed: string[] = [];
    for (let after: string | undefined; ; ) {
      const page = await store.list('p', { prefix: '', limit: 10_000, ...(after === undefined ? {} : { after }) }, 'shadow');
      listed.push(...page.documents.map(([key]) => key));
      if (page.next === undefined) break;
      after = page.next;
    }
    expect(listed).toEqual(expected);
    expect(await store.getMany('p', ['', 'tn/1'], 'shadow')).toEqual(new Map([['', 0], ['tn/1', 4]]));
    store.close();
  });

  it("a build's write that fails half way keeps each document as before or after it, and writing it again finishes it", async () => {
    // Given a build holding 5,000 documents, on a connection the test can reach
    const db = new Database(newFile());
    const store = new SqliteDocumentStore(db);
    await store.commit('p', { version: 1, checkpoint: 0, documents: new Map(), fresh: true }, 'shadow');
    const build = store.startBuild('p', 'shadow');
    const keys = Array.from({ length: 5000 }, (_, i) => `tn/${String(i).padStart(4, '0')}`);
    const all = (value: number) => new Map(keys.map((key) => [key, value] as const));
    build.write(all(1));
    // When rewriting them all fails at the 3,001st, in the write's second transaction
    const failAt = 3000;
    expect(failAt).toBeGreaterThan(SCRATCH_ROWS_PER_TRANSACTION);
    const [table] = db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").pluck().all() as string[];
    db.exec(`CREATE TEMP TRIGGER fail BEFORE UPDATE ON ${table} WHEN NEW.key = '${keys[failAt]}' BEGIN SELECT RAISE(ABORT, 'disk gone'); END`);
    expect(() => build.write(all(2))).toThrow('disk gone');
    // Then the transactions before it are written, and every row of the failing one reads as before it
    const committed = Math.floor(failAt / SCRATCH_ROWS_PER_TRANSACTION) * SCRATCH_ROWS_PER_TRANSACTION;
    expect(keys.map((key) => build.get(key))).toEqual(keys.map((_, i) => (i < committed ? 2 : 1)));
    // And once the cause is gone, the next write and the finish give every document
    db.exec('DROP TRIGGER fail');
    build.write(all(3));
    await build.finish({ version: 1, checkpoint: 5 });
    expect(await store.getMany('p', keys, 'shadow')).toEqual(all(3));
    db.close();
  });

  it('a stored row that is not JSON is an error naming the projection and the key', async () => {
    const file = newFile();
    const store = openSqliteDocumentStore({ file });
    await store.commit('p', { version: 1, checkpoint: 1, documents: new Map([['tn/a', 1]]), fresh: true });
    onFile(file, "UPDATE documents SET document = '{broken' WHERE key = 'tn/a'");
    await expect(store.getMany('p', ['tn/a'])).rejects.toThrow(/projection p: stored document "tn\/a" is not JSON/);
    await expect(store.list('p', { prefix: 'tn/', limit: 5 })).rejects.toThrow(/projection p: stored document "tn\/a"/);
    expect(() => store.sync.get('p', 'tn/a')).toThrow(/projection p: stored document "tn\/a"/);
    store.close();
  });

  it('reads a prefix, a key and a set of keys through the primary key, never scanning the documents', () => {
    const file = newFile();
    openSqliteDocumentStore({ file }).close();
    const db = new Database(file);
    try {
      const plan = (sql: string, ...params: unknown[]) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('; ');
      const join = "FROM document_copies c JOIN documents d ON d.copy_id = c.copy_id WHERE c.name = ? AND c.slot = ? AND c.slot <> 'retired'";
      const plans = [
        plan(`SELECT d.key, d.document ${join} AND d.key >= ? AND d.key > ? AND d.key < ? ORDER BY d.key LIMIT ?`, 'p', 'live', 'tn/', 'tn/a', 'tn0', 10),
        plan(`SELECT d.document ${join} AND d.key = ?`, 'p', 'live', 'tn/a'),
        plan(`SELECT d.key, d.document ${join} AND d.key IN (?, ?)`, 'p', 'live', 'tn/a', 'tn/b'),
      ];
      for (const detail of plans) {
        expect(detail).toMatch(/SEARCH d USING PRIMARY KEY \(copy_id=\? AND key/);
        expect(detail).not.toMatch(/SCAN d|TEMP B-TREE/);
        expect(detail).toMatch(/SEARCH c USING (COVERING )?INDEX document_copies_by_slot/);
      }
    } finally {
      db.close();
    }
  });

  it('promotes a shadow by swapping copies, counting generations, and deletes the old copy afterwards', async () => {
    const file = newFile();
    const store = openSqliteDocumentStore({ file });
    await store.commit('p', { version: 1, checkpoint: 1, documents: new Map([['tn/a', 1], ['tn/b', 1]]), fresh: true });
    await store.commit('p', { version: 2, checkpoint: 1, documents: new Map([['tn/a', 2]]), fresh: true }, 'shadow');
    expect(store.generation('p')).toBe(0);
    await store.promoteShadow('p');
    expect(store.generation('p')).toBe(1);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM document_copies').pluck().get()).toBe(1);
    db.close();
    store.close();
  });

  it('the upper bound of a prefix is above every key starting with it and below every other greater key', () => {
    expect(prefixUpperBound('tn/')).toBe('tn0');
    expect(prefixUpperBound('')).toBeUndefined();
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (prefix, rest) => {
        const upper = prefixUpperBound(prefix);
        const utf8 = (s: string) => Buffer.from(s, 'utf8');
        if (upper === undefined) return;
        // In SQLite's order (UTF-8 bytes): prefix + anything < upper
        expect(Buffer.compare(utf8(prefix + rest), utf8(upper))).toBe(-1);
      }),
    );
  });
});
