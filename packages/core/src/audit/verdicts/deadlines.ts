import { toVietnamDate } from '../../calendar/dates.js';
import type { WorkingDayCalendar } from '../../calendar/types.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import type { RuleSet } from '../../rules/types.js';
import { cutAsOf, judgingInstant, verdictAsOf } from '../as-of.js';
import type { AsOf, VerdictDeps, VerdictStep } from '../verdict.js';
import { breachesOf } from './evidence.js';
import { asOfLabel } from './moment.js';

/**
 * One deadline of a handling (an incident step, a feedback answer or forwarding) judged on a day: done
 * on or before its due date is on time; done after it is late by the working days from the due date
 * to the day done; not done by the end of its due date is overdue (the read models' rule: overdue from
 * 00:00 of the day after). A conditional deadline (forwarding, only for a matter outside the desk's
 * competence) not met by then has `passed`: it counts only once the condition is known to hold.
 */
export type DeadlineStatus = 'on-time' | 'late' | 'open' | 'overdue' | 'passed' | 'not-applicable';

export interface DeadlineOutcome {
  readonly deadline: string;
  readonly dueDate: string;
  readonly status: DeadlineStatus;
  readonly doneOn?: string;
  /** Working days from the due date to the day done (late) or judged (overdue), by the desk's calendar. */
  readonly workingDaysLate?: number;
}

/** Days allowed for a deadline, how they are counted, and the due date they give. */
export interface AllowedDays {
  readonly days: number;
  readonly unit: 'working-days' | 'calendar-days';
  readonly dueDate: string;
}

/** `days` working days from `countsFrom`: the n-th working day after it. */
export const workingDaysFrom = (calendar: WorkingDayCalendar, countsFrom: string, days: number): AllowedDays => ({
  days,
  unit: 'working-days',
  dueDate: calendar.addWorkingDays(countsFrom, days),
});

/** A deadline as the events fixed it, and what was done about it. */
export interface Deadline {
  /** Stable id of the deadline, e.g. `acknowledge`, `answer`, `forward`. */
  readonly deadline: string;
  /** How the finding names it, e.g. `acknowledgement`. */
  readonly label: string;
  /** The due date recorded when the deadline was fixed (ADR 0003: decisions record what the rules gave). */
  readonly dueDate: string;
  /** The event that fixed it and the Vietnamese day it counts from. */
  readonly fixedBy: RecordedEvent;
  readonly countsFrom: string;
  readonly ruleSetId: string;
  /** The rule-set field that gives the days, e.g. `incidentStepDeadlineWorkingDays.acknowledge`. */
  readonly field: string;
  /** The rule-set field that says how those days are counted, when the rule set can count them in calendar days. */
  readonly unitField?: string;
  /** Where docs/domain cites its source. */
  readonly source: string;
  /**
   * The days a rule set gives (the rule set named, or a fixed number when the rule is not in rule
   * sets), how they are counted, and the due date they give from `countsFrom` with `calendar`.
   */
  readonly allowed: (ruleSet: RuleSet | undefined, calendar: WorkingDayCalendar) => AllowedDays | undefined;
  readonly calendarVersion: string;
  readonly doneBy?: RecordedEvent;
  readonly doneOn?: string;
  /** Why the deadline does not apply (handled another way), when it does not. */
  readonly notApplicable?: string;
  /** When the deadline applies only on a condition, the condition. */
  readonly conditional?: string;
  /** A later fact that gave the deadline a longer limit (a discipline case declared complex), said as the finding says it. */
  readonly extension?: DeadlineExtension;
}

