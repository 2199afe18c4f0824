import type { RuleBook } from '../../rules/types.js';
import { explanation, inGlobalOrder } from '../../read-side/explain/build.js';
import type { ArithmeticStep, ExplainableReadModel, Explanation } from '../../read-side/explain/explanation.js';
import { parseScopedKey, scopedKey } from '../dossier-facts/keys.js';
import { rowScopes } from '../dossier-facts/rows.js';
import { lastDayOf, type Grain } from '../dossier-facts/periods.js';
import type { DossierReadModelsState } from '../dossier-facts/state.js';
import type { UnitLevelInputs } from '../satisfaction/unit-level-inputs.js';
import { COMPONENTS, SERVICE_INDEX_DIMENSIONS, SERVICE_INDEX_GRAINS, serviceIndex, type Component } from './service-index.js';

export const SERVICE_INDEX = 'service-index-766';
const METRICS = [...COMPONENTS, 'total'] as const;

/** Keys: `index766/<unit|province>/<id>/<month|quarter|year>/<period>/<component|total>`. */
export const createServiceIndexReadModel = (rules: RuleBook, inputs: UnitLevelInputs = {}): ExplainableReadModel<DossierReadModelsState> => {
  const explain = (state: DossierReadModelsState, key: string): Explanation | undefined => {
    const parsed = parseScopedKey(key, 'index766', SERVICE_INDEX_DIMENSIONS, METRICS, SERVICE_INDEX_GRAINS);
    if (parsed === undefined) return undefined;
    const { dimension, id, grain, period, metric } = parsed;
    const index = serviceIndex(state, rules, inputs, dimension, id, grain, period, true);
    const ruleSetVersions = [rules.inForceAt(lastDayOf(grain, period)).id];
    if (metric !== 'total') {
      const figure = index.components[metric as Component];
      return explanation({
        readModel: SERVICE_INDEX,
        key,
        value: figure.value,
        ...(figure.notMeasured === undefined ? {} : { notMeasured: figure.notMeasured }),
        ruleSetVersions,
        contributions: inGlobalOrder(figure.contributions),
        steps: figure.steps,
      });
    }
    const steps: ArithmeticStep[] = COMPONENTS.flatMap((c) => index.components[c].steps);
    if (index.total !== null) {
      const values = COMPONENTS.map((c) => index.components[c].value ?? 0);
      const sum = values.reduce((a, b) => a + b, 0);
      const mode = rules.inForceAt(lastDayOf(grain, period)).indexRounding;
      steps.push(
        { label: COMPONENTS.join(' + '), op: 'sum', inputs: values, result: sum },
        { label: 'service index of 100', op: 'round', inputs: [sum], digits: 1, mode, result: index.total },
      );
    }
    return explanation({
      readModel: SERVICE_INDEX,
      key,
      value: index.total,
      ...(index.notMeasured === undefined ? {} : { notMeasured: index.notMeasured }),
      ruleSetVersions,
      contributions: inGlobalOrder(COMPONENTS.flatMap((c) => index.components[c].contributions)),
      steps,
    });
  };
  const keys = (state: DossierReadModelsState): string[] => {
    const rows = new Set<string>();
    for (const table of [state.intake, state.timeliness, state.sipas, state.feedbackCounts]) {
      for (const [dimension, id, grain, period] of rowScopes(table, SERVICE_INDEX_GRAINS)) {
        if ((SERVICE_INDEX_DIMENSIONS as readonly string[]).includes(dimension)) rows.add(`${dimension}/${id}/${grain}/${period}`);
      }
    }
    return [...rows].sort().flatMap((rowKey) => {
      const [dimension, id, grain, period] = rowKey.split('/') as [string, string, Grain, string];
      return METRICS.map((metric) => scopedKey('index766', dimension, id, grain, period, metric));
    });
  };
  return { name: SERVICE_INDEX, keys, explain };
};
