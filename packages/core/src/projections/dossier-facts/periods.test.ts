import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysOf, GRAINS, lastDayOf, periodOf } from './periods.js';

const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('daysOf', () => {
  it('lists every day of the period once, in order, from its first day to its last', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...GRAINS), (d, grain) => {
        const period = periodOf(d, grain);
        const days = daysOf(grain, period);
        expect(days).toContain(d);
        expect(days.every((x) => periodOf(x, grain) === period)).toBe(true);
        expect(days.at(-1)).toBe(lastDayOf(grain, period));
        for (let i = 1; i < days.length; i++) {
          expect(Date.parse(`${days[i]}T00:00:00Z`) - Date.parse(`${days[i - 1]}T00:00:00Z`)).toBe(86_400_000);
        }
        // The day before the first is of another period.
        const before = new Date(Date.parse(`${days[0]}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        expect(periodOf(before, grain)).not.toBe(period);
      }),
    );
  });

  it('gives nothing for a period that is not one of the grain', () => {
    expect(daysOf('month', '2026-13')).toEqual([]);
    expect(daysOf('quarter', '2026-03')).toEqual([]);
    expect(daysOf('year', 'NaN')).toEqual([]);
    expect(daysOf('year', '2028')).toHaveLength(366);
  });
});
