import type { EvaluationScale, RuleBook } from '../../../rules/index.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { asKind, keys, type OfficerRatingDocument as D } from './documents.js';
import { periodCounts, unitAt } from './period-facts.js';
import { ratingRulesFor } from './policy.js';
import { PROPOSAL_MEASURES, proposalFigures, type ProposalMeasure } from './proposal.js';
import { excellentShare, proposalsInUnit, type ProposedInUnit } from './unit-cap.js';

/** An officer's proposal for a period with the unit head's recorded decision beside it. */
export interface OfficerRatingProposal {
  readonly officerId: string;
  readonly period: string;
  readonly scale: EvaluationScale;
  readonly ruleSetId: string;
  readonly policyVersion: string;
  /** The unit served on the last day of the period. */
  readonly unitId: string | undefined;
  readonly proposed: { readonly points: number | null; readonly level: string | undefined };
  readonly figures: Readonly<Record<ProposalMeasure, number | null>>;
  readonly recorded?: { readonly level: string; readonly score: number | undefined; readonly ruleSetId: string };
}

/** A unit's excellent share for a period and whether it exceeds the quota. */
export interface UnitExcellentCap {
  readonly unitId: string;
  readonly period: string;
  readonly excellentShare: number | null;
  readonly exceeded: boolean;
  readonly quotaPercent: number;
}

export interface OfficerRatingQueries {
  /** Undefined for a period that is not a month, quarter or year under a rule set. */
  readonly officerRatingProposal: (documents: DocumentQuery<D>, tenantId: string, officerId: string, period: string) => Promise<OfficerRatingProposal | undefined>;
  readonly unitExcellentCap: (documents: DocumentQuery<D>, tenantId: string, unitId: string, period: string) => Promise<UnitExcellentCap | undefined>;
  /** Officers serving in the unit at the end of the period with a proposal, by officer id. */
  readonly proposalsInUnit: (documents: DocumentQuery<D>, tenantId: string, unitId: string, period: string) => Promise<readonly ProposedInUnit[] | undefined>;
}

/**
 * Proposals computed at query time from the month documents under the rule set in force at the end of
 * the period (`ratingRulesFor`), so a new rule set or policy version needs no rebuild.
 */
export const createOfficerRatingQueries = (rules: RuleBook): OfficerRatingQueries => ({
  officerRatingProposal: async (documents, tenantId, officerId, period) => {
    const ratingRules = ratingRulesFor(rules, period);
    if (ratingRules === undefined) return undefined;
    const figures = proposalFigures(await periodCounts(documents, tenantId, officerId, ratingRules), ratingRules);
    const recorded = asKind.evaluation(await documents.get(keys.evaluation(tenantId, officerId, period)));
    return {
      officerId,
      period,
      scale: ratingRules.scale,
      ruleSetId: ratingRules.ruleSet.id,
      policyVersion: ratingRules.policy.version,
      unitId: (await unitAt(documents, tenantId, officerId, ratingRules))?.unitId,
      proposed: { points: figures.points.value, level: figures.level.label },
      figures: Object.fromEntries(PROPOSAL_MEASURES.map((measure) => [measure, figures[measure].value])) as Record<ProposalMeasure, number | null>,
      ...(recorded === undefined ? {} : { recorded: { level: recorded.level, score: recorded.score, ruleSetId: recorded.ruleSetId } }),
    };
  },
  unitExcellentCap: async (documents, tenantId, unitId, period) => {
    const ratingRules = ratingRulesFor(rules, period);
    if (ratingRules === undefined) return undefined;
    const figure = await excellentShare(documents, tenantId, unitId, ratingRules);
    return { unitId, period, excellentShare: figure.value, exceeded: figure.label === 'cap-exceeded', quotaPercent: ratingRules.policy.excellentQuotaPercent };
  },
  proposalsInUnit: async (documents, tenantId, unitId, period) => {
    const ratingRules = ratingRulesFor(rules, period);
    return ratingRules === undefined ? undefined : proposalsInUnit(documents, tenantId, unitId, ratingRules);
  },
});
