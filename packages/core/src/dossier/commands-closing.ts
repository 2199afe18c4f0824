import { t } from '../fp.js';
import { Dong, FreeText, Instant, NonEmptyString, SubjectId } from '../kernel/primitives.js';
import { Circular01Scores, DossierCode, ErrorReporter, FilingChannel, RatingChannel, SipasScores } from './vocabulary.js';

export const ReturnResult = t.type({
  type: t.literal('ReturnResult'),
  data: t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, via: FilingChannel }),
});
export type ReturnResult = t.TypeOf<typeof ReturnResult>;

/** The processing body's result (or reasoned refusal) reached the desk (Art.19, 20). */
export const RecordResultReady = t.type({
  type: t.literal('RecordResultReady'),
  data: t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString }),
});
export type RecordResultReady = t.TypeOf<typeof RecordResultReady>;

export const WithdrawDossier = t.type({
  type: t.literal('WithdrawDossier'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, reason: FreeText }),
    t.partial({ officerId: NonEmptyString, requestedBy: SubjectId }),
  ]),
});
export type WithdrawDossier = t.TypeOf<typeof WithdrawDossier>;

/** At least one score overall, Circular 01 or SIPAS: checked by the decider. */
export const RateDossier = t.type({
  type: t.literal('RateDossier'),
  data: t.intersection([
    t.type({ dossierCode: DossierCode, occurredAt: Instant, channel: RatingChannel }),
    t.partial({ circular01: Circular01Scores, sipas: SipasScores }),
  ]),
});
export type RateDossier = t.TypeOf<typeof RateDossier>;

/** An error found in a returned result: who found it and what is wrong (Art.21; docs/domain/dossier-lifecycle.md §7). */
export const ReportResultError = t.type({
  type: t.literal('ReportResultError'),
  data: t.type({ dossierCode: DossierCode, occurredAt: Instant, officerId: NonEmptyString, reportedBy: ErrorReporter, description: FreeText }),
});
export type ReportResultError = t.TypeOf<typeof ReportResultError>;

/**
 * The corrected result handed back (Art.21): `correctedBy` is the body that corrected it and
 * `bodyAtFault` whether the error was its own; then it corrects at its own cost (`feeDong` 0) and
 * apologises (`apology`, the words or the letter's reference).
 */
export const CorrectResult = t.type({
  type: t.literal('CorrectResult'),
  data: t.intersection([
    t.type({
      dossierCode: DossierCode,
      occurredAt: Instant,
      officerId: NonEmptyString,
      correctedBy: NonEmptyString,
      bodyAtFault: t.boolean,
      via: FilingChannel,
      feeDong: Dong,
    }),
    t.partial({ apology: FreeText, note: FreeText }),
  ]),
});
export type CorrectResult = t.TypeOf<typeof CorrectResult>;
