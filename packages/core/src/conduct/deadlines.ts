import { toVietnamDate } from '../calendar/index.js';
import type { WorkingDayCalendar } from '../calendar/index.js';
import type { IncidentStep, RuleBook } from '../rules/index.js';
import type { StepRecord } from './state.js';

export interface IncidentClock {
  readonly calendar: WorkingDayCalendar;
  readonly rules: RuleBook;
}

export interface ScheduledStep {
  readonly nextStep: IncidentStep;
  readonly nextStepDueDate: string;
  readonly ruleSetId: string;
  readonly calendarVersion: string;
}

/**
 * The next step is due a number of working days after the day of the step just taken, by the rule set
 * in force that day, which the step's event names (docs/domain/rules-in-time.md §2).
 */
export const scheduleNext = (clock: IncidentClock, step: IncidentStep, fromInstant: string): ScheduledStep => {
  const ruleSet = clock.rules.inForceAt(fromInstant);
  const days = ruleSet.incidentStepDeadlineWorkingDays[step];
  return {
    nextStep: step,
    nextStepDueDate: clock.calendar.addWorkingDays(toVietnamDate(fromInstant), days),
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
