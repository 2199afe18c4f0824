import { withTables } from '../engine/table-changes.js';
import type { Timeliness } from './changes.js';

/** Counts by Vietnamese calendar day (or by the day a difference starts, for interval metrics). */
export type DayCounts = Record<string, number>;

/**
 * What the read models keep per dossier: facts and the log positions of the events behind them,
 * never the events themselves. `refs` holds triples (global position, stream version, type index in
 * `DOSSIER_EVENT_TYPES`).
 */
export interface DossierFacts {
  readonly stream: string;
  tenant: string;
  unit?: string;
  procedure?: string;
  online?: boolean;
  /** Receiving officer; `handler` is the one who completed processing. */
  officer?: string;
  handler?: string;
  received?: string;
  /** Due date in force. */
  due?: string;
  ruleSet?: string;
  /** Return or withdrawal day. */
  closed?: string;
  withdrawn?: boolean;
  // Absent fields below mean 0, none or false: a province-year holds hundreds of thousands of these.
  /** Supplement requests, at intake and during processing (TT01 index 3). */
  contacts?: number;
  /** Days waiting for a supplement after receipt: [from, until) with `null` while waiting. */
  supplementSpans?: [string, string | null][];
  /** Days with at least one other agency: [from, until). */
  agencySpans?: [string, string | null][];
  openSteps?: number;
  /** Lowest TT01 score of any agency step returned (index 2). */
  stepScore?: number;
  steps?: number;
  /** Vietnamese days the applicant came to the desk in person. */
  trips?: string[];
  apology?: { date: string; workingDaysBefore: number; required: number; ruleSet: string };
  returned?: string;
  timeliness?: Timeliness;
  timelinessAgainstOriginal?: Timeliness;
  /** Working days from the receipt day (exclusive) to the return day (inclusive). */
  workingDays?: number;
  /** A substantiated complaint about this dossier (TT01 index 7 = 0). */
  complaint?: true;
  citizen?: Readonly<Record<string, number>>;
  sipas?: Readonly<Record<string, number>>;
  rated?: string;
  refs: number[];
  /** Events of other streams behind a figure (complaints): stream, version, position, type. */
  otherRefs?: [string, number, number, string][];
  /** TT01 indices 1, 2, 3, 4, 7 as last added to the aggregates. */
  scored?: number[];
}

export interface FeedbackFacts {
  readonly stream: string;
  readonly tenant: string;
  readonly unit?: string;
  readonly date: string;
  handled?: 'on-time' | 'late';
  refs: number[];
}

export interface UnitBoardCounts {
  received: DayCounts;
  due: DayCounts;
  /** Interval metrics as differences: the figure on a day is the sum up to it. */
  overdue: DayCounts;
  awaitingSupplement: DayCounts;
  withAgency: DayCounts;
  returnedEarly: DayCounts;
  returnedOnTime: DayCounts;
  returnedLate: DayCounts;
  workingDaysToReturn: DayCounts;
}

export interface DossierReadModelsState {
  readonly dossiers: Record<string, DossierFacts>;
  /**
   * Codes of the dossiers received, returned, withdrawn or rated on each Vietnamese day (`YYYY-MM-DD`):
   * what explanations scan. By day, so a live commit rewrites today's list, not the month's.
   */
  readonly days: Record<string, string[]>;
  /** Codes of the dossiers each unit received, by `<unitId>/<YYYY-MM-DD>` of receipt: what the unit board's explanations scan. */
  readonly units: Record<string, string[]>;
  /** Incident id → dossier code and the report's stream version and position, for complaints about a dossier. */
  readonly incidents: Record<string, [string, number, number]>;
  readonly feedback: Record<string, FeedbackFacts>;
  /** Unit board counts by `<unitId>/<YYYY-MM>`, each day in its own month. */
  readonly board: Record<string, UnitBoardCounts>;
  /** Counter rows by `<dimension>/<id>/<grain>/<period>`. */
  readonly timeliness: Record<string, number[]>;
  readonly circular01: Record<string, number[]>;
  readonly sipas: Record<string, number[]>;
  readonly intake: Record<string, number[]>;
  readonly feedbackCounts: Record<string, number[]>;
}

export const initialDossierReadModelsState = (): DossierReadModelsState => ({
  dossiers: {},
  days: {},
  units: {},
  incidents: {},
  feedback: {},
  board: {},
  timeliness: {},
  circular01: {},
  sipas: {},
  intake: {},
  feedbackCounts: {},
});

/**
 * The state with every table present: a store that keeps entries as rows has no row for an empty
 * table, so a loaded state may lack one. Fills them in place (the object stays the same).
 */
export const withAllTables = (state: DossierReadModelsState): DossierReadModelsState => withTables(state, TABLES);

const TABLES = Object.keys(initialDossierReadModelsState());

export const DOSSIER_EVENT_TYPES = [
  'GuidanceGiven',
  'DossierSubmitted',
  'SupplementRequestedAtIntake',
  'RefusedAtIntake',
  'DossierReceived',
  'DossierTransferred',
  'SupplementRequested',
  'SupplementReceived',
  'ForwardedToAgency',
  'ReturnedFromAgency',
  'ProcessingCompleted',
  'ApologyIssued',
  'ResultReturned',
  'DossierWithdrawn',
  'DossierRated',
  'FeedbackReceived',
  'FeedbackAnsweredOnTheSpot',
  'FeedbackForwarded',
  'FeedbackAnswered',
] as const;

export const newDossierFacts = (stream: string, tenant: string): DossierFacts => ({ stream, tenant, refs: [] });

export const tripsOf = (facts: DossierFacts): number => facts.trips?.length ?? 0;

/** Adds `delta` at `key`, dropping zero entries so a rebuilt state equals an incremental one. */
export const bump = (counts: Record<string, number>, key: string, delta: number): void => {
  const next = (counts[key] ?? 0) + delta;
  if (next === 0) delete counts[key];
  else counts[key] = next;
};
