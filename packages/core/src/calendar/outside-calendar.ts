import { left, type Either } from '../fp.js';
import { ruleViolated, type BusinessRuleViolated, type DomainError } from '../kernel/errors.js';
import { CALENDAR_DAYS, FIRST_CALENDAR_YEAR } from './dates.js';

/**
 * What the working-day calendar throws for a day of a year it does not compute: before
 * `FIRST_CALENDAR_YEAR` or after `LAST_CALENDAR_YEAR` (docs/domain/calendar.md §5). A date from outside
 * is refused before it gets here; a date computed from one (a period counted past the last year) meets it.
 */
export class OutsideCalendar extends RangeError {
  override readonly name = 'OutsideCalendar';

  constructor(
    /** The year asked for. */
    readonly year: number,
  ) {
    super(
      year < FIRST_CALENDAR_YEAR
        ? `the working-day calendar starts on ${CALENDAR_DAYS.first}: it has no working days for ${year}`
        : `the working-day calendar ends on ${CALENDAR_DAYS.last}: it has no working days for ${year}`,
    );
  }
}

/** A day the calendar does not compute, as the refusal its caller gets (as `noRuleSetInForceRefusal` answers a day no rule set covers). */
export const outsideCalendarRefusal = (error: OutsideCalendar): BusinessRuleViolated =>
  ruleViolated('OUTSIDE_CALENDAR', `no working days can be counted in ${error.year}: the working-day calendar covers ${CALENDAR_DAYS.first} to ${CALENDAR_DAYS.last}`, {
    details: { year: error.year, earliest: CALENDAR_DAYS.first, latest: CALENDAR_DAYS.last },
  });

/** What `decide` gives, or, when it meets a day the calendar does not compute, the refusal of that day; any other error is thrown on. */
export const withinCalendarDays = <R>(decide: () => Either<DomainError, R>): Either<DomainError, R> => {
  try {
    return decide();
  } catch (error) {
    if (error instanceof OutsideCalendar) return left(outsideCalendarRefusal(error));
    throw error;
  }
};
