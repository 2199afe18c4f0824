import { t } from '../fp.js';
import { CorrectionBreaches } from './breaches.js';
import { Dong, LocalDate, NonEmptyString, NonNegativeInt, PositiveInt, RecordedInstant, RecordedSubjectId } from '../kernel/primitives.js';
import { Circular01Scores, RecordedDossierCode, ErrorReporter, FilingChannel, RatingChannel, SipasScores, Timeliness } from './vocabulary.js';

/** The judgement of a result that reached the desk, as `ResultReady` recorded it. */
export const ReadyJudgement = t.type({
  readyDate: LocalDate,
  timeliness: Timeliness,
  timelinessAgainstOriginal: Timeliness,
});
export type ReadyJudgement = t.TypeOf<typeof ReadyJudgement>;

/**
 * The processing body's result (or reasoned refusal) reached the desk, ready to hand back (Art.19,
 * Art.20): the moment the time limit is met or missed (docs/domain/dossier-lifecycle.md §4), judged
 * against the due date in force and against the one before any apology.
 */
export const ResultReady = t.type({
  type: t.literal('ResultReady'),
  data: t.type({
    dossierCode: RecordedDossierCode,
    occurredAt: RecordedInstant,
    officerId: NonEmptyString,
    readyDate: LocalDate,
    dueDate: LocalDate,
    originalDueDate: LocalDate,
    timeliness: Timeliness,
    timelinessAgainstOriginal: Timeliness,
  }),
});
export type ResultReady = t.TypeOf<typeof ResultReady>;

/**
 * The result (or the reasoned refusal) handed back (Art.20). `timeliness` and
 * `timelinessAgainstOriginal` judge the return day, as they always have; `ready` copies the judgement
 * of the `ResultReady` before it, when there was one: that is the judgement figures use.
 */
export const ResultReturned = t.type({
  type: t.literal('ResultReturned'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      via: FilingChannel,
      returnDate: LocalDate,
      dueDate: LocalDate,
      originalDueDate: LocalDate,
      timeliness: Timeliness,
      timelinessAgainstOriginal: Timeliness,
    }),
    t.partial({ ready: ReadyJudgement }),
  ]),
});
export type ResultReturned = t.TypeOf<typeof ResultReturned>;

/**
 * An error found in the returned result (Art.21; docs/domain/dossier-lifecycle.md §7): who found it,
 * what is wrong, and the day the correction falls due, `correctionWorkingDays` (the rule set's
 * `errorCorrectionWorkingDays`) after its start day, counted as a forwarding's step is.
 */
export const ResultErrorReported = t.type({
  type: t.literal('ResultErrorReported'),
  data: t.type({
    dossierCode: RecordedDossierCode,
    occurredAt: RecordedInstant,
    officerId: NonEmptyString,
    reportedBy: ErrorReporter,
    description: NonEmptyString,
    /** 1 for the first error reported on this dossier. */
    reportNumber: PositiveInt,
    correctionWorkingDays: PositiveInt,
    correctionStartDate: LocalDate,
    correctionDueDate: LocalDate,
    ruleSetId: NonEmptyString,
    calendarVersion: NonEmptyString,
  }),
});
export type ResultErrorReported = t.TypeOf<typeof ResultErrorReported>;

/**
 * The corrected result handed back (Art.21): by which body, whether the error was its own (then at its
 * own cost, `feeDong` 0, and with an apology), judged against the correction's due date. One returned
 * late, charged for or without the apology is recorded with its `breaches` (ADR 0010).
 */
export const ResultCorrected = t.type({
  type: t.literal('ResultCorrected'),
  data: t.intersection([
    t.type({
      dossierCode: RecordedDossierCode,
      occurredAt: RecordedInstant,
      officerId: NonEmptyString,
      correctedBy: NonEmptyString,
      bodyAtFault: t.boolean,
      via: FilingChannel,
      feeDong: Dong,
      reportNumber: PositiveInt,
      correctedDate: LocalDate,
      correctionDueDate: LocalDate,
      /** Working days from the correction's start day to `correctedDate`, counted as its limit is. */
      workingDaysTaken: NonNegativeInt,
      timeliness: Timeliness,
      ruleSetId: NonEmptyString,
    }),
    t.partial({ apology: NonEmptyString, note: NonEmptyString, breaches: CorrectionBreaches }),
  ]),
});
export type ResultCorrected = t.TypeOf<typeof ResultCorrected>;

export const DossierWithdrawn = t.type({
  type: t.literal('DossierWithdrawn'),
  data: t.intersection([
    t.type({ dossierCode: RecordedDossierCode, occurredAt: RecordedInstant, reason: NonEmptyString }),
    t.partial({ officerId: NonEmptyString, requestedBy: RecordedSubjectId }),
  ]),
});
export type DossierWithdrawn = t.TypeOf<typeof DossierWithdrawn>;

/** The citizen's own assessment, kept beside the indices derived from events (docs/domain/indices.md §1). */
export const DossierRated = t.type({
  type: t.literal('DossierRated'),
  data: t.intersection([
    t.type({ dossierCode: RecordedDossierCode, occurredAt: RecordedInstant, channel: RatingChannel }),
    t.partial({ circular01: Circular01Scores, sipas: SipasScores }),
  ]),
});
export type DossierRated = t.TypeOf<typeof DossierRated>;
