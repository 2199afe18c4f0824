import type { RuleBook, RuleSet } from '../../rules/types.js';
import { roundTo } from '../../read-side/explain/re-add.js';
import { lastDayOf, type Grain } from '../dossier-facts/periods.js';
import { rowAt } from '../dossier-facts/rows.js';
import type { DossierReadModelsState } from '../dossier-facts/state.js';
import { agencyBand, DERIVED_INDICES, officerBand, scoringPolicyOf, UNIT_LEVEL_INDICES, type Circular01Dimension } from './circular01.js';
import { feedbackIndex, feedbackRow } from './feedback-handling.js';
import { inputsFor, type UnitLevelInputs } from './unit-level-inputs.js';

export interface UnitLevelIndex {
  readonly value: number | null;
  /** Where the value comes from: `events` (index 8 from feedback) or the input's `source`. */
  readonly source?: string;
  readonly notMeasured?: string;
}

export interface Circular01Figures {
  readonly dossiers: number;
  /** Averaged per-dossier indices 1, 2, 3, 4, 7, each rounded by the evaluation rule set. */
  readonly means: Readonly<Record<(typeof DERIVED_INDICES)[number], number>>;
  /** Unit and province only: indices 5, 6, 8, 9. */
  readonly unitLevel?: Readonly<Record<(typeof UNIT_LEVEL_INDICES)[number], UnitLevelIndex>>;
  readonly total: number | null;
  readonly band?: string;
  readonly notMeasured?: string;
  /** The rule set in force on the period's last day: its rounding and scoring digits apply. */
  readonly ruleSet: RuleSet;
}

export const unitLevelIndex = (
  state: DossierReadModelsState,
  inputs: UnitLevelInputs,
  dimension: 'unit' | 'province',
  id: string,
  grain: Grain,
  period: string,
  index: (typeof UNIT_LEVEL_INDICES)[number],
): UnitLevelIndex => {
  if (index === '8') {
    const row = feedbackRow(state, dimension, id, grain, period);
    if (row !== undefined) return { value: feedbackIndex(row[1] ?? 0, row[0] ?? 0), source: 'events' };
  }
  const given = inputsFor(inputs, dimension, id, period);
  const value = given?.circular01?.[index];
  if (given !== undefined && value !== undefined) return { value, source: given.source };
  return {
    value: null,
    notMeasured:
      index === '8'
        ? `no feedback recorded for ${dimension} ${id} in ${period} and no input given`
        : `index ${index} is carried by no event; no input given for ${dimension} ${id} in ${period}`,
  };
};

/** TT01 scores of an officer, unit or province over a month, quarter or year of returns. */
export const circular01Figures = (
  state: DossierReadModelsState,
  rules: RuleBook,
  inputs: UnitLevelInputs,
  dimension: Circular01Dimension,
  id: string,
  grain: Grain,
  period: string,
): Circular01Figures | undefined => {
  const row = rowAt(state.circular01, dimension, id, grain, period);
  if (row === undefined || (row[0] ?? 0) === 0) return undefined;
  const ruleSet = rules.inForceAt(lastDayOf(grain, period));
  const { digits } = scoringPolicyOf(rules, ruleSet.id);
  const n = row[0] as number;
  const means = Object.fromEntries(DERIVED_INDICES.map((index, i) => [index, roundTo((row[i + 1] ?? 0) / n, digits, ruleSet.indexRounding)])) as Record<
    (typeof DERIVED_INDICES)[number],
    number
  >;
  const derivedTotal = roundTo(Object.values(means).reduce((a, b) => a + b, 0), digits, ruleSet.indexRounding);
  if (dimension === 'officer') return { dossiers: n, means, total: derivedTotal, band: officerBand(derivedTotal), ruleSet };
  const unitLevel = Object.fromEntries(
    UNIT_LEVEL_INDICES.map((index) => [index, unitLevelIndex(state, inputs, dimension, id, grain, period, index)]),
  ) as Record<(typeof UNIT_LEVEL_INDICES)[number], UnitLevelIndex>;
  const missing = UNIT_LEVEL_INDICES.filter((index) => unitLevel[index].value === null);
  if (missing.length > 0) {
    return { dossiers: n, means, unitLevel, total: null, notMeasured: `indices ${missing.join(', ')} not measured`, ruleSet };
  }
  const total = roundTo(derivedTotal + UNIT_LEVEL_INDICES.reduce((sum, index) => sum + (unitLevel[index].value ?? 0), 0), digits, ruleSet.indexRounding);
  return { dossiers: n, means, unitLevel, total, band: agencyBand(total), ruleSet };
};
