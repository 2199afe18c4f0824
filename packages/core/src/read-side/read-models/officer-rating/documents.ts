import type { IncidentOutcome, IncidentSeverity } from '../../../conduct/vocabulary.js';
import type { Timeliness } from '../../../dossier/vocabulary.js';
import type { EvaluationLevel } from '../../../officer/evaluation.js';
import type { LegalStatus } from '../../../officer/vocabulary.js';
import { documentKey, documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { keyOfId, rememberedKey } from '../../vocabulary/remembered-key.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';

export const OFFICER_RATING = 'officer-rating';

/** The officers named on a dossier so far (receipt, processing, return), each with the event naming them. */
export interface DossierDocument {
  readonly kind: 'dossier';
  readonly handlers: readonly (readonly [officerId: string, via: EventPosition])[];
}

/** A dossier returned, as an officer's day keeps it: the return, the event naming the officer, both timelinesses. */
export type DayReturn = readonly [position: EventPosition, via: EventPosition, timeliness: Timeliness, againstOriginal: Timeliness];
/** A citizen's rating about officers: SIPAS `officers` (1–5) and Circular 01 index 7 (0–2), `null` when absent. */
export type DayRating = readonly [position: EventPosition, via: EventPosition, sipasOfficers: number | null, attitude: number | null];

/**
 * One officer's facts of one Vietnamese day, with the positions of their events: what an explanation
 * lists. A day holds what one officer handled that day, so it stays small.
 */
export interface DayDocument {
  readonly kind: 'day';
  readonly returned: readonly DayReturn[];
  readonly ratings: readonly DayRating[];
  readonly praise: readonly EventPosition[];
}

/** An incident reported against the officer: its severity and outcome so far, and its events. */
export interface IncidentEntry {
  readonly severity?: IncidentSeverity;
  readonly outcome?: IncidentOutcome;
  readonly positions: readonly EventPosition[];
}

/**
 * One officer's month as counts (what a proposal is computed from at query time, under any rule set):
 * returns by both timelinesses, ratings by their officer scores, praise, the incidents reported that
 * month and the disciplines decided in it (few, kept whole with their events).
 */
export interface MonthDocument {
  readonly kind: 'month';
  readonly returned: readonly (readonly [timeliness: Timeliness, againstOriginal: Timeliness, count: number])[];
  readonly ratings: readonly (readonly [sipasOfficers: number | null, attitude: number | null, count: number])[];
  readonly praise: number;
  readonly incidents: Readonly<Record<string, IncidentEntry>>;
  /** Disciplines decided that month (by decision date), as their events; absent when none. */
  readonly disciplines?: readonly EventPosition[];
}

/** Where an incident's later events go: the officer it names and the day it was reported. */
export interface IncidentDocument {
  readonly kind: 'incident';
  readonly officerId: string;
  readonly reportedOn: string;
}

/**
 * An officer's assignments to units (unit, first day, event), the agency that rates the officer (the
 * seconding agency, with the appointment's event), the officer's legal status and the day they left, if they did.
 */
export interface AssignmentsDocument {
  readonly kind: 'assignments';
  readonly assignments: readonly (readonly [unitId: string, from: string, position: EventPosition])[];
  readonly ratingAgency?: readonly [agencyId: string, position: EventPosition];
  /** The legal status named at appointment: the scale the officer is rated on depends on it (docs/domain/officers.md §2). */
  readonly legalStatus?: LegalStatus;
  readonly leftOn?: string;
}

/** The unit head's latest decision on an officer's period (`EvaluationRecorded` or `EvaluationCorrected`). */
export interface EvaluationDocument {
  readonly kind: 'evaluation';
  readonly level: EvaluationLevel;
  readonly score?: number;
  readonly scale: string;
  readonly ruleSetId: string;
  readonly position: EventPosition;
}

/** An officer ever assigned to a unit, or rated by an agency: who the unit's share and the agency's cap look at. */
export interface MemberDocument {
  readonly kind: 'member';
}

export type OfficerRatingDocument =
  | DossierDocument
  | DayDocument
  | MonthDocument
  | IncidentDocument
  | AssignmentsDocument
  | EvaluationDocument
  | MemberDocument;

type Doc = OfficerRatingDocument | undefined;

/** Each document read back as its kind, or undefined for none or another kind. */
export const asKind = {
  dossier: (document: Doc) => (document?.kind === 'dossier' ? document : undefined),
  day: (document: Doc) => (document?.kind === 'day' ? document : undefined),
  month: (document: Doc) => (document?.kind === 'month' ? document : undefined),
  incident: (document: Doc) => (document?.kind === 'incident' ? document : undefined),
  assignments: (document: Doc) => (document?.kind === 'assignments' ? document : undefined),
  evaluation: (document: Doc) => (document?.kind === 'evaluation' ? document : undefined),
};

/**
 * An officer's day or month document (`<tenant>/officer/<officerId>/<day|month>/<date>`), remembered: the
 * returns and ratings of a day name the same few officers over and over.
 */
const officerDatedKey = rememberedKey((tenantId: string, officerId: string, date: string) =>
  documentKey(tenantId, 'officer', keyPart(officerId), date.length === 7 ? 'month' : 'day', date),
);

/** Document keys, each after `<tenantId>/` (see index.ts). */
export const keys = {
  dossier: keyOfId('dossier'),
  incident: (tenantId: string, incidentId: string) => documentKey(tenantId, 'incident', keyPart(incidentId)),
  officers: (tenantId: string) => documentPrefix(tenantId, 'officer'),
  officer: (tenantId: string, officerId: string) => documentPrefix(tenantId, 'officer', keyPart(officerId)),
  day: (tenantId: string, officerId: string, day: string) => (day.length === 10 ? officerDatedKey(tenantId, officerId, day) : documentKey(tenantId, 'officer', keyPart(officerId), 'day', day)),
  days: (tenantId: string, officerId: string, month: string) => `${documentKey(tenantId, 'officer', keyPart(officerId), 'day', month)}-`,
  month: (tenantId: string, officerId: string, month: string) =>
    month.length === 7 ? officerDatedKey(tenantId, officerId, month) : documentKey(tenantId, 'officer', keyPart(officerId), 'month', month),
  months: (tenantId: string, officerId: string) => documentPrefix(tenantId, 'officer', keyPart(officerId), 'month'),
  assignments: (tenantId: string, officerId: string) => documentKey(tenantId, 'officer', keyPart(officerId), 'assignments'),
  evaluation: (tenantId: string, officerId: string, period: string) => documentKey(tenantId, 'officer', keyPart(officerId), 'evaluation', period),
  evaluations: (tenantId: string, officerId: string) => documentPrefix(tenantId, 'officer', keyPart(officerId), 'evaluation'),
  agencies: (tenantId: string) => documentPrefix(tenantId, 'agency'),
  agencyMember: (tenantId: string, agencyId: string, officerId: string) => documentKey(tenantId, 'agency', keyPart(agencyId), 'member', keyPart(officerId)),
  agencyMembers: (tenantId: string, agencyId: string) => documentPrefix(tenantId, 'agency', keyPart(agencyId), 'member'),
  units: (tenantId: string) => documentPrefix(tenantId, 'unit'),
  unit: (tenantId: string, unitId: string) => documentPrefix(tenantId, 'unit', keyPart(unitId)),
  member: (tenantId: string, unitId: string, officerId: string) => documentKey(tenantId, 'unit', keyPart(unitId), 'member', keyPart(officerId)),
  members: (tenantId: string, unitId: string) => documentPrefix(tenantId, 'unit', keyPart(unitId), 'member'),
};

/** Whether an officer's month holds a fact a proposal is made from (incidents alone do not make one). */
export const hasFacts = (month: MonthDocument): boolean => month.returned.length > 0 || month.ratings.length > 0 || month.praise > 0;
