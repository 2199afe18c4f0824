import type { ReadModel, ReadModelDeps } from '../../read-model.js';
import type { OfficerRatingDocument } from './documents.js';
import { explainFigure, figureKeys } from './explain.js';
import { officerRatingProjection } from './projection.js';
import { createOfficerRatingQueries, type OfficerRatingQueries } from './queries.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

/**
 * Officer rating proposals (docs/domain/officers.md §2–4): per officer and period, the facts a proposal
 * is made from, the points and level it gives under the rule set in force at the end of the period
 * (on four levels, the level the Decree 90/2020 criteria give), and the unit head's recorded decision;
 * per agency that rates officers (the seconding agency), the share of excellent proposals against the
 * quota; per desk unit, the same share for information (the quota is not counted at a desk).
 *
 * Figure keys, each after `<tenantId>/` (period kind `month`, `quarter` or `year`; period `2026-03`, `2026-Q1` or `2026`;
 * ids as key parts, `%` and `/` escaped as in the documents, see `keyPart`):
 * - `officer-rating/officer/<officerId>/<kind>/<period>/<measure>`, measure one of `dossiers`,
 *   `on-time-share`, `ratings`, `satisfied-share`, `praise`, `substantiated-minor`,
 *   `substantiated-serious`, `substantiated-very-serious`, `below-standard-share`, `exceeded-share`,
 *   `points`, `level` (the proposal) or `recorded` (the unit head's decision, an
 *   `EvaluationRecorded`/`EvaluationCorrected` event);
 * - `officer-rating/agency/<agencyId>/<kind>/<period>/excellent-share` (the 20% cap, in the rating agency);
 * - `officer-rating/unit/<unitId>/<kind>/<period>/excellent-share` (the desk's share, no cap label).
 * e.g. `thai-nguyen/officer-rating/officer/OF-1/quarter/2026-Q1/points`. `ratings` counts ratings that say something
 * about officers (SIPAS `officers` or Circular 01 index 7). On the four-level scale with criteria
 * (`RuleSet.fourLevelCriteria`) `points` is not measured and `level`'s value is the share of tasks below
 * standard; without criteria (older configurations) `points` is the indicative score the level is banded
 * from. How points are derived: `OfficerRatingProposalPolicy`.
 * Figures are computed at query time, under the rule set in force on the period's last day: a new
 * rule set or policy version needs no rebuild.
 *
 * Document keys, each after `<tenantId>/` (ids with `/` or `%` escaped, see `keyPart`):
 * - `dossier/<code>`: the officers who received, processed or returned the dossier, with the events naming them;
 * - `officer/<officerId>/day/<YYYY-MM-DD>`: dossiers returned and ratings of dossiers the officer handled,
 *   and praise naming the officer, that day, with their events (what explanations list);
 * - `officer/<officerId>/month/<YYYY-MM>`: the same as counts, the incidents reported against the
 *   officer that month with their severity, outcome and events, and the disciplines decided that month
 *   (what figures are computed from);
 * - `officer/<officerId>/assignments`: units served (from which day), the agency that rates the officer and the day they left;
 * - `officer/<officerId>/evaluation/<period>`: the latest decision recorded for the period;
 * - `incident/<incidentId>`: the officer and day of the report, where the incident's later events go;
 * - `unit/<unitId>/member/<officerId>`: an officer ever assigned to the unit;
 * - `agency/<agencyId>/member/<officerId>`: an officer the agency seconded (and rates).
 */
export const createOfficerRatingReadModel = (
  deps: ReadModelDeps,
): ReadModel<OfficerRatingDocument> & { readonly queries: OfficerRatingQueries } => ({
  name: 'officer-rating',
  description: 'Officer rating proposals per month, quarter and year from dossiers, ratings, praise and incidents, with the excellent cap per rating agency',
  projection: officerRatingProjection,
  exampleKey: 'officer-rating/officer/OF-1/quarter/2026-Q1/points',
  keys: figureKeys(deps.rules),
  explain: explainFigure(deps.rules),
  periodOfKey: keyPeriod.afterGrain,
  subjectOfKey: keySubject.afterGrain,
  queries: createOfficerRatingQueries(deps.rules),
});

export { officerRatingProjection } from './projection.js';
export { OFFICER_RATING, type OfficerRatingDocument } from './documents.js';
export { ratingRulesFor, rulesOfOfficer, type RatingRules } from './policy.js';
export { PROPOSAL_MEASURES, proposalFigures, type PeriodFacts, type ProposalMeasure, type RatingFigure } from './proposal.js';
export type { AgencyExcellentCap, OfficerRatingProposal, OfficerRatingQueries, UnitExcellentCap } from './queries.js';
export type { ProposedInUnit } from './unit-cap.js';
