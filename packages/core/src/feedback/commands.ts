import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { FreeText, Instant, NonEmptyString, SubjectId } from '../kernel/primitives.js';
import { FeedbackChannel, FeedbackKind } from './vocabulary.js';

const step = { feedbackId: NonEmptyString, occurredAt: Instant };
const answerDetails = t.partial({ answeredBy: NonEmptyString, answerSummary: FreeText });

export const ReceiveFeedback = t.type({
  type: t.literal('ReceiveFeedback'),
  data: t.intersection([
    t.type({ ...step, channel: FeedbackChannel, kind: FeedbackKind, summary: FreeText }),
    t.partial({ subjectId: SubjectId, officerId: NonEmptyString, unitId: NonEmptyString, dossierCode: NonEmptyString }),
  ]),
});
export type ReceiveFeedback = t.TypeOf<typeof ReceiveFeedback>;

export const AnswerOnTheSpot = t.type({
  type: t.literal('AnswerOnTheSpot'),
  data: t.intersection([t.type(step), answerDetails]),
});
export type AnswerOnTheSpot = t.TypeOf<typeof AnswerOnTheSpot>;

export const RecordAndForward = t.type({
  type: t.literal('RecordAndForward'),
  data: t.intersection([t.type({ ...step, toBody: NonEmptyString }), t.partial({ reason: FreeText })]),
});
export type RecordAndForward = t.TypeOf<typeof RecordAndForward>;

export const EscalateToIncident = t.type({
  type: t.literal('EscalateToIncident'),
  data: t.intersection([
    t.type({ ...step, incidentId: NonEmptyString }),
    // Names the officer when the feedback did not (the desk identified who was at the counter).
    t.partial({ officerId: NonEmptyString }),
  ]),
});
export type EscalateToIncident = t.TypeOf<typeof EscalateToIncident>;

export const AnswerFeedback = t.type({
  type: t.literal('AnswerFeedback'),
  data: t.intersection([t.type(step), answerDetails]),
});
export type AnswerFeedback = t.TypeOf<typeof AnswerFeedback>;

export const CloseFeedback = t.type({ type: t.literal('CloseFeedback'), data: t.type(step) });
export type CloseFeedback = t.TypeOf<typeof CloseFeedback>;

export const FeedbackCommand = taggedUnion('FeedbackCommand', [
  ReceiveFeedback,
  AnswerOnTheSpot,
  RecordAndForward,
  EscalateToIncident,
  AnswerFeedback,
  CloseFeedback,
]);
export type FeedbackCommand = t.TypeOf<typeof FeedbackCommand>;
