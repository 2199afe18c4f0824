import { percentOf } from '../../explain/build.js';
import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { Period } from '../../vocabulary/period.js';
import { countsIn, entriesIn, type DayEntry, type SatisfactionDocument } from '../circular01/documents.js';

import { ratedPrefix, ratingsPrefix, satisfiedCounter, SIPAS_ASPECTS, type RatingsPrefix, type SipasAspect, type SipasDimension } from './projection.js';
import { parseAggregatePeriod } from '../../vocabulary/period.js';

/**
 * Per aspect, the share of answers "satisfied" (4) or "very satisfied" (5) among the answers given
 * for it; `overall` pools the answers of all five aspects (352 satisfied of 400 → 88.0%),
 * `dossierHandling` all but feedback handling (Decision 766's satisfaction with dossier handling).
 * Per unit and province, by the month, quarter and year of the rating.
 */
export const SIPAS_METRICS = [...SIPAS_ASPECTS, 'dossierHandling', 'overall'] as const;
export type SipasMetric = (typeof SIPAS_METRICS)[number];

export const aspectsOf = (metric: SipasMetric): readonly SipasAspect[] =>
  metric === 'overall' ? SIPAS_ASPECTS : metric === 'dossierHandling' ? SIPAS_ASPECTS.filter((aspect) => aspect !== 'feedbackHandling') : [metric];

export interface SipasCounts {
  readonly answers: number;
  readonly satisfied: number;
}

/** Answers and satisfied answers of a metric over a period; undefined for a scope never rated in it. */
export const sipasCounts = async (
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  dimension: SipasDimension,
  id: string,
  period: Period,
  metric: SipasMetric,
  countsPrefix: RatingsPrefix = ratingsPrefix,
): Promise<SipasCounts | undefined> => {
  const counts = await countsIn(documents, countsPrefix(tenantId, dimension, id), period);
  if (counts?.ratings === undefined) return undefined;
  let answers = 0;
  let satisfied = 0;
  for (const aspect of aspectsOf(metric)) {
    answers += counts[aspect] ?? 0;
    satisfied += counts[satisfiedCounter(aspect)] ?? 0;
  }
  return { answers, satisfied };
};

/** The ratings of a scope in a period with an answer on the metric's aspects: position and the levels given. */
export const sipasMembers = async (
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  dimension: SipasDimension,
  id: string,
  period: Period,
  metric: SipasMetric,
): Promise<{ readonly ratings: readonly DayEntry[]; readonly levels: readonly number[] }> => {
  const aspects = aspectsOf(metric);
  const ratings = (await entriesIn(documents, ratedPrefix(tenantId, dimension, id), period)).filter((entry) => aspects.some((a) => entry.levels?.[a] !== undefined));
  const levels = ratings.flatMap((entry) => aspects.flatMap((a) => (entry.levels?.[a] === undefined ? [] : [entry.levels[a]])));
  return { ratings, levels };
};

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
