import { CIRCULAR01_SCORING_V1 } from '../../rules/data/circular01-scoring-v1.js';
import type { Circular01ScoringPolicy, RuleBook } from '../../rules/types.js';
import type { Timeliness } from '../dossier-facts/changes.js';
import { officerOf } from '../dossier-facts/facts.js';
import type { Grain } from '../dossier-facts/periods.js';
import { addToRows } from '../dossier-facts/rows.js';
import { tripsOf, type DossierFacts, type DossierReadModelsState } from '../dossier-facts/state.js';

/**
 * Circular 01/2018 (TT01) per-dossier indices derived from the dossier's events (docs/domain/indices.md §1):
 * 1. time against the limit: early 2, on the day 1, late 0 (against the due date the rule set's
 *    scoring policy names);
 * 2. each participating body against its step limit: the lowest step score, or index 1 when no other
 *    body took part (the receiving body's time is then the total time);
 * 3. contacts to complete the dossier: supplement requests at intake and in processing, 0 → 2, 1 → 1,
 *    more → 0 (the log does not say whose fault a gap was, so none is excluded);
 * 4. bodies the applicant had to deal with: none beyond filing and collecting (no supplement, at most
 *    two trips) → 2, the desk only (a supplement or another trip) → 1; the log holds no contact with
 *    other bodies, so 0 is never derived (a citizen's own 0 shows as a disagreement);
 * 7. attitude: substantiated complaint → 0, else early 2, on the day 1, late by the policy.
 */
export const DERIVED_INDICES = ['1', '2', '3', '4', '7'] as const;
export const UNIT_LEVEL_INDICES = ['5', '6', '8', '9'] as const;
export const CIRCULAR01_GRAINS: readonly Grain[] = ['month', 'quarter', 'year'];
export const CIRCULAR01_DIMENSIONS = ['officer', 'unit', 'province'] as const;
export type Circular01Dimension = (typeof CIRCULAR01_DIMENSIONS)[number];

export const scoringPolicyOf = (rules: RuleBook, ruleSetId: string | undefined): Circular01ScoringPolicy =>
  (ruleSetId === undefined ? undefined : rules.byId(ruleSetId)?.circular01Scoring) ?? CIRCULAR01_SCORING_V1;

const scale = (timeliness: Timeliness | undefined): number => (timeliness === 'early' ? 2 : timeliness === 'on-time' ? 1 : 0);

/** Indices 1, 2, 3, 4, 7 of a returned dossier; `undefined` before its return. */
export const derivedIndices = (facts: DossierFacts, policy: Circular01ScoringPolicy): number[] | undefined => {
  if (facts.returned === undefined) return undefined;
  const timeliness = policy.timelinessAgainst === 'due-date' ? facts.timeliness : facts.timelinessAgainstOriginal;
  const i1 = scale(timeliness);
  const contacts = facts.contacts ?? 0;
  const i2 = (facts.steps ?? 0) === 0 ? i1 : (facts.stepScore ?? 2);
  const i3 = contacts === 0 ? 2 : contacts === 1 ? 1 : 0;
  const i4 = contacts === 0 && tripsOf(facts) <= 2 ? 2 : 1;
  const i7 = facts.complaint === true ? 0 : timeliness === 'late' ? policy.lateWithoutComplaintAttitude : i1;
  return [i1, i2, i3, i4, i7];
};

export const circular01DimensionId = (facts: DossierFacts, dimension: Circular01Dimension): string | undefined =>
  dimension === 'officer' ? officerOf(facts) : dimension === 'unit' ? facts.unit : facts.tenant;

/**
 * Keeps the aggregates equal to the sum of every returned dossier's current indices: a complaint
 * concluded after the return moves index 7 of its periods, whichever order the streams interleave in.
 */
export const applyToCircular01 = (state: DossierReadModelsState, facts: DossierFacts, rules: RuleBook): void => {
  const now = derivedIndices(facts, scoringPolicyOf(rules, facts.ruleSet));
  const before = facts.scored;
  if (now === undefined || facts.returned === undefined) return;
  if (before !== undefined && before.every((score, i) => score === now[i])) return;
  const deltas = [0, before === undefined ? 1 : 0];
  now.forEach((score, i) => deltas.push(i + 1, score - (before?.[i] ?? 0)));
  for (const dimension of CIRCULAR01_DIMENSIONS) {
    const id = circular01DimensionId(facts, dimension);
    if (id !== undefined) addToRows(state.circular01, dimension, id, facts.returned, false, 6, deltas);
  }
  facts.scored = now;
};

/** Officer band (docs/domain/indices.md §1): total ≥ 5 → 100% of tasks, 3.5–<5 → 70–<100%, < 3.5 → < 70%. */
export const officerBand = (total: number): string => (total >= 5 ? '100%' : total >= 3.5 ? '70-<100%' : '<70%');

/** Agency band: ≥ 15 excellent, 12–<15 good, 9–<12 fair, 6–<9 average, < 6 weak. */
export const agencyBand = (total: number): string =>
  total >= 15 ? 'excellent' : total >= 12 ? 'good' : total >= 9 ? 'fair' : total >= 6 ? 'average' : 'weak';

/** A citizen's own score and the derived one, for every derived index the citizen gave. */
export const citizenComparison = (
  facts: DossierFacts,
  rules: RuleBook,
): readonly { readonly index: string; readonly derived: number; readonly citizen: number; readonly disagree: boolean }[] => {
  const derived = derivedIndices(facts, scoringPolicyOf(rules, facts.ruleSet));
  if (derived === undefined || facts.citizen === undefined) return [];
  return DERIVED_INDICES.flatMap((index, i) => {
    const citizen = facts.citizen?.[index];
    const mine = derived[i] as number;
    return citizen === undefined ? [] : [{ index, derived: mine, citizen, disagree: citizen !== mine }];
  });
};
