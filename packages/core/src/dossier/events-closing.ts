import { t } from '../fp.js';
import { LocalDate, NonEmptyString, RecordedInstant, RecordedSubjectId } from '../kernel/primitives.js';
import { Circular01Scores, DossierCode, FilingChannel, RatingChannel, SipasScores, Timeliness } from './vocabulary.js';

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
    dossierCode: DossierCode,
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
      dossierCode: DossierCode,
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

export const DossierWithdrawn = t.type({
  type: t.literal('DossierWithdrawn'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: RecordedInstant, reason: NonEmptyString }),
    t.partial({ officerId: NonEmptyString, requestedBy: RecordedSubjectId }),
  ]),
});
export type DossierWithdrawn = t.TypeOf<typeof DossierWithdrawn>;

/** The citizen's own assessment, kept beside the indices derived from events (docs/domain/indices.md §1). */
export const DossierRated = t.type({
  type: t.literal('DossierRated'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: RecordedInstant, channel: RatingChannel }),
    t.partial({ circular01: Circular01Scores, sipas: SipasScores }),
  ]),
});
export type DossierRated = t.TypeOf<typeof DossierRated>;
