import { describe, it, expect } from 'vitest';
import { createVietnamCalendar } from './vietnam-calendar.js';
import { expectDays } from './calendar.testkit.js';

const calendar = createVietnamCalendar();

describe('the 2026 civil-service calendar (docs/domain/calendar.md §2)', () => {
  it('gives Thu 1 January off and Fri 2 January back to work', () => {
    expectDays(calendar, { '2026-01-01': 'statutory-holiday', '2026-01-02': 'working' });
  });

  it('gives Tết Mon 16 – Fri 20 Feb: nine days with the weekends 14–22 Feb', () => {
    expectDays(calendar, {
      '2026-02-13': 'working',
      '2026-02-14': 'weekend',
      '2026-02-15': 'weekend',
      '2026-02-16': 'statutory-holiday', // Giao thừa
      '2026-02-17': 'statutory-holiday', // mùng 1
      '2026-02-18': 'statutory-holiday',
      '2026-02-19': 'statutory-holiday',
      '2026-02-20': 'statutory-holiday',
      '2026-02-21': 'weekend',
      '2026-02-22': 'weekend',
      '2026-02-23': 'working',
    });
  });

  it('gives Mon 27 Apr off for Hùng Kings on Sun 26 Apr', () => {
    expectDays(calendar, {
      '2026-04-24': 'working',
      '2026-04-25': 'weekend',
      '2026-04-26': 'statutory-holiday',
      '2026-04-27': 'compensatory-day-off',
      '2026-04-28': 'working',
    });
  });

  it('gives Thu 30 Apr and Fri 1 May off', () => {
    expectDays(calendar, {
      '2026-04-29': 'working',
      '2026-04-30': 'statutory-holiday',
      '2026-05-01': 'statutory-holiday',
      '2026-05-02': 'weekend',
      '2026-05-03': 'weekend',
      '2026-05-04': 'working',
    });
  });

  it('gives Sat 29 Aug – Wed 2 Sep, swapping Mon 31 Aug with the make-up Sat 22 Aug', () => {
    expectDays(calendar, {
      '2026-08-21': 'working',
      '2026-08-22': 'working', // make-up Saturday
      '2026-08-23': 'weekend',
      '2026-08-28': 'working',
      '2026-08-29': 'weekend',
      '2026-08-30': 'weekend',
      '2026-08-31': 'scheduled-day-off',
      '2026-09-01': 'statutory-holiday',
      '2026-09-02': 'statutory-holiday',
      '2026-09-03': 'working',
    });
  });

  it('counts across the September break', () => {
    expect(calendar.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
    expect(calendar.workingDaysBetween('2026-08-21', '2026-08-24')).toBe(2); // Sat 22 and Mon 24
  });

  it('has 250 working days in 2026', () => {
    // 261 weekdays − 12 weekdays off (1/1; 16–20/2; 27/4; 30/4, 1/5; 31/8, 1–2/9) + 1 make-up Saturday.
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 12 + 1);
  });
});
