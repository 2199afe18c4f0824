import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { FreeText, Instant, LocalDate, NonEmptyString } from '../kernel/primitives.js';
import { DisciplineForm } from './discipline.js';
import { EvaluationLevel, EvaluationScore, PeriodKey } from './evaluation.js';
import { DeskLevel, LeavingReason, LegalStatus, OfficerRole } from './vocabulary.js';

const assignmentFields = {
  officerId: NonEmptyString,
  unitId: NonEmptyString,
  deskLevel: DeskLevel,
  role: OfficerRole,
  fields: t.array(NonEmptyString),
  effectiveDate: LocalDate,
  occurredAt: Instant,
};

export const AppointOfficer = t.type({
  type: t.literal('AppointOfficer'),
  data: t.intersection([
    t.type({ ...assignmentFields, legalStatus: LegalStatus, secondingAgencyId: NonEmptyString }),
    t.partial({ termEndDate: LocalDate }),
  ]),
});
export type AppointOfficer = t.TypeOf<typeof AppointOfficer>;

export const ReassignOfficer = t.type({
  type: t.literal('ReassignOfficer'),
  data: t.intersection([t.type(assignmentFields), t.partial({ termEndDate: LocalDate })]),
});
export type ReassignOfficer = t.TypeOf<typeof ReassignOfficer>;

export const RecordOfficerLeaving = t.type({
  type: t.literal('RecordOfficerLeaving'),
  data: t.type({ officerId: NonEmptyString, leftOn: LocalDate, reason: LeavingReason, occurredAt: Instant }),
});
export type RecordOfficerLeaving = t.TypeOf<typeof RecordOfficerLeaving>;

/** A level (four-level scale) or a score (points scale); a level given with a score must agree with it. */
const rating = t.partial({ level: EvaluationLevel, score: EvaluationScore });

export const RecordEvaluation = t.type({
  type: t.literal('RecordEvaluation'),
  data: t.intersection([t.type({ officerId: NonEmptyString, period: PeriodKey, occurredAt: Instant }), rating]),
});
export type RecordEvaluation = t.TypeOf<typeof RecordEvaluation>;

export const CorrectEvaluation = t.type({
  type: t.literal('CorrectEvaluation'),
  data: t.intersection([
    t.type({ officerId: NonEmptyString, period: PeriodKey, reason: FreeText, occurredAt: Instant }),
    rating,
  ]),
});
export type CorrectEvaluation = t.TypeOf<typeof CorrectEvaluation>;

export const RecordDiscipline = t.type({
  type: t.literal('RecordDiscipline'),
  data: t.intersection([
    t.type({
      officerId: NonEmptyString,
      form: DisciplineForm,
      violationDate: LocalDate,
      decisionDate: LocalDate,
      decisionRef: NonEmptyString,
      occurredAt: Instant,
    }),
    t.partial({ incidentId: NonEmptyString }),
  ]),
});
export type RecordDiscipline = t.TypeOf<typeof RecordDiscipline>;

export const OfficerCommand = taggedUnion('OfficerCommand', [
  AppointOfficer,
  ReassignOfficer,
  RecordOfficerLeaving,
  RecordEvaluation,
  CorrectEvaluation,
  RecordDiscipline,
]);
export type OfficerCommand = t.TypeOf<typeof OfficerCommand>;
