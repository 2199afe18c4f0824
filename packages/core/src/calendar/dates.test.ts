import { describe, it, expect } from 'vitest';
import { test as fcTest } from '@fast-check/vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  compareDates,
  dayOfWeek,
  fromDayNumber,
  startOfVietnamDay,
  toDayNumber,
  toVietnamDate,
  vietnamTimeOfDay,
} from './dates.js';

describe('Vietnamese dates of instants (UTC+7)', () => {
  it('puts 17:30 UTC on 30 June on 1 July in Vietnam', () => {
    expect(toVietnamDate('2025-06-30T17:30:00Z')).toBe('2025-07-01');
    expect(vietnamTimeOfDay('2025-06-30T17:30:00Z')).toBe('00:30');
  });

  it('reads an instant written with any offset', () => {
    expect(toVietnamDate('2025-06-30T23:59:00+07:00')).toBe('2025-06-30');
    expect(toVietnamDate('2025-06-30T12:00:00-05:00')).toBe('2025-07-01');
    expect(vietnamTimeOfDay('2025-06-30T12:00:00-05:00')).toBe('00:00');
    expect(vietnamTimeOfDay('2025-03-04T08:05:59.999Z')).toBe('15:05');
  });

  it('refuses a bare date or a local time without offset, which would be read as UTC', () => {
    expect(() => toVietnamDate('2025-07-01')).toThrow(RangeError);
    expect(() => toVietnamDate('2025-07-01T10:00:00')).toThrow(RangeError);
    expect(() => vietnamTimeOfDay('not a date')).toThrow(RangeError);
  });

  it('gives the start of a Vietnamese day as an instant', () => {
    expect(startOfVietnamDay('2025-07-01')).toBe('2025-07-01T00:00:00+07:00');
    expect(toVietnamDate(startOfVietnamDay('2025-07-01'))).toBe('2025-07-01');
    expect(() => startOfVietnamDay('2025-02-29')).toThrow(RangeError);
  });
});

describe('calendar-day arithmetic', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addCalendarDays('2100-02-28', 1)).toBe('2100-03-01');
  });

  it('orders dates', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBeLessThan(0);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBeGreaterThan(0);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2025-04-26')).toBe(6); // the make-up Saturday
    expect(dayOfWeek('2026-04-26')).toBe(0); // Hùng Kings on a Sunday
    expect(dayOfWeek('1970-01-01')).toBe(4);
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01-32', '']) {
      expect(() => toDayNumber(bad), bad).toThrow(RangeError);
    }
  });

  const anyDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true });

  fcTest.prop([anyDate])('agrees with the UTC arithmetic of Date', (d) => {
    const iso = d.toISOString().slice(0, 10);
    expect(toDayNumber(iso)).toBe(Math.floor(d.getTime() / 86_400_000));
    expect(fromDayNumber(toDayNumber(iso))).toBe(iso);
    expect(dayOfWeek(iso)).toBe(d.getUTCDay());
  });

  fcTest.prop([anyDate, fc.integer({ min: -5000, max: 5000 })])('adding n days moves compareDates by n', (d, n) => {
    const iso = d.toISOString().slice(0, 10);
    expect(compareDates(addCalendarDays(iso, n), iso)).toBe(n);
  });
});
