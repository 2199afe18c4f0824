import Holidays from 'date-holidays';
import type { DayOff } from './types.js';
import { fromDayNumber, toDayNumber, weekdayOfDayNumber } from './dates.js';

/**
 * Statutory holidays of the Labour Code 2019 Art.112 for one year. The lunar dates (Giao thừa, Tết,
 * Hùng Kings) come from `date-holidays`, whose Vietnamese lunar calendar is computed for UTC+7
 * (Tết 2007 and 2030 differ from China's); the five-day Tết break, the day beside 2 September and
 * compensation days are this module's own rules.
 */

let source: Holidays | undefined;
// Only public holidays: computing the observances too makes each year about six times slower.
const vietnam = (): Holidays => (source ??= new Holidays('VN', { types: ['public'] }));

export interface LunarAnchors {
  /** Last day of the old lunar year (Giao thừa). */
  readonly newYearsEve: string;
  /** First day of the lunar year (mùng 1 Tết). */
  readonly lunarNewYear: string;
  /** 10th day of the 3rd lunar month (Giỗ tổ Hùng Vương). */
  readonly hungKings: string;
}

const cache = new Map<number, LunarAnchors>();

/** The lunar anchors of a Gregorian year, as `date-holidays` computes them for Vietnam. */
export const lunarAnchors = (year: number): LunarAnchors => {
  const cached = cache.get(year);
  if (cached) return cached;
  // Matched on the rule text, not the localised name: the rule is what says which lunar day it is.
  const holidays = vietnam().getHolidays(year);
  const find = (test: (rule: string) => boolean, what: string): string => {
    const hit = holidays.find((h) => h.type === 'public' && test(h.rule));
    if (!hit) throw new Error(`date-holidays gave no ${what} for ${year}: has its Vietnam data changed?`);
    return hit.date.slice(0, 10);
  };
  const anchors: LunarAnchors = {
    newYearsEve: find((r) => /before vietnamese 1-0-1\b/.test(r), 'Giao thừa'),
    lunarNewYear: find((r) => /^vietnamese 1-0-1$/.test(r), 'Tết Nguyên Đán'),
    hungKings: find((r) => /^vietnamese 3-0-10$/.test(r), 'Giỗ tổ Hùng Vương'),
  };
  if (toDayNumber(anchors.lunarNewYear) - toDayNumber(anchors.newYearsEve) !== 1) {
    throw new Error(`date-holidays: Giao thừa ${anchors.newYearsEve} is not the eve of Tết ${anchors.lunarNewYear}`);
  }
  cache.set(year, anchors);
  return anchors;
};

/** The second National Day holiday exists from the Labour Code 2019 (in force 2021-01-01). */
const FIRST_YEAR_WITH_TWO_NATIONAL_DAYS = 2021;

/**
 * For a year whose schedule does not say, the day beside 2 September that gives the longest run of
 * days off with the weekend (ties: 1 September). It reproduces the Prime Minister's choices of
 * 2021–2026 (3 Sep in 2021 and 2024, 1 Sep in 2022, 2023, 2025, 2026); it is a guess for later years.
 */
export const derivedNationalDayAdjacentDay = (year: number): string => {
  const nationalDay = toDayNumber(`${year}-09-02`);
  const isWeekend = (d: number) => weekdayOfDayNumber(d) === 0 || weekdayOfDayNumber(d) === 6;
  const runLength = (extra: number): number => {
    const off = (d: number) => d === nationalDay || d === extra || isWeekend(d);
    let start = nationalDay;
    let end = nationalDay;
    while (off(start - 1)) start--;
    while (off(end + 1)) end++;
    return end - start + 1;
  };
  return runLength(nationalDay + 1) > runLength(nationalDay - 1) ? `${year}-09-03` : `${year}-09-01`;
};

/** Statutory holidays of a year, in date order. */
export const statutoryHolidays = (year: number, options: { nationalDayAdjacentDay?: string } = {}): DayOff[] => {
  const { newYearsEve, hungKings } = lunarAnchors(year);
  const eve = toDayNumber(newYearsEve);
  const holiday = (date: string, reason: string): DayOff => ({ date, kind: 'statutory-holiday', reason });
  const days: DayOff[] = [
    holiday(`${year}-01-01`, 'Tết Dương lịch (New Year)'),
    // Labour Code Art.112(1)(b): five days, taken as the last day of the old year and four of the new.
    holiday(fromDayNumber(eve), 'Tết Nguyên Đán (Giao thừa)'),
    ...[1, 2, 3, 4].map((n) => holiday(fromDayNumber(eve + n), `Tết Nguyên Đán (mùng ${n})`)),
    holiday(`${year}-04-30`, 'Ngày Chiến thắng (30/4)'),
    holiday(`${year}-05-01`, 'Quốc tế Lao động (1/5)'),
    holiday(`${year}-09-02`, 'Quốc khánh (2/9)'),
  ];
  // A holiday since the 2007 amendment of the Labour Code.
  if (year >= 2007) days.push(holiday(hungKings, 'Giỗ tổ Hùng Vương (10/3 lunar)'));
  if (year >= FIRST_YEAR_WITH_TWO_NATIONAL_DAYS) {
    const adjacent = options.nationalDayAdjacentDay ?? derivedNationalDayAdjacentDay(year);
    if (adjacent !== `${year}-09-01` && adjacent !== `${year}-09-03`) {
      throw new RangeError(`the National Day adjacent holiday of ${year} must be 1 or 3 September, got ${adjacent}`);
    }
    days.push(holiday(adjacent, 'Quốc khánh (ngày liền kề 2/9)'));
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
};

/**
 * Art.111(3): a holiday on a weekly rest day is made up on the next working day. Applied only to
 * years without an announced schedule, whose own swaps are authoritative.
 */
export const compensatoryDaysOff = (holidays: readonly DayOff[]): DayOff[] => {
  const taken = new Set(holidays.map((h) => toDayNumber(h.date)));
  const isWeekend = (d: number) => weekdayOfDayNumber(d) === 0 || weekdayOfDayNumber(d) === 6;
  const result: DayOff[] = [];
  for (const holiday of holidays) {
    const day = toDayNumber(holiday.date);
    if (!isWeekend(day)) continue;
    let next = day + 1;
    while (isWeekend(next) || taken.has(next)) next++;
    taken.add(next);
    result.push({ date: fromDayNumber(next), kind: 'compensatory-day-off', reason: `compensation for ${holiday.reason} on ${holiday.date}` });
  }
  return result;
};
