/** Stable rejection codes of the feedback stream. */
export const FeedbackErrorCode = {
  AlreadyReceived: 'FEEDBACK_ALREADY_RECEIVED',
  NotReceived: 'FEEDBACK_NOT_RECEIVED',
  Closed: 'FEEDBACK_CLOSED',
  OccurredBeforePreviousStep: 'FEEDBACK_OCCURRED_BEFORE_PREVIOUS_STEP',
  PraiseNeedsOfficer: 'FEEDBACK_PRAISE_NEEDS_OFFICER',
  NotOnTheSpot: 'FEEDBACK_NOT_ON_THE_SPOT',
  AlreadyAnswered: 'FEEDBACK_ALREADY_ANSWERED',
  AlreadyForwarded: 'FEEDBACK_ALREADY_FORWARDED',
  KindNotEscalatable: 'FEEDBACK_KIND_NOT_ESCALATABLE',
  OfficerUnknown: 'FEEDBACK_OFFICER_UNKNOWN',
  AlreadyEscalated: 'FEEDBACK_ALREADY_ESCALATED',
  NotAnswered: 'FEEDBACK_NOT_ANSWERED',
} as const;
export type FeedbackErrorCode = (typeof FeedbackErrorCode)[keyof typeof FeedbackErrorCode];
