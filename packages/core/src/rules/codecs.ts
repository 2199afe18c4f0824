import { t } from '../fp.js';
import type { Either } from '../fp.js';
import { decodeExact } from '../kernel/codec.js';
import { ROLES_BUT_DEVICE } from '../kernel/envelope.js';
import type { InvalidInput } from '../kernel/errors.js';
import { Dong, LocalDate, NonEmptyString, NonNegativeInt, PositiveInt, oneOf, refined } from '../kernel/primitives.js';
import { checked, type Fail } from '../kernel/checked-codec.js';
import { RoundingModeCodec } from './rounding-mode.js';
import { EvaluationScaleCodec } from '../officer/evaluation.js';
import { LEGAL_STATUSES, type LegalStatus } from '../officer/vocabulary.js';
import type { ProcedureVersion, RuleSet } from './types.js';

/** Rule sets and procedure catalogues from outside are decoded here; each failure names its field. */

const matching = (name: string, pattern: RegExp, describe: string) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && pattern.test(u),
    (u, c) =>
      typeof u === 'string' && pattern.test(u)
        ? t.success(u)
        : t.failure(u, c, `must be ${describe}, got ${JSON.stringify(u)}`),
    t.identity,
  );

const TimeOfDay = matching('TimeOfDay', /^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');
/** National catalogue codes look like `1.001612`: a group digit, a dot and six digits. */
const ProcedureCode = matching('ProcedureCode', /^\d\.\d{6}$/, 'a national catalogue code such as 1.001612');

const Notes = t.array(NonEmptyString);

/** Roles a rule set may let record (docs/adr/0010-record-then-judge.md): a device records ratings only. */
const RecordingRoleCodec = oneOf('ActorRole', ROLES_BUT_DEVICE);

const NonNegativeNumber = new t.Type<number, number, unknown>(
  'NonNegativeNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c, `must be a number ≥ 0, got ${JSON.stringify(u)}`),
  t.identity,
);

const BySeverity = t.type({ minor: NonNegativeNumber, serious: NonNegativeNumber, 'very-serious': NonNegativeNumber });

const threshold = <C extends t.Mixed>(value: C) =>
  t.type({ value, status: oneOf('ThresholdStatus', ['sourced', 'to-confirm']), source: NonEmptyString });
const Percent = refined('Percent', t.number, (n) => Number.isFinite(n) && n >= 0 && n <= 100, 'a share from 0 to 100', { type: 'number', minimum: 0, maximum: 100 });
const FourLevel = oneOf('FourLevel', ['excellent', 'good', 'completed', 'not-completed']);

const FourLevelCriteriaShape = t.intersection([
  t.type({
    version: NonEmptyString,
    goodBelowStandardAtMost: threshold(Percent),
    excellentExceededAtLeast: threshold(Percent),
    completedBelowStandardAtMost: threshold(Percent),
    notCompletedBelowStandardAbove: threshold(Percent),
    betweenCompletedAndNotCompleted: threshold(oneOf('BetweenLevel', ['completed', 'not-completed'])),
    highestLevelAfterIncident: t.type({ minor: threshold(FourLevel), serious: threshold(FourLevel), 'very-serious': threshold(FourLevel) }),
  }),
  t.partial({ highestLevelWhenDisciplined: threshold(FourLevel) }),
]);

const OfficerRatingProposalShape = t.type({
  version: NonEmptyString,
  timelinessAgainst: oneOf('TimelinessAgainst', ['due-date', 'original-due-date']),
  satisfiedSipasOfficersAtLeast: NonNegativeNumber,
  satisfiedAttitudeIndexAtLeast: NonNegativeNumber,
  hundredPoints: t.type({ general: NonNegativeNumber, task: NonNegativeNumber, deductionBySeverity: BySeverity }),
  fourLevels: t.type({ ceilingBySeverity: BySeverity }),
  praisePoints: NonNegativeNumber,
  praisePointsMax: NonNegativeNumber,
  bands: t.type({ excellent: NonNegativeNumber, good: NonNegativeNumber, completed: NonNegativeNumber }),
  excellentQuotaPercent: NonNegativeNumber,
  digits: NonNegativeInt,
});
const OfficerRatingProposalCodec = t.intersection([
  OfficerRatingProposalShape,
  t.partial({ excellentQuotaRounding: threshold(oneOf('QuotaRounding', ['down', 'half-up', 'up'])) }),
]);

const Circular01ScoringShape = t.type({
  version: NonEmptyString,
  lateWithoutComplaintAttitude: refined('AttitudeScore', t.number, (n) => n === 0 || n === 1, 'a TT01 index 7 score 0 or 1', {
    type: 'integer',
    enum: [0, 1],
  }),
  timelinessAgainst: oneOf('TimelinessAgainst', ['due-date', 'original-due-date']),
  digits: NonNegativeInt,
});

const IncidentStepDeadlineUnitCodec = oneOf('IncidentStepDeadlineUnit', ['working-days', 'calendar-days']);

const RuleSetShape = t.intersection([
  t.type({
    id: matching('RuleSetId', /^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case id such as decree-61-2018'),
    title: NonEmptyString,
    legalBasis: t.array(NonEmptyString),
    effectiveFrom: LocalDate,
    transferCutoff: TimeOfDay,
    receiptDayCounts: t.boolean,
    supplementClockPolicy: oneOf('SupplementClockPolicy', ['RESTART', 'PAUSE']),
    supplementRequestWithinWorkingDays: NonNegativeInt,
    maxSupplementRequests: NonNegativeInt,
    apology: t.type({ minWorkingDaysBeforeDue: NonNegativeInt, maxPerDossier: NonNegativeInt }),
    feedbackDeadlineWorkingDays: t.type({
      'phan-anh': NonNegativeInt,
      'kien-nghi': NonNegativeInt,
      'khieu-nai': NonNegativeInt,
      'to-cao': NonNegativeInt,
      'gop-y': NonNegativeInt,
      khen: NonNegativeInt,
    }),
    incidentStepDeadlineWorkingDays: t.type({
      acknowledge: NonNegativeInt,
      investigate: NonNegativeInt,
      conclude: NonNegativeInt,
      'answer-applicant': NonNegativeInt,
      'decide-discipline': NonNegativeInt,
    }),
    evaluationScale: EvaluationScaleCodec,
    indexRounding: RoundingModeCodec,
    disciplineLimitationYears: t.type({ reprimandLevel: NonNegativeInt, other: NonNegativeInt }),
  }),
  t.partial({
    effectiveTo: LocalDate,
    notes: Notes,
    calendarDaysCountFrom: oneOf('CalendarDaysCountFrom', ['receipt-date', 'processing-start-date']),
    supplementWindowCountsFrom: oneOf('SupplementWindowCountsFrom', ['receipt-date', 'processing-start-date']),
    officerRatingProposal: OfficerRatingProposalCodec,
    evaluationScaleByStatus: t.partial(Object.fromEntries(LEGAL_STATUSES.map((status) => [status, EvaluationScaleCodec])) as Record<LegalStatus, typeof EvaluationScaleCodec>),
    fourLevelCriteria: FourLevelCriteriaShape,
    circular01Scoring: Circular01ScoringShape,
    recordingRoles: t.array(RecordingRoleCodec),
    sipasOverall: oneOf('SipasOverallMethod', ['mean-of-aspects', 'pooled-answers']),
    feedbackForwardingWorkingDays: NonNegativeInt,
    feedbackKindsMeasured: t.array(oneOf('AnsweredFeedbackKind', ['phan-anh', 'kien-nghi', 'khieu-nai', 'to-cao', 'gop-y'])),
    errorCorrectionWorkingDays: PositiveInt,
    provenance: t.record(t.string, t.type({ status: oneOf('ProvenanceStatus', ['sourced', 'to-confirm']), source: NonEmptyString })),
    supplementClockAfterVerification: oneOf('SupplementClockPolicy', ['RESTART', 'PAUSE']),
    incidentStepDeadlineUnits: t.partial({
      acknowledge: IncidentStepDeadlineUnitCodec,
      investigate: IncidentStepDeadlineUnitCodec,
      conclude: IncidentStepDeadlineUnitCodec,
      'answer-applicant': IncidentStepDeadlineUnitCodec,
      'decide-discipline': IncidentStepDeadlineUnitCodec,
    }),
    incidentStepComplexCaseDays: t.partial({ 'decide-discipline': NonNegativeInt }),
  }),
]);

const ProcedureShape = t.intersection([
  t.type({
    code: ProcedureCode,
    name: NonEmptyString,
    field: NonEmptyString,
    effectiveFrom: LocalDate,
    timeLimit: t.type({
      amount: NonNegativeInt,
      unit: oneOf('TimeLimitUnit', ['working-days', 'calendar-days', 'working-hours']),
    }),
    immediateResult: t.boolean,
    feeDong: Dong,
    requiredDocuments: t.array(NonEmptyString),
    onlineLevel: oneOf('OnlineServiceLevel', ['none', 'partial', 'full']),
    boundaryFree: t.boolean,
  }),
  t.partial({
    effectiveTo: LocalDate,
    onlineLevelCircular01: t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4)], 'Circular01Level'),
    legalBasis: Notes,
    notes: Notes,
  }),
]);

