import { t } from '../fp.js';
import { FreeText, Instant, LocalDate, NonEmptyString, PositiveInt } from '../kernel/primitives.js';
import { ProcessingDecision, DocumentList, DossierCode, FilingChannel, ProcessingStepKind } from './vocabulary.js';

export const TransferDossier = t.type({
  type: t.literal('TransferDossier'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString }),
    t.partial({ processingBodyId: NonEmptyString }),
  ]),
});
export type TransferDossier = t.TypeOf<typeof TransferDossier>;

export const RequestSupplement = t.type({
  type: t.literal('RequestSupplement'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, missingDocuments: DocumentList }),
    /**
     * `afterVerification`: the gap came to light in verification (thẩm tra, xác minh), not in the review
     * of the dossier; the rule set may keep the time already used then (docs/domain/dossier-lifecycle.md §2).
     * `causedByApplicant`: the applicant's own fault made the request necessary (false or inconsistent
     * papers, a change the applicant asked for); not counted in Circular 01 index 3 (docs/domain/indices.md §1).
     */
    t.partial({ note: FreeText, afterVerification: t.boolean, causedByApplicant: t.boolean }),
  ]),
});
export type RequestSupplement = t.TypeOf<typeof RequestSupplement>;

export const ReceiveSupplement = t.type({
  type: t.literal('ReceiveSupplement'),
  data: t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, deliveredVia: FilingChannel }),
});
export type ReceiveSupplement = t.TypeOf<typeof ReceiveSupplement>;

export const ForwardToAgency = t.type({
  type: t.literal('ForwardToAgency'),
  data: t.intersection([
    t.type({
      dossierCode: DossierCode,
      occurredAt: Instant,
      officerId: NonEmptyString,
      agencyId: NonEmptyString,
      stepLimitWorkingDays: PositiveInt,
    }),
    t.partial({ purpose: FreeText }),
  ]),
});
export type ForwardToAgency = t.TypeOf<typeof ForwardToAgency>;

export const ReturnFromAgency = t.type({
  type: t.literal('ReturnFromAgency'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, agencyId: NonEmptyString }),
    t.partial({ note: FreeText }),
  ]),
});
export type ReturnFromAgency = t.TypeOf<typeof ReturnFromAgency>;

export const CompleteProcessing = t.type({
  type: t.literal('CompleteProcessing'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, decision: ProcessingDecision }),
    /** Required when the decision is `refused` (Art.19(8)). */
    t.partial({ reason: FreeText }),
  ]),
});
export type CompleteProcessing = t.TypeOf<typeof CompleteProcessing>;

export const IssueApology = t.type({
  type: t.literal('IssueApology'),
  data: t.type({
    dossierCode: DossierCode,
    occurredAt: Instant,
    officerId: NonEmptyString,
    reason: FreeText,
    newDueDate: LocalDate,
  }),
});
export type IssueApology = t.TypeOf<typeof IssueApology>;

/**
 * A step of the processing control sheet (form 05): the dossier handed to a body (or one of its
 * officers) inside processing, with the working days the internal process gives that step
 * (docs/domain/dossier-lifecycle.md §8). `stepId` names the step within the dossier.
 */
export const AssignStep = t.type({
  type: t.literal('AssignStep'),
  data: t.intersection([
    t.type({
      dossierCode: DossierCode,
      occurredAt: Instant,
      officerId: NonEmptyString,
      stepId: NonEmptyString,
      stepKind: ProcessingStepKind,
      bodyId: NonEmptyString,
      stepLimitWorkingDays: PositiveInt,
    }),
    t.partial({ assigneeOfficerId: NonEmptyString, purpose: FreeText }),
  ]),
});
export type AssignStep = t.TypeOf<typeof AssignStep>;

/** The body handed the step's work back (form 05); a late step is recorded with `onTime: false`, never refused. */
export const CompleteStep = t.type({
  type: t.literal('CompleteStep'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, stepId: NonEmptyString }),
    t.partial({ outcome: FreeText }),
  ]),
});
export type CompleteStep = t.TypeOf<typeof CompleteStep>;
