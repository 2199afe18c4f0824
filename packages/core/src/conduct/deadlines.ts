import { addCalendarDays, toVietnamDate } from '../calendar/index.js';
import type { WorkingDayCalendar } from '../calendar/index.js';
import type { ComplexCaseStep, IncidentStep, IncidentStepDeadlineUnit, RuleBook, RuleSet } from '../rules/index.js';
import type { StepRecord } from './state.js';

export interface IncidentClock {
  readonly calendar: WorkingDayCalendar;
  readonly rules: RuleBook;
}

/** A step's deadline under one rule set: the days it is given, how they are counted, and the day it is due. */
export interface StepDeadline {
  readonly days: number;
  readonly unit: IncidentStepDeadlineUnit;
  readonly dueDate: string;
  /** Present when the days are those of a case declared complex (`incidentStepComplexCaseDays`). */
  readonly complexCase?: true;
}

/** Whether the case of the step was declared complex by the competent authority (`DisciplineCaseDeclaredComplex`). */
export interface StepCase {
  readonly complexCase?: boolean;
}

const hasComplexCaseDays = (step: IncidentStep): step is ComplexCaseStep => step === 'decide-discipline';

/**
 * The day `step` is due when the step before it was taken on `fromDay` (a Vietnamese calendar day),
 * under `ruleSet` and `calendar` (docs/domain/conduct-catalogue.md §3). The decider, the verdicts and
 * their explanations all compute a step's due date here.
 *
 * - Working days: the n-th working day after `fromDay`.
 * - Calendar days: `fromDay` + n, the day of the step before not counting (as for a dossier,
 *   docs/domain/calendar.md §3); a last day that is a day off moves to the next working day, and
 *   days off inside the period count.
 * - A case declared complex: the step's `incidentStepComplexCaseDays` (150 calendar days for the
 *   discipline decision), counted the same way from the same day; a rule set without them keeps the
 *   ordinary days.
 *
 * A rule set without `incidentStepDeadlineUnits` counts every step in working days.
 */
export const stepDeadline = (calendar: WorkingDayCalendar, ruleSet: RuleSet, step: IncidentStep, fromDay: string, { complexCase = false }: StepCase = {}): StepDeadline => {
  const complexDays = complexCase && hasComplexCaseDays(step) ? ruleSet.incidentStepComplexCaseDays?.[step] : undefined;
  const days = complexDays ?? ruleSet.incidentStepDeadlineWorkingDays[step];
  const unit = ruleSet.incidentStepDeadlineUnits?.[step] ?? 'working-days';
  const dueDate = unit === 'calendar-days' ? calendar.nextWorkingDayOnOrAfter(addCalendarDays(fromDay, days)) : calendar.addWorkingDays(fromDay, days);
  return { days, unit, dueDate, ...(complexDays === undefined ? {} : { complexCase: true as const }) };
};

/** "60 working days", "90 calendar days": how explanations name a step's allowance. */
export const stepAllowanceText = ({ days, unit }: Pick<StepDeadline, 'days' | 'unit'>): string =>
  `${days} ${unit === 'calendar-days' ? 'calendar' : 'working'} day${days === 1 ? '' : 's'}`;

export interface ScheduledStep {
  readonly nextStep: IncidentStep;
  readonly nextStepDueDate: string;
  readonly ruleSetId: string;
  readonly calendarVersion: string;
}

/**
 * The next step is due by the rule set in force on the day of the step just taken, which the step's
 * event names (docs/domain/rules-in-time.md §2), counted from that day (`stepDeadline`). A case
 * declared complex is scheduled again from the same step, with the same rule set.
 */
export const scheduleNext = (clock: IncidentClock, step: IncidentStep, fromInstant: string, stepCase: StepCase = {}): ScheduledStep => {
  const ruleSet = clock.rules.inForceAt(fromInstant);
  return {
    nextStep: step,
    nextStepDueDate: stepDeadline(clock.calendar, ruleSet, step, toVietnamDate(fromInstant), stepCase).dueDate,
    ruleSetId: ruleSet.id,
    calendarVersion: clock.calendar.version,
  };
};

export interface StepDone {
  readonly doneOn: string;
  readonly dueDate: string;
  readonly onTime: boolean;
}

/** A step done on its due date is on time. */
export const stepDone = (scheduled: StepRecord | undefined, instant: string): StepDone => {
  const doneOn = toVietnamDate(instant);
  // Every step but the report is scheduled by the step before it; a missing schedule is a bug.
  if (scheduled === undefined) throw new Error('incident step done without a scheduled due date');
  return { doneOn, dueDate: scheduled.dueDate, onTime: doneOn <= scheduled.dueDate };
};
