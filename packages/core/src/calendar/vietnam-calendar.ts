import { isLeft } from '../fp.js';
import type { CivilServiceSchedule, DayOff, WorkingDayCalendar } from './types.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, fromDayNumber, timeOfDayMs, toDayNumber, vietnamDayAndTime } from './dates.js';
import { OutsideCalendar } from './outside-calendar.js';
import { decodeCalendarConfig, decodeCivilServiceSchedule } from './codecs.js';
import { BUILT_IN_CALENDAR_DATA_VERSION, BUILT_IN_SCHEDULES } from './data/schedules-vn.js';
import { buildYearTable, dayOffIn, indexOfNthWorkingDay, type YearTable } from './year-table.js';
import { fingerprint } from './version.js';

// The built-in data is checked like any other at load: a typo in a date fails here, naming the field.
for (const schedule of BUILT_IN_SCHEDULES) {
  const decoded = decodeCivilServiceSchedule(schedule);
  if (isLeft(decoded)) throw new Error(`built-in schedule ${schedule.year} is invalid: ${decoded.left.message}`);
}

export interface VietnamCalendarConfig {
  /** Schedules that replace the built-in one of the same year (a province re-publishing or correcting). */
  readonly schedules?: readonly CivilServiceSchedule[];
  /** Further days off, e.g. a provincial closure; they also cancel a make-up working day on that date. */
  readonly extraDaysOff?: readonly { readonly date: string; readonly reason: string }[];
  /**
   * Label of the data. Without extra schedules or days off it is the version as is; with them a
   * fingerprint of that data is appended, so two different configurations never share a version.
   */
  readonly version?: string;
}

/**
 * The working-day calendar of Vietnamese public administration. Configuration is code written by
 * the embedder, so a bad one throws; data from outside goes through `decodeCalendarConfig` first.
 * Without configuration it is the latest built-in version (`BUILT_IN_CALENDAR_DATA_VERSION`); earlier
 * versions are rebuilt by `calendarFor(version)` (registry.ts).
 */
export const createVietnamCalendar = (config: VietnamCalendarConfig = {}): WorkingDayCalendar => {
  const decoded = decodeCalendarConfig(config);
  if (isLeft(decoded)) throw new Error(`invalid calendar configuration: ${decoded.left.message}`);
  const { schedules = [], extraDaysOff = [] } = config;
  const scheduleByYear = new Map<number, CivilServiceSchedule>(BUILT_IN_SCHEDULES.map((s) => [s.year, s]));
  for (const schedule of schedules) scheduleByYear.set(schedule.year, schedule);
  const label = config.version ?? BUILT_IN_CALENDAR_DATA_VERSION;
  const custom = schedules.length > 0 || extraDaysOff.length > 0;
  const version = custom
    ? `${label}+${fingerprint({
        schedules: [...schedules].sort((a, b) => a.year - b.year),
        extraDaysOff: [...extraDaysOff].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      })}`
    : label;
  return calendarFromData(version, [...scheduleByYear.values()], extraDaysOff);
};

/**
 * The calendar of exactly these schedules and extra days off under `version`, with nothing of the
 * built-in data added: what a published version is rebuilt from. Data is assumed decoded.
 */
export const calendarFromData = (
  version: string,
  schedules: readonly CivilServiceSchedule[],
  extraDaysOff: readonly { readonly date: string; readonly reason: string }[] = [],
): WorkingDayCalendar => {
  const scheduleByYear = new Map<number, CivilServiceSchedule>(schedules.map((s) => [s.year, s]));
  const extraByYear = new Map<number, { date: string; reason: string }[]>();
  for (const day of extraDaysOff) {
    const year = Number(day.date.slice(0, 4));
    extraByYear.set(year, [...(extraByYear.get(year) ?? []), day]);
  }
  const tables = new Map<number, YearTable>();
  let last: YearTable | undefined;
  const tableOfYear = (year: number): YearTable => {
    let table = tables.get(year);
    if (!table) {
      if (year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) throw new OutsideCalendar(year);
      const schedule = scheduleByYear.get(year);
      table = buildYearTable(year, { ...(schedule ? { schedule } : {}), extraDaysOff: extraByYear.get(year) ?? [] });
      tables.set(year, table);
    }
    return table;
  };
  const tableOf = (dayNumber: number): YearTable => {
    // Most calls stay within one year: check the last table before working out the year.
    if (last && dayNumber >= last.start && dayNumber < last.start + last.working.length) return last;
    // An estimate off by at most one year, corrected against the table's own bounds.
    let table = tableOfYear(Math.max(FIRST_CALENDAR_YEAR, Math.floor(1970 + (dayNumber + 0.5) / 365.2425)));
    if (dayNumber < table.start) table = tableOfYear(table.year - 1);
    else if (dayNumber >= table.start + table.working.length) table = tableOfYear(table.year + 1);
    last = table;
    return table;
  };
  // Schedules are checked against the statutory holidays now, not at their first use.
  for (const year of scheduleByYear.keys()) tableOfYear(year);

  const isWorking = (dayNumber: number): boolean => {
    const table = tableOf(dayNumber);
    return table.working[dayNumber - table.start] === 1;
  };

  /** The n-th working day strictly after `dayNumber`, n ≥ 1. */
  const nthAfter = (dayNumber: number, n: number): number => {
    let table = tableOf(dayNumber);
    let target = (table.prefix[dayNumber - table.start] as number) + n;
    while (target > table.total) {
      target -= table.total;
      table = tableOfYear(table.year + 1);
    }
    return table.start + indexOfNthWorkingDay(table, target);
  };
  const onOrAfter = (dayNumber: number): number => (isWorking(dayNumber) ? dayNumber : nthAfter(dayNumber, 1));

  /** Working days in (a, b] for a ≤ b. */
  const countBetween = (a: number, b: number): number => {
    const first = tableOf(a);
    const firstCount = first.prefix[a - first.start] as number;
    const lastTable = tableOf(b);
    if (first === lastTable) return (lastTable.prefix[b - lastTable.start] as number) - firstCount;
    let count = first.total - firstCount + (lastTable.prefix[b - lastTable.start] as number);
    for (let year = first.year + 1; year < lastTable.year; year++) count += tableOfYear(year).total;
    return count;
  };

  return {
    version,
    isWorkingDay: (date) => isWorking(toDayNumber(date)),
    dayOff: (date): DayOff | undefined => {
      const dayNumber = toDayNumber(date);
      return dayOffIn(tableOf(dayNumber), dayNumber);
    },
    addWorkingDays: (date, n) => {
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
      const dayNumber = toDayNumber(date);
      return fromDayNumber(n === 0 ? onOrAfter(dayNumber) : nthAfter(dayNumber, n));
    },
    workingDaysBetween: (from, to) => {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      return a <= b ? countBetween(a, b) : 0 - countBetween(b, a); // 0 - x: never -0
    },
    nextWorkingDayOnOrAfter: (date) => fromDayNumber(onOrAfter(toDayNumber(date))),
    processingStartDate: (instant, cutoff) => {
      const { dayNumber, msOfDay } = vietnamDayAndTime(instant);
      // Decree 61/2018 Art.18: only what is received *after* the cutoff moves to the next working day.
      const sameDay = isWorking(dayNumber) && msOfDay <= timeOfDayMs(cutoff);
      return fromDayNumber(sameDay ? dayNumber : nthAfter(dayNumber, 1));
    },
  };
};
