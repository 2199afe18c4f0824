import type { ArithmeticStep } from '../../explain/explanation.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { ExplainedFigure } from '../../read-model.js';
import { parseFigureKey, type SatisfactionDocument } from '../satisfaction-support/documents.js';
import { SERVICE_INDEX_DIMENSIONS } from './projection.js';
import { COMPONENTS, scopeOf, serviceIndexOf, type ServiceIndexContext } from './queries.js';

export const SERVICE_INDEX = 'service-index-766';
export const SERVICE_INDEX_METRICS = [...COMPONENTS, 'total'] as const;

/** One component of the index, or its total, with the steps and events of every component. */
export const explainServiceIndex =
  (context: ServiceIndexContext) =>
  async (documents: DocumentQuery<SatisfactionDocument>, key: string): Promise<ExplainedFigure | undefined> => {
    const parsed = parseFigureKey(key, 'index766', SERVICE_INDEX_DIMENSIONS, SERVICE_INDEX_METRICS);
    if (parsed === undefined) return undefined;
    const { tenantId, dimension, id, period, metric } = parsed;
    const index = await serviceIndexOf(scopeOf(context, documents, tenantId, dimension, id, period, true));
    const ruleSet = context.rules.inForceAt(period.end);
    const ruleSetVersions = [ruleSet.id];
    if (metric !== 'total') {
      const figure = index.components[metric];
      return {
        readModel: SERVICE_INDEX,
        key,
        value: figure.value,
        ...(figure.notMeasured === undefined ? {} : { notMeasured: figure.notMeasured }),
        ruleSetVersions,
        contributions: figure.contributions,
        steps: figure.steps,
      };
    }
    const steps: ArithmeticStep[] = COMPONENTS.flatMap((c) => index.components[c].steps);
    if (index.total !== null) {
      const values = COMPONENTS.map((c) => index.components[c].value ?? 0);
      const sum = values.reduce((a, b) => a + b, 0);
      steps.push(
        { label: COMPONENTS.join(' + '), op: 'sum', inputs: values, result: sum },
        { label: 'service index of 100', op: 'round', inputs: [sum], digits: 1, mode: ruleSet.indexRounding, result: index.total },
      );
    }
    return {
      readModel: SERVICE_INDEX,
      key,
      value: index.total,
      ...(index.notMeasured === undefined ? {} : { notMeasured: index.notMeasured }),
      ruleSetVersions,
      contributions: COMPONENTS.flatMap((c) => index.components[c].contributions),
      steps,
    };
  };
