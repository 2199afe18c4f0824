import { evaluationPeriodOf, type EvaluationPeriod } from '../../../officer/evaluation.js';
import type { LegalStatus } from '../../../officer/vocabulary.js';
import { evaluationScaleOf, OFFICER_RATING_PROPOSAL_V1 } from '../../../rules/index.js';
import type { AssignmentsDocument } from './documents.js';
import type { EvaluationScale, FourLevelCriteria, OfficerRatingProposalPolicy, RuleBook, RuleSet } from '../../../rules/index.js';

export interface RatingRules {
  readonly period: EvaluationPeriod;
  readonly ruleSet: RuleSet;
  readonly scale: EvaluationScale;
  readonly policy: OfficerRatingProposalPolicy;
  /** The Decree 90/2020 criteria, on the four-level scale of a rule set that carries them (docs/domain/officers.md §3). */
  readonly criteria?: FourLevelCriteria;
}

const withScale = (period: EvaluationPeriod, ruleSet: RuleSet, scale: EvaluationScale): RatingRules => {
  const policy = ruleSet.officerRatingProposal ?? OFFICER_RATING_PROPOSAL_V1;
  const criteria = scale === 'four-levels-decree-90-2020' ? ruleSet.fourLevelCriteria : undefined;
  return { period, ruleSet, scale, policy, ...(criteria === undefined ? {} : { criteria }) };
};

/**
 * The rules a period is proposed under: the rule set in force on its last day, as for the recorded
 * evaluation (a 2025 quarter is on four levels even when proposed in 2026; docs/domain/officers.md §2),
 * on the scale of an officer of `legalStatus` (without one, the set's `evaluationScale`).
 */
export const ratingRulesFor = (rules: RuleBook, periodKey: string, legalStatus?: LegalStatus): RatingRules | undefined => {
  const period = evaluationPeriodOf(periodKey);
  // Before the first rule set there is no scale to propose on.
  if (period === undefined || period.end < (rules.ruleSets[0]?.effectiveFrom ?? '')) return undefined;
  const ruleSet = rules.inForceAt(period.end);
  return withScale(period, ruleSet, legalStatus === undefined ? ruleSet.evaluationScale : evaluationScaleOf(ruleSet, legalStatus));
};

/**
 * The period's rules for one officer: the scale (and with it the criteria) of the legal status named
 * at the officer's appointment, which the 100-point reform reaches on different days (docs/domain/officers.md §2).
 * An officer the log has no appointment of keeps the set's `evaluationScale`.
 */
export const rulesOfOfficer = (rules: RatingRules, officer: AssignmentsDocument | undefined): RatingRules =>
  officer?.legalStatus === undefined ? rules : withScale(rules.period, rules.ruleSet, evaluationScaleOf(rules.ruleSet, officer.legalStatus));

/** The versions a figure of the period is computed under: the rule set, the proposal policy and the criteria if any. */
export const versionsOf = ({ ruleSet, policy, criteria }: RatingRules): string[] => [ruleSet.id, policy.version, ...(criteria === undefined ? [] : [criteria.version])];

/**
 * The versions a figure over several officers (a unit's or an agency's share) may be computed under:
 * the criteria too when any legal status is rated on four levels in the period.
 */
export const groupVersionsOf = (rules: RatingRules): string[] => {
  const { ruleSet } = rules;
  const scales = [ruleSet.evaluationScale, ...Object.values(ruleSet.evaluationScaleByStatus ?? {})];
  const criteria = scales.includes('four-levels-decree-90-2020') ? ruleSet.fourLevelCriteria : undefined;
  return versionsOf({ ...rules, ...(criteria === undefined ? {} : { criteria }) });
};

export const levelOf = (score: number, bands: OfficerRatingProposalPolicy['bands']): string =>
  score >= bands.excellent ? 'excellent' : score >= bands.good ? 'good' : score >= bands.completed ? 'completed' : 'not-completed';
