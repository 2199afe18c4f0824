import { describe, expect, it } from 'vitest';
import { dayOf, listedPeriodsOf, parseAggregatePeriod, periodsOfMonth } from './period.js';

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
