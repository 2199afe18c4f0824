import { copyFileSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, seededFile, tempDir } from '../cli.testkit.js';

const tmp = tempDir();
const db = tmp.file('demo.db');
const keys = tmp.file('installation');
let codes: readonly string[] = [];

beforeAll(async () => {
  codes = (await seededFile(db)).dossierCodes;
  expect((await run('audit', 'keygen', '--out', keys)).code).toBe(0);
}, 60_000);
afterAll(() => tmp.remove());

const verdictOf = async (code: string, ...more: string[]) => JSON.parse((await run('--db', db, 'audit', 'dossier', code, '--json', ...more)).out);

/** A copy of the demo whose event at `position` had its day moved behind the store's back. */
const tamperedCopy = (name: string, position: number): string => {
  const file = tmp.file(name);
  copyFileSync(db, file);
  const sqlite = new Database(file);
  const edited = sqlite.prepare("UPDATE events SET body = replace(body, '\"occurredAt\":\"2026-', '\"occurredAt\":\"2025-') WHERE global_position = ?").run(position).changes;
  sqlite.close();
  expect(edited).toBe(1);
  return file;
};

/** The warning `motcua audit` gives when the answer rests on the altered event at `position`. */
const alteredWarning = (position: number) =>
  new RegExp(`^motcua: warning: the log does not verify: this verdict rests on an altered event: altered event at position ${position} \\(stream dossier-demo-thai-nguyen:[^,]+, version 1\\): its content does not match its hash; run \`motcua verify\` \\(which alone also finds events removed\\)\n$`);

