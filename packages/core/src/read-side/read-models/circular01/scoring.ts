import type { Timeliness } from '../../../dossier/vocabulary.js';
import { CIRCULAR01_SCORING_V1 } from '../../../rules/data/circular01-scoring-v1.js';
import type { Circular01ScoringPolicy, RuleBook } from '../../../rules/types.js';
import type { Tt01DossierDocument } from '../satisfaction-support/documents.js';

/**
 * Circular 01/2018 (TT01) per-dossier indices derived from the dossier's events (docs/domain/indices.md §1):
 * 1. time against the limit: early 2, on the day 1, late 0 (against the due date the rule set's
 *    scoring policy names);
 * 2. each participating body against its step limit: the lowest score of the steps handed back, form 05
 *    steps (`StepCompleted`'s early 2, on time 1, late 0) and other agencies' (`ReturnedFromAgency`
 *    against its step due date) alike, or index 1 when no other body took part;
 * 3. contacts to complete the dossier: supplement requests at intake and in processing, except those
 *    the applicant's own fault made necessary (`causedByApplicant`), 0 → 2, 1 → 1, more → 0;
 * 4. bodies the applicant had to deal with: no supplement (whoever caused it) and at most two trips → 2,
 *    else 1 (the log holds no contact with other bodies, so 0 is never derived);
 * 7. attitude: substantiated complaint → 0, else early 2, on the day 1, late by the policy.
 *
 * What a returned dossier contributes does not depend on the policy (its `Tt01Profile`): counters
 * keep profiles, and the policy of each dossier's rule set scores them at query time.
 */
export const DERIVED_INDICES = ['1', '2', '3', '4', '7'] as const;
export type DerivedIndex = (typeof DERIVED_INDICES)[number];
export const UNIT_LEVEL_INDICES = ['5', '6', '8', '9'] as const;
export type UnitLevelIndexName = (typeof UNIT_LEVEL_INDICES)[number];
export const CIRCULAR01_DIMENSIONS = ['officer', 'unit', 'province'] as const;
export type Circular01Dimension = (typeof CIRCULAR01_DIMENSIONS)[number];

export const scoringPolicyOf = (rules: RuleBook, ruleSetId: string | undefined): Circular01ScoringPolicy =>
  (ruleSetId === undefined ? undefined : rules.byId(ruleSetId)?.circular01Scoring) ?? CIRCULAR01_SCORING_V1;

/** What a returned dossier's indices are scored from, under any policy. */
export interface Tt01Profile {
  readonly day: string;
  readonly officer?: string;
  readonly unit?: string;
  readonly ruleSet: string;
  readonly timeliness: Timeliness;
  readonly timelinessAgainstOriginal: Timeliness;
  /** Lowest step score of the other bodies; null when none took part. */
  readonly step: number | null;
  /** Contacts counted by index 3 (the applicant's fault excluded), at most 2. */
  readonly contacts: number;
  /** Any supplement was asked (index 4), whoever caused it. */
  readonly supplemented: boolean;
  readonly trips: number;
  readonly complaint: boolean;
}

/** The officer a dossier is counted for: who completed it, else who received it. */
export const officerOf = (dossier: Tt01DossierDocument): string | undefined => dossier.handler ?? dossier.officer;

/** A returned dossier's profile; undefined before its return. */
export const profileOf = (dossier: Tt01DossierDocument | undefined): Tt01Profile | undefined => {
  if (dossier?.returned === undefined || dossier.timeliness === undefined || dossier.timelinessAgainstOriginal === undefined) return undefined;
  // One literal (an absent officer or unit as undefined): profiles are made on every event after a return.
  return {
    day: dossier.returned,
    officer: officerOf(dossier),
    unit: dossier.unit,
    ruleSet: dossier.ruleSet ?? '',
    timeliness: dossier.timeliness,
    timelinessAgainstOriginal: dossier.timelinessAgainstOriginal,
    step: (dossier.steps ?? 0) === 0 ? null : (dossier.stepScore ?? 2),
    contacts: Math.min((dossier.contacts ?? 0) - (dossier.applicantContacts ?? 0), 2),
    supplemented: (dossier.contacts ?? 0) > 0,
    trips: Math.min(dossier.trips?.length ?? 0, 3),
    complaint: dossier.complaint === true,
  };
};

/**
 * The counter a profile is counted under (the same for every scope it belongs to). The fields that
 * vary most come first: a counter is found among a month's others by comparing names, which then
 * differ within their first few characters (the rule set, shared by most, comes last).
 */
export const cellOf = (profile: Tt01Profile): string =>
  JSON.stringify([
    profile.complaint ? 1 : 0,
    profile.trips,
    profile.contacts,
    profile.supplemented ? 1 : 0,
    profile.step,
    profile.timelinessAgainstOriginal,
    profile.timeliness,
    profile.ruleSet,
  ]);

const isTimeliness = (value: unknown): value is Timeliness => value === 'early' || value === 'on-time' || value === 'late';

/** The scoring inputs a counter stands for; undefined for a counter this version does not write. */
export const cellProfile = (cell: string): Omit<Tt01Profile, 'day' | 'officer' | 'unit'> | undefined => {
  const parsed: unknown = JSON.parse(cell);
  if (!Array.isArray(parsed) || parsed.length !== 8) return undefined;
  const [complaint, trips, contacts, supplemented, step, original, timeliness, ruleSet] = parsed as unknown[];
  if (typeof ruleSet !== 'string' || !isTimeliness(timeliness) || !isTimeliness(original)) return undefined;
  if (!(step === null || typeof step === 'number') || typeof contacts !== 'number' || typeof trips !== 'number') return undefined;
  return { ruleSet, timeliness, timelinessAgainstOriginal: original, step, contacts, supplemented: supplemented === 1, trips, complaint: complaint === 1 };
};

const scale = (timeliness: Timeliness): number => (timeliness === 'early' ? 2 : timeliness === 'on-time' ? 1 : 0);

/** Indices 1, 2, 3, 4, 7 of a profile under a policy. */
export const indicesOf = (profile: Omit<Tt01Profile, 'day' | 'officer' | 'unit'>, policy: Circular01ScoringPolicy): number[] => {
  const timeliness = policy.timelinessAgainst === 'due-date' ? profile.timeliness : profile.timelinessAgainstOriginal;
  const i1 = scale(timeliness);
  const i2 = profile.step ?? i1;
  const i3 = profile.contacts === 0 ? 2 : profile.contacts === 1 ? 1 : 0;
  const i4 = !profile.supplemented && profile.trips <= 2 ? 2 : 1;
  const i7 = profile.complaint ? 0 : timeliness === 'late' ? policy.lateWithoutComplaintAttitude : i1;
  return [i1, i2, i3, i4, i7];
};

/** Officer band (docs/domain/indices.md §1): total ≥ 5 → 100% of tasks, 3.5–<5 → 70–<100%, < 3.5 → < 70%. */
export const officerBand = (total: number): string => (total >= 5 ? '100%' : total >= 3.5 ? '70-<100%' : '<70%');

/** Agency band: ≥ 15 excellent, 12–<15 good, 9–<12 fair, 6–<9 average, < 6 weak. */
export const agencyBand = (total: number): string =>
  total >= 15 ? 'excellent' : total >= 12 ? 'good' : total >= 9 ? 'fair' : total >= 6 ? 'average' : 'weak';
