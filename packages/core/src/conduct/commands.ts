import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { FreeText, Instant, NonEmptyString, SubjectId } from '../kernel/primitives.js';
import { DisciplineForm } from '../officer/index.js';
import { IncidentCategory } from './catalogue.js';
import { DisciplineDecision, IncidentOutcome, IncidentSeverity, IncidentSource } from './vocabulary.js';

const step = { incidentId: NonEmptyString, occurredAt: Instant };

export const ReportIncident = t.type({
  type: t.literal('ReportIncident'),
  data: t.intersection([
    t.type({
      ...step,
      source: IncidentSource,
      category: IncidentCategory,
      officerId: NonEmptyString,
      unitId: NonEmptyString,
      description: FreeText,
    }),
    t.partial({ dossierCode: NonEmptyString, feedbackId: NonEmptyString, reporterId: SubjectId }),
  ]),
});
export type ReportIncident = t.TypeOf<typeof ReportIncident>;

export const AcknowledgeIncident = t.type({
  type: t.literal('AcknowledgeIncident'),
  data: t.intersection([t.type({ ...step, severity: IncidentSeverity }), t.partial({ category: IncidentCategory })]),
});
export type AcknowledgeIncident = t.TypeOf<typeof AcknowledgeIncident>;

export const StartInvestigation = t.type({
  type: t.literal('StartInvestigation'),
  data: t.intersection([t.type(step), t.partial({ investigatorId: NonEmptyString })]),
});
export type StartInvestigation = t.TypeOf<typeof StartInvestigation>;

export const ConcludeIncident = t.type({
  type: t.literal('ConcludeIncident'),
  data: t.intersection([t.type({ ...step, outcome: IncidentOutcome }), t.partial({ findings: FreeText })]),
});
export type ConcludeIncident = t.TypeOf<typeof ConcludeIncident>;

export const ApologiseToCitizen = t.type({
  type: t.literal('ApologiseToCitizen'),
  data: t.intersection([t.type(step), t.partial({ apologisedBy: NonEmptyString })]),
});
export type ApologiseToCitizen = t.TypeOf<typeof ApologiseToCitizen>;

export const ProposeDiscipline = t.type({
  type: t.literal('ProposeDiscipline'),
  data: t.intersection([t.type({ ...step, form: DisciplineForm }), t.partial({ reason: FreeText })]),
});
export type ProposeDiscipline = t.TypeOf<typeof ProposeDiscipline>;

/**
 * The competent authority declares the discipline case complex: it needs further inspection or
 * verification, so the decision may take the longer limit (docs/domain/conduct-catalogue.md §3).
 * `declaredBy` names who declared it (the authority or its head, as the written decision names them).
 */
export const DeclareDisciplineCaseComplex = t.type({
  type: t.literal('DeclareDisciplineCaseComplex'),
  data: t.type({ ...step, declaredBy: NonEmptyString, reason: FreeText }),
});
export type DeclareDisciplineCaseComplex = t.TypeOf<typeof DeclareDisciplineCaseComplex>;

export const DecideDiscipline = t.type({
  type: t.literal('DecideDiscipline'),
  data: t.type({ ...step, decision: DisciplineDecision, decisionRef: NonEmptyString }),
});
export type DecideDiscipline = t.TypeOf<typeof DecideDiscipline>;

export const AnswerApplicant = t.type({ type: t.literal('AnswerApplicant'), data: t.type(step) });
export type AnswerApplicant = t.TypeOf<typeof AnswerApplicant>;

export const CloseIncident = t.type({ type: t.literal('CloseIncident'), data: t.type(step) });
export type CloseIncident = t.TypeOf<typeof CloseIncident>;

export const IncidentCommand = taggedUnion('IncidentCommand', [
  ReportIncident,
  AcknowledgeIncident,
  StartInvestigation,
  ConcludeIncident,
  ApologiseToCitizen,
  ProposeDiscipline,
  DeclareDisciplineCaseComplex,
  DecideDiscipline,
  AnswerApplicant,
  CloseIncident,
]);
export type IncidentCommand = t.TypeOf<typeof IncidentCommand>;
