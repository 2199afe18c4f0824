import type { RoundingMode } from '../../rules/types.js';
import { percentOf } from '../../read-side/explain/build.js';
import { officerOf } from '../dossier-facts/facts.js';
import type { Grain } from '../dossier-facts/periods.js';
import { addToRows, rowAt } from '../dossier-facts/rows.js';
import { tripsOf, type DossierFacts, type DossierReadModelsState } from '../dossier-facts/state.js';

/**
 * Timeliness statistics (tỷ lệ giải quyết trước hạn / đúng hạn / quá hạn) per province (tenant),
 * unit, procedure and officer, by Vietnamese day, month, quarter and year of the return.
 *
 * Denominator: dossiers whose result (or reasoned refusal) was returned in the period ("resolved",
 * docs/domain/indices.md §3); withdrawn dossiers and those still open are not in it. Early / on the day / late are
 * judged against the due date in force at the return (an apology's new date counts, as promised to
 * the applicant); `lateAgainstOriginalRate` judges against the due date before any apology, and
 * apology compliance is the share of those late dossiers whose apology came at least the rule set's
 * minimum working days before that date. The officer is the one who completed processing, else the
 * receiving officer. Three or more trips: distinct days the applicant came in person (§6.3 proxy).
 */
export const TIMELINESS_DIMENSIONS = ['province', 'unit', 'procedure', 'officer'] as const;
export type TimelinessDimension = (typeof TIMELINESS_DIMENSIONS)[number];

export const T = {
  resolved: 0,
  early: 1,
  onDay: 2,
  late: 3,
  lateAgainstOriginal: 4,
  threeOrMoreTrips: 5,
  apologies: 6,
  apologiesInTime: 7,
  lateWithTimelyApology: 8,
} as const;
const WIDTH = 9;

export const dimensionIdOf = (facts: DossierFacts, dimension: TimelinessDimension): string | undefined => {
  switch (dimension) {
    case 'province':
      return facts.tenant;
    case 'unit':
      return facts.unit;
    case 'procedure':
      return facts.procedure;
    case 'officer':
      return officerOf(facts);
  }
};

export const apologyInTime = (facts: DossierFacts): boolean =>
  facts.apology !== undefined && facts.apology.workingDaysBefore >= facts.apology.required;

/** Call once the facts took the `returned` change. */
export const applyReturnToTimeliness = (state: DossierReadModelsState, facts: DossierFacts): void => {
  const date = facts.returned;
  if (date === undefined) return;
  const lateOriginal = facts.timelinessAgainstOriginal === 'late';
  const deltas = [T.resolved, 1, facts.timeliness === 'early' ? T.early : facts.timeliness === 'on-time' ? T.onDay : T.late, 1];
  if (lateOriginal) deltas.push(T.lateAgainstOriginal, 1);
  if (tripsOf(facts) >= 3) deltas.push(T.threeOrMoreTrips, 1);
  if (facts.apology !== undefined) deltas.push(T.apologies, 1);
  if (apologyInTime(facts)) deltas.push(T.apologiesInTime, 1);
  if (lateOriginal && apologyInTime(facts)) deltas.push(T.lateWithTimelyApology, 1);
  for (const dimension of TIMELINESS_DIMENSIONS) {
    const id = dimensionIdOf(facts, dimension);
    if (id !== undefined) addToRows(state.timeliness, dimension, id, date, true, WIDTH, deltas);
  }
};

/** Each metric as [numerator counter, denominator counter], or a plain count. */
export const TIMELINESS_METRICS = {
  resolved: { count: T.resolved },
  earlyShare: { part: [T.early], whole: T.resolved },
  onDayShare: { part: [T.onDay], whole: T.resolved },
  lateShare: { part: [T.late], whole: T.resolved },
  onTimeRate: { part: [T.early, T.onDay], whole: T.resolved },
  lateAgainstOriginalRate: { part: [T.lateAgainstOriginal], whole: T.resolved },
  threeOrMoreTripsShare: { part: [T.threeOrMoreTrips], whole: T.resolved },
  apologies: { count: T.apologies },
  apologiesInTime: { count: T.apologiesInTime },
  apologyCompliance: { part: [T.lateWithTimelyApology], whole: T.lateAgainstOriginal },
} as const satisfies Record<string, { count: number } | { part: readonly number[]; whole: number }>;
export type TimelinessMetric = keyof typeof TIMELINESS_METRICS;

export type TimelinessFigures = { readonly [M in TimelinessMetric]: number | null };

/** Figures of one row; percentages to 1 decimal, `null` when their denominator is 0. */
export const timelinessFigures = (
  state: DossierReadModelsState,
  dimension: TimelinessDimension,
  id: string,
  grain: Grain,
  period: string,
  mode: RoundingMode,
): TimelinessFigures | undefined => {
  const row = rowAt(state.timeliness, dimension, id, grain, period);
  if (row === undefined) return undefined;
  const figures: Record<string, number | null> = {};
  for (const [metric, spec] of Object.entries(TIMELINESS_METRICS)) {
    if ('count' in spec) {
      figures[metric] = row[spec.count] ?? 0;
    } else {
      const whole = row[spec.whole] ?? 0;
      const part = spec.part.reduce((total, index) => total + (row[index] ?? 0), 0);
      figures[metric] = whole === 0 ? null : percentOf(part, whole, 1, mode);
    }
  }
  return figures as TimelinessFigures;
};
