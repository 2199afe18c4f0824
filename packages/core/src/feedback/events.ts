import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { LocalDate, NonEmptyString, NonNegativeInt, RecordedInstant, RecordedSubjectId } from '../kernel/primitives.js';
import { FeedbackChannel, FeedbackKind } from './vocabulary.js';

const answerDetails = t.partial({ answeredBy: NonEmptyString, answerSummary: NonEmptyString });

export const FeedbackReceived = t.type({
  type: t.literal('FeedbackReceived'),
  data: t.intersection([
    t.type({
      feedbackId: NonEmptyString,
      channel: FeedbackChannel,
      kind: FeedbackKind,
      summary: NonEmptyString,
      receivedOn: LocalDate,
      occurredAt: RecordedInstant,
      /** Answer due, `deadlineWorkingDays` after receipt under the rule set in force then. */
      dueDate: LocalDate,
      deadlineWorkingDays: NonNegativeInt,
      /** Last day to forward a matter outside the desk's competence. */
      forwardingDueDate: LocalDate,
      ruleSetId: NonEmptyString,
      calendarVersion: NonEmptyString,
    }),
    // No subject id: anonymous. The praised or reported officer, unit and dossier when known.
    t.partial({ subjectId: RecordedSubjectId, officerId: NonEmptyString, unitId: NonEmptyString, dossierCode: NonEmptyString }),
  ]),
});
export type FeedbackReceived = t.TypeOf<typeof FeedbackReceived>;

export const FeedbackAnsweredOnTheSpot = t.type({
  type: t.literal('FeedbackAnsweredOnTheSpot'),
  data: t.intersection([
    t.type({ feedbackId: NonEmptyString, answeredOn: LocalDate, occurredAt: RecordedInstant }),
    answerDetails,
  ]),
});
export type FeedbackAnsweredOnTheSpot = t.TypeOf<typeof FeedbackAnsweredOnTheSpot>;

export const FeedbackForwarded = t.type({
  type: t.literal('FeedbackForwarded'),
  data: t.intersection([
    t.type({
      feedbackId: NonEmptyString,
      toBody: NonEmptyString,
      forwardedOn: LocalDate,
      forwardingDueDate: LocalDate,
      onTime: t.boolean,
      occurredAt: RecordedInstant,
    }),
    t.partial({ reason: NonEmptyString }),
  ]),
});
export type FeedbackForwarded = t.TypeOf<typeof FeedbackForwarded>;

export const FeedbackEscalated = t.type({
  type: t.literal('FeedbackEscalated'),
  data: t.type({
    feedbackId: NonEmptyString,
    incidentId: NonEmptyString,
    officerId: NonEmptyString,
    escalatedOn: LocalDate,
    occurredAt: RecordedInstant,
  }),
});
export type FeedbackEscalated = t.TypeOf<typeof FeedbackEscalated>;

export const FeedbackAnswered = t.type({
  type: t.literal('FeedbackAnswered'),
  data: t.intersection([
    t.type({
      feedbackId: NonEmptyString,
      answeredOn: LocalDate,
      dueDate: LocalDate,
      onTime: t.boolean,
      occurredAt: RecordedInstant,
    }),
    answerDetails,
  ]),
});
export type FeedbackAnswered = t.TypeOf<typeof FeedbackAnswered>;

export const FeedbackClosed = t.type({
  type: t.literal('FeedbackClosed'),
  data: t.type({ feedbackId: NonEmptyString, closedOn: LocalDate, occurredAt: RecordedInstant }),
});
export type FeedbackClosed = t.TypeOf<typeof FeedbackClosed>;

export const FeedbackEvent = taggedUnion('FeedbackEvent', [
  FeedbackReceived,
  FeedbackAnsweredOnTheSpot,
  FeedbackForwarded,
  FeedbackEscalated,
  FeedbackAnswered,
  FeedbackClosed,
]);
export type FeedbackEvent = t.TypeOf<typeof FeedbackEvent>;
