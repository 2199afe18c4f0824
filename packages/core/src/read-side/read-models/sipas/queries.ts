import { countStep, percentOf, percentSteps } from '../../explain/build.js';
import type { ArithmeticStep } from '../../explain/explanation.js';
import { roundTo } from '../../explain/re-add.js';
import type { RoundingMode, RuleBook, RuleSet, SipasOverallMethod } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { lineageCounts, type LineageCounts } from '../../vocabulary/lineage.js';
import { parseAggregatePeriod, type Period } from '../../vocabulary/period.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { aspectsOf, SIPAS_DIMENSIONS, sipasCounts, type SipasAspect, type SipasCounts, type SipasMetric } from '../satisfaction-support/ratings.js';

export { aspectsOf, SIPAS_METRICS, sipasCounts, sipasMembers, type SipasCounts, type SipasMetric } from '../satisfaction-support/ratings.js';

export interface SipasIndex {
  /** Percent satisfied (1 decimal), `null` without answers. */
  readonly value: number | null;
  readonly satisfied: number;
  readonly answers: number;
}

/**
 * The dimensions of SIPAS figures: the dimensions ratings are counted under (`unit`, `province`), and
 * `lineage`: a unit with the units merged into it by the period's last day (docs/domain/org-chart.md §2).
 */
export const SIPAS_FIGURE_DIMENSIONS = [...SIPAS_DIMENSIONS, 'lineage'] as const;
export type SipasFigureDimension = (typeof SIPAS_FIGURE_DIMENSIONS)[number];

/** The counts of several scopes summed, aspect by aspect, over a metric's aspects. */
export const sumSipasCounts = (parts: readonly SipasCounts[], metric: SipasMetric): SipasCounts => {
  const aspects: Partial<Record<SipasAspect, { answers: number; satisfied: number }>> = {};
  let answers = 0;
  let satisfied = 0;
  for (const aspect of aspectsOf(metric)) {
    const own = { answers: 0, satisfied: 0 };
    for (const part of parts) {
      own.answers += part.aspects[aspect]?.answers ?? 0;
      own.satisfied += part.aspects[aspect]?.satisfied ?? 0;
    }
    aspects[aspect] = own;
    answers += own.answers;
    satisfied += own.satisfied;
  }
  return { answers, satisfied, aspects };
};

/** A unit's lineage in a period, the counts of each of its units rated in it, and their sum. */
export type SipasLineageCounts = LineageCounts<SipasCounts>;

/**
 * Answers of a metric over a period for a unit and the units merged into it by the period's last
 * day, summed per aspect; undefined when none of them was rated in the period.
 */
export const sipasLineageCounts = async (
  documents: DocumentQuery<SatisfactionDocument>,
  tenantId: string,
  unitId: string,
  period: Period,
  metric: SipasMetric,
): Promise<SipasLineageCounts | undefined> =>
  lineageCounts(
    documents,
    tenantId,
    unitId,
    period.end,
    (unit) => sipasCounts(documents, tenantId, 'unit', unit, period, metric),
    (parts) => sumSipasCounts(parts, metric),
  );

/** How a rule set makes a figure of several aspects (docs/domain/indices.md §4); older configurations pool. */
export const sipasOverallOf = (ruleSet: RuleSet): SipasOverallMethod => ruleSet.sipasOverall ?? 'pooled-answers';

const answered = (counts: SipasCounts) =>
  Object.entries(counts.aspects).flatMap(([aspect, own]) => (own === undefined || own.answers === 0 ? [] : [{ aspect, ...own }]));

/**
 * A SIPAS figure as re-addable steps, its last step's result the figure (docs/domain/indices.md §4).
 * `pooled-answers`: the satisfied answers of the metric's aspects over all their answers. `mean-of-aspects`:
 * each aspect's share satisfied of its own answers, unrounded, then their mean, rounded once. No step
 * without answers: the figure is not measured.
 */
export const sipasSteps = (counts: SipasCounts, method: SipasOverallMethod, metric: SipasMetric, mode: RoundingMode): ArithmeticStep[] => {
  const aspects = answered(counts);
  if (aspects.length === 0) return [];
  if (method === 'pooled-answers' || aspects.length === 1) {
    return [
      countStep('answers 4 or 5 (satisfied, very satisfied)', counts.satisfied),
      countStep('answers', counts.answers),
      ...percentSteps(`${metric} satisfied`, counts.satisfied, counts.answers, 1, mode),
    ];
  }
  const steps: ArithmeticStep[] = [];
  const shares = aspects.map(({ aspect, answers, satisfied }) => {
    const share = satisfied / (answers / 100);
    steps.push(
      countStep(`${aspect}: answers 4 or 5`, satisfied),
      countStep(`${aspect}: answers`, answers),
      { label: `${aspect}: ${satisfied} of ${answers}, per hundred`, op: 'ratio', inputs: [satisfied, answers / 100], result: share },
    );
    return share;
  });
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  steps.push(
    { label: `${metric}: mean of the ${shares.length} aspects' shares`, op: 'mean', inputs: shares, result: mean },
    { label: `${metric} satisfied`, op: 'round', inputs: [mean], digits: 1, mode, result: roundTo(mean, 1, mode) },
  );
  return steps;
};

/** The figure `sipasSteps` ends with, without the steps. */
export const sipasValue = (counts: SipasCounts, method: SipasOverallMethod, mode: RoundingMode): number | null => {
  const aspects = answered(counts);
  if (aspects.length === 0) return null;
  if (method === 'pooled-answers' || aspects.length === 1) return percentOf(counts.satisfied, counts.answers, 1, mode);
  const mean = aspects.reduce((total, { answers, satisfied }) => total + satisfied / (answers / 100), 0) / aspects.length;
  return roundTo(mean, 1, mode);
};

/** The figures of the SIPAS index, made and rounded by the rule set in force on the period's last day. */
export const sipasQueries = (rules: RuleBook) => ({
  /**
   * Percent satisfied; undefined for a scope never rated in the period. For `lineage`, the unit's
   * answers with those of the units merged into it by the period's last day.
   */
  sipas: async (
    documents: DocumentQuery<SatisfactionDocument>,
    tenantId: string,
    dimension: SipasFigureDimension,
    id: string,
    grain: string,
    periodKey: string,
    metric: SipasMetric = 'overall',
  ): Promise<SipasIndex | undefined> => {
    const period = parseAggregatePeriod(grain, periodKey);
    if (period === undefined) return undefined;
    const counts =
      dimension === 'lineage' ? (await sipasLineageCounts(documents, tenantId, id, period, metric))?.counts : await sipasCounts(documents, tenantId, dimension, id, period, metric);
    if (counts === undefined) return undefined;
    const ruleSet = rules.inForceAt(period.end);
    return { value: sipasValue(counts, sipasOverallOf(ruleSet), ruleSet.indexRounding), satisfied: counts.satisfied, answers: counts.answers };
  },
});
