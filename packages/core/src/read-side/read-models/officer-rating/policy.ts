import { evaluationPeriodOf, type EvaluationPeriod } from '../../../officer/evaluation.js';
import { OFFICER_RATING_PROPOSAL_V1 } from '../../../rules/index.js';
import type { EvaluationScale, OfficerRatingProposalPolicy, RuleBook, RuleSet } from '../../../rules/index.js';

export interface RatingRules {
  readonly period: EvaluationPeriod;
  readonly ruleSet: RuleSet;
  readonly scale: EvaluationScale;
  readonly policy: OfficerRatingProposalPolicy;
}

/**
 * The rules a period is proposed under: the rule set in force on its last day, as for the recorded
 * evaluation (a 2025 quarter is on four levels even when proposed in 2026; docs/domain/officers.md §2).
 */
export const ratingRulesFor = (rules: RuleBook, periodKey: string): RatingRules | undefined => {
  const period = evaluationPeriodOf(periodKey);
  // Before the first rule set there is no scale to propose on.
  if (period === undefined || period.end < (rules.ruleSets[0]?.effectiveFrom ?? '')) return undefined;
  const ruleSet = rules.inForceAt(period.end);
  return { period, ruleSet, scale: ruleSet.evaluationScale, policy: ruleSet.officerRatingProposal ?? OFFICER_RATING_PROPOSAL_V1 };
};

export const levelOf = (score: number, bands: OfficerRatingProposalPolicy['bands']): string =>
  score >= bands.excellent ? 'excellent' : score >= bands.good ? 'good' : score >= bands.completed ? 'completed' : 'not-completed';
