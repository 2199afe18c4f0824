import type { WorkingDayCalendar } from '../calendar/index.js';
import type { Decider } from '../kernel/decider.js';
import type { RuleBook } from '../rules/index.js';
import type { FeedbackCommand } from './commands.js';
import { createDecide } from './decide.js';
import type { FeedbackEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialFeedbackState, type FeedbackState } from './state.js';

export interface FeedbackDeciderDeps {
  /** Counts answer and forwarding deadlines in working days. */
  readonly calendar: WorkingDayCalendar;
  /** Gives `feedbackDeadlineWorkingDays` in force at receipt. */
  readonly rules: RuleBook;
}

export type FeedbackDecider = Decider<FeedbackCommand, FeedbackEvent, FeedbackState>;

export const createFeedbackDecider = (deps: FeedbackDeciderDeps): FeedbackDecider => ({
  decide: createDecide(deps),
  evolve,
  initialState: initialFeedbackState,
});
