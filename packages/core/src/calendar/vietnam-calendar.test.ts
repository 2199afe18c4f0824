import { describe, it, expect } from 'vitest';
import { createVietnamCalendar } from './vietnam-calendar.js';
import { BUILT_IN_CALENDAR_DATA_VERSION } from './data/schedules-vn.js';
import type { CivilServiceSchedule } from './types.js';

// A province re-publishing 2025 with Fri 2 May not swapped and the 2 September bridge on 3 September.
const corrected2025: CivilServiceSchedule = {
  year: 2025,
  source: 'Provincial notice (test)',
  nationalDayAdjacentDay: '2025-09-03',
  daysOff: [{ date: '2025-01-27', reason: 'Tết bridge' }],
  makeUpWorkingDays: [],
};

describe('createVietnamCalendar', () => {
  it('works with no configuration and names its data version', () => {
    const calendar = createVietnamCalendar();
    expect(calendar.version).toBe(BUILT_IN_CALENDAR_DATA_VERSION);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('lets a caller schedule replace the built-in one of its year', () => {
    const calendar = createVietnamCalendar({ schedules: [corrected2025] });
    expect(calendar.isWorkingDay('2025-05-02')).toBe(true);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(false);
    expect(calendar.dayOff('2025-09-01')).toBeUndefined();
    expect(calendar.dayOff('2025-09-03')?.kind).toBe('statutory-holiday');
    // Other years keep the built-in data.
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
  });

  it('adds extra days off, which also cancel a make-up day', () => {
    const calendar = createVietnamCalendar({
      extraDaysOff: [
        { date: '2026-03-10', reason: 'provincial closure (typhoon)' },
        { date: '2026-08-22', reason: 'make-up Saturday cancelled' },
      ],
    });
    expect(calendar.dayOff('2026-03-10')).toEqual({ date: '2026-03-10', kind: 'scheduled-day-off', reason: 'provincial closure (typhoon)' });
    expect(calendar.isWorkingDay('2026-08-22')).toBe(false);
    expect(calendar.addWorkingDays('2026-03-09', 1)).toBe('2026-03-11');
  });

  it('applies Art.111(3) compensation in years without a schedule', () => {
    const calendar = createVietnamCalendar();
    // 2027: 1 May is a Saturday, so Monday 3 May is off.
    expect(calendar.dayOff('2027-05-03')?.kind).toBe('compensatory-day-off');
  });

  it('gives every different configuration its own, repeatable version', () => {
    const a = createVietnamCalendar({ schedules: [corrected2025] });
    const b = createVietnamCalendar({ schedules: [corrected2025] });
    const c = createVietnamCalendar({ extraDaysOff: [{ date: '2026-03-10', reason: 'closure' }] });
    const d = createVietnamCalendar({ extraDaysOff: [{ date: '2026-03-11', reason: 'closure' }] });
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(new RegExp(`^${BUILT_IN_CALENDAR_DATA_VERSION.replace('.', '\\.')}\\+[0-9a-f]{12}$`));
    expect(new Set([a.version, c.version, d.version, BUILT_IN_CALENDAR_DATA_VERSION]).size).toBe(4);
    expect(createVietnamCalendar({ version: 'hcm-2026.2', extraDaysOff: [{ date: '2026-03-10', reason: 'closure' }] }).version).toMatch(
      /^hcm-2026\.2\+[0-9a-f]{12}$/,
    );
  });

  it('throws on a bad configuration, naming the field', () => {
    expect(() => createVietnamCalendar({ extraDaysOff: [{ date: '2026-02-30', reason: 'x' }] })).toThrow(/extraDaysOff\.0\.date/);
    expect(() => createVietnamCalendar({ schedules: [corrected2025, corrected2025] })).toThrow(/schedules\.1\.year/);
  });

  it('throws when a make-up working day is also a holiday', () => {
    const clash = { ...corrected2025, year: 2026, daysOff: [], nationalDayAdjacentDay: '2026-09-01', makeUpWorkingDays: [{ date: '2026-04-26', reason: 'x' }] };
    expect(() => createVietnamCalendar({ schedules: [clash] })).toThrow(/make-up working day 2026-04-26 is also a day off/);
  });

  it('reports weekends as such, and nothing for a working day', () => {
    const calendar = createVietnamCalendar();
    expect(calendar.dayOff('2025-06-07')).toEqual({ date: '2025-06-07', kind: 'weekend', reason: 'Saturday' });
    expect(calendar.dayOff('2025-06-09')).toBeUndefined();
  });

  it('refuses a negative or fractional number of working days', () => {
    const calendar = createVietnamCalendar();
    expect(() => calendar.addWorkingDays('2025-06-09', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-06-09', 1.5)).toThrow(RangeError);
  });

  it('treats receipt at exactly 15:00 as before the cutoff and 15:00:01 as after', () => {
    const calendar = createVietnamCalendar();
    expect(calendar.processingStartDate('2025-06-09T15:00:00+07:00', '15:00')).toBe('2025-06-09');
    expect(calendar.processingStartDate('2025-06-09T15:00:01+07:00', '15:00')).toBe('2025-06-10');
    // Friday 25 April 2025 after 15:00 goes to the make-up Saturday.
    expect(calendar.processingStartDate('2025-04-25T16:00:00+07:00', '15:00')).toBe('2025-04-26');
    // Received on Giao thừa 2026: work starts on Mon 23 Feb.
    expect(calendar.processingStartDate('2026-02-16T09:00:00+07:00', '15:00')).toBe('2026-02-23');
    expect(() => calendar.processingStartDate('2025-06-09T09:00:00+07:00', '3pm')).toThrow(RangeError);
  });
});
