import { isLeft, right } from '../fp.js';
import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import { withinRuleDays } from '../rules/rules-in-force.js';
import { CALENDAR_DAYS, toVietnamDate, vietnamDayAndTime } from '../calendar/dates.js';
import type { BusinessTimePolicy } from '../kernel/business-time-policy.js';
import { ruleViolated } from '../kernel/errors.js';
import type { Clock } from '../kernel/ports.js';

/**
 * How the desk judges a command's business time (docs/record-as-evidence.md, "Plausible time"): a fact
 * dated before the working-day calendar's first day or after its last, or on a day no rule set covers, cannot be judged
 * and is refused before any working day is counted; a late entry's working days come from the desk's calendar.
 */
export const deskBusinessTime = (
  calendar: WorkingDayCalendar,
  rules: RuleBook,
  clock: Clock,
  limits: Pick<BusinessTimePolicy, 'maxFutureSkewMs' | 'lateEntryAfterMs'> = {},
): BusinessTimePolicy => ({
  ...limits,
  clock,
  outsideCoverage: (occurredAt) => {
    const { dayNumber } = vietnamDayAndTime(occurredAt);
    const { first, last } = CALENDAR_DAYS;
    if (dayNumber < CALENDAR_DAYS.firstDayNumber) {
      return ruleViolated('OCCURRED_BEFORE_CALENDAR', `occurredAt ${occurredAt} is before ${first}, the first day of the working-day calendar: a fact dated earlier cannot be judged; the earliest accepted date is ${first}`, {
        details: { occurredAt, earliest: first },
      });
    }
    if (dayNumber > CALENDAR_DAYS.lastDayNumber) {
      return ruleViolated('OCCURRED_AFTER_CALENDAR', `occurredAt ${occurredAt} is after ${last}, the last day of the working-day calendar: a fact dated later cannot be judged; the latest accepted date is ${last}`, {
        details: { occurredAt, latest: last },
      });
    }
    const judged = withinRuleDays(rules, () => right(rules.inForceAt(occurredAt)));
    return isLeft(judged) ? judged.left : undefined;
  },
  workingDaysBetween: (occurredAt, recordedAt) => Math.max(0, calendar.workingDaysBetween(toVietnamDate(occurredAt), toVietnamDate(recordedAt))),
});
