import type { Timeliness } from '../../dossier/vocabulary.js';
import type { IncidentOutcome, IncidentSeverity } from '../../conduct/vocabulary.js';
import type { Ref } from '../conduct/refs.js';
import type { Shards } from '../conduct/shards.js';

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

export interface OfficerMonth {
  readonly returned: readonly ReturnedFact[];
  readonly ratings: readonly RatingFact[];
  readonly praise: readonly Ref[];
}

export interface IncidentFact {
  readonly officerId: string;
  readonly reportedOn: string;
  readonly severity?: IncidentSeverity;
  readonly outcome?: IncidentOutcome;
  readonly refs: readonly Ref[];
}

export interface EvaluationFact {
  readonly level: string;
  readonly score?: number;
  readonly scale: string;
  readonly ruleSetId: string;
  readonly ref: Ref;
}

export interface OfficerFacts {
  readonly assignments: readonly { readonly unitId: string; readonly from: string; readonly ref: Ref }[];
  readonly leftOn?: string;
  readonly evaluations: Readonly<Record<string, EvaluationFact>>;
}

export interface OfficerRatingState {
  /** Officers who received, processed or returned each dossier so far. */
  readonly dossiers: Shards<readonly DossierHandler[]>;
  /** Facts per officer and Vietnamese month, keyed `<officerId>|<YYYY-MM>`. */
  readonly months: Shards<OfficerMonth>;
  readonly incidents: Shards<IncidentFact>;
  /** Ids of the incidents reported against each officer. */
  readonly incidentsByOfficer: Shards<readonly string[]>;
  readonly officers: Shards<OfficerFacts>;
}

export const OFFICER_RATING = 'officer-rating';

export const officerMonthKey = (officerId: string, day: string): string => `${officerId}|${day.slice(0, 7)}`;
