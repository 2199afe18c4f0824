import type { RuleBook } from '../../rules/types.js';
import { countStep, explanation, inGlobalOrder, percentOf, percentSteps } from '../../read-side/explain/build.js';
import type { ExplainableReadModel, Explanation } from '../../read-side/explain/explanation.js';
import { inPeriod, parseScopedKey, scopedKey } from '../dossier-facts/keys.js';
import { dossiersIn } from '../dossier-facts/day-index.js';
import { rowAt, rowScopes } from '../dossier-facts/rows.js';
import { lastDayOf, type Grain } from '../dossier-facts/periods.js';
import { refsOf } from '../dossier-facts/refs.js';
import type { DossierReadModelsState } from '../dossier-facts/state.js';
import { aspectsOf, SATISFIED_AT_LEAST, SIPAS_DIMENSIONS, SIPAS_GRAINS, SIPAS_METRICS, sipasCounts, sipasDimensionId, type SipasDimension, type SipasMetric } from './sipas.js';

export const SIPAS = 'sipas';

/** Percent satisfied (1 decimal), or `null` without answers; `undefined` for a scope never rated in the period. */
export const sipasIndex = (
  state: DossierReadModelsState,
  dimension: SipasDimension,
  id: string,
  grain: Grain,
  period: string,
  metric: SipasMetric,
  rules: RuleBook,
): { readonly value: number | null; readonly satisfied: number; readonly answers: number } | undefined => {
  const row = rowAt(state.sipas, dimension, id, grain, period);
  if (row === undefined) return undefined;
  const { answers, satisfied } = sipasCounts(row, metric);
  const mode = rules.inForceAt(lastDayOf(grain, period)).indexRounding;
  return { value: answers === 0 ? null : percentOf(satisfied, answers, 1, mode), satisfied, answers };
};

/** Keys: `sipas/<unit|province>/<id>/<month|quarter|year>/<period>/<access|procedure|officers|result|feedbackHandling|dossierHandling|overall>`. */
export const createSipasReadModel = (rules: RuleBook): ExplainableReadModel<DossierReadModelsState> => {
  const explain = (state: DossierReadModelsState, key: string): Explanation | undefined => {
    const parsed = parseScopedKey(key, 'sipas', SIPAS_DIMENSIONS, SIPAS_METRICS, SIPAS_GRAINS);
    if (parsed === undefined) return undefined;
    const { dimension, id, grain, period, metric } = parsed;
    const index = sipasIndex(state, dimension, id, grain, period, metric, rules);
    if (index === undefined) return undefined;
    const ruleSet = rules.inForceAt(lastDayOf(grain, period));
    const aspects = aspectsOf(metric);
    const rated = dossiersIn(state, grain, period).filter(
      (f) => f.sipas !== undefined && inPeriod(f.rated, grain, period) && sipasDimensionId(f, dimension) === id && aspects.some((a) => f.sipas?.[a] !== undefined),
    );
    const levels = rated.flatMap((f) => aspects.flatMap((a) => (f.sipas?.[a] === undefined ? [] : [f.sipas[a]])));
    const satisfied = levels.filter((level) => level >= SATISFIED_AT_LEAST).length;
    return explanation({
      readModel: SIPAS,
      key,
      value: index.value,
      ...(index.value === null ? { notMeasured: `no answer on ${metric} in ${period}` } : {}),
      ruleSetVersions: [ruleSet.id],
      contributions: inGlobalOrder(rated.flatMap((f) => refsOf(f, ['DossierRated']))),
      steps: [
        countStep(`answers ${SATISFIED_AT_LEAST} or 5 (satisfied, very satisfied)`, satisfied),
        countStep(`answers on ${aspects.join(', ')}`, levels.length),
        ...(levels.length === 0 ? [] : percentSteps(`${metric} satisfied`, satisfied, levels.length, 1, ruleSet.indexRounding)),
      ],
    });
  };
  const keys = (state: DossierReadModelsState): string[] =>
    rowScopes(state.sipas, SIPAS_GRAINS).flatMap(([dimension, id, grain, period]) => {
      return SIPAS_METRICS.map((metric) => scopedKey('sipas', dimension, id, grain, period, metric));
    });
  return { name: SIPAS, keys, explain };
};
