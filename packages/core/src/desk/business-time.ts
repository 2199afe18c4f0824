import type { WorkingDayCalendar } from '../calendar/types.js';
import { FIRST_CALENDAR_YEAR, toVietnamDate, vietnamDayAndTime, firstDayOfYear } from '../calendar/dates.js';
import type { BusinessTimePolicy } from '../kernel/business-time-policy.js';
import { ruleViolated } from '../kernel/errors.js';
import type { Clock } from '../kernel/ports.js';

const FIRST_CALENDAR_DAY = firstDayOfYear(FIRST_CALENDAR_YEAR);

/**
 * How the desk judges a command's business time (docs/record-as-evidence.md, "Plausible time"): a fact
 * dated before the working-day calendar's first day cannot be judged and is refused before any working
 * day is counted; a late entry's working days come from the desk's calendar.
 */
export const deskBusinessTime = (
  calendar: WorkingDayCalendar,
  clock: Clock,
  limits: Pick<BusinessTimePolicy, 'maxFutureSkewMs' | 'lateEntryAfterMs'> = {},
): BusinessTimePolicy => ({
  ...limits,
  clock,
  outsideCoverage: (occurredAt) => {
    if (vietnamDayAndTime(occurredAt).dayNumber >= FIRST_CALENDAR_DAY) return undefined;
    const first = `${FIRST_CALENDAR_YEAR}-01-01`;
    return ruleViolated('OCCURRED_BEFORE_CALENDAR', `occurredAt ${occurredAt} is before ${first}, the first day of the working-day calendar: a fact dated earlier cannot be judged; the earliest accepted date is ${first}`, {
      details: { occurredAt, earliest: first },
    });
  },
  workingDaysBetween: (occurredAt, recordedAt) => Math.max(0, calendar.workingDaysBetween(toVietnamDate(occurredAt), toVietnamDate(recordedAt))),
});
