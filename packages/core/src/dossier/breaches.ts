import type { t } from '../fp.js';
import { breachCodec, breachList } from '../rules/breach.js';
import { DossierErrorCode } from './errors.js';
import type { DossierEvent } from './events.js';

/**
 * The dossier rules a recorded fact may break (ADR 0010): each one's code is the refusal's, and its
 * numbers are what the refusal judged. Other refusals (closed dossier, wrong status) stay refusals.
 */

/** Documents asked for that are not in the procedure's published list (incident C11). */
export const DocumentNotPublishedBreach = breachCodec(DossierErrorCode.DOCUMENT_NOT_PUBLISHED, ['documentsOutsideList']);
/** A further intake request naming gaps the first did not (incident C06). */
export const SupplementNotInOneGoBreach = breachCodec(DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO, ['documentsNotNamedFirst', 'requestNumber']);
/** More supplement requests during processing than the rule set allows (incident C06). */
export const SupplementLimitBreach = breachCodec(DossierErrorCode.SUPPLEMENT_LIMIT_REACHED, ['requestCount', 'limit']);
/** A supplement requested after its window from the processing start day. */
export const SupplementWindowBreach = breachCodec(DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED, ['workingDaysSinceReceipt', 'limit']);
/** More apologies (extensions) than the rule set allows (incident C12). */
export const ApologyLimitBreach = breachCodec(DossierErrorCode.APOLOGY_LIMIT_REACHED, ['apologyCount', 'limit']);
/** An apology issued later than the notice the rule set requires before the due date (incident C12). */
export const ApologyTooLateBreach = breachCodec(DossierErrorCode.APOLOGY_TOO_LATE, ['workingDaysBeforeDue', 'required']);

/** A correction of the body's own error returned after `errorCorrectionWorkingDays` (Art.21). */
export const CorrectionLateBreach = breachCodec(DossierErrorCode.ERROR_CORRECTION_LATE, ['workingDaysTaken', 'limit']);
/** A fee charged for correcting the body's own error, which it must bear (Art.21). */
export const CorrectionFeeBreach = breachCodec(DossierErrorCode.CORRECTION_FEE_CHARGED, ['feeDong']);
/** The body's own error corrected without an apology (Art.21; incident C20). */
export const CorrectionApologyBreach = breachCodec(DossierErrorCode.CORRECTION_WITHOUT_APOLOGY, ['apologies', 'required']);

export const IntakeSupplementBreaches = breachList([DocumentNotPublishedBreach, SupplementNotInOneGoBreach]);
export const SupplementBreaches = breachList([DocumentNotPublishedBreach, SupplementLimitBreach, SupplementWindowBreach]);
export const ApologyBreaches = breachList([ApologyLimitBreach, ApologyTooLateBreach]);
export const CorrectionBreaches = breachList([CorrectionLateBreach, CorrectionFeeBreach, CorrectionApologyBreach]);

export type DocumentNotPublishedBreach = t.TypeOf<typeof DocumentNotPublishedBreach>;
export type SupplementNotInOneGoBreach = t.TypeOf<typeof SupplementNotInOneGoBreach>;
export type SupplementLimitBreach = t.TypeOf<typeof SupplementLimitBreach>;
export type SupplementWindowBreach = t.TypeOf<typeof SupplementWindowBreach>;
export type ApologyLimitBreach = t.TypeOf<typeof ApologyLimitBreach>;
export type ApologyTooLateBreach = t.TypeOf<typeof ApologyTooLateBreach>;
export type CorrectionLateBreach = t.TypeOf<typeof CorrectionLateBreach>;
export type CorrectionFeeBreach = t.TypeOf<typeof CorrectionFeeBreach>;
export type CorrectionApologyBreach = t.TypeOf<typeof CorrectionApologyBreach>;
export type DossierBreach =
  | t.TypeOf<typeof IntakeSupplementBreaches>[number]
  | t.TypeOf<typeof SupplementBreaches>[number]
  | t.TypeOf<typeof ApologyBreaches>[number]
  | t.TypeOf<typeof CorrectionBreaches>[number];

/** The dossier events that may carry `breaches`: what a read model counting them reads. */
export const DOSSIER_EVENTS_WITH_BREACHES = ['SupplementRequestedAtIntake', 'SupplementRequested', 'ApologyIssued', 'ResultCorrected'] as const satisfies readonly DossierEvent['type'][];
