import type { OfficerRatingProposalPolicy } from '../types.js';

/**
 * The first officer rating proposal. The bands are those of Decree 335/2025 (docs/domain/officers.md §2);
 * on four levels they serve only rule sets without `fourLevelCriteria` (§3). The 20% quota is counted in
 * the agency that rates the officers (§4). The weights below are the project's own reading and are to
 * confirm with a seconding agency:
 * - a minor substantiated incident costs 5 of the 30 general points, a serious one 15, a very serious
 *   one all 30; on the four-level scale they keep the officer below excellent, good and completed;
 * - task results are timeliness and citizens' satisfaction in equal parts (quantity has no target in
 *   the log, so it is left out);
 * - each praise adds 2 points, at most 5 in a period.
 */
export const OFFICER_RATING_PROPOSAL_V1: OfficerRatingProposalPolicy = {
  version: 'officer-rating-proposal-v1',
  timelinessAgainst: 'original-due-date',
  satisfiedSipasOfficersAtLeast: 4,
  satisfiedAttitudeIndexAtLeast: 1,
  hundredPoints: { general: 30, task: 70, deductionBySeverity: { minor: 5, serious: 15, 'very-serious': 30 } },
  fourLevels: { ceilingBySeverity: { minor: 89, serious: 69, 'very-serious': 49 } },
  praisePoints: 2,
  praisePointsMax: 5,
  bands: { excellent: 90, good: 70, completed: 50 },
  excellentQuotaPercent: 20,
  excellentQuotaRounding: {
    value: 'down',
    status: 'to-confirm',
    source:
      'Decree 90/2020/NĐ-CP and Decree 335/2025/NĐ-CP: excellent must not exceed 20% of those rated good; neither says how a fraction of an officer is rounded, so "not exceed" is read literally (20% of 4 is 0.8: none)',
  },
  digits: 1,
};