const rangeCheck = (v: { effectiveFrom: string; effectiveTo?: string | undefined }, fail: Fail) => {
  if (v.effectiveTo !== undefined && v.effectiveTo < v.effectiveFrom) {
    fail(['effectiveTo'], v.effectiveTo, 'EffectiveRange', `must not be before effectiveFrom ${v.effectiveFrom}, got "${v.effectiveTo}"`);
  }
};

export const RuleSetCodec = checked<t.TypeOf<typeof RuleSetShape>, RuleSet>('RuleSet', RuleSetShape, (v, fail) => {
  rangeCheck(v, fail);
  if (v.feedbackKindsMeasured?.length === 0) fail(['feedbackKindsMeasured'], [], 'NonEmpty', 'must name at least one kind of feedback');
  // A complex case is given more time, never less (docs/domain/conduct-catalogue.md §3).
  const complex = v.incidentStepComplexCaseDays?.['decide-discipline'];
  const ordinary = v.incidentStepDeadlineWorkingDays['decide-discipline'];
  if (complex !== undefined && complex < ordinary) {
    fail(['incidentStepComplexCaseDays', 'decide-discipline'], complex, 'NotShorterThanOrdinary', `must be at least incidentStepDeadlineWorkingDays.decide-discipline (${ordinary}), got ${complex}`);
  }
});

