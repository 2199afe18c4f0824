import { describe, it, expect } from 'vitest';
import type { CalendarVersionData, WorkingDayCalendar } from './types.js';
import { addCalendarDays, dayOfWeek } from './dates.js';
import { createVietnamCalendar } from './vietnam-calendar.js';
import { BUILT_IN_CALENDAR_VERSIONS, VN_2026_1 } from './data/versions-vn.js';
import { BUILT_IN_CALENDAR_DATA_VERSION } from './data/schedules-vn.js';
import { UnknownCalendarVersionError, builtInCalendars, calendarFor, calendarVersions, createCalendarRegistry } from './registry.js';
import { fingerprint } from './version.js';

/** Every day that is not a plain weekend or a plain weekday, 2018–2035: what a version's data decides. */
const exceptions = (calendar: WorkingDayCalendar) => {
  const days: string[] = [];
  for (let d = '2018-01-01'; d <= '2035-12-31'; d = addCalendarDays(d, 1)) {
    const weekend = dayOfWeek(d) % 6 === 0;
    if (calendar.isWorkingDay(d) === weekend) days.push(`${d} ${calendar.dayOff(d)?.kind ?? 'make-up'}`);
  }
  return days;
};

/** Days off and make-up days of vn-2026.1, 2018–2035: counted and fingerprinted when it was kept as data. */
const EXPECTED_COUNT = 199;
const EXPECTED_FINGERPRINT = 'c1024df6f04d';

/** A later version: the 2026 schedule as republished with a day off moved, and a closure added. */
const VN_2026_2: CalendarVersionData = {
  version: 'vn-2026.2',
  effectiveFrom: '2026-12-01',
  source: 'test: 2026 schedule corrected (Fri 2026-01-02 given off, make-up Sat 2026-01-10); closure on Mon 2026-03-09',
  schedules: [
    ...VN_2026_1.schedules.filter((s) => s.year !== 2026),
    {
      ...(VN_2026_1.schedules.find((s) => s.year === 2026) as CalendarVersionData['schedules'][number]),
      daysOff: [
        ...(VN_2026_1.schedules.find((s) => s.year === 2026)?.daysOff ?? []),
        { date: '2026-01-02', reason: 'bridge after New Year, swapped with Sat 2026-01-10' },
      ],
      makeUpWorkingDays: [
        ...(VN_2026_1.schedules.find((s) => s.year === 2026)?.makeUpWorkingDays ?? []),
        { date: '2026-01-10', reason: 'make-up for Fri 2026-01-02' },
      ],
    },
  ],
  extraDaysOff: [{ date: '2026-03-09', reason: 'provincial closure (storm)' }],
};

describe('published calendar versions (docs/domain/calendar.md §4)', () => {
  it('lists the built-in versions, the last one being the default calendar', () => {
    expect(calendarVersions().map((v) => [v.version, v.effectiveFrom])).toEqual([['vn-2026.1', '2026-11-23']]);
    expect(builtInCalendars().current.version).toBe(BUILT_IN_CALENDAR_DATA_VERSION);
    expect(createVietnamCalendar().version).toBe(BUILT_IN_CALENDAR_DATA_VERSION);
    expect(calendarFor('vn-2026.1')).toBe(calendarFor('vn-2026.1'));
  });

  it('keeps vn-2026.1 as published: its days off and make-up days never change', () => {
    const days = exceptions(calendarFor('vn-2026.1'));
    expect(days).toEqual(exceptions(createVietnamCalendar()));
    expect(days.filter((d) => d.startsWith('2026-'))).toEqual([
      '2026-01-01 statutory-holiday',
      '2026-02-16 statutory-holiday',
      '2026-02-17 statutory-holiday',
      '2026-02-18 statutory-holiday',
      '2026-02-19 statutory-holiday',
      '2026-02-20 statutory-holiday',
      '2026-04-27 compensatory-day-off',
      '2026-04-30 statutory-holiday',
      '2026-05-01 statutory-holiday',
      '2026-08-22 make-up',
      '2026-08-31 scheduled-day-off',
      '2026-09-01 statutory-holiday',
      '2026-09-02 statutory-holiday',
    ]);
    // All 18 years at once: a change to the data or to the holiday rules of this version fails here.
    // Publish such a change as a new version instead of updating this figure.
    expect([days.length, fingerprint(days)]).toEqual([EXPECTED_COUNT, EXPECTED_FINGERPRINT]);
  });

  it('selects each version by its string after a later one is published', () => {
    const registry = createCalendarRegistry([...BUILT_IN_CALENDAR_VERSIONS, VN_2026_2]);
    const before = registry.calendarFor('vn-2026.1');
    const after = registry.calendarFor('vn-2026.2');
    expect(registry.current).toBe(after);
    expect([before.version, after.version]).toEqual(['vn-2026.1', 'vn-2026.2']);
    expect([before.isWorkingDay('2026-01-02'), after.isWorkingDay('2026-01-02')]).toEqual([true, false]);
    expect([before.isWorkingDay('2026-01-10'), after.isWorkingDay('2026-01-10')]).toEqual([false, true]);
    expect(after.dayOff('2026-03-09')).toEqual({ date: '2026-03-09', kind: 'scheduled-day-off', reason: 'provincial closure (storm)' });
    expect([before.addWorkingDays('2026-03-06', 1), after.addWorkingDays('2026-03-06', 1)]).toEqual(['2026-03-09', '2026-03-10']);
    expect(registry.calendarVersions().map((v) => v.version)).toEqual(['vn-2026.1', 'vn-2026.2']);
  });

  it('refuses an unknown version with an error naming the versions it knows', () => {
    expect(() => calendarFor('vn-2027.1')).toThrow(UnknownCalendarVersionError);
    expect(() => calendarFor('vn-2026.1+0123456789ab')).toThrow(/calendar version "vn-2026\.1\+0123456789ab" is not registered \(known: vn-2026\.1\)/);
    expect(builtInCalendars().has('vn-2026.1')).toBe(true);
    expect(builtInCalendars().has('vn-2027.1')).toBe(false);
  });

  it('refuses bad registries: none, a version twice, dates out of order, a bad date, a schedule clashing with a holiday', () => {
    expect(() => createCalendarRegistry([])).toThrow(/at least one version/);
    expect(() => createCalendarRegistry([VN_2026_1, { ...VN_2026_2, version: 'vn-2026.1' }])).toThrow(/vn-2026\.1 is listed twice/);
    expect(() => createCalendarRegistry([VN_2026_2, VN_2026_1])).toThrow(/vn-2026\.1 \(from 2026-11-23\) must start after vn-2026\.2/);
    expect(() => createCalendarRegistry([{ ...VN_2026_2, extraDaysOff: [{ date: '2026-02-30', reason: 'x' }] }])).toThrow(
      /vn-2026\.2 is invalid: extraDaysOff\.0\.date/,
    );
    const clash = { ...VN_2026_2, schedules: [{ year: 2026, source: 'x', daysOff: [], makeUpWorkingDays: [{ date: '2026-04-26', reason: 'x' }] }] };
    expect(() => createCalendarRegistry([clash])).toThrow(/make-up working day 2026-04-26 is also a day off/);
  });
});
