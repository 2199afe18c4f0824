import { t } from '../fp.js';
import { NonEmptyString, PositiveInt, NonNegativeInt, isValidLocalDate, oneOf, preview, refined } from '../kernel/primitives.js';

const DOSSIER_CODE_SHAPE = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*-(\d{6})-\d{4}$/;
const DOSSIER_CODE_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*-\\d{6}-\\d{4}$' } as const;

/**
 * The receipt date a dossier code carries (its `YYMMDD`, years 2000–2099), as `YYYY-MM-DD`; not
 * necessarily a real date for a code read back from an old log (see `RecordedDossierCode`).
 */
export const dossierCodeDate = (code: string): string => {
  const yymmdd = DOSSIER_CODE_SHAPE.exec(code)?.[2] ?? '000000';
  return `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
};

/**
 * Dossier code `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX` (Circular 01/2018 Art.19; docs/domain/dossier-lifecycle.md
 * §1): agency identifier, receipt date, 4-digit daily sequence. The system issues it and agency codes
 * change with mergers, so the agency part is checked for its shape only and the code is stored exactly
 * as issued, never re-derived; the receipt date must be a real date (no month 13, no 30 February).
 */
export const DossierCode = refined(
  'DossierCode',
  t.string,
  (s) => DOSSIER_CODE_SHAPE.test(s) && isValidLocalDate(dossierCodeDate(s)),
  'a dossier code like 000.00.15.H12-260302-0001, its YYMMDD a real receipt date',
  DOSSIER_CODE_SCHEMA,
);

/**
 * A dossier code as events recorded before the date check hold it: the shape only. Event codecs use
 * it so the log stays readable (like `RecordedInstant`); new facts pass `DossierCode` at the command.
 */
export const RecordedDossierCode = refined('RecordedDossierCode', t.string, (s) => DOSSIER_CODE_SHAPE.test(s), 'a dossier code like 000.00.15.H12-260302-0001', DOSSIER_CODE_SCHEMA);

/** How the dossier reached the desk (Art.16): in person, by public post, or through the portal. */
export const FilingChannel = oneOf('FilingChannel', ['counter', 'online', 'postal']);
export type FilingChannel = t.TypeOf<typeof FilingChannel>;

/** Guidance is given at the counter, by phone (hotline), on the portal or by post (Art.15). */
export const GuidanceChannel = oneOf('GuidanceChannel', ['counter', 'phone', 'online', 'postal']);
export type GuidanceChannel = t.TypeOf<typeof GuidanceChannel>;

/** Applicants served first at the counter (incident C05 when ignored). */
export const PriorityGroup = oneOf('PriorityGroup', [
  'none',
  'elderly',
  'disabled',
  'pregnant',
  'small-child',
  'revolution-merit',
]);
export type PriorityGroup = t.TypeOf<typeof PriorityGroup>;

export const ProcessingDecision = oneOf('ProcessingDecision', ['approved', 'refused']);
export type ProcessingDecision = t.TypeOf<typeof ProcessingDecision>;

/** Return date against the due date (Circular 01 index 1: shorter / equal / longer). */
export const Timeliness = oneOf('Timeliness', ['early', 'on-time', 'late']);
export type Timeliness = t.TypeOf<typeof Timeliness>;

export const ClockPolicy = oneOf('ClockPolicy', ['RESTART', 'PAUSE']);
export type ClockPolicy = t.TypeOf<typeof ClockPolicy>;

const TimeLimitUnit = oneOf('TimeLimitUnit', ['working-days', 'calendar-days', 'working-hours']);

/** The procedure's time limit as published; `amount` may be 0 for same-day procedures. */
export const TimeLimit = t.type({ amount: NonNegativeInt, unit: TimeLimitUnit });
export type TimeLimit = t.TypeOf<typeof TimeLimit>;

/** A list of document names with at least one entry: a supplement request must name what is missing. */
export const DocumentList = refined(
  'DocumentList',
  t.array(NonEmptyString),
  (list) => list.length > 0,
  'a non-empty list of document names',
  { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
);

type IndexScore = 0 | 1 | 2;
const isIndexScore = (u: unknown): u is IndexScore => u === 0 || u === 1 || u === 2;
/** Circular 01 per-dossier index score: 2 / 1 / 0 (one message on failure, unlike a literal union). */
const IndexScore = Object.assign(
  new t.Type<IndexScore, IndexScore, unknown>(
    'IndexScore',
    isIndexScore,
    (u, c) => (isIndexScore(u) ? t.success(u) : t.failure(u, c, `must be a Circular 01 score 0, 1 or 2, got ${preview(u)}`)),
    t.identity,
  ),
  { jsonSchema: { type: 'integer', enum: [0, 1, 2] } },
);

/** The citizen's own Circular 01 scores, any subset of indices 1–9 (Art.13–15). */
export const Circular01Scores = t.exact(
  t.partial({
    '1': IndexScore,
    '2': IndexScore,
    '3': IndexScore,
    '4': IndexScore,
    '5': IndexScore,
    '6': IndexScore,
    '7': IndexScore,
    '8': IndexScore,
    '9': IndexScore,
  }),
  'Circular01Scores',
);
export type Circular01Scores = t.TypeOf<typeof Circular01Scores>;

/** SIPAS five-point scale: 1 very dissatisfied … 5 very satisfied. */
const SatisfactionLevel = refined(
  'SatisfactionLevel',
  t.number,
  (n) => PositiveInt.is(n) && n <= 5,
  'a satisfaction level 1 (very dissatisfied) to 5 (very satisfied)',
  { type: 'integer', minimum: 1, maximum: 5 },
);

/** SIPAS aspects (Ministry of Home Affairs satisfaction survey). */
export const SipasScores = t.exact(
  t.partial({
    access: SatisfactionLevel,
    procedure: SatisfactionLevel,
    officers: SatisfactionLevel,
    result: SatisfactionLevel,
    feedbackHandling: SatisfactionLevel,
  }),
  'SipasScores',
);
export type SipasScores = t.TypeOf<typeof SipasScores>;

/** Where a rating came from (Art.29; Circular 01 Art.12). */
export const RatingChannel = oneOf('RatingChannel', ['paper-form', 'counter-device', 'online', 'survey']);
export type RatingChannel = t.TypeOf<typeof RatingChannel>;

/**
 * A step of the processing control sheet (form 05, Art.19(1–5); docs/domain/dossier-lifecycle.md §8):
 * appraisal (thẩm định), verification (thẩm tra, xác minh), consultation (lấy ý kiến) inside the
 * processing body, approval or signature (phê duyệt, ký), or another named step.
 */
export const ProcessingStepKind = oneOf('ProcessingStepKind', ['appraisal', 'verification', 'consultation', 'approval', 'other']);
export type ProcessingStepKind = t.TypeOf<typeof ProcessingStepKind>;

/** Who found the error in a returned result (docs/domain/dossier-lifecycle.md §7). */
export const ErrorReporter = oneOf('ErrorReporter', ['applicant', 'processing-body', 'desk', 'inspector']);
export type ErrorReporter = t.TypeOf<typeof ErrorReporter>;
