import { toVietnamDate } from '../calendar/index.js';
import { left, right, type Either } from '../fp.js';
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
 * times, and within `supplementRequestWithinWorkingDays` working days counted from the processing
 * start day (the receipt day, or the next working day after a receipt past the cutoff), that day
 * itself not counted: received Mon 10:00 with a 3-day window, a request on Thu is allowed, on Fri not.
 */
export const decideRequestSupplement = (deps: DossierDeciderDeps, command: RequestSupplement, state: DossierState): Outcome => {
  const outside = checkPublished(command.data.missingDocuments, state.requiredDocuments);
  if (outside !== undefined) return left(outside);
  const ruleSet = ruleSetOf(deps, state);
  const legalBasis = LegalBasis.supplementDuringProcessing;
  if (state.supplementCount >= ruleSet.maxSupplementRequests) {
    return left(
      dossierRejected(DossierErrorCode.SUPPLEMENT_LIMIT_REACHED, `at most ${ruleSet.maxSupplementRequests} supplement request(s) during processing`, {
        legalBasis,
        details: { supplementCount: state.supplementCount },
      }),
    );
  }
  const { processingStartDate } = receivedFacts(state);
  const workingDaysSinceReceipt = Math.max(0, deps.calendar.workingDaysBetween(processingStartDate, toVietnamDate(command.data.occurredAt)));
  if (workingDaysSinceReceipt > ruleSet.supplementRequestWithinWorkingDays) {
    return left(
      dossierRejected(
        DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED,
        `a supplement must be requested within ${ruleSet.supplementRequestWithinWorkingDays} working days of receipt`,
        { legalBasis, details: { processingStartDate, workingDaysSinceReceipt } },
      ),
    );
  }
  return right([
    {
      type: 'SupplementRequested',
      data: { ...command.data, requestNumber: state.supplementCount + 1, workingDaysSinceReceipt, ruleSetId: ruleSet.id },
    },
  ]);
};

/**
 * The clock after a supplement follows the rule set's policy (DOMAIN §3.2): RESTART counts the whole
 * limit again from the supplement's processing start day (Art.19(4)); PAUSE moves the due date by the
 * days the dossier waited (see `pausedDueDate`).
 */
export const decideReceiveSupplement = (deps: DossierDeciderDeps, command: ReceiveSupplement, state: DossierState): Outcome => {
  const ruleSet = ruleSetOf(deps, state);
  const facts = receivedFacts(state);
  const requestedAt = state.pendingSupplement?.requestedAt;
  if (requestedAt === undefined) throw new Error(`dossier ${state.code ?? '?'} awaits a supplement it never requested`);
  const resumeDate = deps.calendar.processingStartDate(command.data.occurredAt, facts.transferCutoff);
  const common = { ...command.data, resumeDate, ruleSetId: ruleSet.id, calendarVersion: deps.calendar.version };
  if (ruleSet.supplementClockPolicy === 'RESTART') {
    const dueDate = promisedReturnDate(deps.calendar, {
      startDate: resumeDate,
      timeLimit: facts.timeLimit,
      immediateResult: facts.immediateResult,
      receiptDayCounts: facts.receiptDayCounts,
    });
    return right([{ type: 'SupplementReceived', data: { ...common, clockPolicy: 'RESTART', dueDate } }]);
  }
  const paused = pausedDueDate(deps.calendar, {
    dueDate: facts.dueDate,
    requestedAt,
    resumeDate,
    timeLimit: facts.timeLimit,
    receiptDayCounts: facts.receiptDayCounts,
  });
  return right([{ type: 'SupplementReceived', data: { ...common, clockPolicy: 'PAUSE', dueDate: paused.dueDate, pausedDays: paused.pausedDays } }]);
};
