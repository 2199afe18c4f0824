import { countStep, percentSteps } from '../../explain/build.js';
import type { ArithmeticStep } from '../../explain/explanation.js';
import { roundTo } from '../../explain/re-add.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import type { RuleBook, RuleSet } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { parseAggregatePeriod, type Period } from '../../vocabulary/period.js';
import { countsIn, type SatisfactionDocument, type Tt01DossierDocument } from '../satisfaction-support/documents.js';
import { measuredFeedbackKinds } from '../../../feedback/vocabulary.js';
import { feedbackCounts, feedbackIndex, feedbackMembers } from '../satisfaction-support/feedback.js';
import { dossierKey, scoresPrefix } from './projection.js';
import {
  agencyBand,
  cellProfile,
  DERIVED_INDICES,
  indicesOf,
  officerBand,
  profileOf,
  scoringPolicyOf,
  UNIT_LEVEL_INDICES,
  type Circular01Dimension,
  type DerivedIndex,
  type UnitLevelIndexName,
} from './scoring.js';
import { inputsFor, type UnitLevelInputs } from '../satisfaction-support/unit-level-inputs.js';

export interface UnitLevelIndex {
  readonly value: number | null;
  /** Where the value comes from: `events` (index 8 from feedback, or from none received) or the input's `source`. */
  readonly source?: string;
  readonly notMeasured?: string;
}

export interface Circular01Figures {
  readonly dossiers: number;
  /** Averaged per-dossier indices 1, 2, 3, 4, 7, each rounded by the evaluation rule set. */
  readonly means: Readonly<Record<DerivedIndex, number>>;
  /** Unit and province only: indices 5, 6, 8, 9. */
  readonly unitLevel?: Readonly<Record<UnitLevelIndexName, UnitLevelIndex>>;
  readonly total: number | null;
  readonly band?: string;
  readonly notMeasured?: string;
  /** The rule set in force on the period's last day: its rounding and scoring digits apply. */
  readonly ruleSet: RuleSet;
}

export interface DossierIndices {
  readonly policy: string;
  readonly derived: readonly number[] | undefined;
  readonly citizen: Readonly<Record<string, number>> | undefined;
  readonly comparison: readonly { readonly index: string; readonly derived: number; readonly citizen: number; readonly disagree: boolean }[];
}

/** What circular01's figures are computed with at query time. */
export interface Circular01Context {
  readonly rules: RuleBook;
  /** Unit-level inputs by province. */
  readonly inputs: Readonly<Record<string, UnitLevelInputs>>;
}

/** A dossier's indices under the policy of its rule set; undefined before its return. */
export const dossierScores = (rules: RuleBook, dossier: Tt01DossierDocument): number[] | undefined => {
  const profile = profileOf(dossier);
  return profile === undefined ? undefined : indicesOf(profile, scoringPolicyOf(rules, dossier.ruleSet));
};

export const citizenComparison = (rules: RuleBook, dossier: Tt01DossierDocument): DossierIndices['comparison'] => {
  const derived = dossierScores(rules, dossier);
  if (derived === undefined || dossier.citizen === undefined) return [];
  return DERIVED_INDICES.flatMap((index, i) => {
    const citizen = dossier.citizen?.[index];
    const mine = derived[i] as number;
    return citizen === undefined ? [] : [{ index, derived: mine, citizen, disagree: citizen !== mine }];
  });
};

/** Returned dossiers of a scope over a period, and the sums of their indices, each under its rule set's policy. */
export const scoreSums = async (
  documents: DocumentQuery<SatisfactionDocument>,
  rules: RuleBook,
  tenantId: string,
  dimension: Circular01Dimension,
  id: string,
  period: Period,
): Promise<{ readonly dossiers: number; readonly sums: readonly number[] } | undefined> => {
  const counts = await countsIn(documents, scoresPrefix(tenantId, dimension, id), period);
  if (counts === undefined) return undefined;
  let dossiers = 0;
  const sums = [0, 0, 0, 0, 0];
  for (const [cell, n] of Object.entries(counts)) {
    const profile = cellProfile(cell);
    if (profile === undefined) continue;
    dossiers += n;
    indicesOf(profile, scoringPolicyOf(rules, profile.ruleSet)).forEach((score, i) => (sums[i] = (sums[i] as number) + n * score));
  }
  return dossiers === 0 ? undefined : { dossiers, sums };
};

