import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayOf, listedPeriodsOf, monthsOf, parseAggregatePeriod, parsePeriod, periodsOfMonth } from './period.js';

describe('period helpers', () => {
  it('names the Vietnamese day of an instant', () => {
    expect(dayOf('2026-03-31T17:30:00Z')).toBe('2026-04-01');
    expect(dayOf('2026-03-31T16:59:59Z')).toBe('2026-03-31');
  });

  it('lists the periods a day and a month are counted under', () => {
    expect(listedPeriodsOf('2026-03-31')).toEqual(['2026-03', '2026-Q1', '2026', 'all']);
    expect(periodsOfMonth('2026-11')).toEqual([
      { grain: 'month', key: '2026-11' },
      { grain: 'quarter', key: '2026-Q4' },
      { grain: 'year', key: '2026' },
    ]);
  });

  it('parses a month, quarter or year period and nothing else', () => {
    expect(parseAggregatePeriod('quarter', '2026-Q2')?.end).toBe('2026-06-30');
    expect(parseAggregatePeriod('month', '2026-Q2')).toBeUndefined();
    expect(parseAggregatePeriod('day', '2026-03-02')).toBeUndefined();
    expect(parseAggregatePeriod('all', 'all')).toBeUndefined();
  });
});

describe('monthsOf', () => {
  const year = fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0'));
  const periodKey = fc.oneof(
    year,
    fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
    fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  );

  it('gives every month of any year, quarter or month up to 9999, from its first to its last, one after another', () => {
    fc.assert(
      fc.property(periodKey, (key) => {
        const period = parsePeriod(key)!;
        const months = monthsOf(period);
        expect(months[0]).toBe(period.start.slice(0, 7));
        expect(months.at(-1)).toBe(period.end.slice(0, 7));
        expect(months).toHaveLength(period.grain === 'year' ? 12 : period.grain === 'quarter' ? 3 : 1);
        for (let i = 1; i < months.length; i++) expect(months[i]! > months[i - 1]!).toBe(true);
      }),
    );
    // The last months a period can name, whose next month is written with five digits
    for (const key of ['9999', '9999-Q4', '9999-12']) expect(monthsOf(parsePeriod(key)!).at(-1)).toBe('9999-12');
  });
});
