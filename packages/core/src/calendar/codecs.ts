import { t } from '../fp.js';
import type { Either } from '../fp.js';
import { decode } from '../kernel/codec.js';
import type { InvalidInput } from '../kernel/errors.js';
import { LocalDate, NonEmptyString, oneOf } from '../kernel/primitives.js';
import type { CalendarVersionData, CivilServiceSchedule } from './types.js';
import { dayOfWeek, FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from './dates.js';
import { checked, type Fail } from '../kernel/checked-codec.js';

/** Calendar configuration from outside (a province's schedule, a correction) is decoded here first. */

const DatedReason = t.type({ date: LocalDate, reason: NonEmptyString });

/** A year the working-day calendar computes (docs/domain/calendar.md §5): a schedule for another could never be used. */
const isCalendarYear = (u: unknown): u is number => Number.isInteger(u) && (u as number) >= FIRST_CALENDAR_YEAR && (u as number) <= LAST_CALENDAR_YEAR;
const Year = new t.Type<number, number, unknown>(
  'Year',
  isCalendarYear,
  (u, c) => (isCalendarYear(u) ? t.success(u) : t.failure(u, c, `must be a year from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}, the years the working-day calendar computes, got ${JSON.stringify(u)}`)),
  t.identity,
);

const ScheduleShape = t.intersection([
  t.type({
    year: Year,
    daysOff: t.array(
      t.intersection([DatedReason, t.partial({ kind: oneOf('DayOffKind', ['scheduled-day-off', 'compensatory-day-off']) })]),
    ),
    makeUpWorkingDays: t.array(DatedReason),
    source: NonEmptyString,
  }),
  t.partial({ nationalDayAdjacentDay: LocalDate }),
]);

export const CivilServiceScheduleCodec = checked<t.TypeOf<typeof ScheduleShape>, CivilServiceSchedule>(
  'CivilServiceSchedule',
  ScheduleShape,
  (s, fail) => {
    const seen = new Set<string>();
    const check = (list: 'daysOff' | 'makeUpWorkingDays', weekend: boolean) =>
      s[list].forEach(({ date }, index) => {
        const at = [list, index, 'date'];
        if (!date.startsWith(`${s.year}-`)) fail(at, date, 'DateInScheduleYear', `must be a date in ${s.year}, got "${date}"`);
        else if ((dayOfWeek(date) % 6 === 0) !== weekend) {
          const expected = weekend ? 'a Saturday or Sunday (a make-up working day)' : 'a weekday (Monday to Friday)';
          fail(at, date, weekend ? 'WeekendDate' : 'Weekday', `must be ${expected}, got "${date}"`);
        } else if (seen.has(date)) fail(at, date, 'UniqueDate', `"${date}" is listed twice`);
        seen.add(date);
      });
    check('daysOff', false);
    check('makeUpWorkingDays', true);
    const adjacent = s.nationalDayAdjacentDay;
    if (adjacent !== undefined && adjacent !== `${s.year}-09-01` && adjacent !== `${s.year}-09-03`) {
      const message = `must be ${s.year}-09-01 or ${s.year}-09-03, got "${adjacent}"`;
      fail(['nationalDayAdjacentDay'], adjacent, 'NationalDayAdjacentDay', message);
    }
  },
);

const uniqueYears = (schedules: readonly { year: number }[] | undefined, fail: Fail) => {
  const years = (schedules ?? []).map((s) => s.year);
  years.forEach((year, index) => {
    if (years.indexOf(year) !== index) fail(['schedules', index, 'year'], year, 'UniqueYear', `${year} has two schedules`);
  });
};

const ConfigShape = t.partial({
  schedules: t.array(CivilServiceScheduleCodec),
  extraDaysOff: t.array(DatedReason),
  version: NonEmptyString,
});
export type CalendarConfig = t.TypeOf<typeof ConfigShape>;

/** A calendar configuration; two schedules for one year are refused. */
export const CalendarConfigCodec = checked<CalendarConfig, CalendarConfig>('CalendarConfig', ConfigShape, (config, fail) =>
  uniqueYears(config.schedules, fail),
);

/** Decodes one year's schedule; a bad value is reported with its field, e.g. `daysOff.0.date`. */
export const decodeCivilServiceSchedule = (input: unknown): Either<InvalidInput, CivilServiceSchedule> =>
  decode(CivilServiceScheduleCodec, input);

export const decodeCalendarConfig = (input: unknown): Either<InvalidInput, CalendarConfig> => decode(CalendarConfigCodec, input);

const VersionShape = t.intersection([
  t.type({ version: NonEmptyString, effectiveFrom: LocalDate, source: NonEmptyString, schedules: t.array(CivilServiceScheduleCodec) }),
  t.partial({ extraDaysOff: t.array(DatedReason) }),
]);

/** One published calendar version (docs/domain/calendar.md §4): its schedules, one per year at most. */
export const CalendarVersionCodec = checked<t.TypeOf<typeof VersionShape>, CalendarVersionData>('CalendarVersion', VersionShape, (v, fail) =>
  uniqueYears(v.schedules, fail),
);

export const decodeCalendarVersion = (input: unknown): Either<InvalidInput, CalendarVersionData> => decode(CalendarVersionCodec, input);
