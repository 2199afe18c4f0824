import { SIPAS_ASPECTS, type SipasAspect } from '../dossier-facts/changes.js';
import type { Grain } from '../dossier-facts/periods.js';
import { addToRows } from '../dossier-facts/rows.js';
import type { DossierFacts, DossierReadModelsState } from '../dossier-facts/state.js';

/**
 * SIPAS-style satisfaction index (Chỉ số hài lòng về sự phục vụ hành chính) from the citizens' own
 * rating events: per aspect, the share of answers "satisfied" (4) or "very satisfied" (5) among the
 * answers given for it; `overall` pools the answers of all five aspects (352 satisfied of 400 →
 * 88.0%), `dossierHandling` all but feedback handling (Decision 766's satisfaction with dossier
 * handling). Per unit and province, by the month, quarter and year of the rating.
 */
export const SIPAS_GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];
export const SIPAS_DIMENSIONS = ['unit', 'province'] as const;
export type SipasDimension = (typeof SIPAS_DIMENSIONS)[number];
export const SIPAS_METRICS = [...SIPAS_ASPECTS, 'dossierHandling', 'overall'] as const;
export type SipasMetric = (typeof SIPAS_METRICS)[number];
export const SATISFIED_AT_LEAST = 4;

export const sipasDimensionId = (facts: DossierFacts, dimension: SipasDimension): string | undefined =>
  dimension === 'unit' ? facts.unit : facts.tenant;

/** Call once the facts took the `rated` change. */
export const applyRatingToSipas = (state: DossierReadModelsState, facts: DossierFacts): void => {
  if (facts.sipas === undefined || facts.rated === undefined) return;
  const deltas: number[] = [];
  SIPAS_ASPECTS.forEach((aspect, i) => {
    const level = facts.sipas?.[aspect];
    if (level === undefined) return;
    deltas.push(2 * i, 1);
    if (level >= SATISFIED_AT_LEAST) deltas.push(2 * i + 1, 1);
  });
  for (const dimension of SIPAS_DIMENSIONS) {
    const id = sipasDimensionId(facts, dimension);
    if (id !== undefined) addToRows(state.sipas, dimension, id, facts.rated, false, 10, deltas);
  }
};

export const aspectsOf = (metric: SipasMetric): readonly SipasAspect[] =>
  metric === 'overall'
    ? SIPAS_ASPECTS
    : metric === 'dossierHandling'
      ? SIPAS_ASPECTS.filter((aspect) => aspect !== 'feedbackHandling')
      : [metric];

/** Answers and satisfied answers of a metric in one row. */
export const sipasCounts = (row: readonly number[], metric: SipasMetric): { answers: number; satisfied: number } => {
  let answers = 0;
  let satisfied = 0;
  for (const aspect of aspectsOf(metric)) {
    const i = SIPAS_ASPECTS.indexOf(aspect);
    answers += row[2 * i] ?? 0;
    satisfied += row[2 * i + 1] ?? 0;
  }
  return { answers, satisfied };
};