/** A unit-level index with the arithmetic and events behind it (gathered only when explaining). */
export interface UnitLevelFigure {
  readonly figure: UnitLevelIndex;
  readonly steps: readonly ArithmeticStep[];
  readonly contributions: readonly EventPosition[];
}

/**
 * TT01 index 8 before any protracted case (docs/domain/indices.md §1): from the feedback of the kinds the rule set measures
 * received in the period, handled on time 100% → 2, ≥ 90% → 1, else 0; without feedback, the input for index 8 if one is given (a desk whose
 * feedback is recorded elsewhere), else 2, as the circular scores a period without feedback.
 */
/** What index 8 of one unit or province over a period is computed from, and whether its explanation is wanted. */
interface FeedbackScope {
  readonly documents: DocumentQuery<SatisfactionDocument>;
  readonly ruleSet: RuleSet;
  readonly inputs: UnitLevelInputs;
  readonly tenantId: string;
  readonly dimension: 'unit' | 'province';
  readonly id: string;
  readonly period: Period;
  readonly explain: boolean;
}

const feedbackHandlingShare = async ({ documents, ruleSet, inputs, tenantId, dimension, id, period, explain }: FeedbackScope): Promise<UnitLevelFigure> => {
  const kinds = measuredFeedbackKinds(ruleSet);
  const feedback = await feedbackCounts(documents, tenantId, dimension, id, period, kinds);
  if (feedback !== undefined) {
    const value = feedbackIndex(feedback.onTime, feedback.received);
    if (!explain) return { figure: { value, source: 'events' }, steps: [], contributions: [] };
    const members = await feedbackMembers(documents, tenantId, dimension, id, period, kinds);
    return {
      figure: { value, source: 'events' },
      steps: [
        ...percentSteps(`feedback (${kinds.join(', ')}) handled on time`, feedback.onTime, feedback.received, 1, ruleSet.indexRounding),
        { label: 'index 8 (events): 100% handled on time → 2, ≥ 90% → 1, else 0', op: 'copy', inputs: [value], result: value },
      ],
      contributions: members.flatMap((f) => f.positions),
    };
  }
  const given = inputsFor(inputs, dimension, id, period.key);
  const value = given?.circular01?.['8'];
  if (given !== undefined && value !== undefined) {
    return { figure: { value, source: given.source }, steps: [{ label: `index 8 (${given.source})`, op: 'copy', inputs: [value], result: value }], contributions: [] };
  }
  return {
    figure: { value: 2, source: 'events' },
    steps: [countStep(`feedback (${kinds.join(', ')}) received in ${period.key}`, 0), { label: `index 8: no feedback received in ${period.key} → 2`, op: 'copy', inputs: [2], result: 2 }],
    contributions: [],
  };
};

/**
 * TT01 index 8 with the protracted feedback cases the inputs give: any case makes it 0, from the
 * input's source, the explanation showing what the feedback alone gives beside it.
 */
const feedbackHandlingIndex = async (scope: FeedbackScope): Promise<UnitLevelFigure> => {
  const share = await feedbackHandlingShare(scope);
  const given = inputsFor(scope.inputs, scope.dimension, scope.id, scope.period.key);
  const cases = given?.circular01?.protractedFeedbackCases ?? 0;
  if (given === undefined || cases === 0) return share;
  const otherwise = share.figure.value ?? 2;
  return {
    figure: { value: 0, source: given.source },
    steps: [
      ...share.steps,
      { label: `protracted feedback cases (${given.source})`, op: 'copy', inputs: [cases], result: cases },
      { label: 'index 8: any protracted case → 0', op: 'min', inputs: [otherwise, 0], result: 0 },
    ],
    contributions: share.contributions,
  };
};

