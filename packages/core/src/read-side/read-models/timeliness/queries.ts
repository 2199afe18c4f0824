import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { percentOf } from '../../explain/build.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { lineageCounts, type LineageCounts } from '../../vocabulary/lineage.js';
import { datedDocumentsIn } from '../../vocabulary/listing.js';
import { monthsOf, parsePeriodOf, type DatedGrain } from '../../vocabulary/period.js';
import { countsKey, countsOf, TIMELINESS_DIMENSIONS, type ApologyFact, type ReturnedDossier, type TimelinessCounts, type TimelinessDimension, type TimelinessDocument } from './projection.js';

/** What a row counts; `apologiesInTime` and `lateWithTimelyApology` are judged at query time. */
export const COUNTERS = [
  'resolved',
  'early',
  'onDay',
  'late',
  'lateAgainstOriginal',
  'threeOrMoreTrips',
  'apologies',
  'apologiesInTime',
  'lateWithTimelyApology',
] as const;
export type Counter = (typeof COUNTERS)[number];

/** Each metric as a plain count or a share [numerator counters] of [denominator counter], in per cent. */
export const TIMELINESS_METRICS = {
  resolved: { count: 'resolved' },
  earlyShare: { part: ['early'], whole: 'resolved' },
  onDayShare: { part: ['onDay'], whole: 'resolved' },
  lateShare: { part: ['late'], whole: 'resolved' },
  onTimeRate: { part: ['early', 'onDay'], whole: 'resolved' },
  lateAgainstOriginalRate: { part: ['lateAgainstOriginal'], whole: 'resolved' },
  threeOrMoreTripsShare: { part: ['threeOrMoreTrips'], whole: 'resolved' },
  apologies: { count: 'apologies' },
  apologiesInTime: { count: 'apologiesInTime' },
  apologyCompliance: { part: ['lateWithTimelyApology'], whole: 'lateAgainstOriginal' },
} as const satisfies Record<string, { count: Counter } | { part: readonly Counter[]; whole: Counter }>;
export type TimelinessMetric = keyof typeof TIMELINESS_METRICS;
export const TIMELINESS_METRIC_NAMES = Object.keys(TIMELINESS_METRICS) as TimelinessMetric[];

/** Percentages to 1 decimal, `null` when their denominator is 0. */
export type TimelinessFigures = { readonly [M in TimelinessMetric]: number | null };

/** Working days of notice an apology needs under its rule set (docs/domain/dossier-lifecycle.md); 1 for an unknown set. */
export const requiredNotice = (rules: RuleBook, ruleSet: string): number => rules.byId(ruleSet)?.apology.minWorkingDaysBeforeDue ?? 1;

export const apologyInTime = (rules: RuleBook, apology: ApologyFact | undefined): boolean =>
  apology !== undefined && apology.workingDaysBefore >= requiredNotice(rules, apology.ruleSet);

/** Whether a returned dossier is one of what `counter` counts. */
export const holds = (rules: RuleBook, counter: Counter, member: ReturnedDossier): boolean => {
  switch (counter) {
    case 'resolved':
      return true;
    case 'early':
      return member.timeliness === 'early';
    case 'onDay':
      return member.timeliness === 'on-time';
    case 'late':
      return member.timeliness === 'late';
    case 'lateAgainstOriginal':
      return member.lateAgainstOriginal;
    case 'threeOrMoreTrips':
      return member.trips >= 3;
    case 'apologies':
      return member.apology !== undefined;
    case 'apologiesInTime':
      return apologyInTime(rules, member.apology);
    case 'lateWithTimelyApology':
      return member.lateAgainstOriginal && apologyInTime(rules, member.apology);
  }
};

/** A row's counters, the apologies judged by the rule sets in `rules`. */
export const countersOf = (rules: RuleBook, counts: TimelinessCounts): Readonly<Record<Counter, number>> => {
  let apologiesInTime = 0;
  let lateWithTimelyApology = 0;
  for (const [ruleSet, byNotice] of Object.entries(counts.notice)) {
    const required = requiredNotice(rules, ruleSet);
    for (const [days, byReceipt] of Object.entries(byNotice)) {
      if (Number(days) < required) continue;
      for (const [all, late] of Object.values(byReceipt)) {
        apologiesInTime += all;
        lateWithTimelyApology += late;
      }
    }
  }
  const { resolved, early, onDay, late, lateAgainstOriginal, threeOrMoreTrips, apologies } = counts;
  return { resolved, early, onDay, late, lateAgainstOriginal, threeOrMoreTrips, apologies, apologiesInTime, lateWithTimelyApology };
};

