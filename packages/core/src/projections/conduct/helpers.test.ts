import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conductKey, parseConductKey } from './keys.js';
import { inPeriod, listedPeriodsOf, parseReportingPeriod } from './periods.js';

describe('reporting periods', () => {
  it('reads years, quarters, months and days, and refuses impossible ones', () => {
    expect(parseReportingPeriod('2026-Q1')).toMatchObject({ grain: 'quarter', start: '2026-01-01', end: '2026-03-31' });
    expect(parseReportingPeriod('2028-02')).toMatchObject({ grain: 'month', end: '2028-02-29' });
    expect(parseReportingPeriod('2026-02-29')).toBeUndefined();
    expect(parseReportingPeriod('2026-Q5')).toBeUndefined();
    expect(listedPeriodsOf('2026-11-30')).toEqual(['all', '2026', '2026-Q4', '2026-11']);
  });

  it('puts a day in exactly the listed periods of each grain', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2018-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        for (const key of [...listedPeriodsOf(day), day]) expect(inPeriod(day, parseReportingPeriod(key)!), key).toBe(true);
        const [, year] = listedPeriodsOf(day);
        expect(inPeriod(day, parseReportingPeriod(String(Number(year) + 1))!)).toBe(false);
      }),
    );
  });
});

describe('conduct keys', () => {
  it('round-trip, with values that contain slashes and an optional instant', () => {
    const key = { period: '2026-Q1', dimension: 'officer', value: 'TN/OF-1', measure: 'overdue', asOf: '2026-03-04T00:00:00+07:00' };
    expect(conductKey('incident-register', key)).toBe('incident-register/2026-Q1/officer/TN/OF-1/overdue@2026-03-04T00:00:00+07:00');
    expect(parseConductKey('incident-register', conductKey('incident-register', key))).toEqual(key);
    expect(parseConductKey('incident-register', 'incident-register/2026/total/all/overdue@tomorrow')).toBeUndefined();
    expect(parseConductKey('praise', 'incident-register/2026/total/all/reported')).toBeUndefined();
  });
});
