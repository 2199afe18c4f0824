import type { RuleBreach } from '../../../rules/breach.js';
import type { IncidentStep } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { documentPrefix, idOfKeyPart } from '../../vocabulary/document-key.js';
import { dayOf, parsePeriod, type Period } from '../../vocabulary/period.js';
import { conductKindOfBreach } from './breach-kinds.js';
import { dayDocuments, groupKey } from '../conduct-support/figure-documents.js';
import {
  breachDimensionsOf,
  isIncidentOpen,
  latestKey,
  type BreachEntry,
  type IncidentCounts,
  type IncidentEntry,
  type IncidentRegisterDocument,
  type PendingStep,
} from './projection.js';

export const INCIDENT_DIMENSIONS = ['total', 'category', 'officer', 'unit', 'source', 'step'] as const;
export type IncidentDimension = (typeof INCIDENT_DIMENSIONS)[number];
export const INCIDENT_MEASURES = ['reported', 'open', 'substantiated', 'overdue'] as const;
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number];
/** The measure of breach figures: `incident-register/<period>/<dimension>/<value>/breaches`. */
export const BREACH_MEASURE = 'breaches';
/** `category` is the conduct catalogue's kind the breach maps to; `rule` its code. */
export const BREACH_DIMENSIONS = ['total', 'category', 'officer', 'rule'] as const;
export type BreachDimension = (typeof BREACH_DIMENSIONS)[number];

type Documents = DocumentQuery<IncidentRegisterDocument>;
const ALL = parsePeriod('all') as Period;

export interface IncidentRow extends IncidentEntry {
  readonly incidentId: string;
}

/** Incidents reported in a period (every one by default), in report order: read from the days of the period. */
export const incidentRows = async (documents: Documents, tenantId: string, period: Period = ALL): Promise<readonly IncidentRow[]> => {
  const rows: IncidentRow[] = [];
  for (const [, document] of await dayDocuments(documents, tenantId, 'incidents', period)) {
    if (document.kind === 'incidents') for (const [incidentId, entry] of Object.entries(document.incidents)) rows.push({ incidentId, ...entry });
  }
  return rows.sort((a, b) => a.reported - b.reported);
};

/** Open incidents reported in a period (every one by default), oldest report first. */
export const openIncidents = async (documents: Documents, tenantId: string, period: Period = ALL): Promise<readonly IncidentRow[]> =>
  (await incidentRows(documents, tenantId, period)).filter(isIncidentOpen);

/**
 * Steps of an open incident overdue at `asOf`: a step done on its due date is on time, so it is overdue
 * from 00:00 (Vietnam time) of the day after.
 */
export const overdueSteps = (entry: IncidentEntry, asOf: string): readonly [IncidentStep, PendingStep][] => {
  if (!isIncidentOpen(entry)) return [];
  const today = dayOf(asOf);
  return (Object.entries(entry.pending) as [IncidentStep, PendingStep][]).filter(([, step]) => step.due < today);
};

/** The latest business instant of an incident event (UTC ISO), or `null` before any: the `asOf` overdue keys are listed at. */
export const latestAt = async (documents: Documents, tenantId: string): Promise<string | null> => {
  const latest = await documents.get(latestKey(tenantId));
  return latest?.kind === 'latest' ? latest.latestAt : null;
};

export interface IncidentSelection {
  readonly period: Period;
  readonly dimension: IncidentDimension;
  /** Ignored for `total`. */
  readonly value: string;
  readonly measure: IncidentMeasure;
  /** Required for `overdue`. */
  readonly asOf?: string;
}

/** One incident counted under a figure, with the events and rule sets behind it. */
export interface CountedIncident {
  readonly incidentId: string;
  readonly entry: IncidentEntry;
  readonly positions: readonly number[];
  readonly ruleSetIds: readonly string[];
}

const requireAsOf = (s: Pick<IncidentSelection, 'measure' | 'asOf'>) => {
  if (s.measure === 'overdue' && s.asOf === undefined) throw new RangeError('overdue is judged as of an instant: pass asOf');
};

const dimensionValue = (entry: IncidentEntry, dimension: Exclude<IncidentDimension, 'total' | 'step'>): string =>
  dimension === 'category' ? entry.category : dimension === 'officer' ? entry.officerId : dimension === 'unit' ? entry.unitId : entry.source;

/** Pending steps relevant to a selection: the overdue ones (by step, if asked), or for `open` by step. */
const stepsFor = (entry: IncidentEntry, s: IncidentSelection): readonly [IncidentStep, PendingStep][] => {
  const steps = s.measure === 'overdue' ? overdueSteps(entry, s.asOf ?? '') : (Object.entries(entry.pending) as [IncidentStep, PendingStep][]);
  return s.dimension === 'step' ? steps.filter(([step]) => step === s.value) : steps;
};

