import type { AnsweredFeedbackKind } from '../../../rules/types.js';
import type { EventHandlers } from '../../engine/document-projection.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { countsIn, NOTHING, Plan, planned, type FeedbackDocument, type SatisfactionDocument } from './documents.js';
import { entriesIn } from './day-list.js';
import { periodOf, type Period } from '../../vocabulary/period.js';
import { datedKey, keyOfId } from '../../vocabulary/remembered-key.js';

/**
 * Feedback handled on time (phản ánh, kiến nghị xử lý đúng hạn) per unit and province, by the month,
 * quarter and year it was received: TT01 index 8 and the first ratio of Decision 766's satisfaction
 * group (docs/domain/indices.md §1, §2). Handled = answered (on the spot, or later) or forwarded; the
 * first handling counts, on time as recorded by the feedback stream. Praise (khen) needs no answer and
 * is left out. Feedback not yet handled stays in the denominator: the fold has no clock, so the figure
 * is the one at the period's close. Every other kind is counted by kind; the figures add up the kinds
 * the rule set in force on the period's last day measures (`feedbackKindsMeasured`), at query time.
 *
 * Documents: `<tenant>/feedback/<feedbackId>` (with its legal kind), counters `feedback:<kind>`,
 * `feedbackOnTime:<kind>`, `feedbackLate:<kind>` in the projection's month documents of a scope
 * (`<tenant>/feedback-counts/<unit|province>/<id>/<YYYY-MM>` for circular01) and day lists
 * `<tenant>/feedback-days/<unit|province>/<id>/<YYYY-MM-DD>` (`day-list.ts`).
 */
export type FeedbackDimension = 'unit' | 'province';
/** Where a projection keeps a scope's month counters: `<prefix><YYYY-MM>`. */
export type CountsPrefix = (tenantId: string, dimension: FeedbackDimension, id: string) => string;

const feedbackKey = keyOfId('feedback');
export const feedbackCountsPrefix = (tenantId: string, dimension: FeedbackDimension, id: string) => documentPrefix(tenantId, 'feedback-counts', dimension, keyPart(id));
const feedbackDaysPrefix = (tenantId: string, dimension: FeedbackDimension, id: string) => documentPrefix(tenantId, 'feedback-days', dimension, keyPart(id));

const scopes = (tenantId: string, unit: string | undefined): (readonly [FeedbackDimension, string])[] =>
  unit === undefined ? [['province', tenantId]] : [['unit', unit], ['province', tenantId]];

const handled =
  (countsPrefix: CountsPrefix, onTime: (event: { readonly data: { readonly onTime?: boolean } }) => boolean) =>
  (event: { readonly data: { readonly feedbackId: string; readonly onTime?: boolean }; readonly metadata: { readonly tenantId: string; readonly globalPosition: number } }, documents: { get: (key: string) => SatisfactionDocument | undefined }): Plan => {
    const { tenantId, globalPosition } = event.metadata;
    const key = feedbackKey(tenantId, event.data.feedbackId);
    const feedback = documents.get(key);
    if (feedback?.kind !== 'feedback' || feedback.handled !== undefined) return NOTHING;
    const inTime = onTime(event);
    const counter = `${inTime ? 'feedbackOnTime' : 'feedbackLate'}:${feedback.legalKind}`;
    const next: FeedbackDocument = { ...feedback, handled: inTime ? 'on-time' : 'late', positions: [...feedback.positions, globalPosition] };
    const plan = new Plan();
    const month = periodOf(feedback.day, 'month');
    for (const [dimension, id] of scopes(tenantId, feedback.unit)) plan.count(datedKey(countsPrefix(tenantId, dimension, id), month), counter, 1);
    return plan.put(key, next);
  };

/** The handlers of the feedback figures, for a projection that keeps their counters under `countsPrefix`. */
export const feedbackHandlersIn = (countsPrefix: CountsPrefix): EventHandlers<SatisfactionDocument> => ({
  FeedbackReceived: planned((event, documents) => {
    const { tenantId, globalPosition } = event.metadata;
    const { feedbackId, kind, receivedOn, unitId } = event.data;
    const key = feedbackKey(tenantId, feedbackId);
    if (kind === 'khen' || documents.get(key) !== undefined) return NOTHING;
    const feedback: FeedbackDocument = { kind: 'feedback', legalKind: kind, day: receivedOn, positions: [globalPosition], ...(unitId === undefined ? {} : { unit: unitId }) };
    const plan = new Plan();
    const month = periodOf(receivedOn, 'month');
    const entry = { ref: feedbackId };
    for (const [dimension, id] of scopes(tenantId, unitId)) {
      plan.count(datedKey(countsPrefix(tenantId, dimension, id), month), `feedback:${kind}`, 1);
      plan.add(datedKey(feedbackDaysPrefix(tenantId, dimension, id), receivedOn), entry);
    }
    return plan.put(key, feedback);
  }),
  FeedbackAnsweredOnTheSpot: planned(handled(countsPrefix, () => true)),
  FeedbackForwarded: planned(handled(countsPrefix, (event) => event.data.onTime === true)),
  FeedbackAnswered: planned(handled(countsPrefix, (event) => event.data.onTime === true)),
});

/** Received and handled-on-time counts of `kinds` of feedback of a scope over a period; undefined when none was received. */
export const feedbackCounts = async (
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  dimension: FeedbackDimension,
  id: string,
  period: Period,
  kinds: readonly AnsweredFeedbackKind[],
  countsPrefix: CountsPrefix = feedbackCountsPrefix,
): Promise<{ readonly received: number; readonly onTime: number } | undefined> => {
  const counts = await countsIn(documents, countsPrefix(tenantId, dimension, id), period);
  let received = 0;
  let onTime = 0;
  for (const kind of new Set(kinds)) {
    received += counts?.[`feedback:${kind}`] ?? 0;
    onTime += counts?.[`feedbackOnTime:${kind}`] ?? 0;
  }
  return received === 0 ? undefined : { received, onTime };
};

/** The feedback of `kinds` received by a scope in a period, each with the positions of its events. */
export const feedbackMembers = async (
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  dimension: FeedbackDimension,
  id: string,
  period: Period,
  kinds: readonly AnsweredFeedbackKind[],
): Promise<FeedbackDocument[]> => {
  const members: FeedbackDocument[] = [];
  for (const entry of await entriesIn(documents, feedbackDaysPrefix(tenantId, dimension, id), period)) {
    const feedback = await documents.get(feedbackKey(tenantId, entry.ref));
    if (feedback?.kind === 'feedback' && kinds.includes(feedback.legalKind)) members.push(feedback);
  }
  return members;
};

/** TT01 index 8 from a share handled on time: 100% → 2, ≥ 90% → 1, else 0. */
export const feedbackIndex = (onTime: number, received: number): number =>
  received === 0 || onTime === received ? 2 : onTime * 10 >= received * 9 ? 1 : 0;
