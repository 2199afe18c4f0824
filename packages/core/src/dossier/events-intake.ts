import { t } from '../fp.js';
import { IntakeSupplementBreaches } from './breaches.js';
import { Dong, LocalDate, NonEmptyString, RecordedInstant, RecordedSubjectId } from '../kernel/primitives.js';
import {
  DocumentList,
  RecordedDossierCode,
  FilingChannel,
  GuidanceChannel,
  PriorityGroup,
  TimeLimit,
} from './vocabulary.js';

/** Guidance given before or during the dossier (Art.15); at the counter it counts as a visit. */
export const GuidanceGiven = t.type({
  type: t.literal('GuidanceGiven'),
  data: t.intersection([
    t.type({ dossierCode: RecordedDossierCode, occurredAt: RecordedInstant, officerId: NonEmptyString, channel: GuidanceChannel }),
    t.partial({ procedureCode: NonEmptyString, applicantId: RecordedSubjectId, topics: t.array(NonEmptyString) }),
  ]),
});
export type GuidanceGiven = t.TypeOf<typeof GuidanceGiven>;

/**
 * A dossier arrived but is not checked yet (Art.16). The procedure version and its published document
 * list are recorded so a later intake supplement request can be judged against them.
 */
export const DossierSubmitted = t.type({
  type: t.literal('DossierSubmitted'),
  data: t.type({
    dossierCode: RecordedDossierCode,
    occurredAt: RecordedInstant,
    receivingUnitId: NonEmptyString,
    procedureCode: NonEmptyString,
    procedureVersion: LocalDate,
    requiredDocuments: t.array(NonEmptyString),
    channel: FilingChannel,
    applicantId: RecordedSubjectId,
    documents: t.array(NonEmptyString),
  }),
});
export type DossierSubmitted = t.TypeOf<typeof DossierSubmitted>;

/**
 * Form 02 at intake: every gap listed in one go (Art.15(3), 17(1a)); no clock starts. A request that
 * broke that rule or asked for unpublished documents is recorded with its `breaches` (ADR 0010).
 */
export const SupplementRequestedAtIntake = t.type({
  type: t.literal('SupplementRequestedAtIntake'),
  data: t.intersection([
    t.type({ dossierCode: RecordedDossierCode, occurredAt: RecordedInstant, officerId: NonEmptyString, missingDocuments: DocumentList }),
    /** `causedByApplicant` (recorded when true): the applicant's own fault made it necessary (docs/domain/indices.md §1). */
    t.partial({ note: NonEmptyString, breaches: IntakeSupplementBreaches, causedByApplicant: t.literal(true) }),
  ]),
});
export type SupplementRequestedAtIntake = t.TypeOf<typeof SupplementRequestedAtIntake>;

/** Form 03: refusal to receive, with its reason (Art.17(1b)). */
export const RefusedAtIntake = t.type({
  type: t.literal('RefusedAtIntake'),
  data: t.type({ dossierCode: RecordedDossierCode, occurredAt: RecordedInstant, officerId: NonEmptyString, reason: NonEmptyString }),
});
export type RefusedAtIntake = t.TypeOf<typeof RefusedAtIntake>;

/**
 * Form 01: the dossier is received and the appointment fixed (Art.17). Everything the due date was
 * computed from is recorded beside it, so replay never consults rules or calendars that may since
 * have changed.
 */
export const DossierReceived = t.type({
  type: t.literal('DossierReceived'),
  data: t.type({
    dossierCode: RecordedDossierCode,
    occurredAt: RecordedInstant,
    receivingUnitId: NonEmptyString,
    procedureCode: NonEmptyString,
    /** `effectiveFrom` of the procedure version in force at receipt. */
    procedureVersion: LocalDate,
    /** The published document list of that version: supplement requests may only ask for these. */
    requiredDocuments: t.array(NonEmptyString),
    channel: FilingChannel,
    applicantId: RecordedSubjectId,
    priorityGroup: PriorityGroup,
    documents: t.array(NonEmptyString),
    feeDong: Dong,
    publishedFeeDong: Dong,
    officerId: NonEmptyString,
    ruleSetId: NonEmptyString,
    calendarVersion: NonEmptyString,
    timeLimit: TimeLimit,
    immediateResult: t.boolean,
    transferCutoff: NonEmptyString,
    receiptDayCounts: t.boolean,
    processingStartDate: LocalDate,
    /** The promised return date written on form 01. */
    dueDate: LocalDate,
  }),
});
export type DossierReceived = t.TypeOf<typeof DossierReceived>;