/** The incidents a figure counts, in report order, with the events behind each (what its explanation lists). */
export const selectIncidents = async (documents: Documents, tenantId: string, s: IncidentSelection): Promise<readonly CountedIncident[]> => {
  requireAsOf(s);
  const counted: CountedIncident[] = [];
  for (const row of await incidentRows(documents, tenantId, s.period)) {
    const { incidentId, ...entry } = row;
    if (s.dimension !== 'total' && s.dimension !== 'step' && dimensionValue(entry, s.dimension) !== s.value) continue;
    const base = [entry.reported, entry.classified];
    if (s.measure === 'reported' && s.dimension !== 'step') {
      counted.push({ incidentId, entry, positions: base, ruleSetIds: [entry.ruleSetId] });
    } else if (s.measure === 'substantiated' && s.dimension !== 'step') {
      if (entry.outcome === 'substantiated' && entry.concluded !== undefined) {
        counted.push({ incidentId, entry, positions: [...base, entry.concluded], ruleSetIds: [entry.ruleSetId] });
      }
    } else if (s.measure === 'open' || s.measure === 'overdue') {
      if (!isIncidentOpen(entry)) continue;
      const steps = stepsFor(entry, s);
      const bySteps = s.measure === 'overdue' || s.dimension === 'step';
      if (bySteps && steps.length === 0) continue;
      const stepPositions = bySteps ? steps.map(([, step]) => step.position) : [];
      const stepRules = bySteps ? steps.map(([, step]) => step.ruleSetId) : [];
      counted.push({ incidentId, entry, positions: [...base, ...stepPositions], ruleSetIds: [entry.ruleSetId, ...stepRules] });
    }
  }
  return counted;
};

/** A measure read from a group's counts: overdue counts the open incidents with a step due before the day of `asOf`. */
const measureOf = (counts: IncidentCounts, measure: IncidentMeasure, asOf: string | undefined): number => {
  switch (measure) {
    case 'reported':
    case 'substantiated':
    case 'open':
      return counts[measure] ?? 0;
    case 'overdue': {
      const today = dayOf(asOf ?? '');
      return Object.entries(counts.due ?? {}).reduce((n, [day, incidents]) => (day < today ? n + incidents : n), 0);
    }
  }
};

/** A figure's count: one document read for a month, quarter, year or `all`; a day's incidents for a day. */
export const incidentCount = async (documents: Documents, tenantId: string, s: IncidentSelection): Promise<number> => {
  requireAsOf(s);
  if (s.period.grain === 'day') return (await selectIncidents(documents, tenantId, s)).length;
  if (s.dimension === 'step' && (s.measure === 'reported' || s.measure === 'substantiated')) return 0;
  const group = await documents.get(groupKey(tenantId, s.period.key, s.dimension, s.dimension === 'total' ? 'all' : s.value));
  return group?.kind === 'counts' ? measureOf(group, s.measure, s.asOf) : 0;
};

/** Counts of a measure by the values of a dimension, e.g. reported incidents by category (values counting 0 left out). */
export const incidentCounts = async (
  documents: Documents,
  tenantId: string,
  s: Omit<IncidentSelection, 'value'>,
): Promise<Readonly<Record<string, number>>> => {
  requireAsOf(s);
  const counts: Record<string, number> = {};
  if (s.period.grain === 'day') {
    for (const value of await incidentDimensionValues(documents, tenantId, s.dimension, s.period)) {
      const n = (await selectIncidents(documents, tenantId, { ...s, value })).length;
      if (n > 0) counts[value] = n;
    }
    return counts;
  }
  if (s.dimension === 'step' && (s.measure === 'reported' || s.measure === 'substantiated')) return counts;
  const prefix = `${documentPrefix(tenantId, 'group', s.period.key, s.dimension)}`;
  for (let after: string | undefined; ; ) {
    const page = await documents.list({ prefix, limit: 500, ...(after === undefined ? {} : { after }) });
    for (const [key, group] of page.documents) {
      const value = idOfKeyPart(key.slice(prefix.length, key.lastIndexOf('/')));
      const n = group.kind === 'counts' ? measureOf(group, s.measure, s.asOf) : 0;
      if (n > 0) counts[value] = n;
    }
    if (page.next === undefined) return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
    after = page.next;
  }
};

/** Values a dimension takes among the incidents reported in a period (`all` for `total`), sorted. */
export const incidentDimensionValues = async (
  documents: Documents,
  tenantId: string,
  dimension: IncidentDimension,
  period: Period = ALL,
): Promise<readonly string[]> => {
  if (dimension === 'total') return ['all'];
  const values = new Set<string>();
  for (const entry of await incidentRows(documents, tenantId, period)) {
    if (dimension === 'step') for (const step of Object.keys(entry.pending)) values.add(step);
    else values.add(dimensionValue(entry, dimension));
  }
  return [...values].sort();
};

/** A breach counted under a figure, with the event that carries it. */
export interface CountedBreach {
  readonly entry: BreachEntry;
  readonly day: string;
  readonly breach: RuleBreach;
  /** The conduct kind it counts under, where one fits. */
  readonly kind?: string;
}

/** The breaches a figure counts, in log order (each breach of an event once). */
export const selectBreaches = async (
  documents: Documents,
  tenantId: string,
  period: Period,
  dimension: BreachDimension,
  value: string,
): Promise<readonly CountedBreach[]> => {
  const counted: CountedBreach[] = [];
  for (const [day, document] of await dayDocuments(documents, tenantId, 'breaches', period)) {
    if (document.kind !== 'breaches') continue;
    for (const entry of document.events) {
      for (const breach of entry.breaches) {
        if (!breachDimensionsOf(entry.officerId, breach).some(([d, v]) => d === dimension && v === value)) continue;
        const kind = conductKindOfBreach(breach.rule);
        counted.push({ entry, day, breach, ...(kind === undefined ? {} : { kind }) });
      }
    }
  }
  return counted.sort((a, b) => a.entry.position - b.entry.position);
};

/** How many breaches a figure counts: one document read for a month, quarter, year or `all`. */
export const breachCount = async (documents: Documents, tenantId: string, period: Period, dimension: BreachDimension, value: string): Promise<number> => {
  if (period.grain === 'day') return (await selectBreaches(documents, tenantId, period, dimension, value)).length;
  const group = await documents.get(groupKey(tenantId, period.key, dimension, value));
  return group?.kind === 'counts' ? (group.breaches ?? 0) : 0;
};
