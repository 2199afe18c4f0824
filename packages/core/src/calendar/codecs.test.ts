import { describe, it, expect } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { decodeCalendarConfig, decodeCivilServiceSchedule } from './codecs.js';
import { BUILT_IN_SCHEDULES } from './data/schedules-vn.js';

const valid = {
  year: 2025,
  source: 'test',
  daysOff: [{ date: '2025-05-02', reason: 'swap' }],
  makeUpWorkingDays: [{ date: '2025-04-26', reason: 'make-up' }],
};

const issuesOf = (input: unknown) => {
  const result = decodeCivilServiceSchedule(input);
  if (!isLeft(result)) throw new Error('expected a failure');
  return result.left.issues.map((i) => [i.field, i.rule]);
};

describe('decodeCivilServiceSchedule', () => {
  it('accepts the built-in schedules and a valid one', () => {
    for (const schedule of BUILT_IN_SCHEDULES) expect(isRight(decodeCivilServiceSchedule(schedule))).toBe(true);
    expect(isRight(decodeCivilServiceSchedule(valid))).toBe(true);
  });

  it('names a bad date by its field', () => {
    const result = decodeCivilServiceSchedule({ ...valid, daysOff: [{ date: '2025-02-30', reason: 'x' }] });
    expect(isLeft(result) && result.left.code).toBe('INVALID_INPUT');
    expect(isLeft(result) && result.left.message).toMatch(/daysOff\.0\.date: must be a calendar date/);
    expect(issuesOf({ ...valid, daysOff: [{ date: '2025-02-30', reason: 'x' }] })).toEqual([['daysOff.0.date', 'LocalDate']]);
  });

  it('names missing fields', () => {
    expect(issuesOf({ year: 2025, daysOff: [], makeUpWorkingDays: [] })).toEqual([['source', 'required']]);
    expect(issuesOf({ ...valid, year: '2025' })).toEqual([['year', 'Year']]);
  });

  it('refuses dates outside the year, days off on weekends and make-up days on weekdays', () => {
    expect(
      issuesOf({
        ...valid,
        daysOff: [
          { date: '2024-05-02', reason: 'wrong year' },
          { date: '2025-05-03', reason: 'a Saturday' },
        ],
        makeUpWorkingDays: [{ date: '2025-04-25', reason: 'a Friday' }],
      }),
    ).toEqual([
      ['daysOff.0.date', 'DateInScheduleYear'],
      ['daysOff.1.date', 'Weekday'],
      ['makeUpWorkingDays.0.date', 'WeekendDate'],
    ]);
  });

  it('refuses a date listed twice and a National Day bridge other than 1 or 3 September', () => {
    expect(
      issuesOf({ ...valid, daysOff: [...valid.daysOff, ...valid.daysOff], nationalDayAdjacentDay: '2025-09-04' }),
    ).toEqual([
      ['daysOff.1.date', 'UniqueDate'],
      ['nationalDayAdjacentDay', 'NationalDayAdjacentDay'],
    ]);
  });
});

describe('decodeCalendarConfig', () => {
  it('names the field inside a nested schedule', () => {
    const result = decodeCalendarConfig({ schedules: [{ ...valid, makeUpWorkingDays: [{ date: 'soon', reason: 'x' }] }] });
    expect(isLeft(result) && result.left.issues.map((i) => i.field)).toEqual(['schedules.0.makeUpWorkingDays.0.date']);
  });

  it('accepts an empty configuration', () => {
    expect(isRight(decodeCalendarConfig({}))).toBe(true);
  });
});
