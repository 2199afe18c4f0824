import { isLeft, right } from '../fp.js';
import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import { withinRuleDays } from '../rules/rules-in-force.js';
import { FIRST_CALENDAR_YEAR, toVietnamDate, vietnamDayAndTime, firstDayOfYear } from '../calendar/dates.js';
import type { BusinessTimePolicy } from '../kernel/business-time-policy.js';
import { ruleViolated } from '../kernel/errors.js';
import type { Clock } from '../kernel/ports.js';

const FIRST_CALENDAR_DAY = firstDayOfYear(FIRST_CALENDAR_YEAR);

/**
 * How the desk judges a command's business time (docs/record-as-evidence.md, "Plausible time"): a fact
 * dated before the working-day calendar's first day, or on a day no rule set covers, cannot be judged
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
    if (vietnamDayAndTime(occurredAt).dayNumber >= FIRST_CALENDAR_DAY) {
      const judged = withinRuleDays(rules, () => right(rules.inForceAt(occurredAt)));
      return isLeft(judged) ? judged.left : undefined;
    }
    const first = `${FIRST_CALENDAR_YEAR}-01-01`;
    return ruleViolated('OCCURRED_BEFORE_CALENDAR', `occurredAt ${occurredAt} is before ${first}, the first day of the working-day calendar: a fact dated earlier cannot be judged; the earliest accepted date is ${first}`, {
      details: { occurredAt, earliest: first },
    });
  },
  workingDaysBetween: (occurredAt, recordedAt) => Math.max(0, calendar.workingDaysBetween(toVietnamDate(occurredAt), toVietnamDate(recordedAt))),
});
