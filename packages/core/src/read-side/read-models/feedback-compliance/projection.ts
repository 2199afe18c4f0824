import type { FeedbackKind } from '../../../feedback/vocabulary.js';
import { defineProjection, type DocumentReader, type EventHandler, type EventOf } from '../../engine/document-projection.js';
import { documentKey, keyPart } from '../../vocabulary/document-key.js';
import { groupKey, ownEntry } from '../conduct-support/figure-documents.js';
import { listedPeriodsOf } from '../../vocabulary/period.js';

export const FEEDBACK_COMPLIANCE = 'feedback-compliance';

/** The first answer or forwarding decides whether feedback was handled in time. */
export interface FeedbackHandling {
  readonly how: 'on-the-spot' | 'answered' | 'forwarded';
  readonly on: string;
  /** Answers are judged against the answer due date of the kind, forwarding against the 5-working-day limit. */
  readonly onTime: boolean;
  readonly position: number;
}

/** Feedback as the register keeps it: the facts a judgement needs and the positions of the events behind them. */
export interface FeedbackEntry {
  readonly kind: FeedbackKind;
  readonly unitId?: string;
  readonly dueDate: string;
  readonly ruleSetId: string;
  readonly received: number;
  readonly handled?: FeedbackHandling;
}

/** Judged feedback of a group: how many, how many on time, and the latest day one was received (its rule set rounds the share). */
export interface FeedbackCounts {
  readonly judged: number;
  readonly onTime: number;
  readonly latestReceivedOn: string;
}

/**
 * - `<tenant>/feedback/<feedbackId>`: the day it was received (where its entry is);
 * - `<tenant>/received/<day>`: the feedback received that day, by id;
 * - `<tenant>/group/<period>/<dimension>/<value>/counts`: judged feedback, per month, quarter, year and `all`.
 */
export type FeedbackComplianceDocument =
  | { readonly kind: 'feedback'; readonly receivedOn: string }
  | { readonly kind: 'day'; readonly feedback: Readonly<Record<string, FeedbackEntry>> }
  | ({ readonly kind: 'counts' } & FeedbackCounts);

export const FEEDBACK_DIMENSIONS = ['total', 'unit', 'kind'] as const;
export type FeedbackDimension = (typeof FEEDBACK_DIMENSIONS)[number];

export const feedbackValueOf = (entry: FeedbackEntry, dimension: FeedbackDimension): string | undefined =>
  dimension === 'total' ? 'all' : dimension === 'unit' ? entry.unitId : entry.kind;

export const receivedKey = (tenantId: string, day: string): string => documentKey(tenantId, 'received', day);
const feedbackKey = (tenantId: string, feedbackId: string): string => documentKey(tenantId, 'feedback', keyPart(feedbackId));

type HandlingEvent = EventOf<'FeedbackAnsweredOnTheSpot'> | EventOf<'FeedbackAnswered'> | EventOf<'FeedbackForwarded'>;

const handlingOf = (event: HandlingEvent): FeedbackHandling => {
  const position = event.metadata.globalPosition;
  switch (event.type) {
    case 'FeedbackAnsweredOnTheSpot':
      return { how: 'on-the-spot', on: event.data.answeredOn, onTime: true, position };
    case 'FeedbackAnswered':
      return { how: 'answered', on: event.data.answeredOn, onTime: event.data.onTime, position };
    case 'FeedbackForwarded':
      return { how: 'forwarded', on: event.data.forwardedOn, onTime: event.data.onTime, position };
  }
};

/** The feedback a handling event judges, if it is kept and not judged yet. */
const judgedBy = (event: HandlingEvent, documents: DocumentReader<FeedbackComplianceDocument>) => {
  const { tenantId } = event.metadata;
  const index = documents.get(feedbackKey(tenantId, event.data.feedbackId));
  if (index?.kind !== 'feedback') return undefined;
  const day = documents.get(receivedKey(tenantId, index.receivedOn));
  const entry = day?.kind === 'day' ? ownEntry(day.feedback, event.data.feedbackId) : undefined;
  return entry === undefined || entry.handled !== undefined ? undefined : { receivedOn: index.receivedOn, entry };
};

const onHandling = <E extends HandlingEvent>(): EventHandler<FeedbackComplianceDocument, E> => ({
  touches: (event, documents) => {
    const judged = judgedBy(event, documents);
    if (judged === undefined) return [];
    const { tenantId } = event.metadata;
    const groups = listedPeriodsOf(judged.receivedOn).flatMap((period) =>
      FEEDBACK_DIMENSIONS.flatMap((dimension) => {
        const value = feedbackValueOf(judged.entry, dimension);
        return value === undefined ? [] : [groupKey(tenantId, period, dimension, value)];
      }),
    );
    // The day's entry last: the groups read it as it was.
    return [...groups, receivedKey(tenantId, judged.receivedOn)];
  },
  evolve: (document, event, _key, documents) => {
    const judged = judgedBy(event, documents);
    if (judged === undefined) return document;
    const handled = handlingOf(event);
    if (document?.kind === 'day') return { kind: 'day', feedback: { ...document.feedback, [event.data.feedbackId]: { ...judged.entry, handled } } };
    const counts = document?.kind === 'counts' ? document : { judged: 0, onTime: 0, latestReceivedOn: judged.receivedOn };
    return {
      kind: 'counts',
      judged: counts.judged + 1,
      onTime: counts.onTime + (handled.onTime ? 1 : 0),
      latestReceivedOn: judged.receivedOn > counts.latestReceivedOn ? judged.receivedOn : counts.latestReceivedOn,
    };
  },
});

/**
 * Whether feedback (phản ánh, kiến nghị, khiếu nại, tố cáo, góp ý) was answered or forwarded within its
 * deadline: TT01 index 8 and the feedback ratio of the Decision 766 satisfaction group
 * (docs/domain/indices.md). Praise (khen) needs no answer and is left out.
 */
export const feedbackComplianceProjection = defineProjection<FeedbackComplianceDocument>({
  name: FEEDBACK_COMPLIANCE,
  version: 4,
  handlers: {
    FeedbackReceived: {
      touches: (event, documents) => {
        const { tenantId } = event.metadata;
        const { data } = event;
        if (data.kind === 'khen' || documents.get(feedbackKey(tenantId, data.feedbackId)) !== undefined) return [];
        return [receivedKey(tenantId, data.receivedOn), feedbackKey(tenantId, data.feedbackId)];
      },
      evolve: (document, event, key) => {
        const { data, metadata } = event;
        if (key === feedbackKey(metadata.tenantId, data.feedbackId)) return { kind: 'feedback', receivedOn: data.receivedOn };
        const entry: FeedbackEntry = {
          kind: data.kind,
          ...(data.unitId === undefined ? {} : { unitId: data.unitId }),
          dueDate: data.dueDate,
          ruleSetId: data.ruleSetId,
          received: metadata.globalPosition,
        };
        return { kind: 'day', feedback: { ...(document?.kind === 'day' ? document.feedback : {}), [data.feedbackId]: entry } };
      },
    },
    FeedbackAnsweredOnTheSpot: onHandling(),
    FeedbackAnswered: onHandling(),
    FeedbackForwarded: onHandling(),
  },
});
