import { withTables } from '../engine/table-changes.js';
import type { Timeliness } from '../../dossier/vocabulary.js';
import type { IncidentOutcome, IncidentSeverity } from '../../conduct/vocabulary.js';
import type { Ref } from '../conduct/refs.js';

/** An officer named on a dossier, with the event that names them. */
export type DossierHandler = readonly [officerId: string, via: Ref];

export interface ReturnedFact {
  readonly day: string;
  readonly timeliness: Timeliness;
  readonly againstOriginal: Timeliness;
  readonly ref: Ref;
  readonly via: Ref;
}

/** A citizen's rating; only the parts about officers are kept: SIPAS `officers` (1–5), Circular 01 index 7 (0–2). */
export interface RatingFact {
  readonly day: string;
  readonly sipasOfficers?: number;
  readonly attitude?: number;
  readonly ref: Ref;
  readonly via: Ref;
}

/**
 * A return or a rating as the state keeps it: one stream id and the positions of the event and of the
 * event that named the officer (`via`), not two full refs. A province-year holds hundreds of thousands
 * of these; `periodFacts` gives them back as `ReturnedFact` and `RatingFact`.
 */
export type StoredFact<Fields extends readonly unknown[]> = readonly [
  ...fields: Fields,
  streamId: string,
  position: number,
  version: number,
  viaPosition: number,
  viaVersion: number,
  viaType: string,
];
export type StoredReturn = StoredFact<[day: string, timeliness: Timeliness, againstOriginal: Timeliness]>;
export type StoredRating = StoredFact<[day: string, sipasOfficers: number | null, attitude: number | null]>;

export interface OfficerMonth {
  returned: StoredReturn[];
  ratings: StoredRating[];
  praise: Ref[];
}

export interface IncidentFact {
  readonly officerId: string;
  readonly reportedOn: string;
  severity?: IncidentSeverity;
  outcome?: IncidentOutcome;
  refs: Ref[];
}

export interface EvaluationFact {
  readonly level: string;
  readonly score?: number;
  readonly scale: string;
  readonly ruleSetId: string;
  readonly ref: Ref;
}

export interface OfficerFacts {
  assignments: { readonly unitId: string; readonly from: string; readonly ref: Ref }[];
  leftOn?: string;
  evaluations: Record<string, EvaluationFact>;
}

/**
 * Tables of entries, updated in place (the projection is `mutable`): a store that keeps entries as
 * rows writes only those an event changed. A loaded copy may lack an empty table: read it through
 * `officerRatingTables`.
 */
export interface OfficerRatingState {
  /** Officers who received, processed or returned each dossier so far. */
  readonly dossiers: Record<string, DossierHandler[]>;
  /** Facts per officer and Vietnamese month, keyed `<officerId>|<YYYY-MM>`. */
  readonly months: Record<string, OfficerMonth>;
  readonly incidents: Record<string, IncidentFact>;
  /** Ids of the incidents reported against each officer. */
  readonly incidentsByOfficer: Record<string, string[]>;
  readonly officers: Record<string, OfficerFacts>;
}

export const emptyOfficerRatingState = (): OfficerRatingState => ({ dossiers: {}, months: {}, incidents: {}, incidentsByOfficer: {}, officers: {} });

const TABLES = Object.keys(emptyOfficerRatingState());

/** The state with every table present (filled in place). */
export const officerRatingTables = (state: OfficerRatingState): OfficerRatingState => withTables(state, TABLES);

export const OFFICER_RATING = 'officer-rating';

export const officerMonthKey = (officerId: string, day: string): string => `${officerId}|${day.slice(0, 7)}`;
