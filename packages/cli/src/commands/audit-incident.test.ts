import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, seededFile, tempDir } from '../cli.testkit.js';

const tmp = tempDir();
const db = tmp.file('demo.db');

beforeAll(async () => {
  await seededFile(db);
}, 60_000);
afterAll(() => tmp.remove());

describe('motcua audit incident|feedback', () => {
  it("prints what docs/audit.md shows of it on the demo seed, but the instant judged: the example's lines are the command's", async () => {
    const doc = readFileSync(new URL('../../../../docs/audit.md', import.meta.url), 'utf8');
    const example = doc.slice(doc.indexOf('$ motcua audit incident inc-m1-c11 --db demo.db\n'));
    const shown = example.split('\n').slice(1, example.split('\n').indexOf('reasoning:'));
    const result = await run('--db', db, 'audit', 'incident', 'inc-m1-c11');
    const judged = (line: string) => line.replace(/judged \S+$/, 'judged …');
    expect(result.out.split('\n').slice(0, shown.length).map(judged)).toEqual(shown.map(judged));
    for (const events of example.slice(0, example.indexOf('```')).match(/^ +events: .*$/gm) ?? []) expect(result.out).toContain(`${events}\n`);
  });

  it('prints an incident verdict: each deadline, then the reasoning with its rules and events', async () => {
    const result = await run('--db', db, 'audit', 'incident', 'inc-m1-c01');
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
    expect(result.out).toMatch(/^incident inc-m1-c01 \(province demo-thai-nguyen\), as of global position \d+ \(its last event then\), judged /);
    expect(result.out).toMatch(/^ {2}deadline +due +done +status$/m);
    expect(result.out).toMatch(/^ {2}acknowledge +\d{4}-\d{2}-\d{2} +\d{4}-\d{2}-\d{2} +(on-time|late by \d+ working days?)$/m);
    expect(result.out).toMatch(/^ {5}rule: decree-\S+ incidentStepDeadlineWorkingDays\.acknowledge \(docs\/domain\/conduct-catalogue\.md §3\)$/m);
    expect(result.out).toMatch(/^rule sets: decree-/m);
  });

  it('prints the verdict as JSON, and as of a position before the report says it was not reported yet', async () => {
    const now = JSON.parse((await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--json')).out);
    expect(now).toMatchObject({ kind: 'incident', subject: 'inc-m1-c01', tenantId: 'demo-thai-nguyen', outcome: { status: 'closed' } });
    expect(now.steps.map((s: { id: string }) => s.id)).toContain('deadline:acknowledge');
    const before = JSON.parse((await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--json', '--as-of', '1')).out);
    expect(before).toMatchObject({ outcome: { status: 'not-reported', deadlines: [] }, asOf: { globalPosition: 0 } });
    expect(before.asOf.judgedAt).toMatch(/^\d{4}-/);
  });

  it('judges feedback as TT01 index 8 does, as of a business day too', async () => {
    const result = await run('--db', db, 'audit', 'feedback', 'fb-m1-gop-y', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ kind: 'feedback', outcome: { kind: 'gop-y', judged: true, handling: { how: 'answered' } } });
    const early = JSON.parse((await run('--db', db, 'audit', 'feedback', 'fb-m1-gop-y', '--json', '--as-of', '2026-03-04')).out);
    expect(early).toMatchObject({ asOf: { businessTime: '2026-03-04T23:59:59.999+07:00' }, outcome: { judged: false } });
  });

  it("says what is missing: an unknown id, another province, a position past the province's last event, a moment it cannot read", async () => {
    const missing = await run('--db', db, 'audit', 'incident', 'inc-none');
    expect({ code: missing.code, err: missing.err }).toEqual({ code: 1, err: 'motcua: no incident with incident id inc-none in province demo-thai-nguyen\n' });
    expect((await run('--db', db, 'audit', 'feedback', 'fb-m1-gop-y', '--province', 'bac-ninh')).code).toBe(1);
    const past = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--as-of', '99999999');
    expect(past.code).toBe(2);
    expect(past.err).toMatch(/global position 99999999 is past the last event of province demo-thai-nguyen \(head \d+\)/);
    const bad = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--as-of', 'last week');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/give a global position \(e\.g\. 1200\), a day/);
  });

  it('explains both commands under --help, with examples', async () => {
    for (const kind of ['incident', 'feedback']) {
      const help = await run('audit', kind, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`Usage: motcua audit ${kind} \\[options\\] <id>`));
      expect(help.out).toMatch(/Examples:\n {2}\$ motcua audit /);
    }
  });
});
