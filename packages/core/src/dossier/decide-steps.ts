import { toVietnamDate } from '../calendar/index.js';
import { left, right, type Either } from '../fp.js';
import type { DomainError } from '../kernel/errors.js';
import type { AssignStep, CompleteStep } from './commands.js';
import { ruleSetOf, type DossierDeciderDeps } from './deps.js';
import { stepDueDate, timelinessOf } from './due-date.js';
import { DossierErrorCode, LegalBasis, dossierRejected } from './errors.js';
import type { DossierEvent } from './events.js';
import { openProcessingSteps, type DossierState } from './state.js';

type Outcome = Either<DomainError, readonly DossierEvent[]>;

/**
 * Working days from a step's start day to the day it ended, counted as its limit is (the rule set's
 * `receiptDayCounts`), never below 0: a step ended within its limit took at most that many.
 */
export const workingDaysTaken = (deps: DossierDeciderDeps, startDate: string, endDate: string, receiptDayCounts: boolean): number =>
  Math.max(0, deps.calendar.workingDaysBetween(startDate, endDate) + (receiptDayCounts ? 1 : 0));

/**
 * Form 05 (Art.19(1–5); docs/domain/dossier-lifecycle.md §8): a step handed to a body or an officer
 * inside processing starts and falls due as a forwarding does (the 15:00 rule, then its working days).
 */
export const decideAssignStep = (deps: DossierDeciderDeps, command: AssignStep, state: DossierState): Outcome => {
  const { stepId, occurredAt, stepLimitWorkingDays } = command.data;
  if (state.processingSteps.some((step) => step.stepId === stepId)) {
    return left(
      dossierRejected(DossierErrorCode.STEP_ALREADY_ASSIGNED, `step ${stepId} is already on this dossier's control sheet`, {
        legalBasis: LegalBasis.processingSteps,
        details: { stepId },
      }),
    );
  }
  const ruleSet = ruleSetOf(deps, state);
  const stepStartDate = deps.calendar.processingStartDate(occurredAt, ruleSet.transferCutoff);
  const due = stepDueDate(deps.calendar, stepStartDate, stepLimitWorkingDays, ruleSet.receiptDayCounts);
  return right([
    {
      type: 'StepAssigned',
      data: { ...command.data, stepStartDate, stepDueDate: due, ruleSetId: ruleSet.id, calendarVersion: deps.calendar.version },
    },
  ]);
};

/** The step's work handed back: judged against its own due date (Circular 01 index 2), late recorded, not refused. */
export const decideCompleteStep = (deps: DossierDeciderDeps, command: CompleteStep, state: DossierState): Outcome => {
  const { stepId, occurredAt } = command.data;
  const step = openProcessingSteps(state).find((candidate) => candidate.stepId === stepId);
  if (step === undefined) {
    return left(
      dossierRejected(DossierErrorCode.STEP_NOT_ASSIGNED, `step ${stepId} is not open on this dossier's control sheet`, {
        legalBasis: LegalBasis.processingSteps,
        details: { stepId, open: openProcessingSteps(state).map((open) => open.stepId) },
      }),
    );
  }
  const { receiptDayCounts } = ruleSetOf(deps, state);
  const completedDate = toVietnamDate(occurredAt);
  return right([
    {
      type: 'StepCompleted',
      data: {
        ...command.data,
        stepKind: step.stepKind,
        bodyId: step.bodyId,
        ...(step.assigneeOfficerId === undefined ? {} : { assigneeOfficerId: step.assigneeOfficerId }),
        stepLimitWorkingDays: step.stepLimitWorkingDays,
        stepStartDate: step.stepStartDate,
        stepDueDate: step.stepDueDate,
        completedDate,
        workingDaysTaken: workingDaysTaken(deps, step.stepStartDate, completedDate, receiptDayCounts),
        timeliness: timelinessOf(completedDate, step.stepDueDate),
      },
    },
  ]);
};
