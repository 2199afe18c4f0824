import { describe, it, expect } from 'vitest';
import { createVietnamCalendar } from './vietnam-calendar.js';
import { expectDays } from './calendar.testkit.js';

const calendar = createVietnamCalendar();

describe('the 2025 civil-service calendar (docs/domain/calendar.md §2)', () => {
  it('gives 1 January off', () => {
    expectDays(calendar, {
      '2024-12-31': 'working',
      '2025-01-01': 'statutory-holiday',
      '2025-01-02': 'working',
    });
  });

  it('gives Tết from Sat 25 Jan to Sun 2 Feb, with every weekday 27–31 Jan off', () => {
    expectDays(calendar, {
      '2025-01-24': 'working',
      '2025-01-25': 'weekend',
      '2025-01-26': 'weekend',
      '2025-01-27': 'compensatory-day-off',
      '2025-01-28': 'statutory-holiday', // Giao thừa
      '2025-01-29': 'statutory-holiday', // mùng 1
      '2025-01-30': 'statutory-holiday',
      '2025-01-31': 'statutory-holiday',
      '2025-02-01': 'statutory-holiday', // mùng 4, a Saturday
      '2025-02-02': 'weekend',
      '2025-02-03': 'working',
    });
  });

  it('does not add an automatic compensation day after Tết: the schedule already settled it', () => {
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-04')).toBe(true);
  });

  it('gives Hùng Kings on Mon 7 Apr', () => {
    expectDays(calendar, {
      '2025-04-04': 'working',
      '2025-04-07': 'statutory-holiday',
      '2025-04-08': 'working',
    });
    expect(calendar.dayOff('2025-04-07')?.reason).toMatch(/Hùng Vương/);
  });

  it('gives 30 Apr – 4 May, swapping Fri 2 May with the make-up Sat 26 Apr', () => {
    expectDays(calendar, {
      '2025-04-25': 'working',
      '2025-04-26': 'working', // make-up Saturday
      '2025-04-27': 'weekend',
      '2025-04-28': 'working',
      '2025-04-29': 'working',
      '2025-04-30': 'statutory-holiday',
      '2025-05-01': 'statutory-holiday',
      '2025-05-02': 'scheduled-day-off',
      '2025-05-03': 'weekend',
      '2025-05-04': 'weekend',
      '2025-05-05': 'working',
    });
    expect(calendar.dayOff('2025-05-02')?.reason).toContain('2025-04-26');
  });

  it('gives Mon 1 and Tue 2 Sep for National Day', () => {
    expectDays(calendar, {
      '2025-08-29': 'working',
      '2025-08-30': 'weekend',
      '2025-08-31': 'weekend',
      '2025-09-01': 'statutory-holiday',
      '2025-09-02': 'statutory-holiday',
      '2025-09-03': 'working',
    });
  });

  it('counts the Tết break out of a time limit', () => {
    // Received Fri 24 Jan: three working days later is Wed 5 Feb.
    expect(calendar.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-05')).toBe(3);
    // The make-up Saturday counts: Fri 25 Apr + 1 working day is Sat 26 Apr.
    expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(calendar.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
  });

  it('has 250 working days in 2025', () => {
    // 261 weekdays − 12 weekdays off (1/1; 27–31/1; 7/4; 30/4, 1–2/5; 1–2/9) + 1 make-up Saturday.
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(261 - 12 + 1);
  });
});
