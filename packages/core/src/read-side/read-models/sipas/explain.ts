import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { ArithmeticStep } from '../../explain/explanation.js';
import type { ExplainedFigure } from '../../read-model.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { parseFigureKey, type SatisfactionDocument } from '../satisfaction-support/documents.js';
import { SATISFIED_AT_LEAST, type SipasAspect } from './projection.js';
import { aspectsOf, sipasLineageCounts, sipasMembers, sipasOverallOf, sipasQueries, sipasSteps, sipasValue, SIPAS_FIGURE_DIMENSIONS, SIPAS_METRICS, type SipasCounts } from './queries.js';

export const SIPAS = 'sipas';

/**
 * One SIPAS figure from the ratings listed by day: the answers of each aspect and the satisfied ones,
 * made into the figure as the rule set in force on the period's last day says (`sipasOverall`). A
 * `lineage` figure lists the ratings of the unit and of every unit merged into it by the period's
 * last day, adds their answers up per aspect (one `sum` step per aspect and count, naming the units),
 * and counts the merger events among its contributions.
 */
export const explainSipas = (rules: RuleBook) => {
  const { sipas } = sipasQueries(rules);
  return async (documents: DocumentQuery<SatisfactionDocument>, key: string): Promise<ExplainedFigure | undefined> => {
    const parsed = parseFigureKey(key, 'sipas', SIPAS_FIGURE_DIMENSIONS, SIPAS_METRICS);
    if (parsed === undefined) return undefined;
    const { tenantId, dimension, id, period, metric } = parsed;
    const ruleSet = rules.inForceAt(period.end);
    // A lineage figure's counts are read once, for the figure and its explanation.
    const lineage = dimension === 'lineage' ? await sipasLineageCounts(documents, tenantId, id, period, metric) : undefined;
    const index =
      dimension === 'lineage'
        ? lineage === undefined
          ? undefined
          : { value: sipasValue(lineage.counts, sipasOverallOf(ruleSet), ruleSet.indexRounding) }
        : await sipas(documents, tenantId, dimension, id, period.grain, period.key, metric);
    if (index === undefined) return undefined;
    const scopes = lineage === undefined ? [[dimension === 'lineage' ? 'unit' : dimension, id] as const] : lineage.byUnit.map(([unit]) => ['unit', unit] as const);
    const aspects: Partial<Record<SipasAspect, { answers: number; satisfied: number }>> = {};
    const contributions: EventPosition[] = [];
    let answers = 0;
    let satisfied = 0;
    const perScope: { answers: number; satisfied: number }[][] = [];
    for (const [scope, scopeId] of scopes) {
      const { ratings } = await sipasMembers(documents, tenantId, scope, scopeId, period, metric);
      contributions.push(...ratings.flatMap((entry) => (entry.p === undefined ? [] : [entry.p])));
      perScope.push(
        aspectsOf(metric).map((aspect) => {
          const levels = ratings.flatMap((entry) => (entry.levels?.[aspect] === undefined ? [] : [entry.levels[aspect]]));
          return { answers: levels.length, satisfied: levels.filter((level) => level >= SATISFIED_AT_LEAST).length };
        }),
      );
    }
    aspectsOf(metric).forEach((aspect, i) => {
      const own = { answers: 0, satisfied: 0 };
      for (const scope of perScope) {
        own.answers += scope[i]?.answers ?? 0;
        own.satisfied += scope[i]?.satisfied ?? 0;
      }
      aspects[aspect] = own;
      answers += own.answers;
      satisfied += own.satisfied;
    });
    const counts: SipasCounts = { answers, satisfied, aspects };
    const figureSteps = sipasSteps(counts, sipasOverallOf(ruleSet), metric, ruleSet.indexRounding);
    const sums: ArithmeticStep[] = [];
    if (lineage !== undefined) contributions.push(...lineage.lineage.mergers.map((merger) => merger.p));
    if (lineage !== undefined && lineage.lineage.mergers.length > 0 && figureSteps.length > 0) {
      const units = scopes.map(([, unit]) => unit).join(', ');
      aspectsOf(metric).forEach((aspect, i) => {
        const own = aspects[aspect] ?? { answers: 0, satisfied: 0 };
        sums.push(
          { label: `${aspect}: answers of ${units}`, op: 'sum', inputs: perScope.map((scope) => scope[i]?.answers ?? 0), result: own.answers },
          { label: `${aspect}: answers 4 or 5 of ${units}`, op: 'sum', inputs: perScope.map((scope) => scope[i]?.satisfied ?? 0), result: own.satisfied },
        );
      });
    }
    return {
      readModel: SIPAS,
      key,
      value: index.value,
      ...(index.value === null ? { notMeasured: `no answer on ${metric} in ${period.key}` } : {}),
      ruleSetVersions: [ruleSet.id],
      contributions,
      steps: [...sums, ...figureSteps],
    };
  };
};
