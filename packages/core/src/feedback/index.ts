export * from './commands.js';
export * from './events.js';
export * from './vocabulary.js';
export { FeedbackErrorCode } from './errors.js';
export {
  feedbackStreamId,
  initialFeedbackState,
  type FeedbackAnswer,
  type FeedbackRecord,
  type FeedbackState,
} from './state.js';
export { createFeedbackDecider, type FeedbackDecider, type FeedbackDeciderDeps } from './decider.js';
