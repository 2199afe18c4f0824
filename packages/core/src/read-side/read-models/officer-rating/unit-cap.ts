import type { QuotaRounding, Threshold } from '../../../rules/index.js';
import type { ArithmeticStep } from '../../explain/index.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { keys, type OfficerRatingDocument as D } from './documents.js';
import { assignmentsOf, periodCounts, periodFacts, unitInForce } from './period-facts.js';
import { listAll } from '../../vocabulary/listing.js';
import { rulesOfOfficer, type RatingRules } from './policy.js';
import { proposalFigures, type RatingFigure } from './proposal.js';
import { idOfKeyPart } from '../../vocabulary/document-key.js';

export interface ProposedInUnit {
  readonly officerId: string;
  /** Points on the 100-point scale; null on four levels decided by the Decree 90/2020 criteria. */
  readonly points: number | null;
  /** The figure the level was decided from: the points, or the share (%) of tasks below standard. */
  readonly figure: number;
  readonly level: string;
  /** The unit served on the last day of the period, and the agency that rates the officer. */
  readonly unitId: string;
  readonly ratingAgencyId: string | undefined;
  /** The assignment placing the officer, the appointment naming the agency and the events behind the proposal; empty unless asked for. */
  readonly positions: readonly EventPosition[];
}

const idsUnder = async (documents: DocumentQuery<D>, prefix: string): Promise<string[]> =>
  (await listAll(documents, prefix)).map(([key]) => idOfKeyPart(key.slice(prefix.length))).sort();

/** Officers ever assigned to the unit, by id. */
export const membersOf = (documents: DocumentQuery<D>, tenantId: string, unitId: string): Promise<string[]> => idsUnder(documents, keys.members(tenantId, unitId));

/** Officers serving in `unitId` on the period's last day by their assignments (events in the period or none), by id. */
export const servingIn = async (documents: DocumentQuery<D>, tenantId: string, unitId: string, rules: RatingRules): Promise<string[]> => {
  const serving: string[] = [];
  for (const officerId of await membersOf(documents, tenantId, unitId)) {
    if (unitInForce(await assignmentsOf(documents, tenantId, officerId), rules)?.unitId === unitId) serving.push(officerId);
  }
  return serving;
};

/** Officers the agency ever seconded (the officers it rates), by id. */
export const agencyMembersOf = (documents: DocumentQuery<D>, tenantId: string, agencyId: string): Promise<string[]> =>
  idsUnder(documents, keys.agencyMembers(tenantId, agencyId));

/**
 * Of `officerIds`, those serving at a desk at the end of the period (and, with `where`, passing it)
 * whose proposal could be made, by officer id; `withEvents` reads the day documents too.
 */
const proposalsOf = async (
  documents: DocumentQuery<D>,
  tenantId: string,
  officerIds: readonly string[],
  rules: RatingRules,
  where: (unitId: string, agencyId: string | undefined) => boolean,
  withEvents: boolean,
): Promise<readonly ProposedInUnit[]> => {
  const proposed: ProposedInUnit[] = [];
  for (const officerId of officerIds) {
    const officer = await assignmentsOf(documents, tenantId, officerId);
    const unit = unitInForce(officer, rules);
    if (unit === undefined) continue;
    const agency = officer?.ratingAgency;
    if (!where(unit.unitId, agency?.[0])) continue;
    const ratingRules = rulesOfOfficer(rules, officer);
    const facts = await (withEvents ? periodFacts : periodCounts)(documents, tenantId, officerId, ratingRules);
    const { points, level } = proposalFigures(facts, ratingRules);
    if (level.value === null || level.label === undefined) continue;
    proposed.push({
      officerId,
      points: points.value,
      figure: level.value,
      level: level.label,
      unitId: unit.unitId,
      ratingAgencyId: agency?.[0],
      positions: withEvents ? [unit.position, ...(agency === undefined ? [] : [agency[1]]), ...level.positions] : [],
    });
  }
  return proposed.sort((a, b) => (a.officerId < b.officerId ? -1 : 1));
};

/** Officers serving in `unitId` at the end of the period whose proposal could be made, by officer id. */
export const proposalsInUnit = async (documents: DocumentQuery<D>, tenantId: string, unitId: string, rules: RatingRules, withEvents = false) =>
  proposalsOf(documents, tenantId, await membersOf(documents, tenantId, unitId), rules, (unit) => unit === unitId, withEvents);

/** Officers the agency rates, serving at a desk at the end of the period, whose proposal could be made, by officer id. */
export const proposalsInAgency = async (documents: DocumentQuery<D>, tenantId: string, agencyId: string, rules: RatingRules, withEvents = false) =>
  proposalsOf(documents, tenantId, await agencyMembersOf(documents, tenantId, agencyId), rules, (_unit, agency) => agency === agencyId, withEvents);

