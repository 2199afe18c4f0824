/**
 * Reporting periods of Vietnamese calendar days (Asia/Ho_Chi_Minh): every date here is already the
 * Vietnamese day of its instant, so a result returned at 2026-03-31T23:30+07:00 is a March figure.
 */
export const GRAINS = ['day', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** `2026-03-31` → day `2026-03-31`, month `2026-03`, quarter `2026-Q1`, year `2026`. */
export const periodOf = (date: string, grain: Grain): string => {
  switch (grain) {
    case 'day':
      return date;
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return date.slice(0, 4);
  }
};

const PATTERNS: Readonly<Record<Grain, RegExp>> = {
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  year: /^\d{4}$/,
};

export const isGrain = (value: string): value is Grain => (GRAINS as readonly string[]).includes(value);

export const isPeriod = (grain: Grain, period: string): boolean => PATTERNS[grain].test(period);

/** The grain a period string is written in, e.g. `2026-Q1` → quarter. */
export const grainOfPeriod = (period: string): Grain | undefined => GRAINS.find((grain) => PATTERNS[grain].test(period));

/** The last day of a period: the rule set in force then decides how its averages are rounded. */
export const lastDayOf = (grain: Grain, period: string): string => {
  const year = Number(period.slice(0, 4));
  const lastOfMonth = (month: number) => {
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${period.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(days).padStart(2, '0')}`;
  };
  switch (grain) {
    case 'day':
      return period;
    case 'month':
      return lastOfMonth(Number(period.slice(5, 7)));
    case 'quarter':
      return lastOfMonth(Number(period.slice(6)) * 3);
    case 'year':
      return `${period}-12-31`;
  }
};

/** Every day of a period, in order; none for a period that is not one of `grain`. */
export const daysOf = (grain: Grain, period: string): string[] => {
  if (!isPeriod(grain, period)) return [];
  if (grain === 'day') return [period];
  const year = period.slice(0, 4);
  const firstMonth = grain === 'month' ? period.slice(5, 7) : grain === 'quarter' ? String((Number(period.slice(6)) - 1) * 3 + 1).padStart(2, '0') : '01';
  const last = lastDayOf(grain, period);
  const days: string[] = [];
  for (const d = new Date(`${year}-${firstMonth}-01T00:00:00Z`); days.length < 366; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    days.push(day);
    if (day >= last) break;
  }
  return days;
};
