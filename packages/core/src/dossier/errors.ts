import { ruleViolated, type BusinessRuleViolated } from '../kernel/errors.js';

/** Stable codes of dossier rejections; adapters map them to problem details. */
export const DossierErrorCode = {
  /** Returned, withdrawn or refused at intake: only a rating (or, after a return, an error correction) may follow. */
  CLOSED: 'DOSSIER_CLOSED',
  /** A processing command before the dossier was received (no form 01 yet). */
  NOT_RECEIVED: 'DOSSIER_NOT_RECEIVED',
  /** An intake command after the dossier was received. */
  ALREADY_RECEIVED: 'DOSSIER_ALREADY_RECEIVED',
  /** Any other command that does not fit the dossier's status. */
  INVALID_TRANSITION: 'DOSSIER_INVALID_TRANSITION',
  /** The command names another dossier than the stream holds. */
  CODE_MISMATCH: 'DOSSIER_CODE_MISMATCH',
  /** Returning a result that has not been decided yet. */
  RESULT_NOT_READY: 'DOSSIER_RESULT_NOT_READY',
  /** Asking for a document outside the published list (incident C11). */
  DOCUMENT_NOT_PUBLISHED: 'DOSSIER_DOCUMENT_NOT_PUBLISHED',
  /** A further intake request naming documents the first did not (incident C06). */
  SUPPLEMENT_NOT_IN_ONE_GO: 'DOSSIER_SUPPLEMENT_NOT_IN_ONE_GO',
  SUPPLEMENT_WINDOW_CLOSED: 'DOSSIER_SUPPLEMENT_WINDOW_CLOSED',
  SUPPLEMENT_LIMIT_REACHED: 'DOSSIER_SUPPLEMENT_LIMIT_REACHED',
  AGENCY_ALREADY_FORWARDED: 'DOSSIER_AGENCY_ALREADY_FORWARDED',
  AGENCY_NOT_FORWARDED: 'DOSSIER_AGENCY_NOT_FORWARDED',
  AGENCY_STEPS_PENDING: 'DOSSIER_AGENCY_STEPS_PENDING',
  REFUSAL_REASON_REQUIRED: 'DOSSIER_REFUSAL_REASON_REQUIRED',
  APOLOGY_LIMIT_REACHED: 'DOSSIER_APOLOGY_LIMIT_REACHED',
  APOLOGY_TOO_LATE: 'DOSSIER_APOLOGY_TOO_LATE',
  APOLOGY_DATE_NOT_AFTER_DUE: 'DOSSIER_APOLOGY_DATE_NOT_AFTER_DUE',
  APPOINTMENT_NOT_WORKING_DAY: 'DOSSIER_APPOINTMENT_NOT_WORKING_DAY',
  /** A form 05 step id already used on this dossier. */
  STEP_ALREADY_ASSIGNED: 'DOSSIER_STEP_ALREADY_ASSIGNED',
  /** Completing a form 05 step that is not open. */
  STEP_NOT_ASSIGNED: 'DOSSIER_STEP_NOT_ASSIGNED',
  /** Deciding while a form 05 step is still open. */
  STEPS_PENDING: 'DOSSIER_STEPS_PENDING',
  /** A second error report while the first is not corrected yet. */
  ERROR_ALREADY_REPORTED: 'DOSSIER_ERROR_ALREADY_REPORTED',
  /** A corrected result with no error reported. */
  ERROR_NOT_REPORTED: 'DOSSIER_ERROR_NOT_REPORTED',
  /** A correction after its deadline (Art.21, `errorCorrectionWorkingDays`). */
  ERROR_CORRECTION_LATE: 'DOSSIER_ERROR_CORRECTION_LATE',
  /** A fee charged for correcting the body's own error (Art.21: at its own cost). */
  CORRECTION_FEE_CHARGED: 'DOSSIER_CORRECTION_FEE_CHARGED',
  /** The body's own error corrected without an apology (Art.21; incident C20). */
  CORRECTION_WITHOUT_APOLOGY: 'DOSSIER_CORRECTION_WITHOUT_APOLOGY',
  RATING_TOO_EARLY: 'DOSSIER_RATING_TOO_EARLY',
  ALREADY_RATED: 'DOSSIER_ALREADY_RATED',
} as const;
export type DossierErrorCode = (typeof DossierErrorCode)[keyof typeof DossierErrorCode];

export const dossierRejected = (
  code: DossierErrorCode,
  message: string,
  extra: { legalBasis?: string; details?: Record<string, unknown> } = {},
): BusinessRuleViolated => ruleViolated(code, message, extra);

export const LegalBasis = {
  intakeSupplement: 'Decree 61/2018 Art.15(3), 17(1a); Art.11(2c)',
  publishedDocuments: 'Decree 61/2018 Art.5(1đ)',
  supplementDuringProcessing: 'Decree 61/2018 Art.19(4)',
  refusal: 'Decree 61/2018 Art.19(8)',
  apology: 'Decree 61/2018 Art.19(9), 12(5)',
  transfer: 'Decree 61/2018 Art.18',
  returnResult: 'Decree 61/2018 Art.20',
  processingSteps: 'Decree 61/2018 Art.19(1–5), form 05',
  errorCorrection: 'Decree 61/2018 Art.21',
} as const;
