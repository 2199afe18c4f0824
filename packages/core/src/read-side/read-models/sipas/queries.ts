import { percentOf } from '../../explain/build.js';
import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { parseAggregatePeriod } from '../../vocabulary/period.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { sipasCounts, type SipasDimension, type SipasMetric } from '../satisfaction-support/ratings.js';

export { aspectsOf, SIPAS_METRICS, sipasCounts, sipasMembers, type SipasCounts, type SipasMetric } from '../satisfaction-support/ratings.js';

export interface SipasIndex {
  /** Percent satisfied (1 decimal), `null` without answers. */
  readonly value: number | null;
  readonly satisfied: number;
  readonly answers: number;
}

/** The figures of the SIPAS index, rounded by the rule set in force on the period's last day. */
export const sipasQueries = (rules: RuleBook) => ({
  /** Percent satisfied; undefined for a scope never rated in the period. */
  sipas: async (
    documents: DocumentQuery<SatisfactionDocument>,
    tenantId: string,
    dimension: SipasDimension,
    id: string,
    grain: string,
    periodKey: string,
    metric: SipasMetric = 'overall',
  ): Promise<SipasIndex | undefined> => {
    const period = parseAggregatePeriod(grain, periodKey);
    if (period === undefined) return undefined;
    const counts = await sipasCounts(documents, tenantId, dimension, id, period, metric);
    if (counts === undefined) return undefined;
    const { answers, satisfied } = counts;
    const mode = rules.inForceAt(period.end).indexRounding;
    return { value: answers === 0 ? null : percentOf(satisfied, answers, 1, mode), satisfied, answers };
  },
});
