import { t } from '../fp.js';
import { LocalDate, NonEmptyString, RecordedInstant, RecordedSubjectId } from '../kernel/primitives.js';
import { Circular01Scores, DossierCode, FilingChannel, RatingChannel, SipasScores, Timeliness } from './vocabulary.js';

/** The result (or the reasoned refusal) handed back (Art.20), judged against both due dates. */
export const ResultReturned = t.type({
  type: t.literal('ResultReturned'),
  data: t.type({
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
