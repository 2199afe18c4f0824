/**
 * The dossier stream (hồ sơ): one filing, from guidance to the citizen's rating, in the stream
 * `dossier-<province>:<code>`.
 *
 *   (GuidanceGiven)* ─┬─ DossierSubmitted ─┬─ SupplementRequestedAtIntake → DossierSubmitted …
 *                     │                    ├─ RefusedAtIntake                               (closed)
 *                     └────────────────────┴─ DossierReceived (form 01: due date)
 *   DossierReceived → DossierTransferred → (SupplementRequested → SupplementReceived)?
 *     → (ForwardedToAgency / ReturnedFromAgency | StepAssigned / StepCompleted)* → (ApologyIssued)?
 *     → ProcessingCompleted → (ResultReady)? → ResultReturned                                 (closed)
 *   ResultReturned → (ResultErrorReported → ResultCorrected)*   (Art.21; the status stays RETURNED)
 *   DossierWithdrawn from any open status before the decision                                 (closed)
 *   DossierRated once, after the return, a refusal or a withdrawal.
 */
export * from './vocabulary.js';
export * from './events.js';
export * from './breaches.js';
export * from './commands.js';
export {
  initialDossierState,
  isClosed,
  heldLongest,
  openProcessingSteps,
  openErrorReport,
  CLOSED_STATUSES,
  DECIDED_STATUSES,
  PRE_RECEIPT_STATUSES,
  type DossierState,
  type DossierStatus,
  type AgencyStep,
  type ProcessingStep,
  type ResultErrorReport,
  type DueDateChange,
  type DossierRating,
} from './state.js';
export { DossierErrorCode } from './errors.js';
export type { DossierDeciderDeps } from './deps.js';
export { createDossierDecider, dossierStreamId, type DossierDecider } from './decider.js';
export { promisedReturnDate, pausedDueDate, limitEndDate, timelinessOf } from './due-date.js';
