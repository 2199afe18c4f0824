import { toVietnamDate } from '../calendar/index.js';
import { right, type Either } from '../fp.js';
import type { DecisionMode } from '../kernel/decider.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import type { SupplementLimitBreach, SupplementWindowBreach } from './breaches.js';
import type { DomainError } from '../kernel/errors.js';
import type { ReceiveSupplement, RequestSupplement } from './commands.js';
import { checkPublished } from './documents.js';
import { ruleSetOf, type DossierDeciderDeps } from './deps.js';
import { pausedDueDate, promisedReturnDate } from './due-date.js';
import { DossierErrorCode, LegalBasis, dossierRejected } from './errors.js';
import type { DossierEvent } from './events.js';
import { receivedFacts, type DossierState } from './state.js';

type Outcome = Either<DomainError, readonly DossierEvent[]>;

/**
 * Form 02 during processing (Art.19(4)): only published documents, at most `maxSupplementRequests`
 * times, and within `supplementRequestWithinWorkingDays` working days counted from the day the rule
 * set's `supplementWindowCountsFrom` names (docs/domain/dossier-lifecycle.md §2): the day of receipt,
 * or the processing start day (the next working day after a receipt past the cutoff), that day itself
 * not counted: received Mon 16:00 with a 3-day window counted from receipt, a request on Thu is
 * allowed, on Fri not (counted from the processing start day, Fri would be allowed).
 * A request that already happened is recorded with the rules it broke (`mode: 'record'`).
 */
export const decideRequestSupplement = (deps: DossierDeciderDeps, command: RequestSupplement, state: DossierState, mode?: DecisionMode): Outcome => {
  const ruleSet = ruleSetOf(deps, state);
  const article = LegalBasis.supplementDuringProcessing;
  const requestNumber = state.supplementCount + 1;
  const limit = ruleSet.maxSupplementRequests;
  const overLimit: Finding<SupplementLimitBreach> | undefined =
    state.supplementCount < limit
      ? undefined
      : {
          breach: { rule: DossierErrorCode.SUPPLEMENT_LIMIT_REACHED, ruleSetId: ruleSet.id, article, measured: { requestCount: requestNumber, limit } },
          refusal: dossierRejected(DossierErrorCode.SUPPLEMENT_LIMIT_REACHED, `at most ${limit} supplement request(s) during processing`, {
            legalBasis: article,
            details: { supplementCount: state.supplementCount },
          }),
        };
  const { processingStartDate, receivedAt } = receivedFacts(state);
  const windowStart = ruleSet.supplementWindowCountsFrom === 'receipt-date' ? toVietnamDate(receivedAt) : processingStartDate;
  const workingDaysSinceReceipt = Math.max(0, deps.calendar.workingDaysBetween(windowStart, toVietnamDate(command.data.occurredAt)));
  const window = ruleSet.supplementRequestWithinWorkingDays;
  const late: Finding<SupplementWindowBreach> | undefined =
    workingDaysSinceReceipt <= window
      ? undefined
      : {
          breach: { rule: DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED, ruleSetId: ruleSet.id, article, measured: { workingDaysSinceReceipt, limit: window } },
          refusal: dossierRejected(DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED, `a supplement must be requested within ${window} working days of receipt`, {
            legalBasis: article,
            details: { windowStart, workingDaysSinceReceipt },
          }),
        };
  const findings = [checkPublished(command.data.missingDocuments, state.requiredDocuments, ruleSet.id), overLimit, late];
  const { afterVerification, causedByApplicant, ...request } = command.data;
  return judge(mode, findings, (breaches) =>
    right([
      {
        type: 'SupplementRequested',
        data: {
          ...request,
          requestNumber,
          workingDaysSinceReceipt,
          ruleSetId: ruleSet.id,
          ...(afterVerification === true ? { afterVerification: true } : {}),
          ...(causedByApplicant === true ? { causedByApplicant: true } : {}),
          ...withBreaches(breaches),
        },
      },
    ]),
  );
};

/**
 * The clock after a supplement follows the rule set's policy for the kind of request it answers
 * (docs/domain/dossier-lifecycle.md §2): `supplementClockAfterVerification` when the gap came to light
 * in verification (absent: the general policy), else `supplementClockPolicy`. RESTART counts the whole
 * limit again from the supplement's processing start day (Art.19(4)); PAUSE keeps the time already used,
 * moving the due date by the days the dossier waited (see `pausedDueDate`).
 */
export const decideReceiveSupplement = (deps: DossierDeciderDeps, command: ReceiveSupplement, state: DossierState): Outcome => {
  const ruleSet = ruleSetOf(deps, state);
  const facts = receivedFacts(state);
  const requestedAt = state.pendingSupplement?.requestedAt;
  if (requestedAt === undefined) throw new Error(`dossier ${state.code ?? '?'} awaits a supplement it never requested`);
  const resumeDate = deps.calendar.processingStartDate(command.data.occurredAt, facts.transferCutoff);
  const common = { ...command.data, resumeDate, ruleSetId: ruleSet.id, calendarVersion: deps.calendar.version };
  const policy =
    state.pendingSupplement?.afterVerification === true ? (ruleSet.supplementClockAfterVerification ?? ruleSet.supplementClockPolicy) : ruleSet.supplementClockPolicy;
  if (policy === 'RESTART') {
    const dueDate = promisedReturnDate(deps.calendar, {
      startDate: resumeDate,
      arrivedAt: command.data.occurredAt,
      timeLimit: facts.timeLimit,
      immediateResult: facts.immediateResult,
      receiptDayCounts: facts.receiptDayCounts,
      calendarDaysCountFrom: ruleSet.calendarDaysCountFrom,
    });
    return right([{ type: 'SupplementReceived', data: { ...common, clockPolicy: 'RESTART', dueDate } }]);
  }
  const paused = pausedDueDate(deps.calendar, {
    dueDate: facts.dueDate,
    requestedAt,
    resumeDate,
    arrivedAt: command.data.occurredAt,
    timeLimit: facts.timeLimit,
    receiptDayCounts: facts.receiptDayCounts,
    calendarDaysCountFrom: ruleSet.calendarDaysCountFrom,
  });
  return right([{ type: 'SupplementReceived', data: { ...common, clockPolicy: 'PAUSE', dueDate: paused.dueDate, pausedDays: paused.pausedDays } }]);
};
