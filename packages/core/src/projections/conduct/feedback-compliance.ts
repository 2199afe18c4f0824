import type { RecordedEvent } from '../../kernel/envelope.js';
import type { FeedbackEvent } from '../../feedback/events.js';
import type { FeedbackKind } from '../../feedback/vocabulary.js';
import { tableChanges, touch, untilFirstCommit, withTables, type Projection } from '../engine/index.js';
import { byProvince } from '../by-province.js';
import { refOf, type Ref } from './refs.js';

/** The first answer or forwarding decides whether feedback was handled in time. */
export interface FeedbackHandling {
  readonly how: 'on-the-spot' | 'answered' | 'forwarded';
  readonly on: string;
  /** Answers are judged against the answer due date of the kind, forwarding against the 5-working-day limit. */
  readonly onTime: boolean;
  readonly ref: Ref;
}

export interface FeedbackEntry {
  readonly kind: FeedbackKind;
  readonly unitId?: string;
  readonly receivedOn: string;
  readonly dueDate: string;
  readonly ruleSetId: string;
  readonly received: Ref;
  readonly handled?: FeedbackHandling;
}

/** One table of entries by feedback id, updated in place (the projection is `mutable`). */
export interface FeedbackComplianceState {
  readonly feedback: Record<string, FeedbackEntry>;
}

/** The state with its table present (a loaded copy of an empty register has none). */
export const feedbackComplianceTables = (state: FeedbackComplianceState): FeedbackComplianceState => withTables(state, ['feedback']);

export const FEEDBACK_COMPLIANCE = 'feedback-compliance';

const handling = (event: RecordedEvent<FeedbackEvent>, ref: Ref): FeedbackHandling | undefined => {
  switch (event.type) {
    case 'FeedbackAnsweredOnTheSpot':
      return { how: 'on-the-spot', on: event.data.answeredOn, onTime: true, ref };
    case 'FeedbackAnswered':
      return { how: 'answered', on: event.data.answeredOn, onTime: event.data.onTime, ref };
    case 'FeedbackForwarded':
      return { how: 'forwarded', on: event.data.forwardedOn, onTime: event.data.onTime, ref };
    default:
      return undefined;
  }
};

/**
 * Whether feedback (phản ánh, kiến nghị, khiếu nại, tố cáo, góp ý) was answered or forwarded within its
 * deadline: TT01 index 8 and the feedback ratio of the Decision 766 satisfaction group. Praise (khen)
 * needs no answer and is left out.
 */
const feedbackComplianceInOneProvince: Projection<FeedbackComplianceState> = {
  name: FEEDBACK_COMPLIANCE,
  // 3: kept by province.
  version: 3,
  mutable: true,
  changes: tableChanges<FeedbackComplianceState>(),
  eventTypes: ['FeedbackReceived', 'FeedbackAnsweredOnTheSpot', 'FeedbackAnswered', 'FeedbackForwarded'],
  initialState: () => untilFirstCommit({ feedback: {} }),
  handle: (stored, recorded) => {
    if (!recorded.type.startsWith('Feedback')) return stored;
    const state = feedbackComplianceTables(stored);
    const event = recorded as RecordedEvent<FeedbackEvent>;
    const id = event.data.feedbackId;
    if (event.type === 'FeedbackReceived') {
      const { data } = event;
      if (data.kind === 'khen' || state.feedback[id] !== undefined) return state;
      const entry: FeedbackEntry = {
        kind: data.kind,
        ...(data.unitId === undefined ? {} : { unitId: data.unitId }),
        receivedOn: data.receivedOn,
        dueDate: data.dueDate,
        ruleSetId: data.ruleSetId,
        received: refOf(recorded),
      };
      state.feedback[id] = entry;
      touch(state.feedback, id);
      return state;
    }
    const entry = state.feedback[id];
    const handled = handling(event, refOf(recorded));
    if (entry === undefined || handled === undefined || entry.handled !== undefined) return state;
    state.feedback[id] = { ...entry, handled };
    touch(state.feedback, id);
    return state;
  },
};

/** Kept by province (`byProvince`): read one province's with `feedbackComplianceProjection.province(state, tenantId)`. */
export const feedbackComplianceProjection = byProvince(feedbackComplianceInOneProvince);