/** What lengthened a deadline: the event, how the finding names it, and the values it adds to the step. */
export interface DeadlineExtension {
  readonly by: RecordedEvent;
  /** e.g. `the case declared complex on 2026-05-20 by director-so-noi-vu (the ordinary limit gave 2026-06-15)`. */
  readonly finding: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface DeadlineContext {
  readonly calendar: WorkingDayCalendar;
  readonly ruleSetById: (id: string) => RuleSet | undefined;
  /** The Vietnamese day open deadlines are judged on; undefined when nothing happened yet. */
  readonly today: string | undefined;
  /** How the moment is named in findings, e.g. `as of 2026-03-09T17:00:00+07:00`. */
  readonly asOfLabel: string;
}

export const judgeDeadline = (deadline: Deadline, context: DeadlineContext): DeadlineOutcome => {
  const base = { deadline: deadline.deadline, dueDate: deadline.dueDate };
  if (deadline.doneOn !== undefined) {
    const late = deadline.doneOn > deadline.dueDate;
    return late
      ? { ...base, status: 'late', doneOn: deadline.doneOn, workingDaysLate: context.calendar.workingDaysBetween(deadline.dueDate, deadline.doneOn) }
      : { ...base, status: 'on-time', doneOn: deadline.doneOn };
  }
  if (deadline.notApplicable !== undefined) return { ...base, status: 'not-applicable' };
  if (context.today !== undefined && deadline.dueDate < context.today) {
    if (deadline.conditional !== undefined) return { ...base, status: 'passed' };
    return { ...base, status: 'overdue', workingDaysLate: context.calendar.workingDaysBetween(deadline.dueDate, context.today) };
  }
  return { ...base, status: 'open' };
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const statusPhrase = (deadline: Deadline, outcome: DeadlineOutcome, context: DeadlineContext): string => {
  switch (outcome.status) {
    case 'on-time':
      return `done ${outcome.doneOn}: on time`;
    case 'late':
      return `done ${outcome.doneOn}: late by ${plural(outcome.workingDaysLate ?? 0, 'working day')}`;
    case 'overdue':
      return `not done ${context.asOfLabel}: overdue by ${plural(outcome.workingDaysLate ?? 0, 'working day')}`;
    case 'open':
      return `not done ${context.asOfLabel}: still within its time`;
    case 'passed':
      return `not done ${context.asOfLabel}: passed, which counts only ${deadline.conditional ?? ''}`;
    case 'not-applicable':
      return `does not apply: ${deadline.notApplicable ?? ''}`;
  }
};

/** The step of a verdict for one deadline: the rule, the due date, what was done and when, on time or by how much late. */
export const deadlineStep = (deadline: Deadline, outcome: DeadlineOutcome, context: DeadlineContext): VerdictStep => {
  const ruleSet = context.ruleSetById(deadline.ruleSetId);
  const allowed = deadline.allowed(ruleSet, context.calendar);
  const inCalendarDays = allowed?.unit === 'calendar-days';
  const recomputed = allowed?.dueDate;
  const differs = recomputed !== undefined && recomputed !== deadline.dueDate;
  const unitRule = inCalendarDays && deadline.unitField !== undefined ? `, ${deadline.unitField} = calendar-days` : '';
  const rule = `${deadline.ruleSetId} ${deadline.field}${allowed === undefined ? '' : ` = ${allowed.days}`}${unitRule}`;
  // A recorded due date the rules now give otherwise (a value of the set changed, another calendar)
  // is not put down to them: it is named as recorded, and the rules' date follows it.
  const extended = deadline.extension === undefined ? '' : `, ${deadline.extension.finding}`;
  const basis = differs
    ? `as recorded, counted from ${deadline.countsFrom}${extended} under ${deadline.ruleSetId}, calendar ${deadline.calendarVersion}`
    : `${allowed === undefined ? 'working days' : plural(allowed.days, inCalendarDays ? 'calendar day' : 'working day')} from ${deadline.countsFrom}${extended}, ${rule}, calendar ${deadline.calendarVersion}`;
  const finding =
    `The ${deadline.label} was due ${deadline.dueDate} (${basis}); ` +
    statusPhrase(deadline, outcome, context) +
    (differs && allowed !== undefined
      ? `. Recomputed with ${rule} and calendar ${context.calendar.version} it would be ${recomputed}; the recorded due date is the one judged`
      : '') +
    '.';
  return {
    id: `deadline:${deadline.deadline}`,
    finding,
    rule: { ruleSetId: deadline.ruleSetId, field: unitRule === '' ? deadline.field : `${deadline.field}, ${deadline.unitField}`, source: deadline.source },
    events: [deadline.fixedBy, deadline.extension?.by, deadline.doneBy].flatMap((event) => (event === undefined ? [] : [event.metadata.globalPosition])),
    values: {
      deadline: deadline.deadline,
      countsFrom: deadline.countsFrom,
      ...(inCalendarDays ? { calendarDaysAllowed: allowed.days } : { workingDaysAllowed: allowed?.days ?? null }),
      dueDate: deadline.dueDate,
      calendarVersion: deadline.calendarVersion,
      doneOn: outcome.doneOn ?? null,
      status: outcome.status,
      workingDaysLate: outcome.workingDaysLate ?? null,
      ...(differs ? { recomputedDueDate: recomputed } : {}),
      ...deadline.extension?.values,
    },
  };
};

/** Whether an outcome counts against the handling: done late, or overdue as of the moment. */
export const isLateOutcome = (outcome: DeadlineOutcome): boolean => outcome.status === 'late' || outcome.status === 'overdue';

/**
 * What a verdict on a stream's deadlines (an incident's, a feedback's) rests on as of the moment asked:
 * its own stream's events, the related facts that carry recorded breaches (a dossier it names), both in
 * log order, and the context its deadlines are judged in.
 */
export const deadlineVerdictBasis = (
  events: readonly RecordedEvent[],
  asOf: AsOf | undefined,
  streamId: string,
  deps: VerdictDeps,
): { readonly own: readonly RecordedEvent[]; readonly related: readonly RecordedEvent[]; readonly used: readonly RecordedEvent[]; readonly context: DeadlineContext } => {
  const cut = cutAsOf(events, asOf);
  const own = cut.filter((event) => event.metadata.streamId === streamId);
  const related = cut.filter((event) => event.metadata.streamId !== streamId && breachesOf(event).length > 0);
  const used = [...own, ...related].sort((a, b) => a.metadata.globalPosition - b.metadata.globalPosition);
  const instant = judgingInstant(asOf, own);
  return {
    own,
    related,
    used,
    context: {
      calendar: deps.calendar,
      ruleSetById: (id) => deps.rules.byId(id),
      today: instant === undefined ? undefined : toVietnamDate(instant),
      asOfLabel: asOfLabel(asOf, instant, verdictAsOf(asOf, used).globalPosition),
    },
  };
};
