import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { toVietnamDate } from '@motcua/core';
import { run, tempDir } from '../cli.testkit.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** `motcua generate` writes what the desk would take: no event dated after today (OCCURRED_IN_THE_FUTURE). */
describe('motcua generate and today', () => {
  it('Given --year 2100, When generating, Then it exits 2 saying the year starts after today, and writes no file', async () => {
    const file = tmp.file('future.db');
    const result = await run('generate', '--to', `sqlite:${file}`, '--year', '2100', '--units', '1', '--dossiers-per-day', '1', '--days', '2');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--year 2100 starts after today \(\d{4}-\d\d-\d\d\)/);
    expect(result.err).toMatch(/OCCURRED_IN_THE_FUTURE/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses this year when its days of receipts run past today', async () => {
    const year = toVietnamDate(new Date().toISOString()).slice(0, 4);
    const result = await run('generate', '--to', `sqlite:${tmp.file('this-year.db')}`, '--year', year, '--units', '1', '--dossiers-per-day', '1', '--days', '1000');
    expect(result.code).toBe(2);
  });
});
