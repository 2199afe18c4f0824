import { describe, expect } from 'vitest';
import { test as fcTest } from '@fast-check/vitest';
import fc from 'fast-check';
import { createVietnamCalendar } from './vietnam-calendar.js';
import { addCalendarDays, compareDates, dayOfWeek, fromDayNumber, toDayNumber } from './dates.js';
import { statutoryHolidays } from './statutory-holidays.js';
import { BUILT_IN_SCHEDULES } from './data/schedules-vn.js';

const calendar = createVietnamCalendar();

const date = fc.integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2031-12-31') }).map(fromDayNumber);
const days = fc.integer({ min: 0, max: 300 });

const holidays = new Set(
  [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033].flatMap((year) =>
    statutoryHolidays(year, {
      ...(year === 2025 ? { nationalDayAdjacentDay: '2025-09-01' } : {}),
      ...(year === 2026 ? { nationalDayAdjacentDay: '2026-09-01' } : {}),
    }).map((d) => d.date),
  ),
);
const makeUpDays = new Set(BUILT_IN_SCHEDULES.flatMap((s) => s.makeUpWorkingDays.map((d) => d.date)));

/** Day-by-day oracle for the counting that the calendar does with running totals. */
const naiveCount = (from: string, to: string): number => {
  let count = 0;
  for (let d = addCalendarDays(from, 1); compareDates(d, to) <= 0; d = addCalendarDays(d, 1)) {
    if (calendar.isWorkingDay(d)) count++;
  }
  return count;
};

describe('working-day arithmetic, 2024–2031', () => {
  fcTest.prop([date, days])('addWorkingDays lands on a working day, never a holiday or a plain weekend', (d, n) => {
    const result = calendar.addWorkingDays(d, n);
    expect(calendar.isWorkingDay(result)).toBe(true);
    expect(calendar.dayOff(result)).toBeUndefined();
    expect(holidays.has(result)).toBe(false);
    if (dayOfWeek(result) % 6 === 0) expect(makeUpDays.has(result)).toBe(true);
  });

  fcTest.prop([date, days, days])('addWorkingDays is monotonic in n, strictly from n = 1', (d, a, b) => {
    const [low, high] = a <= b ? [a, b] : [b, a];
    const cmp = compareDates(calendar.addWorkingDays(d, low), calendar.addWorkingDays(d, high));
    // From a day off, 0 and 1 working days both land on the first working day after it.
    const same = low === high || (low === 0 && high === 1 && !calendar.isWorkingDay(d));
    if (same) expect(cmp).toBe(0);
    else expect(cmp).toBeLessThan(0);
  });

  fcTest.prop([date, date, days])('addWorkingDays is monotonic in the start date', (a, b, n) => {
    const [early, late] = compareDates(a, b) <= 0 ? [a, b] : [b, a];
    expect(compareDates(calendar.addWorkingDays(early, n), calendar.addWorkingDays(late, n))).toBeLessThanOrEqual(0);
  });

  fcTest.prop([date, fc.integer({ min: 1, max: 300 })])('workingDaysBetween(d, addWorkingDays(d, n)) is n', (d, n) => {
    expect(calendar.workingDaysBetween(d, calendar.addWorkingDays(d, n))).toBe(n);
  });

  fcTest.prop([date])('adding zero working days to a working day stays there', (d) => {
    fc.pre(calendar.isWorkingDay(d));
    expect(calendar.addWorkingDays(d, 0)).toBe(d);
    expect(calendar.workingDaysBetween(d, calendar.addWorkingDays(d, 0))).toBe(0);
  });

  fcTest.prop([date])('nextWorkingDayOnOrAfter is the first working day from d on', (d) => {
    const next = calendar.nextWorkingDayOnOrAfter(d);
    expect(next).toBe(calendar.addWorkingDays(d, 0));
    expect(calendar.isWorkingDay(next)).toBe(true);
    for (let x = d; compareDates(x, next) < 0; x = addCalendarDays(x, 1)) expect(calendar.isWorkingDay(x)).toBe(false);
  });

  fcTest.prop([date, date])('workingDaysBetween is antisymmetric', (a, b) => {
    // Compared with ===, not Object.is: a zero count must not fail on its sign.
    expect(calendar.workingDaysBetween(a, b) === -calendar.workingDaysBetween(b, a)).toBe(true);
  });

  fcTest.prop([date, date, date])('workingDaysBetween adds up over consecutive ranges', (a, b, c) => {
    expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(calendar.workingDaysBetween(a, c));
  });

  fcTest.prop([date, fc.integer({ min: 0, max: 800 })])('workingDaysBetween matches a day-by-day count, across years', (a, span) => {
    const b = addCalendarDays(a, span);
    expect(calendar.workingDaysBetween(a, b)).toBe(naiveCount(a, b));
  });
});

describe('processingStartDate with the 15:00 cutoff', () => {
  const time = fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) });
  const pad = (n: number) => String(n).padStart(2, '0');

  fcTest.prop([date, time])('same day until 15:00 on a working day, else the next working day', (d, { hour, minute }) => {
    const instant = `${d}T${pad(hour)}:${pad(minute)}:00+07:00`;
    const beforeCutoff = hour < 15 || (hour === 15 && minute === 0);
    const expected = calendar.isWorkingDay(d) && beforeCutoff ? d : calendar.addWorkingDays(d, 1);
    expect(calendar.processingStartDate(instant, '15:00')).toBe(expected);
  });

  fcTest.prop([date, time])('gives the same day whatever offset the instant is written in', (d, { hour, minute }) => {
    const local = `${d}T${pad(hour)}:${pad(minute)}:00+07:00`;
    const utc = new Date(Date.parse(local)).toISOString();
    expect(calendar.processingStartDate(utc, '15:00')).toBe(calendar.processingStartDate(local, '15:00'));
  });
});
