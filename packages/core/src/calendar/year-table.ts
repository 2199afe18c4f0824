import type { CivilServiceSchedule, DayOff } from './types.js';
import { firstDayOfYear, fromDayNumber, toDayNumber, weekdayOfDayNumber } from './dates.js';
import { compensatoryDaysOff, statutoryHolidays } from './statutory-holidays.js';

/**
 * One year of the calendar, precomputed: a working-day flag per day and a running count, so that
 * lookups are an array read and counts over long ranges need no day-by-day loop.
 */
export interface YearTable {
  readonly year: number;
  /** Day number of 1 January. */
  readonly start: number;
  /** 1 when the day is a working day. */
  readonly working: Uint8Array;
  /** `prefix[i]`: working days from 1 January to day `i` inclusive. */
  readonly prefix: Int32Array;
  readonly total: number;
  /** Days off other than plain weekends, by day index. */
  readonly daysOff: ReadonlyMap<number, DayOff>;
}

export interface YearInputs {
  readonly schedule?: CivilServiceSchedule;
  readonly extraDaysOff: readonly { readonly date: string; readonly reason: string }[];
}

const isWeekend = (dayNumber: number) => {
  const weekday = weekdayOfDayNumber(dayNumber);
  return weekday === 0 || weekday === 6;
};

export const buildYearTable = (year: number, { schedule, extraDaysOff }: YearInputs): YearTable => {
  const start = firstDayOfYear(year);
  const length = firstDayOfYear(year + 1) - start;
  const daysOff = new Map<number, DayOff>();
  // Earlier entries win: a statutory holiday stays one even if a schedule lists it again.
  const add = (day: DayOff) => {
    const index = toDayNumber(day.date) - start;
    if (!daysOff.has(index)) daysOff.set(index, day);
  };

  const holidays = statutoryHolidays(year, { nationalDayAdjacentDay: schedule?.nationalDayAdjacentDay });
  holidays.forEach(add);
  if (schedule) {
    // The announced schedule already settles compensation for its year (Art.111(3) is not re-applied).
    for (const d of schedule.daysOff) add({ date: d.date, kind: d.kind ?? 'scheduled-day-off', reason: d.reason });
  } else {
    compensatoryDaysOff(holidays).forEach(add);
  }
  const makeUp = new Set<number>();
  for (const d of schedule?.makeUpWorkingDays ?? []) {
    const index = toDayNumber(d.date) - start;
    const clash = daysOff.get(index);
    if (clash) throw new Error(`calendar ${year}: make-up working day ${d.date} is also a day off (${clash.reason})`);
    makeUp.add(index);
  }
  // Extra days off come from the caller's configuration: a later decision, so they override make-up days.
  for (const d of extraDaysOff) {
    add({ date: d.date, kind: 'scheduled-day-off', reason: d.reason });
    makeUp.delete(toDayNumber(d.date) - start);
  }

  const working = new Uint8Array(length);
  const prefix = new Int32Array(length);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const isWorking = !daysOff.has(i) && (makeUp.has(i) || !isWeekend(start + i));
    working[i] = isWorking ? 1 : 0;
    if (isWorking) count++;
    prefix[i] = count;
  }
  return { year, start, working, prefix, total: count, daysOff };
};

/** The reason a day is off, or `undefined` when it is a working day. */
export const dayOffIn = (table: YearTable, dayNumber: number): DayOff | undefined => {
  const index = dayNumber - table.start;
  if (table.working[index] === 1) return undefined;
  const special = table.daysOff.get(index);
  if (special) return special;
  return { date: fromDayNumber(dayNumber), kind: 'weekend', reason: weekdayOfDayNumber(dayNumber) === 6 ? 'Saturday' : 'Sunday' };
};

/** Smallest index whose running count reaches `target` (1 ≤ target ≤ total): that day is a working day. */
export const indexOfNthWorkingDay = (table: YearTable, target: number): number => {
  let low = 0;
  let high = table.prefix.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((table.prefix[mid] as number) >= target) high = mid;
    else low = mid + 1;
  }
  return low;
};
