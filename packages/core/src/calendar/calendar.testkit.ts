import { expect } from 'vitest';
import type { DayOffKind, WorkingDayCalendar } from './types.js';

/** `working`, or the kind of day off expected on that date. */
export type Expected = 'working' | DayOffKind;

/** Asserts every listed day, so a failure names the exact date that is wrong. */
export const expectDays = (calendar: WorkingDayCalendar, days: Readonly<Record<string, Expected>>): void => {
  const actual = Object.fromEntries(
    Object.keys(days).map((date) => [date, calendar.isWorkingDay(date) ? 'working' : (calendar.dayOff(date)?.kind ?? 'missing reason')]),
  );
  expect(actual).toEqual(days);
};
