import { describe, expect, it } from 'vitest';
import { entriesOfId } from './keys.js';

describe('entriesOfId', () => {
  it("gives one id's entries by period, not those of an id it starts", () => {
    const table = { 'a/2026-03': 1, 'a/2026-04': 2, 'a/b/2026-03': 3, 'ab/2026-03': 4, 'a/2026-03-02': 5 };
    expect(entriesOfId(table, 'a', 'month').sort()).toEqual([
      ['2026-03', 1],
      ['2026-04', 2],
    ]);
    expect(entriesOfId(table, 'a', 'day')).toEqual([['2026-03-02', 5]]);
    expect(entriesOfId(table, 'a/b', 'month')).toEqual([['2026-03', 3]]);
  });
});
