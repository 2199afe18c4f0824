import { toVietnamDate } from '../calendar/index.js';
import { left, right, type Either } from '../fp.js';
import type { DecisionMode } from '../kernel/decider.js';
import type { DomainError } from '../kernel/errors.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import type { CorrectionApologyBreach, CorrectionFeeBreach, CorrectionLateBreach } from './breaches.js';
import type { CorrectResult, ReportResultError } from './commands.js';
import { workingDaysTaken } from './decide-steps.js';
import { ruleSetOf, type DossierDeciderDeps } from './deps.js';
import { stepDueDate, timelinessOf } from './due-date.js';
import { DossierErrorCode, LegalBasis, dossierRejected } from './errors.js';
import type { DossierEvent } from './events.js';
import { openErrorReport, type DossierState } from './state.js';

type Outcome = Either<DomainError, readonly DossierEvent[]>;

/** The correction period of a rule set from before `errorCorrectionWorkingDays` (docs/domain/dossier-lifecycle.md §7). */
export const DEFAULT_ERROR_CORRECTION_WORKING_DAYS = 5;

/**
 * An error found in a returned result (Art.21; docs/domain/dossier-lifecycle.md §7). Its correction
 * falls due the rule set's `errorCorrectionWorkingDays` after the report, counted as a forwarding's
 * step (the 15:00 rule, then working days). One error at a time: a second report waits for the first
 * correction.
 */
export const decideReportResultError = (deps: DossierDeciderDeps, command: ReportResultError, state: DossierState): Outcome => {
  const open = openErrorReport(state);
  if (open !== undefined) {
    return left(
      dossierRejected(DossierErrorCode.ERROR_ALREADY_REPORTED, `error ${open.reportNumber} reported at ${open.reportedAt} is not corrected yet`, {
        legalBasis: LegalBasis.errorCorrection,
        details: { reportNumber: open.reportNumber, correctionDueDate: open.correctionDueDate },
      }),
    );
  }
  const ruleSet = ruleSetOf(deps, state);
  const correctionWorkingDays = ruleSet.errorCorrectionWorkingDays ?? DEFAULT_ERROR_CORRECTION_WORKING_DAYS;
  const correctionStartDate = deps.calendar.processingStartDate(command.data.occurredAt, ruleSet.transferCutoff);
  return right([
    {
      type: 'ResultErrorReported',
      data: {
        ...command.data,
        reportNumber: state.errorReports.length + 1,
        correctionWorkingDays,
        correctionStartDate,
        correctionDueDate: stepDueDate(deps.calendar, correctionStartDate, correctionWorkingDays, ruleSet.receiptDayCounts),
        ruleSetId: ruleSet.id,
        calendarVersion: deps.calendar.version,
      },
    },
  ]);
};

/**
 * The corrected result handed back (Art.21). When the error was the body's own, it corrects by the
 * due date, at its own cost and with an apology: a live desk refuses a correction that breaks one of
 * these, a desk recording one that already happened records it with its breaches (ADR 0010). An
 * error that was not the body's (the applicant's own details, say) is judged for its date only.
 */
export const decideCorrectResult = (deps: DossierDeciderDeps, command: CorrectResult, state: DossierState, mode?: DecisionMode): Outcome => {
  const report = openErrorReport(state);
  if (report === undefined) {
    return left(
      dossierRejected(DossierErrorCode.ERROR_NOT_REPORTED, 'no error is reported in this result', { legalBasis: LegalBasis.errorCorrection }),
    );
  }
  const { id: ruleSetId, errorCorrectionWorkingDays, receiptDayCounts } = ruleSetOf(deps, state);
  const { occurredAt, bodyAtFault, feeDong, apology } = command.data;
  const legalBasis = LegalBasis.errorCorrection;
  const correctedDate = toVietnamDate(occurredAt);
  const taken = workingDaysTaken(deps, report.correctionStartDate, correctedDate, receiptDayCounts);
  const timeliness = timelinessOf(correctedDate, report.correctionDueDate);
  const limit = errorCorrectionWorkingDays ?? DEFAULT_ERROR_CORRECTION_WORKING_DAYS;
  const late: Finding<CorrectionLateBreach> | undefined =
    bodyAtFault && timeliness === 'late'
      ? {
          breach: { rule: DossierErrorCode.ERROR_CORRECTION_LATE, ruleSetId, article: legalBasis, measured: { workingDaysTaken: taken, limit } },
          refusal: dossierRejected(DossierErrorCode.ERROR_CORRECTION_LATE, `the correction was due by ${report.correctionDueDate}`, {
            legalBasis,
            details: { correctionDueDate: report.correctionDueDate, correctedDate, workingDaysTaken: taken, limit },
          }),
        }
      : undefined;
  const charged: Finding<CorrectionFeeBreach> | undefined =
    bodyAtFault && feeDong > 0
      ? {
          breach: { rule: DossierErrorCode.CORRECTION_FEE_CHARGED, ruleSetId, article: legalBasis, measured: { feeDong } },
          refusal: dossierRejected(DossierErrorCode.CORRECTION_FEE_CHARGED, 'the body corrects its own error at its own cost: the fee must be 0', {
            legalBasis,
            details: { feeDong },
          }),
        }
      : undefined;
  const unapologised: Finding<CorrectionApologyBreach> | undefined =
    bodyAtFault && apology === undefined
      ? {
          breach: { rule: DossierErrorCode.CORRECTION_WITHOUT_APOLOGY, ruleSetId, article: legalBasis, measured: { apologies: 0, required: 1 } },
          refusal: dossierRejected(DossierErrorCode.CORRECTION_WITHOUT_APOLOGY, 'the body apologises for its own error: give the apology', { legalBasis }),
        }
      : undefined;
  return judge(mode, [late, charged, unapologised], (breaches) =>
    right([
      {
        type: 'ResultCorrected',
        data: {
          ...command.data,
          reportNumber: report.reportNumber,
          correctedDate,
          correctionDueDate: report.correctionDueDate,
          workingDaysTaken: taken,
          timeliness,
          ruleSetId,
          ...withBreaches(breaches),
        },
      },
    ]),
  );
};
