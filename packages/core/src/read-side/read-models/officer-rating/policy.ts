import { evaluationPeriodOf, type EvaluationPeriod } from '../../../officer/evaluation.js';
import { OFFICER_RATING_PROPOSAL_V1 } from '../../../rules/index.js';
import type { EvaluationScale, FourLevelCriteria, OfficerRatingProposalPolicy, RuleBook, RuleSet } from '../../../rules/index.js';

export interface RatingRules {
  readonly period: EvaluationPeriod;
  readonly ruleSet: RuleSet;
  readonly scale: EvaluationScale;
  readonly policy: OfficerRatingProposalPolicy;
  /** The Decree 90/2020 criteria, on the four-level scale of a rule set that carries them (docs/domain/officers.md §3). */
  readonly criteria?: FourLevelCriteria;
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
  const policy = ruleSet.officerRatingProposal ?? OFFICER_RATING_PROPOSAL_V1;
  const criteria = ruleSet.evaluationScale === 'four-levels-decree-90-2020' ? ruleSet.fourLevelCriteria : undefined;
  return { period, ruleSet, scale: ruleSet.evaluationScale, policy, ...(criteria === undefined ? {} : { criteria }) };
};

/** The versions a figure of the period is computed under: the rule set, the proposal policy and the criteria if any. */
export const versionsOf = ({ ruleSet, policy, criteria }: RatingRules): string[] => [ruleSet.id, policy.version, ...(criteria === undefined ? [] : [criteria.version])];

export const levelOf = (score: number, bands: OfficerRatingProposalPolicy['bands']): string =>
  score >= bands.excellent ? 'excellent' : score >= bands.good ? 'good' : score >= bands.completed ? 'completed' : 'not-completed';