/** The proposals' excellent and good-or-better counts and the share (%) of excellent, as steps. */
const shareSteps = (proposed: readonly ProposedInUnit[]) => {
  const goodOrBetter = proposed.filter((p) => p.level === 'excellent' || p.level === 'good');
  const excellent = goodOrBetter.filter((p) => p.level === 'excellent');
  const points: number[] = goodOrBetter.map((p) => (p.level === 'excellent' ? 100 : 0));
  const share = points.reduce((a, b) => a + b, 0) / points.length;
  const steps: ArithmeticStep[] = [
    { label: 'proposed excellent (the figure each level comes from)', op: 'count', inputs: excellent.map((p) => p.figure), result: excellent.length },
    { label: 'proposed good or better (the figure each level comes from)', op: 'count', inputs: goodOrBetter.map((p) => p.figure), result: goodOrBetter.length },
    { label: '100 per excellent, 0 per good: share of excellent (%)', op: 'mean', inputs: points, result: share },
  ];
  return { excellent: excellent.length, goodOrBetter: goodOrBetter.length, share, steps };
};

/**
 * Share (%) of the unit's good-or-better proposals that are excellent. A desk is not where the quota
 * is counted (docs/domain/officers.md §4): the figure carries no cap label; see `agencyExcellentShare`.
 */
export const excellentShare = async (documents: DocumentQuery<D>, tenantId: string, unitId: string, rules: RatingRules, withEvents = false): Promise<RatingFigure> => {
  const proposed = await proposalsInUnit(documents, tenantId, unitId, rules, withEvents);
  const positions = proposed.flatMap((p) => p.positions);
  const { goodOrBetter, share, steps } = shareSteps(proposed);
  if (goodOrBetter === 0) return { value: null, notMeasured: 'no officer proposed good or better', steps: [], positions };
  return { value: share, steps, positions };
};

export const DEFAULT_QUOTA_ROUNDING: Threshold<QuotaRounding> = {
  value: 'down',
  status: 'to-confirm',
  source: 'the text says "not exceed" and nothing of rounding',
};

const EPSILON = 1e-9;
const roundCount = (count: number, rounding: QuotaRounding): number =>
  rounding === 'down' ? Math.floor(count + EPSILON) : rounding === 'up' ? Math.ceil(count - EPSILON) : Math.floor(count + 0.5 + EPSILON);

/** How many of `goodOrBetter` officers may be excellent under the policy's quota and its rounding. */
export const excellentAllowed = (goodOrBetter: number, rules: RatingRules) => {
  const rounding = rules.policy.excellentQuotaRounding ?? DEFAULT_QUOTA_ROUNDING;
  const exact = (goodOrBetter * rules.policy.excellentQuotaPercent) / 100;
  return { exact, allowed: roundCount(exact, rounding.value), rounding };
};

/**
 * The excellent quota where it is counted: in the agency that rates the officers (the seconding agency;
 * docs/domain/officers.md §4), over the officers of that agency this log knows. Its value is the share
 * (%) of excellent among their good-or-better proposals, labelled `cap-exceeded` when more are excellent
 * than the quota allows (`excellentQuotaPercent` of them, rounded by `excellentQuotaRounding`).
 */
export const agencyExcellentShare = async (
  documents: DocumentQuery<D>,
  tenantId: string,
  agencyId: string,
  rules: RatingRules,
  withEvents = false,
): Promise<RatingFigure & { readonly allowed?: number }> => {
  const proposed = await proposalsInAgency(documents, tenantId, agencyId, rules, withEvents);
  const positions = proposed.flatMap((p) => p.positions);
  const { excellent, goodOrBetter, share, steps } = shareSteps(proposed);
  if (goodOrBetter === 0) return { value: null, notMeasured: 'no officer of this agency proposed good or better', steps: [], positions };
  const quota = rules.policy.excellentQuotaPercent;
  const { exact, allowed, rounding } = excellentAllowed(goodOrBetter, rules);
  const label = excellent > allowed ? 'cap-exceeded' : 'within-cap';
  const marked = rounding.status === 'sourced' ? rounding.source : `${rounding.source}; to confirm`;
  steps.push(
    { label: `quota: ${quota}% of ${goodOrBetter} good or better`, op: 'ratio', inputs: [goodOrBetter, 100 / quota], result: exact },
    { label: `excellent allowed, rounded ${rounding.value} (${marked})`, op: 'band', inputs: [exact], result: exact, band: `${allowed}` },
    { label: `${excellent} excellent against ${allowed} allowed`, op: 'band', inputs: [share], result: share, band: label },
  );
  return { value: share, label, steps, positions, allowed };
};
