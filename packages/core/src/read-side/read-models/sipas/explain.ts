import { countStep, percentSteps } from '../../explain/build.js';
import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { ExplainedFigure } from '../../read-model.js';
import { parseFigureKey, type SatisfactionDocument } from '../satisfaction-support/documents.js';
import { SATISFIED_AT_LEAST, SIPAS_DIMENSIONS } from './projection.js';
import { aspectsOf, sipasMembers, sipasQueries, SIPAS_METRICS } from './queries.js';

export const SIPAS = 'sipas';

/** One SIPAS figure: the satisfied answers and all answers counted from the ratings listed by day. */
export const explainSipas = (rules: RuleBook) => {
  const { sipas } = sipasQueries(rules);
  return async (documents: DocumentQuery<SatisfactionDocument>, key: string): Promise<ExplainedFigure | undefined> => {
    const parsed = parseFigureKey(key, 'sipas', SIPAS_DIMENSIONS, SIPAS_METRICS);
    if (parsed === undefined) return undefined;
    const { tenantId, dimension, id, period, metric } = parsed;
    const index = await sipas(documents, tenantId, dimension, id, period.grain, period.key, metric);
    if (index === undefined) return undefined;
    const ruleSet = rules.inForceAt(period.end);
    const { ratings, levels } = await sipasMembers(documents, tenantId, dimension, id, period, metric);
    const satisfied = levels.filter((level) => level >= SATISFIED_AT_LEAST).length;
    return {
      readModel: SIPAS,
      key,
      value: index.value,
      ...(index.value === null ? { notMeasured: `no answer on ${metric} in ${period.key}` } : {}),
      ruleSetVersions: [ruleSet.id],
      contributions: ratings.flatMap((entry) => (entry.p === undefined ? [] : [entry.p])),
      steps: [
        countStep(`answers ${SATISFIED_AT_LEAST} or 5 (satisfied, very satisfied)`, satisfied),
        countStep(`answers on ${aspectsOf(metric).join(', ')}`, levels.length),
        ...(levels.length === 0 ? [] : percentSteps(`${metric} satisfied`, satisfied, levels.length, 1, ruleSet.indexRounding)),
      ],
    };
  };
};
