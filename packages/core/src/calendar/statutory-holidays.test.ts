import { describe, it, expect } from 'vitest';
import {
  compensatoryDaysOff,
  derivedNationalDayAdjacentDay,
  lunarAnchors,
  statutoryHolidays,
} from './statutory-holidays.js';

describe('lunar dates from date-holidays, for Vietnam (UTC+7)', () => {
  it.each([
    [2007, '2007-02-17'], // China (UTC+8): 18 Feb
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2030, '2030-02-02'], // China (UTC+8): 3 Feb
  ])('Tết %i is %s', (year, date) => {
    expect(lunarAnchors(year).lunarNewYear).toBe(date);
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    // The three years where the new moon falls between 23:00 and midnight Vietnamese time, so the
    // third lunar month starts a day earlier in Vietnam than in China. 2009-04-05, 2037-04-25 and
    // 2038-04-14 are the Chinese (UTC+8) dates; date-holidays and an independent computation of the
    // Vietnamese calendar (Hồ Ngọc Đức's algorithm at UTC+7) both give the day before.
    [2009, '2009-04-04'],
    [2037, '2037-04-24'],
    [2038, '2038-04-13'],
  ])('Hùng Kings day %i is %s', (year, date) => {
    expect(lunarAnchors(year).hungKings).toBe(date);
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env['TZ'];
    try {
      process.env['TZ'] = 'Pacific/Honolulu';
      // 2033 is not used elsewhere in this file, so nothing cached answers for it.
      expect(lunarAnchors(2033).lunarNewYear).toBe('2033-01-31');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});

describe('statutory holidays (Labour Code 2019 Art.112)', () => {
  it('lists the eleven days of 2025, Tết as Giao thừa and four days after', () => {
    expect(statutoryHolidays(2025, { nationalDayAdjacentDay: '2025-09-01' }).map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-01',
      '2025-09-02',
    ]);
  });

  it('has a single National Day before the Labour Code 2019 took effect', () => {
    const september = statutoryHolidays(2020).filter((d) => d.date.startsWith('2020-09'));
    expect(september.map((d) => d.date)).toEqual(['2020-09-02']);
  });

  it('has no Hùng Kings holiday before 2007', () => {
    expect(statutoryHolidays(2006).some((d) => d.reason.includes('Hùng'))).toBe(false);
    expect(statutoryHolidays(2007).some((d) => d.date === '2007-04-26')).toBe(true);
  });

  it('refuses an adjacent day other than 1 or 3 September', () => {
    expect(() => statutoryHolidays(2025, { nationalDayAdjacentDay: '2025-09-04' })).toThrow(/1 or 3 September/);
  });

  it.each([
    [2021, '2021-09-03'],
    [2022, '2022-09-01'],
    [2023, '2023-09-01'],
    [2024, '2024-09-03'],
    [2025, '2025-09-01'],
    [2026, '2026-09-01'],
  ])('derives the day beside 2 September in %i as the government chose it: %s', (year, date) => {
    expect(derivedNationalDayAdjacentDay(year)).toBe(date);
  });
});

describe('compensation for a holiday on a weekly rest day (Art.111(3))', () => {
  it('moves each weekend holiday to the next day that is neither weekend nor holiday', () => {
    // 2024 (no schedule in the built-in data): Tết Fri 9 – Tue 13 Feb, with Sat 10 and Sun 11 on the weekend.
    const compensation = compensatoryDaysOff(statutoryHolidays(2024));
    expect(compensation.map((d) => d.date)).toEqual(['2024-02-14', '2024-02-15']);
    expect(compensation.every((d) => d.kind === 'compensatory-day-off')).toBe(true);
  });

  it('gives 2 September 2029, a Sunday, its day on Tuesday after the adjacent Monday', () => {
    const holidays = statutoryHolidays(2029);
    expect(holidays.map((d) => d.date)).toContain('2029-09-03');
    expect(compensatoryDaysOff(holidays).map((d) => d.date)).toContain('2029-09-04');
  });
});
