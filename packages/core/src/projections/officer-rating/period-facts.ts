import { inPeriod } from '../conduct/periods.js';
import type { Ref } from '../conduct/refs.js';
import type { IncidentFact, OfficerRatingState, RatingFact, ReturnedFact, StoredRating, StoredReturn } from './facts.js';
import { officerMonthKey, officerRatingTables } from './facts.js';
import { monthsOf, type RatingRules } from './policy.js';

const RETURNED = 'ResultReturned';
const RATED = 'DossierRated';

const returnedFact = ([day, timeliness, againstOriginal, stream, position, version, viaPosition, viaVersion, viaType]: StoredReturn): ReturnedFact => ({
  day,
  timeliness,
  againstOriginal,
  ref: [position, stream, version, RETURNED],
  via: [viaPosition, stream, viaVersion, viaType],
});

const ratingFact = ([day, sipasOfficers, attitude, stream, position, version, viaPosition, viaVersion, viaType]: StoredRating): RatingFact => ({
  day,
  ...(sipasOfficers === null ? {} : { sipasOfficers }),
  ...(attitude === null ? {} : { attitude }),
  ref: [position, stream, version, RATED],
  via: [viaPosition, stream, viaVersion, viaType],
});

/** What an officer's proposal for one period is made from. */
export interface PeriodFacts {
  readonly returned: readonly ReturnedFact[];
  readonly ratings: readonly RatingFact[];
  readonly praise: readonly Ref[];
  /** Substantiated incidents reported in the period. */
  readonly substantiated: readonly IncidentFact[];
}

export const periodFacts = (stored: OfficerRatingState, officerId: string, { period }: RatingRules): PeriodFacts => {
  const state = officerRatingTables(stored);
  const returned: ReturnedFact[] = [];
  const ratings: RatingFact[] = [];
  const praise: Ref[] = [];
  for (const month of monthsOf(period)) {
    const facts = state.months[officerMonthKey(officerId, `${month}-01`)];
    if (facts === undefined) continue;
    returned.push(...facts.returned.map(returnedFact));
    ratings.push(...facts.ratings.map(ratingFact));
    praise.push(...facts.praise);
  }
  const substantiated = (state.incidentsByOfficer[officerId] ?? [])
    .map((id) => state.incidents[id])
    .filter((f): f is IncidentFact => f?.outcome === 'substantiated' && inPeriod(f.reportedOn, { ...period, grain: 'day' }));
  const byPosition = <T>(list: T[], ref: (item: T) => Ref) => list.sort((a, b) => ref(a)[0] - ref(b)[0]);
  return {
    returned: byPosition(returned, (f) => f.ref),
    ratings: byPosition(ratings, (f) => f.ref),
    praise: byPosition(praise, (r) => r),
    substantiated: byPosition(substantiated, (f) => f.refs[0]!),
  };
};

/** The unit an officer serves in on the last day of a period: the latest assignment in force then. */
export const unitAt = (state: OfficerRatingState, officerId: string, { period }: RatingRules): { unitId: string; ref: Ref } | undefined => {
  const facts = officerRatingTables(state).officers[officerId];
  if (facts === undefined || (facts.leftOn !== undefined && facts.leftOn < period.start)) return undefined;
  const inForce = facts.assignments.filter((a) => a.from <= period.end).sort((a, b) => (a.from === b.from ? a.ref[0] - b.ref[0] : a.from < b.from ? -1 : 1));
  const last = inForce.at(-1);
  return last === undefined ? undefined : { unitId: last.unitId, ref: last.ref };
};
