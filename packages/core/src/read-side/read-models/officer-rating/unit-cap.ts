import type { ArithmeticStep } from '../../explain/index.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { keys, type OfficerRatingDocument as D } from './documents.js';
import { periodCounts, periodFacts, unitAt } from './period-facts.js';
import { listAll } from '../../vocabulary/listing.js';
import type { RatingRules } from './policy.js';
import { proposalFigures, type RatingFigure } from './proposal.js';
import { idOfKeyPart } from '../../vocabulary/document-key.js';

export interface ProposedInUnit {
  readonly officerId: string;
  readonly points: number;
  readonly level: string;
  /** The assignment placing the officer in the unit and the events behind the proposal; empty unless asked for. */
  readonly positions: readonly EventPosition[];
}

/** Officers ever assigned to the unit, by id. */
export const membersOf = async (documents: DocumentQuery<D>, tenantId: string, unitId: string): Promise<string[]> => {
  const prefix = keys.members(tenantId, unitId);
  return (await listAll(documents, prefix)).map(([key]) => idOfKeyPart(key.slice(prefix.length))).sort();
};

/**
 * Officers serving in `unitId` at the end of the period whose proposal could be made, by officer id;
 * `withEvents` reads the day documents too, for the events behind each proposal.
 */
export const proposalsInUnit = async (
  documents: DocumentQuery<D>,
  tenantId: string,
  unitId: string,
  rules: RatingRules,
  withEvents = false,
): Promise<readonly ProposedInUnit[]> => {
  const proposed: ProposedInUnit[] = [];
  for (const officerId of await membersOf(documents, tenantId, unitId)) {
    const unit = await unitAt(documents, tenantId, officerId, rules);
    if (unit?.unitId !== unitId) continue;
    const facts = await (withEvents ? periodFacts : periodCounts)(documents, tenantId, officerId, rules);
    const { level } = proposalFigures(facts, rules);
    if (level.value === null || level.label === undefined) continue;
    proposed.push({ officerId, points: level.value, level: level.label, positions: withEvents ? [unit.position, ...level.positions] : [] });
  }
  return proposed.sort((a, b) => (a.officerId < b.officerId ? -1 : 1));
};

/**
 * Share (%) of the unit's good-or-better proposals that are excellent, labelled `cap-exceeded` above
 * the quota (20%: docs/domain/officers.md §2) and `within-cap` otherwise.
 */
export const excellentShare = async (documents: DocumentQuery<D>, tenantId: string, unitId: string, rules: RatingRules, withEvents = false): Promise<RatingFigure> => {
  const proposed = await proposalsInUnit(documents, tenantId, unitId, rules, withEvents);
  const goodOrBetter = proposed.filter((p) => p.level === 'excellent' || p.level === 'good');
  const excellent = goodOrBetter.filter((p) => p.level === 'excellent');
  const positions = proposed.flatMap((p) => p.positions);
  if (goodOrBetter.length === 0) return { value: null, notMeasured: 'no officer proposed good or better', steps: [], positions };
  const points: number[] = goodOrBetter.map((p) => (p.level === 'excellent' ? 100 : 0));
  const share = points.reduce((a, b) => a + b, 0) / points.length;
  const label = share > rules.policy.excellentQuotaPercent ? 'cap-exceeded' : 'within-cap';
  const steps: ArithmeticStep[] = [
    { label: 'proposed excellent (their points)', op: 'count', inputs: excellent.map((p) => p.points), result: excellent.length },
    { label: 'proposed good or better (their points)', op: 'count', inputs: goodOrBetter.map((p) => p.points), result: goodOrBetter.length },
    { label: '100 per excellent, 0 per good: share of excellent (%)', op: 'mean', inputs: points, result: share },
    { label: `excellent at most ${rules.policy.excellentQuotaPercent}% of good or better`, op: 'band', inputs: [share], result: share, band: label },
  ];
  return { value: share, label, steps, positions };
};