export const ProcedureVersionCodec = checked<t.TypeOf<typeof ProcedureShape>, ProcedureVersion>(
  'ProcedureVersion',
  ProcedureShape,
  (v, fail) => {
    rangeCheck(v, fail);
    if (!v.immediateResult && v.timeLimit.amount === 0) {
      fail(['timeLimit', 'amount'], 0, 'PositiveInt', 'must be ≥ 1 unless the procedure gives its result at once');
    }
  },
);

/** A catalogue: procedure versions whose versions of one code follow each other without overlapping. */
export const ProcedureCatalogueCodec = checked<ProcedureVersion[], ProcedureVersion[]>(
  'ProcedureCatalogue',
  t.array(ProcedureVersionCodec),
  (versions, fail) => {
    versions.forEach((v, i) => {
      const clash = versions.findIndex(
        (w, j) => j < i && w.code === v.code && w.effectiveFrom <= (v.effectiveTo ?? '9999-12-31') && v.effectiveFrom <= (w.effectiveTo ?? '9999-12-31'),
      );
      if (clash >= 0) {
        fail([i, 'effectiveFrom'], v.effectiveFrom, 'NonOverlappingVersions', `${v.code} overlaps the version at index ${clash}`);
      }
    });
  },
);

// Exactly the codec's fields: a misspelt key (`public_employee`, `decide_discipline`) is refused with
// its path, never ignored while the value it meant to set stays at its default.
export const decodeRuleSet = (input: unknown): Either<InvalidInput, RuleSet> => decodeExact(RuleSetCodec, input);

export const decodeProcedureCatalogue = (input: unknown): Either<InvalidInput, ProcedureVersion[]> =>
  decodeExact(ProcedureCatalogueCodec, input);