/**
 * The rule sets of the dossiers a metric rests on, and of their apologies: those with an apology (in
 * time, as `rules` judges it) for the counts of apologies, every counted dossier for the others.
 */
export const ruleSetsCounted = (rules: RuleBook, counts: TimelinessCounts, metric: TimelinessMetric): string[] => {
  const spec: { count: Counter } | { part: readonly Counter[]; whole: Counter } = TIMELINESS_METRICS[metric];
  const apologised = 'count' in spec && (spec.count === 'apologies' || spec.count === 'apologiesInTime') ? spec.count : undefined;
  const ruleSets = apologised === undefined ? [...counts.ruleSets] : [];
  for (const [ruleSet, byNotice] of Object.entries(counts.notice)) {
    const required = apologised === 'apologiesInTime' ? requiredNotice(rules, ruleSet) : 0;
    for (const [days, byReceipt] of Object.entries(byNotice)) {
      if (Number(days) < required) continue;
      ruleSets.push(ruleSet);
      if (apologised !== undefined) for (const received of Object.keys(byReceipt)) if (received !== '') ruleSets.push(received);
    }
  }
  return ruleSets;
};

/** Counters of several rows summed (a quarter's or a year's months); undefined for none. */
export const sumCounts = (all: readonly TimelinessCounts[]): TimelinessCounts | undefined => {
  if (all.length <= 1) return all[0];
  let resolved = 0;
  let early = 0;
  let onDay = 0;
  let late = 0;
  let lateAgainstOriginal = 0;
  let threeOrMoreTrips = 0;
  let apologies = 0;
  const ruleSets = new Set<string>();
  const notice: Record<string, Record<string, Record<string, [number, number]>>> = {};
  for (const counts of all) {
    resolved += counts.resolved;
    early += counts.early;
    onDay += counts.onDay;
    late += counts.late;
    lateAgainstOriginal += counts.lateAgainstOriginal;
    threeOrMoreTrips += counts.threeOrMoreTrips;
    apologies += counts.apologies;
    for (const ruleSet of counts.ruleSets) ruleSets.add(ruleSet);
    for (const [ruleSet, byNotice] of Object.entries(counts.notice)) {
      const bySet = (notice[ruleSet] ??= {});
      for (const [days, byReceipt] of Object.entries(byNotice)) {
        const byDays = (bySet[days] ??= {});
        for (const [received, [n, lateOnes]] of Object.entries(byReceipt)) {
          const sum = (byDays[received] ??= [0, 0]);
          sum[0] += n;
          sum[1] += lateOnes;
        }
      }
    }
  }
  return { kind: 'counts', resolved, early, onDay, late, lateAgainstOriginal, threeOrMoreTrips, apologies, ruleSets: [...ruleSets].sort(), notice };
};

/** The rule set in force on the period's last day: it says how the period's shares are rounded. */
export const ruleSetOfPeriod = (rules: RuleBook, grain: DatedGrain, period: string) => {
  const parsed = parsePeriodOf(grain, period);
  return parsed === undefined ? undefined : rules.inForceAt(parsed.end);
};

export const figuresOf = (rules: RuleBook, counts: TimelinessCounts, grain: DatedGrain, period: string): TimelinessFigures | undefined => {
  const ruleSet = ruleSetOfPeriod(rules, grain, period);
  if (ruleSet === undefined) return undefined;
  const counters = countersOf(rules, counts);
  const figures: Partial<Record<TimelinessMetric, number | null>> = {};
  for (const metric of TIMELINESS_METRIC_NAMES) {
    const spec: { count: Counter } | { part: readonly Counter[]; whole: Counter } = TIMELINESS_METRICS[metric];
    if ('count' in spec) {
      figures[metric] = counters[spec.count];
    } else {
      const whole = counters[spec.whole];
      const part = spec.part.reduce((total, counter) => total + counters[counter], 0);
      figures[metric] = whole === 0 ? null : percentOf(part, whole, 1, ruleSet.indexRounding);
    }
  }
  return figures as TimelinessFigures;
};

