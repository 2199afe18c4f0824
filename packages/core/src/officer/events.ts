import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { LocalDate, NonEmptyString, PositiveInt, RecordedInstant } from '../kernel/primitives.js';
import { AssignmentBreaches, DisciplineBreaches, EvaluationBreaches } from './breaches.js';
import { DisciplineForm } from './discipline.js';
import { EvaluationLevel, EvaluationScaleCodec, EvaluationScore, PeriodKey, PeriodKindCodec } from './evaluation.js';
import { DeskLevel, LeavingReason, LegalStatus, OfficerRole } from './vocabulary.js';

/** An assignment to a desk as Art.11 describes it: where, in which role, for which fields, from when. */
const assignmentFields = {
  unitId: NonEmptyString,
  deskLevel: DeskLevel,
  role: OfficerRole,
  /** Fields of procedures (lĩnh vực) the officer handles; empty for IT and support staff. */
  fields: t.array(NonEmptyString),
  effectiveDate: LocalDate,
};
/** Last day of the term, inclusive. */
const termEnd = t.partial({ termEndDate: LocalDate });
/** A term recorded outside the 6–24 months of Decree 61/2018 Art.11 carries its breach (ADR 0010). */
const termBreaches = t.partial({ breaches: AssignmentBreaches });

export const OfficerAppointed = t.type({
  type: t.literal('OfficerAppointed'),
  data: t.intersection([
    t.type({
      officerId: NonEmptyString,
      ...assignmentFields,
      legalStatus: LegalStatus,
      secondingAgencyId: NonEmptyString,
      occurredAt: RecordedInstant,
    }),
    termEnd,
    termBreaches,
  ]),
});
export type OfficerAppointed = t.TypeOf<typeof OfficerAppointed>;

export const OfficerReassigned = t.type({
  type: t.literal('OfficerReassigned'),
  data: t.intersection([t.type({ officerId: NonEmptyString, ...assignmentFields, occurredAt: RecordedInstant }), termEnd, termBreaches]),
});
export type OfficerReassigned = t.TypeOf<typeof OfficerReassigned>;

export const OfficerLeft = t.type({
  type: t.literal('OfficerLeft'),
  data: t.type({ officerId: NonEmptyString, leftOn: LocalDate, reason: LeavingReason, occurredAt: RecordedInstant }),
});
export type OfficerLeft = t.TypeOf<typeof OfficerLeft>;

/** The period, the scale in force at its end and the resulting level, all decided once and kept. */
const evaluationFields = {
  officerId: NonEmptyString,
  period: PeriodKey,
  periodKind: PeriodKindCodec,
  periodStart: LocalDate,
  periodEnd: LocalDate,
  scale: EvaluationScaleCodec,
  level: EvaluationLevel,
  ruleSetId: NonEmptyString,
  occurredAt: RecordedInstant,
};

/** A rating recorded above the level the criteria leave open carries its breach (ADR 0010). */
const evaluationBreaches = t.partial({ breaches: EvaluationBreaches });

export const EvaluationRecorded = t.type({
  type: t.literal('EvaluationRecorded'),
  data: t.intersection([t.type(evaluationFields), t.partial({ score: EvaluationScore }), evaluationBreaches]),
});
export type EvaluationRecorded = t.TypeOf<typeof EvaluationRecorded>;

export const EvaluationCorrected = t.type({
  type: t.literal('EvaluationCorrected'),
  data: t.intersection([
    t.type({ ...evaluationFields, previousLevel: EvaluationLevel, reason: NonEmptyString }),
    t.partial({ score: EvaluationScore, previousScore: EvaluationScore }),
    evaluationBreaches,
  ]),
});
export type EvaluationCorrected = t.TypeOf<typeof EvaluationCorrected>;

export const DisciplineRecorded = t.type({
  type: t.literal('DisciplineRecorded'),
  data: t.intersection([
    t.type({
      officerId: NonEmptyString,
      form: DisciplineForm,
      /** The status the form was checked against. */
      legalStatus: LegalStatus,
      violationDate: LocalDate,
      decisionDate: LocalDate,
      decisionRef: NonEmptyString,
      limitationYears: PositiveInt,
      limitationEndsOn: LocalDate,
      ruleSetId: NonEmptyString,
      occurredAt: RecordedInstant,
    }),
    /** A decision recorded after the limitation ran out carries its breach (ADR 0010). */
    t.partial({ incidentId: NonEmptyString, breaches: DisciplineBreaches }),
  ]),
});
export type DisciplineRecorded = t.TypeOf<typeof DisciplineRecorded>;

export const OfficerEvent = taggedUnion('OfficerEvent', [
  OfficerAppointed,
  OfficerReassigned,
  OfficerLeft,
  EvaluationRecorded,
  EvaluationCorrected,
  DisciplineRecorded,
]);
export type OfficerEvent = t.TypeOf<typeof OfficerEvent>;
