import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
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

describe('audit verdicts and bundles, on a store in a folder that may not be written to', () => {
  // A store at rest in a writable folder, the answers of the audit commands there, and the instant they began.
  const writable = tmp.file('writable');
  const original = join(writable, 'province.db');
  const keys = tmp.file('installation');
  let commands: string[][] = [];
  let answers: { command: string[]; code: number; out: string; err: string }[] = [];
  let started = 0;
  // Instants of the run itself (open deadlines judged now, a bundle signed now) and signatures over them differ from run to run.
  const settled = (text: string) =>
    text
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (instant) => (Date.parse(instant) >= started ? '<now>' : instant))
      .replace(/"value": "[0-9a-f]{128}"/g, '"value": "<signature>"');

  beforeAll(async () => {
    mkdirSync(writable);
    await seededFile(original, { months: 1 });
    await openSqliteEventStore({ file: original, pollIntervalMs: 0 }).close();
    const rows = await storedRows(original);
    const dossier = rows.find((row) => row.streamId.startsWith('dossier-'))!.streamId;
    const [province, code] = dossier.slice('dossier-'.length).split(':') as [string, string];
    const evaluated = rows.find((row) => row.type === 'EvaluationRecorded')!.streamId;
    const officer = evaluated.slice(evaluated.indexOf(':') + 1);
    expect((await run('audit', 'keygen', '--out', keys)).code).toBe(0);
    const signing = ['--key', `${keys}.pem`, '--installation', 'so-tttt-demo'];
    commands = [
      ['audit', 'dossier', code, '--province', province],
      ['audit', 'dossier', code, '--province', province, '--json', '--as-of', String(rows.length)],
      ['audit', 'officer', officer, '2025', '--format', 'md'],
      ['audit', 'officer', `${officer}/2026-Q1`, '--json', '--as-of', '2026-03-20'],
      ['audit', 'incident', 'inc-m1-c01', '--format', 'html', '--lang', 'en', '--as-of', '2026-03-20'],
      ['audit', 'incident', 'inc-m1-c01', '--what-if', 'incidentStepDeadlineWorkingDays.acknowledge=3'],
      ['audit', 'incident', 'inc-m1-c01', '--what-if', 'incidentStepDeadlineWorkingDays.acknowledge=3', '--format', 'md', '--as-of', '2026-03-20'],
      ['audit', 'feedback', 'fb-m1-gop-y'],
      ['audit', 'feedback', 'fb-m1-gop-y', '--format', 'json', '--as-of', String(rows.length)],
      ['audit', 'bundle', 'dossier', code, '--province', province, ...signing],
      ['audit', 'bundle', 'officer', officer, '2025', '--as-of', '2026-03-20', ...signing],
      ['audit', 'bundle', 'incident', 'inc-m1-c01', '--as-of', String(rows.length), ...signing],
    ];
    started = Date.now() - 1000;
    answers = [];
    for (const command of commands) {
      const { code: exit, out, err } = await run('--db', original, ...command);
      answers.push({ command, code: exit, out: settled(out), err: settled(err) });
    }
    expect(answers.map(({ command, code: exit }) => ({ command, code: exit }))).toEqual(commands.map((command) => ({ command, code: 0 })));
  }, 60_000);

  it.for([
    { what: 'the folder (read from a private copy)', fileToo: false },
    { what: 'the folder and the file', fileToo: true },
  ])('answer as in a writable folder when $what may not be written to, and write nothing there', { timeout: 60_000 }, async ({ fileToo }, context) => {
    // Given the same file in a folder that may not be written to
    const folder = tmp.file(fileToo ? 'inspected-file' : 'inspected');
    mkdirSync(folder);
    const db = join(folder, 'province.db');
    copyFileSync(original, db);
    const bytes = readFileSync(db);
    const readOnly = makeReadOnly(fileToo ? [folder, db] : [folder]);
    if ('unavailable' in readOnly) {
      console.warn(`skipped: no read-only folder can be made here (${readOnly.unavailable})`);
      return context.skip();
    }
    const copied = `${db} is in a folder SQLite cannot write its index (-shm) to: read from a copy in `;
    try {
      for (const [i, command] of commands.entries()) {
        // When each audit command is run on it
        const { code: exit, out, err } = await run('--db', db, ...command);
        // Then it answers as it did in the writable folder (saying so when it read a copy)
        if (!fileToo) expect(err).toContain(copied);
        const said = err.split('\n').filter((line) => !line.startsWith(copied)).join('\n');
        expect({ command, code: exit, out: settled(out), err: settled(said) }).toEqual(answers[i]);
      }
    } finally {
      readOnly.restore();
    }
    // And the folder holds the file alone, unchanged
    expect(readdirSync(folder)).toEqual(['province.db']);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it('still warn of an altered event a verdict rests on, read from a private copy', async (context) => {
    // Given the store with the first event of a dossier's verdict altered behind its back, in a folder that may not be written to
    const [first] = (JSON.parse(answers[1]!.out) as { events: number[] }).events;
    const folder = tmp.file('altered');
    mkdirSync(folder);
    const db = join(folder, 'province.db');
    copyFileSync(original, db);
    const sqlite = new Database(db);
    const edited = sqlite.prepare("UPDATE events SET body = replace(body, '\"occurredAt\":\"2026-', '\"occurredAt\":\"2025-') WHERE global_position = ?").run(first).changes;
    sqlite.close();
    expect({ edited, files: readdirSync(folder) }).toEqual({ edited: 1, files: ['province.db'] });
    const readOnly = makeReadOnly([folder]);
    if ('unavailable' in readOnly) {
      console.warn(`skipped: no read-only folder can be made here (${readOnly.unavailable})`);
      return context.skip();
    }
    try {
      // When its verdict is asked
      const result = await run('--db', db, ...commands[0]!);
      // Then it is printed, with the warning naming the altered event, exit code 1
      expect(result.out).toMatch(/^dossier /);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`motcua: warning: the log does not verify: this verdict rests on an altered event: altered event at position ${first} `);
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
