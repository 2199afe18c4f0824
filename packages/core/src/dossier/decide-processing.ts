import { toVietnamDate } from '../calendar/index.js';
import { left, right, type Either } from '../fp.js';
import type { DecisionMode } from '../kernel/decider.js';
import type { DomainError } from '../kernel/errors.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import type { ApologyLimitBreach, ApologyTooLateBreach } from './breaches.js';
import type { CompleteProcessing, ForwardToAgency, IssueApology, ReturnFromAgency, TransferDossier } from './commands.js';
import { ruleSetOf, type DossierDeciderDeps } from './deps.js';
import { stepDueDate } from './due-date.js';
import { DossierErrorCode, LegalBasis, dossierRejected } from './errors.js';
import type { DossierEvent } from './events.js';
import { openAgencySteps, openProcessingSteps, receivedFacts, type DossierState } from './state.js';

type Outcome = Either<DomainError, readonly DossierEvent[]>;

/** A late transfer is a fact to report (Art.18), not a reason to block the dossier. */
export const decideTransfer = (command: TransferDossier, state: DossierState): Outcome => {
  const { processingStartDate } = receivedFacts(state);
  const onTime = toVietnamDate(command.data.occurredAt) <= processingStartDate;
  return right([{ type: 'DossierTransferred', data: { ...command.data, processingStartDate, onTime } }]);
};

export const decideForward = (deps: DossierDeciderDeps, command: ForwardToAgency, state: DossierState): Outcome => {
  const { agencyId, occurredAt, stepLimitWorkingDays } = command.data;
  if (openAgencySteps(state).some((step) => step.agencyId === agencyId)) {
    return left(dossierRejected(DossierErrorCode.AGENCY_ALREADY_FORWARDED, `agency ${agencyId} already holds this dossier`, { details: { agencyId } }));
  }
  const ruleSet = ruleSetOf(deps, state);
  // Forwarding to another body's desk follows the same 15:00 rule as the first transfer (Art.18).
  const stepStartDate = deps.calendar.processingStartDate(occurredAt, ruleSet.transferCutoff);
  const due = stepDueDate(deps.calendar, stepStartDate, stepLimitWorkingDays, ruleSet.receiptDayCounts);
  return right([
    {
      type: 'ForwardedToAgency',
      data: { ...command.data, stepStartDate, stepDueDate: due, calendarVersion: deps.calendar.version },
    },
  ]);
};

export const decideReturnFromAgency = (command: ReturnFromAgency, state: DossierState): Outcome => {
  const step = openAgencySteps(state).find((candidate) => candidate.agencyId === command.data.agencyId);
  if (step === undefined) {
    return left(
      dossierRejected(DossierErrorCode.AGENCY_NOT_FORWARDED, `agency ${command.data.agencyId} does not hold this dossier`, {
        details: { agencyId: command.data.agencyId },
      }),
    );
  }
  const onTime = toVietnamDate(command.data.occurredAt) <= step.stepDueDate;
  return right([{ type: 'ReturnedFromAgency', data: { ...command.data, stepDueDate: step.stepDueDate, onTime } }]);
};

export const decideComplete = (command: CompleteProcessing, state: DossierState): Outcome => {
  const pending = openAgencySteps(state);
  if (pending.length > 0) {
    return left(
      dossierRejected(DossierErrorCode.AGENCY_STEPS_PENDING, 'agencies consulted have not all answered', {
        details: { agencies: pending.map((step) => step.agencyId) },
      }),
    );
  }
  const steps = openProcessingSteps(state);
  if (steps.length > 0) {
    return left(
      dossierRejected(DossierErrorCode.STEPS_PENDING, 'steps of the control sheet (form 05) are still open', {
        legalBasis: LegalBasis.processingSteps,
        details: { steps: steps.map((step) => step.stepId) },
      }),
    );
  }
  if (command.data.decision === 'refused' && command.data.reason === undefined) {
    return left(
      dossierRejected(DossierErrorCode.REFUSAL_REASON_REQUIRED, 'a refusal must state its reason in writing', {
        legalBasis: LegalBasis.refusal,
      }),
    );
  }
  return right([{ type: 'ProcessingCompleted', data: command.data }]);
};

/**
 * Form 04 (Art.19(9), 12(5)): at most `maxPerDossier` apologies, each at least
 * `minWorkingDaysBeforeDue` working days before the due date in force. One that already happened is
 * recorded with the rules it broke (`mode: 'record'`); its `workingDaysBeforeDue` is then 0 when it
 * came on or after the due date, the breach keeping the exact (negative) count.
 */
export const decideApology = (deps: DossierDeciderDeps, command: IssueApology, state: DossierState, mode?: DecisionMode): Outcome => {
  const { apology, id: ruleSetId } = ruleSetOf(deps, state);
  const { dueDate, originalDueDate } = receivedFacts(state);
  const { newDueDate, occurredAt } = command.data;
  const legalBasis = LegalBasis.apology;
  const overLimit: Finding<ApologyLimitBreach> | undefined =
    state.apologyCount < apology.maxPerDossier
      ? undefined
      : {
          breach: {
            rule: DossierErrorCode.APOLOGY_LIMIT_REACHED,
            ruleSetId,
            article: legalBasis,
            measured: { apologyCount: state.apologyCount + 1, limit: apology.maxPerDossier },
          },
          refusal: dossierRejected(DossierErrorCode.APOLOGY_LIMIT_REACHED, `at most ${apology.maxPerDossier} apology per dossier`, { legalBasis }),
        };
  const workingDaysBeforeDue = deps.calendar.workingDaysBetween(toVietnamDate(occurredAt), dueDate);
  const required = apology.minWorkingDaysBeforeDue;
  const tooLate: Finding<ApologyTooLateBreach> | undefined =
    workingDaysBeforeDue >= required
      ? undefined
      : {
          breach: { rule: DossierErrorCode.APOLOGY_TOO_LATE, ruleSetId, article: legalBasis, measured: { workingDaysBeforeDue, required } },
          refusal: dossierRejected(
            DossierErrorCode.APOLOGY_TOO_LATE,
            `an apology must come at least ${required} working day(s) before the due date ${dueDate}`,
            { legalBasis, details: { dueDate, workingDaysBeforeDue } },
          ),
        };
  return judge(mode, [overLimit, tooLate], (breaches) => {
    if (newDueDate <= dueDate) {
      return left(
        dossierRejected(DossierErrorCode.APOLOGY_DATE_NOT_AFTER_DUE, `the new appointment must be after ${dueDate}`, {
          legalBasis,
          details: { dueDate, newDueDate },
        }),
      );
    }
    if (!deps.calendar.isWorkingDay(newDueDate)) {
      return left(
        dossierRejected(DossierErrorCode.APPOINTMENT_NOT_WORKING_DAY, `${newDueDate} is not a working day`, {
          details: { newDueDate, dayOff: deps.calendar.dayOff(newDueDate) },
        }),
      );
    }
    return right([
      {
        type: 'ApologyIssued',
        data: {
          ...command.data,
          previousDueDate: dueDate,
          originalDueDate,
          workingDaysBeforeDue: Math.max(0, workingDaysBeforeDue),
          ruleSetId,
          calendarVersion: deps.calendar.version,
          ...withBreaches(breaches),
        },
      },
    ]);
  });
};
