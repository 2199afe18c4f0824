import type { RecordedEvent } from '../../kernel/envelope.js';
import { touch } from '../engine/table-changes.js';
import type { Change } from '../dossier-facts/changes.js';
import { inPeriod } from '../dossier-facts/keys.js';
import type { Grain } from '../dossier-facts/periods.js';
import { remember } from '../dossier-facts/refs.js';
import { addToRows, rowAt } from '../dossier-facts/rows.js';
import type { DossierReadModelsState, FeedbackFacts } from '../dossier-facts/state.js';

/**
 * Feedback handled on time (phản ánh, kiến nghị xử lý đúng hạn) per unit and province, by the month,
 * quarter and year it was received: TT01 index 8 and the first ratio of Decision 766's satisfaction
 * group. Handled = answered (on the spot, or later) or forwarded; the first handling counts, on time
 * as recorded by the feedback stream. Praise (khen) needs no answer and is left out, as in the
 * feedback compliance read model. Feedback not yet handled stays in the denominator: the fold has no
 * clock, so the figure is the one at the period's close, while the compliance register judges each
 * item against its due date at the `asOf` it is asked for.
 */
export const FEEDBACK_GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];
export const F = { received: 0, onTime: 1, late: 2 } as const;

export const applyToFeedback = (
  state: DossierReadModelsState,
  change: Extract<Change, { kind: 'feedback-received' | 'feedback-handled' }>,
  event: RecordedEvent,
): void => {
  if (change.kind === 'feedback-received') {
    if (state.feedback[change.id] !== undefined) return;
    const facts: FeedbackFacts = {
      stream: event.metadata.streamId,
      tenant: event.metadata.tenantId,
      date: change.date,
      refs: [],
      ...(change.unit === undefined ? {} : { unit: change.unit }),
    };
    state.feedback[change.id] = facts;
    touch(state.feedback, change.id);
    remember(facts, event);
    bumpRows(state, facts, [F.received, 1]);
    return;
  }
  const facts = state.feedback[change.id];
  if (facts === undefined || facts.handled !== undefined) return;
  facts.handled = change.onTime ? 'on-time' : 'late';
  touch(state.feedback, change.id);
  remember(facts, event);
  bumpRows(state, facts, [change.onTime ? F.onTime : F.late, 1]);
};

const bumpRows = (state: DossierReadModelsState, facts: FeedbackFacts, deltas: number[]): void => {
  const scopes: [string, string | undefined][] = [
    ['unit', facts.unit],
    ['province', facts.tenant],
  ];
  for (const [dimension, id] of scopes) {
    if (id !== undefined) addToRows(state.feedbackCounts, dimension, id, facts.date, false, 3, deltas);
  }
};

export const feedbackRow = (state: DossierReadModelsState, dimension: 'unit' | 'province', id: string, grain: Grain, period: string) =>
  rowAt(state.feedbackCounts, dimension, id, grain, period);

export const feedbackMembers = (state: DossierReadModelsState, dimension: 'unit' | 'province', id: string, grain: Grain, period: string) =>
  Object.values(state.feedback).filter((f) => (dimension === 'unit' ? f.unit : f.tenant) === id && inPeriod(f.date, grain, period));

/** TT01 index 8 from a share handled on time: 100% → 2, ≥ 90% → 1, else 0. */
export const feedbackIndex = (onTime: number, received: number): number =>
  received === 0 || onTime === received ? 2 : onTime * 10 >= received * 9 ? 1 : 0;
