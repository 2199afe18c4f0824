import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { makeReadOnly } from '../../../store-sqlite/src/read-only-folder.testkit.js';
import { run, seededFile, storedRows, tempDir } from '../cli.testkit.js';
import { DEMO_KEYS } from '../read-models.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('the commands that only read, on a store in a folder that may not be written to', () => {
  it('verify, export, dossier, replay and explain --as-of read it through a private copy, and write nothing beside it', async (context) => {
    // Given a store at rest (no -wal or -shm beside it) in a folder that may not be written to, the file itself writable
    const folder = tmp.file('province');
    mkdirSync(folder);
    const db = join(folder, 'province.db');
    await seededFile(db, { months: 1 });
    const rows = await storedRows(db);
    // The last connection to close removes the -wal and -shm.
    await openSqliteEventStore({ file: db, pollIntervalMs: 0 }).close();
    expect(readdirSync(folder)).toEqual(['province.db']);
    const dossier = rows.find((row) => row.streamId.startsWith('dossier-'))!.streamId;
    const [province, code] = dossier.slice('dossier-'.length).split(':') as [string, string];
    const readOnly = makeReadOnly([folder]);
    if ('unavailable' in readOnly) {
      console.warn(`skipped: no read-only folder can be made here (${readOnly.unavailable})`);
      return context.skip();
    }
    try {
      // When each command that only reads is run on it
      const out = tmp.file('province.ndjson');
      const commands = [
        ['verify'],
        ['export', '--out', out],
        ['dossier', 'show', code, '--province', province],
        ['dossier', 'history', code, '--province', province],
        ['replay', dossier],
        ['explain', 'circular01', DEMO_KEYS.circular01!, '--as-of', String(rows.length)],
      ];
      for (const command of commands) {
        const result = await run('--db', db, ...command);
        // Then it succeeds, saying it read a copy
        expect({ command, code: result.code }).toEqual({ command, code: 0 });
        expect(result.err).toContain(`${db} is in a folder SQLite cannot write its index (-shm) to: read from a copy in `);
      }
      expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(rows.length);
      // And nothing was written beside the file
      expect(readdirSync(folder)).toEqual(['province.db']);
    } finally {
      readOnly.restore();
    }
  }, 60_000);
});

