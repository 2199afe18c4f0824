import type { EvaluationScale, RuleBook } from '../../../rules/index.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { asKind, keys, type OfficerRatingDocument as D } from './documents.js';
import { assignmentsOf, periodCounts, unitInForce } from './period-facts.js';
import { ratingRulesFor, rulesOfOfficer, type RatingRules } from './policy.js';
import { PROPOSAL_MEASURES, proposalFigures, type ProposalMeasure } from './proposal.js';
import { agencyExcellentShare, excellentAllowed, excellentShare, proposalsInAgency, proposalsInUnit, type ProposedInUnit } from './unit-cap.js';

/** An officer's proposal for a period with the unit head's recorded decision beside it. */
export interface OfficerRatingProposal {
  readonly officerId: string;
  readonly period: string;
  readonly scale: EvaluationScale;
  readonly ruleSetId: string;
  readonly policyVersion: string;
  /** The Decree 90/2020 criteria the level was decided by, on four levels. */
  readonly criteriaVersion?: string;
  /** The unit served on the last day of the period. */
  readonly unitId: string | undefined;
  /** The agency that rates the officer and counts the excellent quota: the seconding agency. */
  readonly ratingAgencyId: string | undefined;
  readonly proposed: { readonly points: number | null; readonly level: string | undefined };
  readonly figures: Readonly<Record<ProposalMeasure, number | null>>;
  readonly recorded?: { readonly level: string; readonly score: number | undefined; readonly ruleSetId: string };
}

/**
 * An agency's excellent quota for a period, over the officers it rates that this log knows: the share
 * of excellent among their good-or-better proposals, how many may be excellent, and whether more are.
 */
export interface AgencyExcellentCap {
  readonly agencyId: string;
  readonly period: string;
  readonly excellentShare: number | null;
  readonly excellent: number;
  readonly goodOrBetter: number;
  readonly allowed: number;
  readonly exceeded: boolean;
  readonly quotaPercent: number;
  readonly quotaRounding: string;
}

/**
 * A desk unit's share of excellent proposals for a period. The quota is not counted at the desk:
 * `exceeded` says whether an agency rating one of the unit's officers is over its quota (`agencies`).
 */
export interface UnitExcellentCap {
  readonly unitId: string;
  readonly period: string;
  readonly excellentShare: number | null;
  readonly exceeded: boolean;
  readonly quotaPercent: number;
  readonly agencies: readonly AgencyExcellentCap[];
}

export interface OfficerRatingQueries {
  /** Undefined for a period that is not a month, quarter or year under a rule set. */
  readonly officerRatingProposal: (documents: DocumentQuery<D>, tenantId: string, officerId: string, period: string) => Promise<OfficerRatingProposal | undefined>;
  readonly unitExcellentCap: (documents: DocumentQuery<D>, tenantId: string, unitId: string, period: string) => Promise<UnitExcellentCap | undefined>;
  readonly agencyExcellentCap: (documents: DocumentQuery<D>, tenantId: string, agencyId: string, period: string) => Promise<AgencyExcellentCap | undefined>;
  /** Officers serving in the unit at the end of the period with a proposal, by officer id. */
  readonly proposalsInUnit: (documents: DocumentQuery<D>, tenantId: string, unitId: string, period: string) => Promise<readonly ProposedInUnit[] | undefined>;
}

/**
 * Proposals computed at query time from the month documents under the rule set in force at the end of
 * the period (`ratingRulesFor`), so a new rule set or policy version needs no rebuild.
 */
const agencyCap = async (documents: DocumentQuery<D>, tenantId: string, agencyId: string, ratingRules: RatingRules): Promise<AgencyExcellentCap> => {
  const figure = await agencyExcellentShare(documents, tenantId, agencyId, ratingRules);
  const proposed = await proposalsInAgency(documents, tenantId, agencyId, ratingRules);
  const goodOrBetter = proposed.filter((p) => p.level === 'excellent' || p.level === 'good').length;
  const { allowed, rounding } = excellentAllowed(goodOrBetter, ratingRules);
  return {
    agencyId,
    period: ratingRules.period.key,
    excellentShare: figure.value,
    excellent: proposed.filter((p) => p.level === 'excellent').length,
    goodOrBetter,
    allowed,
    exceeded: figure.label === 'cap-exceeded',
    quotaPercent: ratingRules.policy.excellentQuotaPercent,
    quotaRounding: rounding.value,
  };
};

export const createOfficerRatingQueries = (rules: RuleBook): OfficerRatingQueries => ({
  officerRatingProposal: async (documents, tenantId, officerId, period) => {
    const periodRules = ratingRulesFor(rules, period);
    if (periodRules === undefined) return undefined;
    const officer = await assignmentsOf(documents, tenantId, officerId);
    const ratingRules = rulesOfOfficer(periodRules, officer);
    const figures = proposalFigures(await periodCounts(documents, tenantId, officerId, ratingRules), ratingRules);
    const recorded = asKind.evaluation(await documents.get(keys.evaluation(tenantId, officerId, period)));
    return {
      officerId,
      period,
      scale: ratingRules.scale,
      ruleSetId: ratingRules.ruleSet.id,
      policyVersion: ratingRules.policy.version,
      ...(ratingRules.criteria === undefined ? {} : { criteriaVersion: ratingRules.criteria.version }),
      unitId: unitInForce(officer, ratingRules)?.unitId,
      ratingAgencyId: officer?.ratingAgency?.[0],
      proposed: { points: figures.points.value, level: figures.level.label },
      figures: Object.fromEntries(PROPOSAL_MEASURES.map((measure) => [measure, figures[measure].value])) as Record<ProposalMeasure, number | null>,
      ...(recorded === undefined ? {} : { recorded: { level: recorded.level, score: recorded.score, ruleSetId: recorded.ruleSetId } }),
    };
  },
  unitExcellentCap: async (documents, tenantId, unitId, period) => {
    const ratingRules = ratingRulesFor(rules, period);
    if (ratingRules === undefined) return undefined;
    const figure = await excellentShare(documents, tenantId, unitId, ratingRules);
    const agencyIds = [...new Set((await proposalsInUnit(documents, tenantId, unitId, ratingRules)).flatMap((p) => (p.ratingAgencyId === undefined ? [] : [p.ratingAgencyId])))].sort();
    const agencies: AgencyExcellentCap[] = [];
    for (const agencyId of agencyIds) agencies.push(await agencyCap(documents, tenantId, agencyId, ratingRules));
    return {
      unitId,
      period,
      excellentShare: figure.value,
      exceeded: agencies.some((agency) => agency.exceeded),
      quotaPercent: ratingRules.policy.excellentQuotaPercent,
      agencies,
    };
  },
  agencyExcellentCap: async (documents, tenantId, agencyId, period) => {
    const ratingRules = ratingRulesFor(rules, period);
    return ratingRules === undefined ? undefined : agencyCap(documents, tenantId, agencyId, ratingRules);
  },
  proposalsInUnit: async (documents, tenantId, unitId, period) => {
    const ratingRules = ratingRulesFor(rules, period);
    return ratingRules === undefined ? undefined : proposalsInUnit(documents, tenantId, unitId, ratingRules);
  },
});
