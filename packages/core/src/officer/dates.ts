/**
 * Month and year arithmetic on `YYYY-MM-DD` (no time zone involved) for secondment terms, evaluation
 * periods and limitation periods; day arithmetic is the calendar's `addCalendarDays`.
 */
const parse = (date: string): [number, number, number] => {
  const [year, month, day] = date.split('-').map(Number);
  return [year ?? NaN, month ?? NaN, day ?? NaN];
};

const format = (utc: Date): string => utc.toISOString().slice(0, 10);

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Same day `months` later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export const addMonths = (date: string, months: number): string => {
  const [year, month, day] = parse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const clamped = Math.min(day, daysInMonth(targetYear, targetMonth));
  return format(new Date(Date.UTC(targetYear, targetMonth - 1, clamped)));
};

export const addYears = (date: string, years: number): string => addMonths(date, years * 12);

export const lastDayOfMonth = (year: number, month: number): string =>
  format(new Date(Date.UTC(year, month - 1, daysInMonth(year, month))));
