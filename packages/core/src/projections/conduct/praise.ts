import type { RecordedEvent } from '../../kernel/envelope.js';
import type { FeedbackReceived } from '../../feedback/events.js';
import { tableChanges, touch, untilFirstCommit, withTables, type Projection } from '../engine/index.js';
import type { ExplainableReadModel, Explanation } from '../../read-side/explain/index.js';
import { byProvince, byProvinceReadModel } from '../by-province.js';
import { conductKey, parseConductKey } from './keys.js';
import { inPeriod, listedPeriodsOf, parseReportingPeriod } from './periods.js';
import { distinct, eventRefs, refOf, type Ref } from './refs.js';

export interface PraiseEntry {
  readonly officerId?: string;
  readonly unitId?: string;
  readonly receivedOn: string;
  readonly ruleSetId: string;
  readonly ref: Ref;
}

/** One table of entries by feedback id, updated in place (the projection is `mutable`). */
export interface PraiseState {
  readonly praise: Record<string, PraiseEntry>;
}

const praiseTables = (state: PraiseState): PraiseState => withTables(state, ['praise']);

export const PRAISE = 'praise';

/** Praise (khen) received in one province, by the officer and unit it names. */
const praiseInOneProvince: Projection<PraiseState> = {
  name: PRAISE,
  // 3: kept by province.
  version: 3,
  mutable: true,
  changes: tableChanges<PraiseState>(),
  eventTypes: ['FeedbackReceived'],
  initialState: () => untilFirstCommit({ praise: {} }),
  handle: (stored, recorded) => {
    if (recorded.type !== 'FeedbackReceived') return stored;
    const state = praiseTables(stored);
    const { data } = recorded as RecordedEvent<FeedbackReceived>;
    if (data.kind !== 'khen' || state.praise[data.feedbackId] !== undefined) return state;
    const entry: PraiseEntry = {
      ...(data.officerId === undefined ? {} : { officerId: data.officerId }),
      ...(data.unitId === undefined ? {} : { unitId: data.unitId }),
      receivedOn: data.receivedOn,
      ruleSetId: data.ruleSetId,
      ref: refOf(recorded),
    };
    state.praise[data.feedbackId] = entry;
    touch(state.praise, data.feedbackId);
    return state;
  },
};

/** Praise kept by province (`byProvince`): read one province's with `praiseProjection.province(state, tenantId)`. */
export const praiseProjection = byProvince(praiseInOneProvince);

export const PRAISE_DIMENSIONS = ['total', 'officer', 'unit'] as const;
export type PraiseDimension = (typeof PRAISE_DIMENSIONS)[number];

const valueOf = (entry: PraiseEntry, dimension: PraiseDimension): string | undefined =>
  dimension === 'total' ? 'all' : dimension === 'officer' ? entry.officerId : entry.unitId;

/** Praise received in a period (`all`, year, quarter, month or day) for one officer, one unit or in total. */
export const praiseReceived = (state: PraiseState, period: string, dimension: PraiseDimension, value: string): readonly PraiseEntry[] => {
  const parsed = parseReportingPeriod(period);
  if (parsed === undefined) return [];
  return Object.values(praiseTables(state).praise)
    .filter((entry) => inPeriod(entry.receivedOn, parsed) && valueOf(entry, dimension) === value)
    .sort((a, b) => a.ref[0] - b.ref[0]);
};

const praiseOfOneProvince: ExplainableReadModel<PraiseState> = {
  name: PRAISE,
  keys: (state) => {
    const keys = new Set<string>();
    for (const entry of Object.values(praiseTables(state).praise)) {
      for (const period of listedPeriodsOf(entry.receivedOn)) {
        for (const dimension of PRAISE_DIMENSIONS) {
          const value = valueOf(entry, dimension);
          if (value !== undefined) keys.add(conductKey(PRAISE, { period, dimension, value, measure: 'count' }));
        }
      }
    }
    return [...keys].sort();
  },
  explain: (state, key) => {
    const parsed = parseConductKey(PRAISE, key);
    const dimension = parsed?.dimension as PraiseDimension;
    if (parsed === undefined || parsed.measure !== 'count' || parsed.asOf !== undefined || !PRAISE_DIMENSIONS.includes(dimension)) return undefined;
    if (parseReportingPeriod(parsed.period) === undefined) return undefined;
    const received = praiseReceived(state, parsed.period, dimension, parsed.value);
    const inputs = received.map((entry) => entry.ref[0]);
    return {
      readModel: PRAISE,
      key,
      value: received.length,
      ruleSetVersions: distinct(received.map((entry) => entry.ruleSetId)),
      contributions: eventRefs(received.map((entry) => entry.ref)),
      steps: [{ label: 'praise received (events by global position)', op: 'count', inputs, result: received.length }],
    } satisfies Explanation;
  },
};

/**
 * Keys: `<tenantId>/praise/<period>/<dimension>/<value>/count`, dimension/value `total/all`,
 * `officer/<id>` or `unit/<id>`.
 */
export const praiseReadModel = byProvinceReadModel(praiseProjection, praiseOfOneProvince);
