import { t } from '../fp.js';
import { Dong, FreeText, Instant, NonEmptyString, SubjectId } from '../kernel/primitives.js';
import { DocumentList, DossierCode, FilingChannel, GuidanceChannel, PriorityGroup } from './vocabulary.js';

export const RecordGuidance = t.type({
  type: t.literal('RecordGuidance'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, channel: GuidanceChannel }),
    t.partial({ procedureCode: NonEmptyString, applicantId: SubjectId, topics: t.array(FreeText) }),
  ]),
});
export type RecordGuidance = t.TypeOf<typeof RecordGuidance>;

/** Record an arrival before it is checked: online, by post, or at the counter when gaps are found. */
export const SubmitDossier = t.type({
  type: t.literal('SubmitDossier'),
  data: t.type({
    dossierCode: DossierCode,
    occurredAt: Instant,
    receivingUnitId: NonEmptyString,
    procedureCode: NonEmptyString,
    channel: FilingChannel,
    applicantId: SubjectId,
    documents: t.array(NonEmptyString),
  }),
});
export type SubmitDossier = t.TypeOf<typeof SubmitDossier>;

export const RequestSupplementAtIntake = t.type({
  type: t.literal('RequestSupplementAtIntake'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, missingDocuments: DocumentList }),
    /**
     * `causedByApplicant`: the applicant's own fault made the request necessary (false or inconsistent
     * papers, a change the applicant asked for); not counted in Circular 01 index 3 (docs/domain/indices.md §1).
     */
    t.partial({ note: FreeText, causedByApplicant: t.boolean }),
  ]),
});
export type RequestSupplementAtIntake = t.TypeOf<typeof RequestSupplementAtIntake>;

export const RefuseAtIntake = t.type({
  type: t.literal('RefuseAtIntake'),
  data: t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, reason: FreeText }),
});
export type RefuseAtIntake = t.TypeOf<typeof RefuseAtIntake>;

export const ReceiveDossier = t.type({
  type: t.literal('ReceiveDossier'),
  data: t.type({
    dossierCode: DossierCode,
    occurredAt: Instant,
    receivingUnitId: NonEmptyString,
    procedureCode: NonEmptyString,
    channel: FilingChannel,
    applicantId: SubjectId,
    priorityGroup: PriorityGroup,
    documents: t.array(NonEmptyString),
    feeDong: Dong,
    officerId: NonEmptyString,
  }),
});
export type ReceiveDossier = t.TypeOf<typeof ReceiveDossier>;
