import { toVietnamDate } from '../../calendar/index.js';

/**
 * Reporting periods on the Vietnamese calendar: every day here is already the Asia/Ho_Chi_Minh day of
 * its instant, so a result returned at 2026-03-31T23:30+07:00 is a March figure. A period is written
 * `all`, a year `2026`, a quarter `2026-Q1`, a month `2026-03` or a day `2026-03-02`; this module is the
 * only place that reads or writes them.
 */
/** Days of instants lately asked for: projections folding one page ask for the days of the same events. */
const daysOfInstants = new Map<string, string>();
/** The instant asked for last and its day: a handler asks for its event's day once per document it evolves. */
let lastInstant: string | undefined;
let lastDay = '';

/** The Vietnamese calendar day (`YYYY-MM-DD`, Asia/Ho_Chi_Minh) of an instant (docs/domain/calendar.md). */
export const dayOf = (instant: string): string => {
  if (instant === lastInstant) return lastDay;
  let day = daysOfInstants.get(instant);
  if (day === undefined) {
    day = toVietnamDate(instant);
    // Emptied when full: a bounded cache.
    if (daysOfInstants.size >= 8192) daysOfInstants.clear();
    daysOfInstants.set(instant, day);
  }
  lastInstant = instant;
  lastDay = day;
  return day;
};

/** The Vietnamese calendar day an event's fact happened on: the day of its `occurredAt`. */
export const dayOfEvent = (event: { readonly data: { readonly occurredAt: string } }): string => dayOf(event.data.occurredAt);

export const PERIOD_GRAINS = ['all', 'year', 'quarter', 'month', 'day'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];
/** The grains a figure is kept by (every grain but `all`). */
export const DATED_GRAINS = ['day', 'month', 'quarter', 'year'] as const;
export type DatedGrain = (typeof DATED_GRAINS)[number];

/** The grains figures counted by month are summed to: month, quarter and year. */
export const AGGREGATE_GRAINS = ['month', 'quarter', 'year'] as const;
export type AggregateGrain = (typeof AGGREGATE_GRAINS)[number];
/** The grains figures counted per period are listed at: month, quarter, year and `all`. */
export const LISTED_GRAINS = ['month', 'quarter', 'year', 'all'] as const;
export type ListedGrain = (typeof LISTED_GRAINS)[number];

export interface Period {
  readonly key: string;
  readonly grain: PeriodGrain;
  /** First and last day, inclusive; `0000-01-01` to `9999-12-31` for `all`. */
  readonly start: string;
  readonly end: string;
}

const PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const pad = (n: number): string => String(n).padStart(2, '0');

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const lastOfMonth = (year: number, month: number): string => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(daysInMonth(year, month))}`;

export const isGrain = (value: string): value is PeriodGrain => (PERIOD_GRAINS as readonly string[]).includes(value);
export const isDatedGrain = (value: string): value is DatedGrain => (DATED_GRAINS as readonly string[]).includes(value);

/** The period a key names; undefined for anything else (including days that do not exist, e.g. `2026-02-30`). */
export const parsePeriod = (key: string): Period | undefined => {
  if (key === 'all') return { key, grain: 'all', start: '0000-01-01', end: '9999-12-31' };
  const match = PATTERN.exec(key);
  if (match === null) return undefined;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const first = Number(match[2]) * 3 - 2;
    return { key, grain: 'quarter', start: `${match[1]}-${pad(first)}-01`, end: lastOfMonth(year, first + 2) };
  }
  if (match[4] !== undefined) {
    return key > lastOfMonth(year, Number(match[3])) ? undefined : { key, grain: 'day', start: key, end: key };
  }
  if (match[3] !== undefined) return { key, grain: 'month', start: `${key}-01`, end: lastOfMonth(year, Number(match[3])) };
  return { key, grain: 'year', start: `${match[1]}-01-01`, end: `${match[1]}-12-31` };
};

/** The period `key` names if it is of `grain`. */
export const parsePeriodOf = (grain: PeriodGrain, key: string): Period | undefined => {
  const period = parsePeriod(key);
  return period?.grain === grain ? period : undefined;
};

/** `2026-03-31` → day `2026-03-31`, month `2026-03`, quarter `2026-Q1`, year `2026`, all `all`. */
export const periodOf = (day: string, grain: PeriodGrain): string => {
  switch (grain) {
    case 'all':
      return 'all';
    case 'day':
      return day;
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return day.slice(0, 4);
  }
};

/** The day's period at each dated grain: day, month, quarter, year. */
export const periodsOfDay = (day: string): Readonly<Record<DatedGrain, string>> => ({
  day,
  month: periodOf(day, 'month'),
  quarter: periodOf(day, 'quarter'),
  year: periodOf(day, 'year'),
});

/** The periods a day falls in at each of `grains`, in their order. */
export const periodsAt = (day: string, grains: readonly PeriodGrain[]): string[] => grains.map((grain) => periodOf(day, grain));

/** The periods a day is counted under at the listed grains: its month, quarter, year and `all`. */
export const listedPeriodsOf = (day: string): readonly string[] => periodsAt(day, LISTED_GRAINS);

/** The month, quarter and year a month (`YYYY-MM`) belongs to, in that order. */
export const periodsOfMonth = (month: string): readonly { readonly grain: AggregateGrain; readonly key: string }[] =>
  AGGREGATE_GRAINS.map((grain) => ({ grain, key: periodOf(`${month}-01`, grain) }));

/** Whether `key` names a month, quarter or year. */
export const isAggregatePeriod = (key: string): boolean => (AGGREGATE_GRAINS as readonly string[]).includes(parsePeriod(key)?.grain ?? '');

/** The period `key` names if `grain` is a month, quarter or year and `key` a period of it. */
export const parseAggregatePeriod = (grain: string, key: string): Period | undefined =>
  (AGGREGATE_GRAINS as readonly string[]).includes(grain) ? parsePeriodOf(grain as AggregateGrain, key) : undefined;

export const inPeriod = (day: string, period: Period): boolean => period.start <= day && day <= period.end;

/** Every day of a dated period, in order (at most 366). */
export const daysOf = (period: Period): string[] => {
  if (period.grain === 'all') throw new Error('daysOf: the period "all" has no list of days');
  const days: string[] = [];
  for (const d = new Date(`${period.start}T00:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    days.push(day);
    if (day >= period.end) return days;
  }
};

/** Every month (`YYYY-MM`) a dated period overlaps, in order. */
export const monthsOf = (period: Period): string[] => {
  if (period.grain === 'all') throw new Error('monthsOf: the period "all" has no list of months');
  const months: string[] = [];
  const last = period.end.slice(0, 7);
  // Stops at the last month itself: the month after 9999-12 would be written 10000-01, before it in text order.
  for (let month = period.start.slice(0, 7); ; ) {
    months.push(month);
    if (month >= last) return months;
    const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
    month = m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${pad(m + 1)}`;
  }
};