/**
 * The row's counters; undefined when no dossier was returned for it in the period. Days and months are
 * kept as counters; a quarter or a year is its months' counters summed.
 */
export const countsAt = async (
  documents: DocumentQuery<TimelinessDocument>,
  tenantId: string,
  dimension: TimelinessDimension,
  id: string,
  grain: DatedGrain,
  period: string,
): Promise<TimelinessCounts | undefined> => {
  const parsed = parsePeriodOf(grain, period);
  if (parsed === undefined) return undefined;
  if (grain === 'day') {
    const document = await documents.get(countsKey(tenantId, dimension, id, grain, period));
    return document?.kind === 'counts' ? countsOf(document) : undefined;
  }
  const months: TimelinessCounts[] = [];
  // A quarter's three months are read by key; a year's are one range of keys.
  const found =
    grain === 'quarter'
      ? await Promise.all(monthsOf(parsed).map((month) => documents.get(countsKey(tenantId, dimension, id, 'month', month))))
      : (await datedDocumentsIn(documents, documentPrefix(tenantId, 'timeliness', dimension, keyPart(id), 'month'), parsed, 'month')).map(([, document]) => document);
  for (const document of found) if (document?.kind === 'counts') months.push(countsOf(document));
  return sumCounts(months);
};

/**
 * The dimensions of timeliness figures: those returns are counted under, and `lineage`: a unit with
 * the units merged into it by the period's last day (docs/domain/org-chart.md §2).
 */
export const TIMELINESS_FIGURE_DIMENSIONS = [...TIMELINESS_DIMENSIONS, 'lineage'] as const;
export type TimelinessFigureDimension = (typeof TIMELINESS_FIGURE_DIMENSIONS)[number];

/** A unit's lineage in a period, the counters of each of its units with returns in it, and their sum. */
export type TimelinessLineageCounts = LineageCounts<TimelinessCounts>;

/**
 * The counters of a unit and of the units merged into it by the period's last day, summed (each
 * unit's as `countsAt` reads them); undefined when none of them returned a dossier in the period.
 */
export const lineageCountsAt = async (
  documents: DocumentQuery<TimelinessDocument>,
  tenantId: string,
  unitId: string,
  grain: DatedGrain,
  period: string,
): Promise<TimelinessLineageCounts | undefined> => {
  const parsed = parsePeriodOf(grain, period);
  if (parsed === undefined) return undefined;
  return lineageCounts(documents, tenantId, unitId, parsed.end, (unit) => countsAt(documents, tenantId, 'unit', unit, grain, period), sumCounts);
};

/** The counters of any figure dimension: a row's, or a lineage's summed. */
export const figureCountsAt = async (
  documents: DocumentQuery<TimelinessDocument>,
  tenantId: string,
  dimension: TimelinessFigureDimension,
  id: string,
  grain: DatedGrain,
  period: string,
): Promise<TimelinessCounts | undefined> =>
  dimension === 'lineage' ? (await lineageCountsAt(documents, tenantId, id, grain, period))?.counts : countsAt(documents, tenantId, dimension, id, grain, period);

export const timelinessQueries = (rules: RuleBook) => ({
  /**
   * One row's figures: shares rounded as the rule set in force on the period's last day says;
   * undefined for a row without returns. For `lineage`, the unit's counters with those of the units
   * merged into it by the period's last day.
   */
  timeliness: async (
    documents: DocumentQuery<TimelinessDocument>,
    tenantId: string,
    dimension: TimelinessFigureDimension,
    id: string,
    grain: DatedGrain,
    period: string,
  ): Promise<TimelinessFigures | undefined> => {
    const counts = await figureCountsAt(documents, tenantId, dimension, id, grain, period);
    return counts === undefined ? undefined : figuresOf(rules, counts, grain, period);
  },
});
export type TimelinessQueries = ReturnType<typeof timelinessQueries>;
