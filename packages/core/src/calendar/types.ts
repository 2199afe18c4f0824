/**
 * Working-day calendar for Vietnamese public administration, in Asia/Ho_Chi_Minh (UTC+7 all year, no
 * daylight saving). Dates are `YYYY-MM-DD` strings; instants are ISO-8601 strings with an offset.
 */

export type DayOffKind =
  | 'weekend'
  /** A statutory holiday (Labour Code 2019 Art.112). */
  | 'statutory-holiday'
  /** A weekday off by the year's civil-service schedule (Tết bridge days, swapped days). */
  | 'scheduled-day-off'
  /** A weekday off because a holiday fell on a weekly rest day (Art.111(3)). */
  | 'compensatory-day-off';

export interface DayOff {
  readonly date: string;
  readonly kind: DayOffKind;
  /** Human-readable reason, e.g. `Tết Nguyên Đán`, `swapped with Sat 2025-04-26`. */
  readonly reason: string;
}

/** One year's announced schedule for civil servants: extra days off and make-up working days. */
export interface CivilServiceSchedule {
  readonly year: number;
  /** Weekdays given off beyond the statutory holidays (bridges, swaps, compensation). */
  readonly daysOff: readonly {
    readonly date: string;
    readonly reason: string;
    /** Defaults to `scheduled-day-off`; `compensatory-day-off` when the day replaces a holiday on a rest day. */
    readonly kind?: 'scheduled-day-off' | 'compensatory-day-off';
  }[];
  /** Weekend days that are working days (make-up Saturdays). */
  readonly makeUpWorkingDays: readonly { readonly date: string; readonly reason: string }[];
  /** The document that announced it, e.g. `Cần Thơ Notice 109/TB-UBND (2025)`. */
  readonly source: string;
  /**
   * Which of 1 or 3 September is that year's second National Day holiday (Labour Code 2019
   * Art.112(1)(đ) lets the Prime Minister choose). Absent: derived (see `statutoryHolidays`).
   */
  readonly nationalDayAdjacentDay?: string;
}

export interface WorkingDayCalendar {
  /** Identifies the calendar data a computation used, recorded beside derived dates. */
  readonly version: string;
  isWorkingDay(date: string): boolean;
  /** Why a date is not a working day, or `undefined` when it is one. */
  dayOff(date: string): DayOff | undefined;
  /**
   * For `n ≥ 1`, the n-th working day strictly after `date`; for `n = 0`, the first working day on or
   * after `date`. Always a working day; monotonic in both arguments.
   */
  addWorkingDays(date: string, n: number): string;
  /** Number of working days `d` with `from < d ≤ to` (negative when `to` is before `from`). */
  workingDaysBetween(from: string, to: string): number;
  /** The first working day on or after `date`. */
  nextWorkingDayOnOrAfter(date: string): string;
  /**
   * The working day on which work on something received at `instant` starts: the same day when it
   * is a working day and the local time is before `cutoff` (`HH:MM`, the 15:00 rule of Decree 61/2018
   * Art.18), otherwise the next working day. The decree moves what is received *after* 15:00, so
   * exactly `cutoff` (15:00:00.000) still counts as the same day.
   */
  processingStartDate(instant: string, cutoff: string): string;
}

/**
 * One published version of the calendar data, kept as it stood (docs/domain/calendar.md §4): what
 * an event that records `calendarVersion` was computed with.
 */
export interface CalendarVersionData {
  /** The string events record as `calendarVersion`, e.g. `vn-2026.1`. */
  readonly version: string;
  /** First day new decisions used this data (`YYYY-MM-DD`); versions follow one another in this order. */
  readonly effectiveFrom: string;
  /** What the version is and what it changed from the one before. */
  readonly source: string;
  /** Every yearly schedule of this version, at most one per year; other years get the statutory rules. */
  readonly schedules: readonly CivilServiceSchedule[];
  /** Further days off in this version, e.g. a provincial closure; they also cancel a make-up day. */
  readonly extraDaysOff?: readonly { readonly date: string; readonly reason: string }[];
}

/** Every published calendar version, addressable by the version string events record. */
export interface CalendarRegistry {
  /** The calendar of that version; an unknown version throws `UnknownCalendarVersionError`. */
  calendarFor(version: string): WorkingDayCalendar;
  /** Whether `version` is registered. */
  has(version: string): boolean;
  /** The registered versions, oldest first. */
  calendarVersions(): readonly CalendarVersionData[];
  /** The latest version: the calendar new decisions use. */
  readonly current: WorkingDayCalendar;
}
