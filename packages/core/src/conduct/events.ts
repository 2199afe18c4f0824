import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { LocalDate, NonEmptyString, RecordedInstant, RecordedSubjectId } from '../kernel/primitives.js';
import { DisciplineForm } from '../officer/index.js';
import { ComplexDeclarationBreaches } from './breaches.js';
import { IncidentCategory } from './catalogue.js';
import {
  DisciplineDecision,
  IncidentOutcome,
  IncidentSeverity,
  IncidentSource,
  IncidentStepCodec,
} from './vocabulary.js';

/** The deadline of the step that comes next, fixed now under the rule set and calendar in force. */
const nextStep = {
  nextStep: IncidentStepCodec,
  nextStepDueDate: LocalDate,
  ruleSetId: NonEmptyString,
  calendarVersion: NonEmptyString,
};
/** How this step fared against the due date fixed by the step before it. */
const stepDone = { doneOn: LocalDate, dueDate: LocalDate, onTime: t.boolean };

export const IncidentReported = t.type({
  type: t.literal('IncidentReported'),
  data: t.intersection([
    t.type({
      incidentId: NonEmptyString,
      source: IncidentSource,
      category: IncidentCategory,
      officerId: NonEmptyString,
      unitId: NonEmptyString,
      description: NonEmptyString,
      /** Whether someone must be told the result (Art.9(5)): a named reporter or a feedback behind it. */
      answerRequired: t.boolean,
      reportedOn: LocalDate,
      occurredAt: RecordedInstant,
      ...nextStep,
    }),
    t.partial({ dossierCode: NonEmptyString, feedbackId: NonEmptyString, reporterId: RecordedSubjectId }),
  ]),
});
export type IncidentReported = t.TypeOf<typeof IncidentReported>;

export const IncidentAcknowledged = t.type({
  type: t.literal('IncidentAcknowledged'),
  data: t.type({
    incidentId: NonEmptyString,
    severity: IncidentSeverity,
    /** Confirmed or reclassified at triage. */
    category: IncidentCategory,
    occurredAt: RecordedInstant,
    ...stepDone,
    ...nextStep,
  }),
});
export type IncidentAcknowledged = t.TypeOf<typeof IncidentAcknowledged>;

export const InvestigationStarted = t.type({
  type: t.literal('InvestigationStarted'),
  data: t.intersection([
    t.type({ incidentId: NonEmptyString, occurredAt: RecordedInstant, ...stepDone, ...nextStep }),
    t.partial({ investigatorId: NonEmptyString }),
  ]),
});
export type InvestigationStarted = t.TypeOf<typeof InvestigationStarted>;

export const IncidentConcluded = t.type({
  type: t.literal('IncidentConcluded'),
  data: t.intersection([
    t.type({ incidentId: NonEmptyString, outcome: IncidentOutcome, occurredAt: RecordedInstant, ...stepDone }),
    // Absent when nobody has to be answered: closing then has no deadline.
    t.partial({ findings: NonEmptyString, ...nextStep }),
  ]),
});
export type IncidentConcluded = t.TypeOf<typeof IncidentConcluded>;

export const ApologyToCitizenMade = t.type({
  type: t.literal('ApologyToCitizenMade'),
  data: t.intersection([
    t.type({ incidentId: NonEmptyString, apologisedOn: LocalDate, occurredAt: RecordedInstant }),
    t.partial({ apologisedBy: NonEmptyString }),
  ]),
});
export type ApologyToCitizenMade = t.TypeOf<typeof ApologyToCitizenMade>;

export const DisciplineProposed = t.type({
  type: t.literal('DisciplineProposed'),
  data: t.intersection([
    t.type({
      incidentId: NonEmptyString,
      officerId: NonEmptyString,
      form: DisciplineForm,
      proposedOn: LocalDate,
      occurredAt: RecordedInstant,
      ...nextStep,
    }),
    t.partial({ reason: NonEmptyString }),
  ]),
});
export type DisciplineProposed = t.TypeOf<typeof DisciplineProposed>;

/**
 * The competent authority declared the discipline case complex (docs/domain/conduct-catalogue.md §3):
 * the decision is due again, `nextStepDueDate`, counted from the proposal with the complex-case days of
 * the rule set that fixed the ordinary limit (`ruleSetId`); `previousDueDate` is the ordinary one it
 * replaces. Declared after that date, it carries the breach (recorded, never silently accepted).
 */
export const DisciplineCaseDeclaredComplex = t.type({
  type: t.literal('DisciplineCaseDeclaredComplex'),
  data: t.intersection([
    t.type({
      incidentId: NonEmptyString,
      officerId: NonEmptyString,
      declaredBy: NonEmptyString,
      reason: NonEmptyString,
      declaredOn: LocalDate,
      occurredAt: RecordedInstant,
      previousDueDate: LocalDate,
      nextStep: t.literal('decide-discipline'),
      nextStepDueDate: LocalDate,
      ruleSetId: NonEmptyString,
      calendarVersion: NonEmptyString,
    }),
    t.partial({ breaches: ComplexDeclarationBreaches }),
  ]),
});
export type DisciplineCaseDeclaredComplex = t.TypeOf<typeof DisciplineCaseDeclaredComplex>;

export const DisciplineDecided = t.type({
  type: t.literal('DisciplineDecided'),
  data: t.type({
    incidentId: NonEmptyString,
    officerId: NonEmptyString,
    decision: DisciplineDecision,
    decisionRef: NonEmptyString,
    occurredAt: RecordedInstant,
    ...stepDone,
  }),
});
export type DisciplineDecided = t.TypeOf<typeof DisciplineDecided>;

export const ApplicantAnswered = t.type({
  type: t.literal('ApplicantAnswered'),
  data: t.type({ incidentId: NonEmptyString, occurredAt: RecordedInstant, ...stepDone }),
});
export type ApplicantAnswered = t.TypeOf<typeof ApplicantAnswered>;

export const IncidentClosed = t.type({
  type: t.literal('IncidentClosed'),
  data: t.type({ incidentId: NonEmptyString, closedOn: LocalDate, occurredAt: RecordedInstant }),
});
export type IncidentClosed = t.TypeOf<typeof IncidentClosed>;

export const IncidentEvent = taggedUnion('IncidentEvent', [
  IncidentReported,
  IncidentAcknowledged,
  InvestigationStarted,
  IncidentConcluded,
  ApologyToCitizenMade,
  DisciplineProposed,
  DisciplineCaseDeclaredComplex,
  DisciplineDecided,
  ApplicantAnswered,
  IncidentClosed,
]);
export type IncidentEvent = t.TypeOf<typeof IncidentEvent>;
