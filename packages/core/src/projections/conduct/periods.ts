import { lastDayOfMonth } from '../../officer/dates.js';

/**
 * Reporting periods on the Vietnamese calendar (days are Asia/Ho_Chi_Minh days, taken from the
 * events' local dates): `all`, a year `2026`, a quarter `2026-Q1`, a month `2026-03` or a day `2026-03-02`.
 */
export type PeriodGrain = 'all' | 'year' | 'quarter' | 'month' | 'day';

export interface ReportingPeriod {
  readonly key: string;
  readonly grain: PeriodGrain;
  /** First and last day, inclusive; open for `all`. */
  readonly start: string;
  readonly end: string;
}

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

export const parseReportingPeriod = (key: string): ReportingPeriod | undefined => {
  if (key === 'all') return { key, grain: 'all', start: '0000-01-01', end: '9999-12-31' };
  const match = PERIOD.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const first = Number(match[2]) * 3 - 2;
    return { key, grain: 'quarter', start: `${year}-${pad(first)}-01`, end: lastDayOfMonth(year, first + 2) };
  }
  if (match[4] !== undefined) {
    return key > lastDayOfMonth(year, Number(match[3])) ? undefined : { key, grain: 'day', start: key, end: key };
  }
  if (match[3] !== undefined) return { key, grain: 'month', start: `${key}-01`, end: lastDayOfMonth(year, Number(match[3])) };
  return { key, grain: 'year', start: `${year}-01-01`, end: `${year}-12-31` };
};

export const inPeriod = (day: string, period: ReportingPeriod): boolean => period.start <= day && day <= period.end;

/** The year, quarter and month a day falls in (days themselves are left out of listings). */
export const listedPeriodsOf = (day: string): readonly string[] => {
  const year = day.slice(0, 4);
  const quarter = Math.ceil(Number(day.slice(5, 7)) / 3);
  return ['all', year, `${year}-Q${quarter}`, day.slice(0, 7)];
};
