import { toVietnamDate } from '../../calendar/index.js';
import type { IncidentStep } from '../../rules/index.js';
import { incidentRegisterTables, type IncidentEntry, type IncidentRegisterState, type PendingStep } from './incident-register.js';
import { inPeriod, type ReportingPeriod } from './periods.js';
import type { Ref } from './refs.js';

export const INCIDENT_DIMENSIONS = ['total', 'category', 'officer', 'unit', 'source', 'step'] as const;
export type IncidentDimension = (typeof INCIDENT_DIMENSIONS)[number];
export const INCIDENT_MEASURES = ['reported', 'open', 'substantiated', 'overdue'] as const;
export type IncidentMeasure = (typeof INCIDENT_MEASURES)[number];

export interface IncidentRow extends IncidentEntry {
  readonly incidentId: string;
}

export const incidentRows = (state: IncidentRegisterState): readonly IncidentRow[] =>
  Object.entries(incidentRegisterTables(state).incidents).map(([incidentId, entry]) => ({ incidentId, ...entry }));

export const isIncidentOpen = (entry: IncidentEntry): boolean => entry.closed === undefined;

/** Open incidents, oldest report first. */
export const openIncidents = (state: IncidentRegisterState): readonly IncidentRow[] =>
  incidentRows(state)
    .filter(isIncidentOpen)
    .sort((a, b) => a.reported[0] - b.reported[0]);

/**
 * Steps of an open incident overdue at `asOf`: a step done on its due date is on time, so it is overdue
 * from 00:00 (Vietnam time) of the day after.
 */
export const overdueSteps = (entry: IncidentEntry, asOf: string): readonly [IncidentStep, PendingStep][] => {
  if (!isIncidentOpen(entry)) return [];
  const today = toVietnamDate(asOf);
  return (Object.entries(entry.pending) as [IncidentStep, PendingStep][]).filter(([, step]) => step.due < today);
};

/** One incident counted under a figure, with the events and rule sets behind it. */
export interface CountedIncident {
  readonly incidentId: string;
  readonly entry: IncidentEntry;
  readonly refs: readonly Ref[];
  readonly ruleSetIds: readonly string[];
}

export interface IncidentSelection {
  readonly period: ReportingPeriod;
  readonly dimension: IncidentDimension;
  /** Ignored for `total`. */
  readonly value: string;
  readonly measure: IncidentMeasure;
  /** Required for `overdue`. */
  readonly asOf?: string;
}

/** Pending steps relevant to a selection: the overdue ones (by step, if asked), or for `open` by step. */
const stepsFor = (entry: IncidentEntry, s: IncidentSelection): readonly [IncidentStep, PendingStep][] => {
  const steps =
    s.measure === 'overdue'
      ? overdueSteps(entry, s.asOf ?? '')
      : (Object.entries(entry.pending) as [IncidentStep, PendingStep][]);
  return s.dimension === 'step' ? steps.filter(([step]) => step === s.value) : steps;
};

const dimensionValue = (entry: IncidentEntry, dimension: Exclude<IncidentDimension, 'total' | 'step'>): string =>
  dimension === 'category' ? entry.category : dimension === 'officer' ? entry.officerId : dimension === 'unit' ? entry.unitId : entry.source;

/** The incidents a figure counts, in report order. */
export const selectIncidents = (state: IncidentRegisterState, s: IncidentSelection): readonly CountedIncident[] => {
  if (s.measure === 'overdue' && s.asOf === undefined) throw new RangeError('overdue is judged as of an instant: pass asOf');
  const counted: CountedIncident[] = [];
  for (const [incidentId, entry] of Object.entries(incidentRegisterTables(state).incidents)) {
    if (!inPeriod(entry.reportedOn, s.period)) continue;
    if (s.dimension !== 'total' && s.dimension !== 'step' && dimensionValue(entry, s.dimension) !== s.value) continue;
    const base: Ref[] = [entry.reported, entry.classified];
    if (s.measure === 'reported' && s.dimension !== 'step') {
      counted.push({ incidentId, entry, refs: base, ruleSetIds: [entry.ruleSetId] });
    } else if (s.measure === 'substantiated' && s.dimension !== 'step') {
      if (entry.outcome === 'substantiated' && entry.concluded !== undefined) {
        counted.push({ incidentId, entry, refs: [...base, entry.concluded], ruleSetIds: [entry.ruleSetId] });
      }
    } else if (s.measure === 'open' || s.measure === 'overdue') {
      if (!isIncidentOpen(entry)) continue;
      const steps = stepsFor(entry, s);
      if ((s.measure === 'overdue' || s.dimension === 'step') && steps.length === 0) continue;
      const stepRefs = s.measure === 'overdue' || s.dimension === 'step' ? steps.map(([, step]) => step.ref) : [];
      const stepRules = stepRefs.length === 0 ? [] : steps.map(([, step]) => step.ruleSetId);
      counted.push({ incidentId, entry, refs: [...base, ...stepRefs], ruleSetIds: [entry.ruleSetId, ...stepRules] });
    }
  }
  return counted.sort((a, b) => a.entry.reported[0] - b.entry.reported[0]);
};

/** Counts of a measure by the values of a dimension, e.g. reported incidents by category. */
export const incidentCounts = (
  state: IncidentRegisterState,
  s: Omit<IncidentSelection, 'value'>,
): Readonly<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const value of incidentDimensionValues(state, s.dimension)) {
    const n = selectIncidents(state, { ...s, value }).length;
    if (n > 0) counts[value] = n;
  }
  return counts;
};

/** Values a dimension takes in the register (`all` for `total`). */
export const incidentDimensionValues = (state: IncidentRegisterState, dimension: IncidentDimension): readonly string[] => {
  if (dimension === 'total') return ['all'];
  const values = new Set<string>();
  for (const entry of Object.values(incidentRegisterTables(state).incidents)) {
    if (dimension === 'step') for (const step of Object.keys(entry.pending)) values.add(step);
    else values.add(dimensionValue(entry, dimension));
  }
  return [...values].sort();
};
