import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, seededFile, tempDir } from '../cli.testkit.js';

const tmp = tempDir();
const db = tmp.file('demo.db');

beforeAll(async () => {
  await seededFile(db);
}, 60_000);
afterAll(() => tmp.remove());

describe('motcua audit <kind> --format md|html|json --lang vi|en', () => {
  it('writes a verdict as a Markdown report, Vietnamese by default, English on asking', async () => {
    const vi = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--format', 'md');
    expect({ code: vi.code, err: vi.err }).toEqual({ code: 0, err: '' });
    expect(vi.out).toMatch(/^# Kết luận kiểm tra vụ việc về công vụ inc-m1-c01\n/);
    expect(vi.out).toContain('## Các sự kiện làm căn cứ');
    const en = await run('--db', db, 'audit', 'feedback', 'fb-m1-gop-y', '--format', 'md', '--lang', 'en');
    expect(en.out).toMatch(/^# Audit verdict on feedback fb-m1-gop-y\n/);
    expect(en.out).toMatch(/^\| \\#\d+ \| FeedbackReceived \| feedback-demo-thai-nguyen:fb-m1-gop-y \| 1 \|/m);
  });

  it('writes an HTML report, and JSON with --format json as with --json', async () => {
    const html = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--format', 'html', '--lang', 'en', '--as-of', '2026-03-20');
    expect(html.out).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.out).toContain('what happened by 2026-03-20T23:59:59.999+07:00');
    const json = JSON.parse((await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--format', 'json', '--as-of', '2026-03-20')).out);
    expect(json).toMatchObject({ kind: 'incident', subject: 'inc-m1-c01' });
    expect(json).toEqual(JSON.parse((await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--json', '--as-of', '2026-03-20')).out));
  });

  it('computes the same verdict under another rule-set value, side by side, each difference named', async () => {
    const text = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--as-of', '2026-03-20', '--what-if', 'incidentStepDeadlineWorkingDays.acknowledge=3');
    expect({ code: text.code, err: text.err }).toEqual({ code: 0, err: '' });
    expect(text.out).toMatch(/^incident inc-m1-c01 \(province demo-thai-nguyen\): as recorded, and with decree-\S+ incidentStepDeadlineWorkingDays\.acknowledge = 3 instead of 1/);
    expect(text.out).toMatch(/ADR 0003/);
    expect(text.out).toMatch(/^ {2}- step deadline:acknowledge: workingDaysAllowed 1 → 3$/m);
    expect(text.out).toMatch(/^ {2}- step deadline:acknowledge: recomputedDueDate absent → "\d{4}-\d{2}-\d{2}"$/m);
    const json = JSON.parse((await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--as-of', '2026-03-20', '--what-if', 'indexRounding=half-even', '--json')).out);
    expect(json).toMatchObject({ kind: 'incident', differences: [], outcomeChanged: false });
    const md = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--what-if', 'incidentStepDeadlineWorkingDays.acknowledge=3', '--format', 'md', '--lang', 'en');
    expect(md.out).toMatch(/^# What-if: the audit verdict on conduct incident inc-m1-c01 under other rules\n/);
    const bad = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--what-if', 'supplementClockPolicy=SOMETIMES');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/is invalid/);
  });

  it('refuses a format or a language it does not write, and two formats at once', async () => {
    expect((await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--format', 'pdf')).code).toBe(2);
    expect((await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--format', 'md', '--lang', 'fr')).code).toBe(2);
    const both = await run('--db', db, 'audit', 'incident', 'inc-m1-c01', '--json', '--format', 'md');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--json and --format md ask for two formats/);
  });
});
