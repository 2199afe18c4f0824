/**
 * Date arithmetic on `YYYY-MM-DD` strings in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving).
 * Dates become day numbers (days since 1970-01-01) with integer arithmetic, so the machine's own
 * time zone never leaks in and the hot path allocates no `Date`.
 */

const MS_PER_DAY = 86_400_000;
/** Vietnam has kept UTC+7 since 1975; older instants are not business data here. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/**
 * The first year the working-day calendar computes: the first whole year of UTC+7 (above). Earlier
 * days are not business data, and the lunar holidays of the first centuries cannot be computed at all.
 */
export const FIRST_CALENDAR_YEAR = 1976;
/**
 * The last year the working-day calendar computes (docs/domain/calendar.md §5): the lunar holidays of
 * later years are not computed reliably enough to count working days by. Later days are refused.
 */
export const LAST_CALENDAR_YEAR = 2099;

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};

// Days from civil and back: H. Hinnant's algorithms for the proleptic Gregorian calendar.
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export const civilFromDays = (dayNumber: number): CivilDate => {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** Day number of a `YYYY-MM-DD` date. Throws on anything else: dates are decoded before they get here. */
export const toDayNumber = (date: string): number => {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) throw badDate(date);
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) throw badDate(date);
  return daysFromCivil(year, month, day);
};

const badDate = (date: string) => new RangeError(`not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export const fromDayNumber = (dayNumber: number): string => {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
};


export const firstDayOfYear = (year: number): number => daysFromCivil(year, 1, 1);

/** The first and last days the working-day calendar computes, as dates and day numbers. */
export const CALENDAR_DAYS = {
  first: `${FIRST_CALENDAR_YEAR}-01-01`,
  last: `${LAST_CALENDAR_YEAR}-12-31`,
  firstDayNumber: firstDayOfYear(FIRST_CALENDAR_YEAR),
  lastDayNumber: firstDayOfYear(LAST_CALENDAR_YEAR + 1) - 1,
} as const;

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOfDayNumber = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;

/** Day of week of a date: 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: string): number => weekdayOfDayNumber(toDayNumber(date));

export const addCalendarDays = (date: string, n: number): string => fromDayNumber(toDayNumber(date) + n);

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export const compareDates = (a: string, b: string): number => toDayNumber(a) - toDayNumber(b);

// A bare date or a time without offset would parse as UTC (or machine time) and silently shift the day.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, shifted to Vietnamese wall-clock time. Throws on a non-instant. */
const vietnamWallClockMs = (instant: string): number => {
  const ms = ISO_INSTANT.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant with offset: ${JSON.stringify(instant)}`);
  return ms + VIETNAM_OFFSET_MS;
};

/** Day number and milliseconds since local midnight of an instant, in Vietnam. */
export const vietnamDayAndTime = (instant: string): { readonly dayNumber: number; readonly msOfDay: number } => {
  const local = vietnamWallClockMs(instant);
  const dayNumber = Math.floor(local / MS_PER_DAY);
  return { dayNumber, msOfDay: local - dayNumber * MS_PER_DAY };
};

/** The Vietnamese calendar date (`YYYY-MM-DD`) of an ISO instant. */
export const toVietnamDate = (instant: string): string => fromDayNumber(vietnamDayAndTime(instant).dayNumber);

/** The Vietnamese wall-clock time (`HH:MM`) of an ISO instant. */
export const vietnamTimeOfDay = (instant: string): string => {
  const minutes = Math.floor(vietnamDayAndTime(instant).msOfDay / 60_000);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
};

/** Local midnight of a date as an ISO instant, e.g. `2025-07-01T00:00:00+07:00`. */
export const startOfVietnamDay = (date: string): string => `${fromDayNumber(toDayNumber(date))}T00:00:00+07:00`;

/** Milliseconds since midnight of an `HH:MM` time of day; throws on anything else. */
export const timeOfDayMs = (time: string): number => {
  const hours = digit(time, 0) * 10 + digit(time, 1);
  const minutes = digit(time, 3) * 10 + digit(time, 4);
  if (time.length !== 5 || time.charCodeAt(2) !== 58 || !(hours <= 23 && minutes <= 59)) {
    throw new RangeError(`not a time of day HH:MM: ${JSON.stringify(time)}`);
  }
  return (hours * 60 + minutes) * 60_000;
};
