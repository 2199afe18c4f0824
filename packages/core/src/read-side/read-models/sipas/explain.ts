import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { ExplainedFigure } from '../../read-model.js';
import { parseFigureKey, type SatisfactionDocument } from '../satisfaction-support/documents.js';
import { SATISFIED_AT_LEAST, SIPAS_DIMENSIONS, type SipasAspect } from './projection.js';
import { aspectsOf, sipasMembers, sipasOverallOf, sipasQueries, sipasSteps, SIPAS_METRICS, type SipasCounts } from './queries.js';

export const SIPAS = 'sipas';

/**
 * One SIPAS figure from the ratings listed by day: the answers of each aspect and the satisfied ones,
 * made into the figure as the rule set in force on the period's last day says (`sipasOverall`).
 */
export const explainSipas = (rules: RuleBook) => {
  const { sipas } = sipasQueries(rules);
  return async (documents: DocumentQuery<SatisfactionDocument>, key: string): Promise<ExplainedFigure | undefined> => {
    const parsed = parseFigureKey(key, 'sipas', SIPAS_DIMENSIONS, SIPAS_METRICS);
    if (parsed === undefined) return undefined;
    const { tenantId, dimension, id, period, metric } = parsed;
    const index = await sipas(documents, tenantId, dimension, id, period.grain, period.key, metric);
    if (index === undefined) return undefined;
    const ruleSet = rules.inForceAt(period.end);
    const { ratings } = await sipasMembers(documents, tenantId, dimension, id, period, metric);
    const aspects: Partial<Record<SipasAspect, { answers: number; satisfied: number }>> = {};
    let answers = 0;
    let satisfied = 0;
    for (const aspect of aspectsOf(metric)) {
      const levels = ratings.flatMap((entry) => (entry.levels?.[aspect] === undefined ? [] : [entry.levels[aspect]]));
      const own = { answers: levels.length, satisfied: levels.filter((level) => level >= SATISFIED_AT_LEAST).length };
      aspects[aspect] = own;
      answers += own.answers;
      satisfied += own.satisfied;
    }
    const counts: SipasCounts = { answers, satisfied, aspects };
    return {
      readModel: SIPAS,
      key,
      value: index.value,
      ...(index.value === null ? { notMeasured: `no answer on ${metric} in ${period.key}` } : {}),
      ruleSetVersions: [ruleSet.id],
      contributions: ratings.flatMap((entry) => (entry.p === undefined ? [] : [entry.p])),
      steps: sipasSteps(counts, sipasOverallOf(ruleSet), metric, ruleSet.indexRounding),
    };
  };
};