describe('explain without --as-of, on a store it may not write', () => {
  const key = DEMO_KEYS.timeliness!;
  let stores = 0;

  /** A seeded store at rest (no -wal or -shm beside it) alone in a folder of its own, and a writable copy of it elsewhere. */
  const storeAtRest = async (prepare: (db: string) => Promise<void> = async () => {}) => {
    stores += 1;
    const folder = tmp.file(`explained-${stores}`);
    mkdirSync(folder);
    const db = join(folder, 'province.db');
    await seededFile(db, { months: 1 });
    await prepare(db);
    // The last connection to close removes the -wal and -shm.
    await openSqliteEventStore({ file: db, pollIntervalMs: 0 }).close();
    expect(readdirSync(folder)).toEqual(['province.db']);
    const copy = tmp.file(`writable-${stores}.db`);
    copyFileSync(db, copy);
    return { folder, db, copy };
  };

  /**
   * Runs `explain` with each of `args` on `db` with `readOnly` (its folder, or the file itself) made
   * read-only, the test skipped where it cannot be, and checks the file was not written to, nor a
   * read-only folder beside it.
   */
  const runReadOnly = async (context: TestContext, { db, readOnly }: { db: string; readOnly: string }, args: readonly string[][]) => {
    const bytes = readFileSync(db);
    const { mtimeMs } = statSync(db);
    const made = makeReadOnly([readOnly]);
    if ('unavailable' in made) {
      console.warn(`skipped: ${readOnly} cannot be made read-only here (${made.unavailable})`);
      return context.skip();
    }
    try {
      const results = [];
      for (const command of args) results.push(await run('--db', db, 'explain', ...command));
      return results;
    } finally {
      made.restore();
      if (readOnly !== db) expect(readdirSync(readOnly)).toEqual(['province.db']);
      expect(statSync(db).mtimeMs).toBe(mtimeMs);
      expect(readFileSync(db).equals(bytes)).toBe(true);
    }
  };

  const formats = [['timeliness', key], ['timeliness', key, '--json'], ['officer-rating', DEMO_KEYS['officer-rating']!]];

  it('computes a read model never built from the log, as a writable copy of the same store answers, and says so', async (context) => {
    // Given a store whose read models were never built, in a folder that may not be written to
    const { folder, db, copy } = await storeAtRest();
    // When the figure is explained there, as text and as JSON
    const results = await runReadOnly(context, { db, readOnly: folder }, formats);
    for (const [index, result] of results.entries()) {
      // Then it answers what explain answers on a writable copy (which builds the read model first)
      const writable = await run('--db', copy, 'explain', ...formats[index]!);
      expect(writable.code).toBe(0);
      expect({ code: result.code, out: result.out }).toEqual({ code: 0, out: writable.out });
      // And it says the figure was computed from the log, the stored copy being out of date
      expect(result.err).toMatch(/: computed from the log at its head \(position \d+\): the stored copy could not be brought up to date in a read-only store/);
    }
    expect(JSON.parse(results[1]!.out)).toMatchObject({ readModel: 'timeliness', key, value: expect.any(Number) });
  }, 60_000);

  it('reads a read model built up to the head from its stored copy, as a writable copy of the same store answers', async (context) => {
    const formats = [['timeliness', key], ['timeliness', key, '--json']];
    // Given a store whose timeliness read model is built up to the head, in a folder that may not be written to
    const { folder, db, copy } = await storeAtRest(async (file) => {
      expect((await run('--db', file, 'explain', 'timeliness', key)).code).toBe(0);
    });
    // When the figure is explained there, as text and as JSON
    const results = await runReadOnly(context, { db, readOnly: folder }, formats);
    for (const [index, result] of results.entries()) {
      // Then it answers what explain answers on a writable copy, from the stored copy
      const writable = await run('--db', copy, 'explain', ...formats[index]!);
      expect({ code: result.code, out: result.out }).toEqual({ code: 0, out: writable.out });
      expect(result.err).not.toContain('computed from the log');
    }
  }, 60_000);

  it('refuses a key without a figure naming keys of its province, as on a writable copy, built or not', async (context) => {
    // Given a store whose read model was never built, and one whose read model is built, in folders that may not be written to
    const stale = await storeAtRest();
    const built = await storeAtRest(async (file) => {
      expect((await run('--db', file, 'explain', 'timeliness', key)).code).toBe(0);
    });
    const unknown = ['timeliness', key.replace('/onTimeRate', '/no-such-figure')];
    for (const { folder, db, copy } of [stale, built]) {
      // When a key without a figure is explained there
      const [result] = await runReadOnly(context, { db, readOnly: folder }, [unknown]);
      // Then it is refused as on a writable copy, naming some keys of the province
      const writable = await run('--db', copy, 'explain', ...unknown);
      expect(writable.err).toContain('keys of ');
      expect(result!.code).toBe(writable.code);
      expect(result!.err).toContain(writable.err);
    }
  }, 60_000);

  it('computes it from a store file that may not be written to, in a folder that may, leaving the file as it was', async (context) => {
    // Given a store whose read models were never built, the file read-only and its folder writable
    const { db, copy } = await storeAtRest();
    // When a figure is explained there (and the file is checked unwritten)
    const [result] = await runReadOnly(context, { db, readOnly: db }, [['timeliness', key]]);
    // Then it answers what a writable copy answers, saying it computed it from the log
    const writable = await run('--db', copy, 'explain', 'timeliness', key);
    expect({ code: result!.code, out: result!.out }).toEqual({ code: 0, out: writable.out });
    expect(result!.err).toContain('timeliness: computed from the log at its head');
  }, 60_000);
});
