import { t } from '../fp.js';
import { ApologyBreaches, SupplementBreaches } from './breaches.js';
import { LocalDate, NonEmptyString, NonNegativeInt, PositiveInt, RecordedInstant } from '../kernel/primitives.js';
import { ClockPolicy, ProcessingDecision, DocumentList, RecordedDossierCode, FilingChannel, ProcessingStepKind, Timeliness } from './vocabulary.js';

/** Handed to the processing body (Art.18); a late transfer is recorded, not refused. */
export const DossierTransferred = t.type({
  type: t.literal('DossierTransferred'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      processingStartDate: LocalDate,
      /** Transferred on or before the processing start day (the 15:00 rule). */
      onTime: t.boolean,
    }),
    t.partial({ processingBodyId: NonEmptyString }),
  ]),
});
export type DossierTransferred = t.TypeOf<typeof DossierTransferred>;

/**
 * Form 02 during processing (Art.19(4)); records what dispute 3 needs to judge it. One made past the
 * limit or the window is recorded with its `breaches` (ADR 0010).
 */
export const SupplementRequested = t.type({
  type: t.literal('SupplementRequested'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      missingDocuments: DocumentList,
      /** 1 for the first request. */
      requestNumber: PositiveInt,
      /** Working days from the processing start day to the request day. */
      workingDaysSinceReceipt: NonNegativeInt,
      ruleSetId: NonEmptyString,
    }),
    /**
     * `afterVerification` (recorded when true): the gap came to light in verification (thẩm tra, xác minh).
     * `causedByApplicant` (recorded when true): the applicant's own fault made it necessary (docs/domain/indices.md §1).
     */
    t.partial({ note: NonEmptyString, breaches: SupplementBreaches, afterVerification: t.literal(true), causedByApplicant: t.literal(true) }),
  ]),
});
export type SupplementRequested = t.TypeOf<typeof SupplementRequested>;

/**
 * The missing documents arrived; the new due date follows the clock policy recorded here, the rule
 * set's policy for the kind of request it answers (docs/domain/dossier-lifecycle.md §2).
 */
export const SupplementReceived = t.type({
  type: t.literal('SupplementReceived'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      deliveredVia: FilingChannel,
      clockPolicy: ClockPolicy,
      /** The day processing resumes (15:00 rule applied to the supplement). */
      resumeDate: LocalDate,
      dueDate: LocalDate,
      ruleSetId: NonEmptyString,
      calendarVersion: NonEmptyString,
    }),
    /** PAUSE only: how far the due date moved (working days, or calendar days for such limits). */
    t.partial({ pausedDays: NonNegativeInt }),
  ]),
});
export type SupplementReceived = t.TypeOf<typeof SupplementReceived>;

/** Consultation or inter-agency step with its own limit (Art.19(1–7)); feeds Circular 01 index 2 and 4. */
export const ForwardedToAgency = t.type({
  type: t.literal('ForwardedToAgency'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      agencyId: NonEmptyString,
      stepLimitWorkingDays: PositiveInt,
      stepStartDate: LocalDate,
      stepDueDate: LocalDate,
      calendarVersion: NonEmptyString,
    }),
    t.partial({ purpose: NonEmptyString }),
  ]),
});
export type ForwardedToAgency = t.TypeOf<typeof ForwardedToAgency>;

export const ReturnedFromAgency = t.type({
  type: t.literal('ReturnedFromAgency'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      agencyId: NonEmptyString,
      stepDueDate: LocalDate,
      /** Returned on or before the step due date. */
      onTime: t.boolean,
    }),
    t.partial({ note: NonEmptyString }),
  ]),
});
export type ReturnedFromAgency = t.TypeOf<typeof ReturnedFromAgency>;

/**
 * A step of the processing control sheet (form 05, Art.19(1–5)) handed to a body inside processing,
 * or to one of its officers, due its working days after its start day (the 15:00 rule and the rule
 * set's day counting, as a forwarding's). Not a forwarding to another agency: the dossier stays with
 * the processing body (docs/domain/dossier-lifecycle.md §8).
 */
export const StepAssigned = t.type({
  type: t.literal('StepAssigned'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      stepId: NonEmptyString,
      stepKind: ProcessingStepKind,
      bodyId: NonEmptyString,
      stepLimitWorkingDays: PositiveInt,
      stepStartDate: LocalDate,
      stepDueDate: LocalDate,
      ruleSetId: NonEmptyString,
      calendarVersion: NonEmptyString,
    }),
    t.partial({ assigneeOfficerId: NonEmptyString, purpose: NonEmptyString }),
  ]),
});
export type StepAssigned = t.TypeOf<typeof StepAssigned>;

/**
 * The step's work handed back (form 05): its day judged against the step's due date (Circular 01
 * index 2: shorter, equal, longer) and the working days it took, counted as its limit is, so the body
 * that held the dossier longest can be named. A late step is recorded, never refused.
 */
export const StepCompleted = t.type({
  type: t.literal('StepCompleted'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      stepId: NonEmptyString,
      stepKind: ProcessingStepKind,
      bodyId: NonEmptyString,
      stepLimitWorkingDays: PositiveInt,
      stepStartDate: LocalDate,
      stepDueDate: LocalDate,
      completedDate: LocalDate,
      workingDaysTaken: NonNegativeInt,
      timeliness: Timeliness,
    }),
    t.partial({ assigneeOfficerId: NonEmptyString, outcome: NonEmptyString }),
  ]),
});
export type StepCompleted = t.TypeOf<typeof StepCompleted>;

/** The competent authority decided; a refusal carries its reason (Art.19(8)). */
export const ProcessingCompleted = t.type({
  type: t.literal('ProcessingCompleted'),
  data: t.intersection([
    t.type({ dossierCode: RecordedDossierCode, occurredAt: RecordedInstant, officerId: NonEmptyString, decision: ProcessingDecision }),
    t.partial({ reason: NonEmptyString }),
  ]),
});
export type ProcessingCompleted = t.TypeOf<typeof ProcessingCompleted>;

/**
 * Form 04: apology and new appointment (Art.19(9), 12(5)). One issued too late or beyond the limit is
 * recorded with its `breaches` (ADR 0010); `workingDaysBeforeDue` is then 0 if it came on or after the due date.
 */
export const ApologyIssued = t.type({
  type: t.literal('ApologyIssued'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      reason: NonEmptyString,
      /** The due date in force when the apology was issued. */
      previousDueDate: LocalDate,
      /** The due date before any apology (form 01, as moved by supplements). */
      originalDueDate: LocalDate,
      newDueDate: LocalDate,
      workingDaysBeforeDue: NonNegativeInt,
      ruleSetId: NonEmptyString,
      calendarVersion: NonEmptyString,
    }),
    t.partial({ breaches: ApologyBreaches }),
  ]),
});
export type ApologyIssued = t.TypeOf<typeof ApologyIssued>;