/** A unit-level index of a unit or province over a period: index 8 from feedback, the others from the inputs. */
export const unitLevelFigure = async (
  documents: DocumentQuery<SatisfactionDocument>,
  ruleSet: RuleSet,
  inputs: UnitLevelInputs,
  tenantId: string,
  dimension: 'unit' | 'province',
  id: string,
  period: Period,
  index: UnitLevelIndexName,
  explain = false,
): Promise<UnitLevelFigure> => {
  if (index === '8') return feedbackHandlingIndex({ documents, ruleSet, inputs, tenantId, dimension, id, period, explain });
  const given = inputsFor(inputs, dimension, id, period.key);
  const value = given?.circular01?.[index];
  if (given !== undefined && value !== undefined) {
    return { figure: { value, source: given.source }, steps: [{ label: `index ${index} (${given.source})`, op: 'copy', inputs: [value], result: value }], contributions: [] };
  }
  return { figure: { value: null, notMeasured: `index ${index} is carried by no event; no input given for ${dimension} ${id} in ${period.key}` }, steps: [], contributions: [] };
};

/** The figures circular01 answers, computed from its documents with the rule book and inputs of `context`. */
export const circular01Queries = (context: Circular01Context) => {
  const { rules } = context;
  const inputsOf = (tenantId: string): UnitLevelInputs => context.inputs[tenantId] ?? {};

  /** TT01 scores of an officer, unit or province over a month, quarter or year of returns. */
  const circular01 = async (
    documents: DocumentQuery<SatisfactionDocument>,
    tenantId: string,
    dimension: Circular01Dimension,
    id: string,
    grain: string,
    periodKey: string,
  ): Promise<Circular01Figures | undefined> => {
    const period = parseAggregatePeriod(grain, periodKey);
    if (period === undefined) return undefined;
    const found = await scoreSums(documents, rules, tenantId, dimension, id, period);
    if (found === undefined) return undefined;
    const { dossiers: n, sums } = found;
    const ruleSet = rules.inForceAt(period.end);
    const { digits } = scoringPolicyOf(rules, ruleSet.id);
    const mode = ruleSet.indexRounding;
    const means = Object.fromEntries(DERIVED_INDICES.map((index, i) => [index, roundTo((sums[i] ?? 0) / n, digits, mode)])) as Record<DerivedIndex, number>;
    const derivedTotal = roundTo(
      DERIVED_INDICES.reduce((sum, index) => sum + means[index], 0),
      digits,
      mode,
    );
    if (dimension === 'officer') return { dossiers: n, means, total: derivedTotal, band: officerBand(derivedTotal), ruleSet };
    const unitLevel = {} as Record<UnitLevelIndexName, UnitLevelIndex>;
    for (const index of UNIT_LEVEL_INDICES) unitLevel[index] = (await unitLevelFigure(documents, ruleSet, inputsOf(tenantId), tenantId, dimension, id, period, index)).figure;
    const missing = UNIT_LEVEL_INDICES.filter((index) => unitLevel[index].value === null);
    if (missing.length > 0) return { dossiers: n, means, unitLevel, total: null, notMeasured: `indices ${missing.join(', ')} not measured`, ruleSet };
    const total = roundTo(derivedTotal + UNIT_LEVEL_INDICES.reduce((sum, index) => sum + (unitLevel[index].value ?? 0), 0), digits, mode);
    return { dossiers: n, means, unitLevel, total, band: agencyBand(total), ruleSet };
  };

  /** A dossier's derived TT01 indices beside the citizen's own, with disagreements flagged. */
  const dossierIndices = async (documents: DocumentQuery<SatisfactionDocument>, tenantId: string, code: string): Promise<DossierIndices | undefined> => {
    const dossier = await documents.get(dossierKey(tenantId, code));
    if (dossier?.kind !== 'tt01') return undefined;
    const policy = scoringPolicyOf(rules, dossier.ruleSet);
    return { policy: policy.version, derived: dossierScores(rules, dossier), citizen: dossier.citizen, comparison: citizenComparison(rules, dossier) };
  };

  return { circular01, dossierIndices, inputsOf };
};
