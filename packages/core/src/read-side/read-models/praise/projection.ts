import { defineProjection } from '../../engine/document-projection.js';
import { documentKey, keyPart } from '../../vocabulary/document-key.js';
import { groupKey } from '../conduct-support/figure-documents.js';
import { listedPeriodsOf } from '../../vocabulary/period.js';

export const PRAISE = 'praise';

/** One praise (khen) received: the event's position and what it names. */
export interface PraiseEntry {
  readonly position: number;
  readonly officerId?: string;
  readonly unitId?: string;
  readonly ruleSetId: string;
}

/**
 * - `<tenant>/praise/<feedbackId>`: the day a praise was received (a feedback id is counted once);
 * - `<tenant>/received/<day>`: the praise received that day, in log order;
 * - `<tenant>/group/<period>/<dimension>/<value>/counts`: how many, per month, quarter, year and `all`.
 */
export type PraiseDocument =
  | { readonly kind: 'praise'; readonly receivedOn: string }
  | { readonly kind: 'day'; readonly praise: readonly PraiseEntry[] }
  | { readonly kind: 'count'; readonly count: number };

export const PRAISE_DIMENSIONS = ['total', 'officer', 'unit'] as const;
export type PraiseDimension = (typeof PRAISE_DIMENSIONS)[number];

export const praiseValueOf = (entry: Omit<PraiseEntry, 'position' | 'ruleSetId'>, dimension: PraiseDimension): string | undefined =>
  dimension === 'total' ? 'all' : dimension === 'officer' ? entry.officerId : entry.unitId;

export const receivedKey = (tenantId: string, day: string): string => documentKey(tenantId, 'received', day);
const praiseKey = (tenantId: string, feedbackId: string): string => documentKey(tenantId, 'praise', keyPart(feedbackId));

/** Praise received, by the officer and unit it names, on the Vietnamese day of receipt (docs/domain/indices.md). */
export const praiseProjection = defineProjection<PraiseDocument>({
  name: PRAISE,
  version: 4,
  handlers: {
    FeedbackReceived: {
      touches: (event, documents) => {
        const { tenantId } = event.metadata;
        const { data } = event;
        if (data.kind !== 'khen' || documents.get(praiseKey(tenantId, data.feedbackId)) !== undefined) return [];
        const groups = listedPeriodsOf(data.receivedOn).flatMap((period) =>
          PRAISE_DIMENSIONS.flatMap((dimension) => {
            const value = praiseValueOf(data, dimension);
            return value === undefined ? [] : [groupKey(tenantId, period, dimension, value)];
          }),
        );
        return [...groups, receivedKey(tenantId, data.receivedOn), praiseKey(tenantId, data.feedbackId)];
      },
      evolve: (document, event, key) => {
        const { data, metadata } = event;
        if (key === praiseKey(metadata.tenantId, data.feedbackId)) return { kind: 'praise', receivedOn: data.receivedOn };
        if (key === receivedKey(metadata.tenantId, data.receivedOn)) {
          const entry: PraiseEntry = {
            position: metadata.globalPosition,
            ...(data.officerId === undefined ? {} : { officerId: data.officerId }),
            ...(data.unitId === undefined ? {} : { unitId: data.unitId }),
            ruleSetId: data.ruleSetId,
          };
          return { kind: 'day', praise: [...(document?.kind === 'day' ? document.praise : []), entry] };
        }
        return { kind: 'count', count: (document?.kind === 'count' ? document.count : 0) + 1 };
      },
    },
  },
});