describe('motcua audit dossier', () => {
  it("verifies a bundle of the demo as docs/audit.md shows it, but for the instants, hashes, key and log size: the example's lines are the command's", async () => {
    const doc = readFileSync(new URL('../../../../docs/audit.md', import.meta.url), 'utf8');
    const example = doc.slice(doc.indexOf('$ motcua audit verify 000.21.15.H55-260302-0001.json'));
    const shown = example.slice(0, example.indexOf('```')).split('\n').slice(1, 5);
    const file = tmp.file('doc-example.json');
    const made = await run('--db', db, 'audit', 'bundle', 'dossier', '000.21.15.H55-260302-0001', '--key', `${keys}.pem`, '--installation', 'so-tttt-thai-nguyen', '--out', file);
    expect(made.code).toBe(0);
    const verified = await run('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
    // The log's size too: the tests seed one month of the demo, `motcua seed` more, after the dossier's events.
    const variable = (line: string) => line.replace(/(judged at|signed) \S+$/, '$1 …').replace(/global position \d+/, 'global position N').replace(/: \d+ events,/, ': N events,').replace(/head hash [0-9a-f]+…?/, 'head hash …').replace(/"timeliness":"late",.*/, '…');
    expect(verified.out.split('\n').slice(0, 4).map(variable)).toEqual(shown.map(variable));
  });

  it('answers over an altered log with its verdict and a warning naming each altered event it rests on, exit code 1', async () => {
    // Given a copy of the demo whose first dossier's receipt had its day moved behind the store's back
    const verdict = await verdictOf(codes[0]!);
    const [first] = verdict.events as number[];
    const tampered = tamperedCopy('tampered.db', first!);
    // When the verdict is asked from it
    const result = await run('--db', tampered, 'audit', 'dossier', codes[0]!);
    // Then it is printed, with a warning naming the position, and the exit code says so
    expect(result.out).toMatch(/^dossier /);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(alteredWarning(first!));
    // and the untouched log answers with no warning
    expect((await run('--db', db, 'audit', 'dossier', codes[0]!)).err).toBe('');
  });

  it('answers a what-if over an altered log with its comparison and the same warning, exit code 1', async () => {
    // Given a copy of the demo whose first dossier's receipt had its day moved behind the store's back
    const verdict = await verdictOf(codes[0]!);
    const [first] = verdict.events as number[];
    const tampered = tamperedCopy('tampered-what-if.db', first!);
    // When the what-if is asked from it
    const result = await run('--db', tampered, 'audit', 'dossier', codes[0]!, '--what-if', 'supplementClockPolicy=PAUSE');
    // Then it is printed, with the warning naming the position, and the exit code says so
    expect(result.out).toMatch(/^dossier .*: as recorded, and with /);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(alteredWarning(first!));
    // and the untouched log answers the same what-if with no warning
    expect(await run('--db', db, 'audit', 'dossier', codes[0]!, '--what-if', 'supplementClockPolicy=PAUSE')).toMatchObject({ code: 0, err: '' });
  });

  it('prints a dossier verdict: late or not against the original due date, then the reasoning with its rules and events', async () => {
    const result = await run('--db', db, 'audit', 'dossier', codes[0]!);
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
    expect(result.out).toMatch(new RegExp(`^dossier ${codes[0]!.replace(/\./g, '\\.')} \\(province demo-thai-nguyen\\), as of global position \\d+`));
    expect(result.out).toMatch(/^ {2}original due date \d{4}-\d{2}-\d{2}/m);
    expect(result.out).toMatch(/^ {2}\d+\. \[receipt\] Dossier /m);
    expect(result.out).toMatch(/^ {5}rule: \S+ transferCutoff, receiptDayCounts, calendarDaysCountFrom \(docs\/domain\/dossier-lifecycle\.md §6\)$/m);
    expect(result.out).toMatch(/^ {2}\d+\. \[lateness\] /m);
  });

  it('prints JSON that agrees with `dossier show`, and as of a position before its receipt says it was not received', async () => {
    let judged: { code: string; verdict: { outcome: Record<string, unknown> } } | undefined;
    for (const code of codes.slice(0, 40)) {
      const verdict = await verdictOf(code);
      if (verdict.outcome.judged === true) {
        judged = { code, verdict };
        break;
      }
    }
    expect(judged).toBeDefined();
    const shown = JSON.parse((await run('--db', db, 'dossier', 'show', judged!.code, '--json')).out);
    expect(judged!.verdict.outcome).toMatchObject({ originalDueDate: shown.originalDueDate ?? shown.state?.originalDueDate, status: 'RETURNED' });
    const before = await verdictOf(codes[0]!, '--as-of', '1');
    expect(before.outcome).toMatchObject({ status: 'NOT_STARTED', judged: false, late: null });
  });

  it('says what is wrong: a text that is not a dossier code, a code never received', async () => {
    const bad = await run('--db', db, 'audit', 'dossier', 'ABC');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"ABC" is not a dossier code/);
    const missing = await run('--db', db, 'audit', 'dossier', '000.00.15.H55-200101-0001');
    expect({ code: missing.code, err: missing.err }).toEqual({ code: 1, err: 'motcua: no dossier with dossier code 000.00.15.H55-200101-0001 in province demo-thai-nguyen\n' });
  });

  it('bundles a dossier verdict, now and as of a day, and the bundle verifies offline', async () => {
    for (const asOf of [[], ['--as-of', '2026-03-10']]) {
      const file = tmp.file(`dossier-${asOf.length}.json`);
      const made = await run('--db', db, 'audit', 'bundle', 'dossier', codes[0]!, '--key', `${keys}.pem`, '--installation', 'so-tttt-demo', '--out', file, ...asOf);
      expect({ code: made.code, err: made.err.split(':')[0] }).toEqual({ code: 0, err: `dossier verdict on ${codes[0]!}` });
      const verified = await run('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
      expect({ code: verified.code, out: verified.out.split('\n')[0] }).toEqual({
        code: 0,
        out: expect.stringMatching(new RegExp(`^ok: dossier verdict on ${codes[0]!.replace(/\./g, '\\.')} \\(province demo-thai-nguyen\\) recomputed from its \\d+ events`)),
      });
    }
  }, 60_000);

  it('answers "not received" as of a day before the first rule set (2018-06-21) or the calendar (1976), with a what-if too, and bundles it', async () => {
    for (const asOf of ['2010-01-01', '1975-12-31']) {
      const verdict = await verdictOf(codes[0]!, '--as-of', asOf);
      expect({ asOf, outcome: verdict.outcome, ruleSetVersions: verdict.ruleSetVersions }).toMatchObject({ asOf, outcome: { status: 'NOT_STARTED', judged: false, late: null }, ruleSetVersions: [] });
      const whatIf = await run('--db', db, 'audit', 'dossier', codes[0]!, '--as-of', asOf, '--what-if', 'supplementClockPolicy=PAUSE');
      expect({ asOf, code: whatIf.code, err: whatIf.err, out: whatIf.out }).toMatchObject({ asOf, code: 0, err: '', out: expect.stringContaining('no difference') });
    }
    const file = tmp.file('dossier-2010.json');
    const made = await run('--db', db, 'audit', 'bundle', 'dossier', codes[0]!, '--key', `${keys}.pem`, '--installation', 'so-tttt-demo', '--out', file, '--as-of', '2010-01-01');
    expect({ code: made.code, err: made.err.split(':')[0] }).toEqual({ code: 0, err: `dossier verdict on ${codes[0]!}` });
    expect((await run('audit', 'verify', file, '--public-key', `${keys}.pub.pem`)).code).toBe(0);
  }, 60_000);

  it("refuses a moment after the working-day calendar's last day, 2099-12-31, with exit code 2", async () => {
    for (const asOf of ['2100-01-01', '9999-12-31', '2099-12-31T23:00:00-12:00']) {
      const result = await run('--db', db, 'audit', 'dossier', codes[0]!, '--as-of', asOf);
      expect({ asOf, code: result.code, out: result.out, err: result.err }).toEqual({
        asOf, code: 2, out: '', err: expect.stringContaining(`after 2099-12-31, the last day of the working-day calendar; give a moment up to then`),
      });
    }
    expect((await run('--db', db, 'audit', 'dossier', codes[0]!, '--as-of', '2099-12-31')).code).toBe(0);
  });

  it('refuses an option given twice, naming it, with exit code 2: commander would keep the last one', async () => {
    for (const twice of [['--as-of', '2026-03-05', '--as-of', '300'], ['--province', 'demo-thai-nguyen', '--province', 'bac-ninh'], ['--format', 'json', '--format', 'md'], ['--lang', 'en', '--lang', 'vi']]) {
      const result = await run('--db', db, 'audit', 'dossier', codes[0]!, ...twice);
      expect({ twice, code: result.code, out: result.out, err: result.err }).toEqual({ twice, code: 2, out: '', err: expect.stringMatching(new RegExp(`^motcua: option '${twice[0]} <\\w+>' is given twice: give it once`)) });
    }
    const bundled = await run('--db', db, 'audit', 'bundle', 'dossier', codes[0]!, '--key', `${keys}.pem`, '--installation', 'a', '--installation', 'b');
    expect({ code: bundled.code, err: bundled.err }).toEqual({ code: 2, err: expect.stringContaining("option '--installation <name>' is given twice") });
    const explained = await run('--db', db, 'explain', 'timeliness', 'x', '--as-of', '2026-03-05', '--as-of', '300');
    expect({ code: explained.code, err: explained.err }).toEqual({ code: 2, err: expect.stringContaining("option '--as-of <moment>' is given twice") });
    // What collects its repeats still does.
    expect((await run('--db', db, 'audit', 'dossier', codes[0]!, '--what-if', 'supplementClockPolicy=PAUSE', '--what-if', 'calendar=vn-2026.1')).code).toBe(0);
  });

  it('explains the command under --help, with examples', async () => {
    const help = await run('audit', 'dossier', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: motcua audit dossier \[options\] <id>/);
    expect(help.out).toMatch(/Examples:\n {2}\$ motcua audit dossier /);
  });
});
