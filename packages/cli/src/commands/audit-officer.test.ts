import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, seededFile, tempDir } from '../cli.testkit.js';

const tmp = tempDir();
const db = tmp.file('demo.db');
const keys = tmp.file('installation');
let officers: readonly string[] = [];

beforeAll(async () => {
  await seededFile(db);
  const found = new Database(db, { readonly: true });
  officers = (found.prepare("SELECT DISTINCT stream_id FROM events WHERE type = 'EvaluationRecorded' ORDER BY stream_id").pluck().all() as string[]).map((s) => s.slice(s.indexOf(':') + 1));
  found.close();
  expect((await run('audit', 'keygen', '--out', keys)).code).toBe(0);
}, 60_000);
afterAll(() => tmp.remove());

describe('motcua audit officer', () => {
  it('prints an officer verdict: the scale, the proposal against the recorded decision, the quota, then the reasoning', async () => {
    const result = await run('--db', db, 'audit', 'officer', officers[0]!, '2025');
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
    expect(result.out).toMatch(new RegExp(`^officer ${officers[0]!}/2025 \\(province demo-thai-nguyen\\), as of global position \\d+`));
    expect(result.out).toMatch(/^ {2}scale four-levels-decree-90-2020 \(decree-118-2025\)$/m);
    expect(result.out).toMatch(/^ {2}proposed \S+, recorded \S+.*: (agrees|differs|not-proposed)$/m);
    expect(result.out).toMatch(/^ {5}rule: decree-118-2025 evaluationScale, fourLevelCriteria \(docs\/domain\/officers\.md §2; docs\/domain\/rules-in-time\.md §3\)$/m);
  });

  it('prints JSON; the 2026 quarter is on 100 points, and before the log had any event the officer was not proposed', async () => {
    const quarter = JSON.parse((await run('--db', db, 'audit', 'officer', officers[0]!, '2026-Q1', '--json')).out);
    expect(quarter).toMatchObject({ kind: 'officer', subject: `${officers[0]!}/2026-Q1`, outcome: { scale: 'hundred-points-decree-335-2025' } });
    const before = JSON.parse((await run('--db', db, 'audit', 'officer', officers[0]!, '2026-Q1', '--json', '--as-of', '1')).out);
    expect(before.outcome).toMatchObject({ status: 'not-proposed', decision: 'not-proposed' });
  });

  it('says what is wrong: a period that is not one, an id with its period in one argument, an officer never named', async () => {
    const bad = await run('--db', db, 'audit', 'officer', officers[0]!, 'last-year');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"last-year" is not a rating period/);
    expect((await run('--db', db, 'audit', 'officer', `${officers[0]!}/2025`, '2025')).code).toBe(2);
    const missing = await run('--db', db, 'audit', 'officer', 'OF-NOBODY', '2025');
    expect({ code: missing.code, err: missing.err }).toEqual({ code: 1, err: 'motcua: no officer with officer id and period OF-NOBODY/2025 in province demo-thai-nguyen\n' });
  });

  it('bundles an officer verdict and the bundle verifies offline', async () => {
    const file = tmp.file('officer.json');
    const subject = `${officers[0]!}/2025`;
    const made = await run('--db', db, 'audit', 'bundle', 'officer', subject, '--key', `${keys}.pem`, '--installation', 'so-tttt-demo', '--out', file);
    expect({ code: made.code, err: made.err.split(':')[0] }).toEqual({ code: 0, err: `officer verdict on ${subject}` });
    const verified = await run('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
    expect({ code: verified.code, out: verified.out.split('\n')[0] }).toEqual({ code: 0, out: expect.stringMatching(new RegExp(`^ok: officer verdict on ${subject} \\(province demo-thai-nguyen\\)`)) });
  }, 60_000);

  it('refuses to bundle an officer verdict whose period is not a rating period: bad usage, saying which forms a period takes', async () => {
    for (const subject of [`${officers[0]!}/banana`, officers[0]!]) {
      const refused = await run('--db', db, 'audit', 'bundle', 'officer', subject, '--key', `${keys}.pem`, '--installation', 'so-tttt-demo', '--out', tmp.file('refused.json'));
      expect({ code: refused.code, out: refused.out }, subject).toEqual({ code: 2, out: '' });
      expect(refused.err, subject).toMatch(/^motcua: .*(is not a rating period: give a year \(2025\), a quarter \(2026-Q1\) or a month \(2026-03\)|needs a period: give <id> <period> or <id>\/<period>)/);
    }
  });

  it('takes the officer and the period as two arguments or as one, <id>/<period>, in audit officer and audit bundle alike', async () => {
    const apart = await run('--db', db, 'audit', 'officer', officers[0]!, '2025', '--json', '--as-of', '500');
    const together = await run('--db', db, 'audit', 'officer', `${officers[0]!}/2025`, '--json', '--as-of', '500');
    expect(together).toEqual(apart);
    expect(apart.code).toBe(0);
    const file = tmp.file('officer-apart.json');
    const made = await run('--db', db, 'audit', 'bundle', 'officer', officers[0]!, '2025', '--key', `${keys}.pem`, '--installation', 'so-tttt-demo', '--out', file);
    expect({ code: made.code, err: made.err.split(':')[0] }).toEqual({ code: 0, err: `officer verdict on ${officers[0]!}/2025` });
    // Neither form: no period, or two of them; and a second argument to a kind whose subject is one.
    const none = await run('--db', db, 'audit', 'officer', officers[0]!);
    expect({ code: none.code, err: none.err }).toEqual({ code: 2, err: 'motcua: the officer verdict needs a period: give <id> <period> or <id>/<period>, e.g. OF-1 2026-Q1 or OF-1/2026-Q1\n' });
    const twice = await run('--db', db, 'audit', 'bundle', 'officer', `${officers[0]!}/2025`, '2025', '--key', `${keys}.pem`, '--installation', 'so-tttt-demo');
    expect({ code: twice.code, err: twice.err }).toEqual({ code: 2, err: `motcua: "${officers[0]!}/2025" already names a period after its slash: give <id> <period> or <id>/<period>, not both\n` });
    const extra = await run('--db', db, 'audit', 'bundle', 'incident', 'inc-m1-c01', '2025', '--key', `${keys}.pem`, '--installation', 'so-tttt-demo');
    expect({ code: extra.code, err: extra.err }).toEqual({ code: 2, err: 'motcua: the incident verdict takes one subject, its incident id: "2025" is one argument too many\n' });
  }, 60_000);

  it('explains the command under --help, with examples', async () => {
    const help = await run('audit', 'officer', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: motcua audit officer \[options\] <id> \[period\]/);
    expect(help.out).toMatch(/Examples:\n {2}\$ motcua audit officer officer-phuc-vu-hcc-receiving-officer-1 2026-Q1 --db demo\.db/);
  });

  it('runs the examples of `audit officer --help` and `audit --help` as written, on the seeded demo, in a folder with no keys yet', async () => {
    const here = tmp.file('examples');
    // The examples' relative paths, in a folder of their own.
    const inFolder = (arg: string) => (arg === 'demo.db' ? db : /^keys\/|\.json$/.test(arg) ? `${here}/${arg}` : arg);
    for (const command of [['audit', 'officer'], ['audit']]) {
      const help = await run(...command, '--help');
      const examples = [...help.out.matchAll(/^ {2}\$ motcua (.+?)(?:\s+#.*)?$/gm)].map((match) => match[1]!.split(/\s+/).map(inFolder));
      expect(examples.length).toBeGreaterThan(1);
      for (const example of examples) {
        const result = await run(...example);
        expect(result.code, `motcua ${example.join(' ')}: ${result.err}`).toBe(0);
      }
    }
  }, 60_000);
});
