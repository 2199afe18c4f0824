export { computeFeedbackVerdict, feedbackVerdict, FEEDBACK_DEADLINES_SOURCE, type FeedbackHandlingHow, type FeedbackVerdictOutcome } from './compute.js';
export { gatherFeedbackEvents } from './gather.js';
