import type { ArithmeticStep } from '../../read-side/explain/index.js';
import type { Ref } from '../conduct/refs.js';
import { officerRatingTables, type OfficerRatingState } from './facts.js';
import { periodFacts, unitAt } from './period-facts.js';
import type { RatingRules } from './policy.js';
import { proposalFigures, type RatingFigure } from './proposal.js';

export interface ProposedInUnit {
  readonly officerId: string;
  readonly points: number;
  readonly level: string;
  readonly refs: readonly Ref[];
}

/** Officers serving in `unitId` at the end of the period whose proposal could be made, by officer id. */
export const proposalsInUnit = (state: OfficerRatingState, unitId: string, rules: RatingRules): readonly ProposedInUnit[] => {
  const proposed: ProposedInUnit[] = [];
  for (const officerId of Object.keys(officerRatingTables(state).officers)) {
    const unit = unitAt(state, officerId, rules);
    if (unit?.unitId !== unitId) continue;
    const { level } = proposalFigures(periodFacts(state, officerId, rules), rules);
    if (level.value === null || level.label === undefined) continue;
    proposed.push({ officerId, points: level.value, level: level.label, refs: [unit.ref, ...level.refs] });
  }
  return proposed.sort((a, b) => (a.officerId < b.officerId ? -1 : 1));
};

/**
 * Share (%) of the unit's good-or-better proposals that are excellent, labelled `cap-exceeded` above
 * the quota (20%: Decree 90/2020, Decree 335/2025) and `within-cap` otherwise.
 */
export const excellentShare = (state: OfficerRatingState, unitId: string, rules: RatingRules): RatingFigure => {
  const proposed = proposalsInUnit(state, unitId, rules);
  const goodOrBetter = proposed.filter((p) => p.level === 'excellent' || p.level === 'good');
  const excellent = goodOrBetter.filter((p) => p.level === 'excellent');
  const refs = proposed.flatMap((p) => p.refs);
  if (goodOrBetter.length === 0) return { value: null, notMeasured: 'no officer proposed good or better', steps: [], refs };
  const points: number[] = goodOrBetter.map((p) => (p.level === 'excellent' ? 100 : 0));
  const share = points.reduce((a, b) => a + b, 0) / points.length;
  const label = share > rules.policy.excellentQuotaPercent ? 'cap-exceeded' : 'within-cap';
  const steps: ArithmeticStep[] = [
    { label: 'proposed excellent (their points)', op: 'count', inputs: excellent.map((p) => p.points), result: excellent.length },
    { label: 'proposed good or better (their points)', op: 'count', inputs: goodOrBetter.map((p) => p.points), result: goodOrBetter.length },
    { label: '100 per excellent, 0 per good: share of excellent (%)', op: 'mean', inputs: points, result: share },
    { label: `excellent at most ${rules.policy.excellentQuotaPercent}% of good or better`, op: 'band', inputs: [share], result: share, band: label },
  ];
  return { value: share, label, steps, refs };
};
