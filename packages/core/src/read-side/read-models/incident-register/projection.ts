import type { IncidentCategory } from '../../../conduct/catalogue.js';
import type { IncidentOutcome, IncidentSeverity, IncidentSource } from '../../../conduct/vocabulary.js';
import type { RuleBreach } from '../../../rules/breach.js';
import type { IncidentStep } from '../../../rules/types.js';
import { defineProjection, type DocumentReader, type EventHandler, type EventOf } from '../../engine/document-projection.js';
import { documentKey, keyPart } from '../../vocabulary/document-key.js';
import { conductKindOfBreach } from './breach-kinds.js';
import { groupKey, ownEntry } from '../conduct-support/figure-documents.js';
import { dayOfEvent, listedPeriodsOf } from '../../vocabulary/period.js';

export const INCIDENT_REGISTER = 'incident-register';

/** A step that is due and not done yet, with the event that fixed its due date. */
export interface PendingStep {
  readonly due: string;
  readonly ruleSetId: string;
  readonly position: number;
}

/** What the register keeps of one incident: its facts and the positions of the events they came from. */
export interface IncidentEntry {
  readonly officerId: string;
  readonly unitId: string;
  readonly source: IncidentSource;
  readonly category: IncidentCategory;
  readonly reportedOn: string;
  readonly ruleSetId: string;
  readonly severity?: IncidentSeverity;
  readonly outcome?: IncidentOutcome;
  readonly reported: number;
  /** The event that last set category and severity (the report, or triage). */
  readonly classified: number;
  readonly concluded?: number;
  readonly closed?: number;
  readonly pending: Readonly<Partial<Record<IncidentStep, PendingStep>>>;
}

/** Rule breaches recorded on one event (ADR 0010, docs/adr/0010-record-then-judge.md). */
export interface BreachEntry {
  readonly position: number;
  /** The officer the fact names. */
  readonly officerId: string;
  readonly breaches: readonly RuleBreach[];
}

/**
 * A group's counts (absent when 0): incidents reported, substantiated and open; `due` counts the open
 * incidents by the earliest due date of their pending steps (for a `step` group, that step's), so
 * `overdue` at any instant is read from it (one entry per due date of an open incident: the map shrinks
 * as incidents close); `breaches` counts recorded rule breaches.
 */
export interface IncidentCounts {
  readonly reported?: number;
  readonly substantiated?: number;
  readonly open?: number;
  readonly due?: Readonly<Record<string, number>>;
  readonly breaches?: number;
}

/**
 * - `<tenant>/incident/<incidentId>`: the day it was reported (where its entry is);
 * - `<tenant>/incidents/<day>`: the incidents reported that day, by id;
 * - `<tenant>/breaches/<day>`: the events of that day that carry breaches, in log order;
 * - `<tenant>/latest`: the latest business instant of an incident event (the `asOf` keys are listed at);
 * - `<tenant>/group/<period>/<dimension>/<value>/counts`: counts per month, quarter, year and `all`.
 */
export type IncidentRegisterDocument =
  | { readonly kind: 'incident'; readonly reportedOn: string }
  | { readonly kind: 'incidents'; readonly incidents: Readonly<Record<string, IncidentEntry>> }
  | { readonly kind: 'breaches'; readonly events: readonly BreachEntry[] }
  | { readonly kind: 'latest'; readonly latestAt: string }
  | ({ readonly kind: 'counts' } & IncidentCounts);

export const incidentsKey = (tenantId: string, day: string): string => documentKey(tenantId, 'incidents', day);
export const breachesKey = (tenantId: string, day: string): string => documentKey(tenantId, 'breaches', day);
export const latestKey = (tenantId: string): string => documentKey(tenantId, 'latest');
const incidentKey = (tenantId: string, incidentId: string): string => documentKey(tenantId, 'incident', keyPart(incidentId));

export const isIncidentOpen = (entry: IncidentEntry): boolean => entry.closed === undefined;

type Pending = IncidentEntry['pending'];
type Scheduling = { readonly nextStep?: IncidentStep; readonly nextStepDueDate?: string; readonly ruleSetId?: string };

const without = (pending: Pending, step: IncidentStep | undefined): Pending => {
  if (step === undefined || pending[step] === undefined) return pending;
  const rest = { ...pending };
  delete rest[step];
  return rest;
};

/** Marks `done` as done and records the step it schedules, if any. */
const schedule = (entry: IncidentEntry, position: number, data: Scheduling, done?: IncidentStep): IncidentEntry => {
  const pending = without(entry.pending, done);
  if (data.nextStep === undefined || data.nextStepDueDate === undefined) return { ...entry, pending };
  const next: PendingStep = { due: data.nextStepDueDate, ruleSetId: data.ruleSetId ?? entry.ruleSetId, position };
  return { ...entry, pending: { ...pending, [data.nextStep]: next } };
};

type IncidentEventType =
  | 'IncidentReported'
  | 'IncidentAcknowledged'
  | 'InvestigationStarted'
  | 'IncidentConcluded'
  | 'ApologyToCitizenMade'
  | 'DisciplineProposed'
  | 'DisciplineCaseDeclaredComplex'
  | 'DisciplineDecided'
  | 'ApplicantAnswered'
  | 'IncidentClosed';
type IncidentRecorded = EventOf<IncidentEventType>;

/** The entry after `event` (a report gives a new one). */
const next = (entry: IncidentEntry | undefined, event: IncidentRecorded): IncidentEntry | undefined => {
  const position = event.metadata.globalPosition;
  if (event.type === 'IncidentReported') {
    const { data } = event;
    return {
      officerId: data.officerId,
      unitId: data.unitId,
      source: data.source,
      category: data.category,
      reportedOn: data.reportedOn,
      ruleSetId: data.ruleSetId,
      reported: position,
      classified: position,
      pending: { [data.nextStep]: { due: data.nextStepDueDate, ruleSetId: data.ruleSetId, position } },
    };
  }
  if (entry === undefined) return undefined;
  switch (event.type) {
    case 'IncidentAcknowledged':
      return schedule({ ...entry, severity: event.data.severity, category: event.data.category, classified: position }, position, event.data, 'acknowledge');
    case 'InvestigationStarted':
      return schedule(entry, position, event.data, 'investigate');
    case 'IncidentConcluded':
      return schedule({ ...entry, outcome: event.data.outcome, concluded: position }, position, event.data, 'conclude');
    // A proposal schedules the decision; a case declared complex schedules it again, 150 days after the proposal (docs/domain/conduct-catalogue.md §3).
    case 'DisciplineProposed':
    case 'DisciplineCaseDeclaredComplex':
      return schedule(entry, position, event.data);
    case 'DisciplineDecided':
      return schedule(entry, position, {}, 'decide-discipline');
    case 'ApplicantAnswered':
      return schedule(entry, position, {}, 'answer-applicant');
    case 'IncidentClosed':
      return { ...entry, closed: position, pending: {} };
    case 'ApologyToCitizenMade':
      return entry;
  }
};

/** The dimensions an incident is counted by, with its values. */
export const incidentDimensionsOf = (entry: IncidentEntry): readonly (readonly [dimension: string, value: string])[] => [
  ['total', 'all'],
  ['category', entry.category],
  ['officer', entry.officerId],
  ['unit', entry.unitId],
  ['source', entry.source],
];

type Tally = { reported: number; substantiated: number; open: number; breaches: number; due: Record<string, number> };
const emptyTally = (): Tally => ({ reported: 0, substantiated: 0, open: 0, breaches: 0, due: {} });

const addTo = (tallies: Map<string, Tally>, key: string, sign: number, counts: IncidentCounts): void => {
  const tally = tallies.get(key) ?? emptyTally();
  tally.reported += sign * (counts.reported ?? 0);
  tally.substantiated += sign * (counts.substantiated ?? 0);
  tally.open += sign * (counts.open ?? 0);
  tally.breaches += sign * (counts.breaches ?? 0);
  for (const [day, n] of Object.entries(counts.due ?? {})) tally.due[day] = (ownEntry(tally.due, day) ?? 0) + sign * n;
  tallies.set(key, tally);
};

const earliest = (steps: readonly PendingStep[]): string | undefined => steps.reduce<string | undefined>((day, step) => (day === undefined || step.due < day ? step.due : day), undefined);

/** What one incident adds to each group it is counted in. */
const tallyIncident = (tallies: Map<string, Tally>, tenantId: string, entry: IncidentEntry | undefined, sign: number): void => {
  if (entry === undefined) return;
  const open = isIncidentOpen(entry);
  const steps = Object.entries(entry.pending) as [IncidentStep, PendingStep][];
  const due = open ? earliest(steps.map(([, step]) => step)) : undefined;
  for (const period of listedPeriodsOf(entry.reportedOn)) {
    for (const [dimension, value] of incidentDimensionsOf(entry)) {
      addTo(tallies, groupKey(tenantId, period, dimension, value), sign, {
        reported: 1,
        substantiated: entry.outcome === 'substantiated' && entry.concluded !== undefined ? 1 : 0,
        open: open ? 1 : 0,
        ...(due === undefined ? {} : { due: { [due]: 1 } }),
      });
    }
    if (open) for (const [step, pending] of steps) addTo(tallies, groupKey(tenantId, period, 'step', step), sign, { open: 1, due: { [pending.due]: 1 } });
  }
};

const changed = (tallies: Map<string, Tally>): Map<string, Tally> =>
  new Map(
    [...tallies].filter(([, t]) => t.reported !== 0 || t.substantiated !== 0 || t.open !== 0 || t.breaches !== 0 || Object.values(t.due).some((n) => n !== 0)),
  );

/** The change to a group's counts (absent counts are 0; a group with nothing left is deleted). */
const applyTally = (document: IncidentRegisterDocument | undefined, tally: Tally | undefined): IncidentRegisterDocument | undefined => {
  const counts: IncidentCounts = document?.kind === 'counts' ? document : {};
  if (tally === undefined) return document;
  const result: { kind: 'counts' } & { -readonly [K in keyof IncidentCounts]: IncidentCounts[K] } = { kind: 'counts' };
  const reported = (counts.reported ?? 0) + tally.reported;
  if (reported !== 0) result.reported = reported;
  const substantiated = (counts.substantiated ?? 0) + tally.substantiated;
  if (substantiated !== 0) result.substantiated = substantiated;
  const open = (counts.open ?? 0) + tally.open;
  if (open !== 0) result.open = open;
  const due = nextDue(counts.due, tally.due);
  if (due !== undefined) result.due = due;
  const breaches = (counts.breaches ?? 0) + tally.breaches;
  if (breaches !== 0) result.breaches = breaches;
  return reported === 0 && substantiated === 0 && open === 0 && due === undefined && breaches === 0 ? undefined : result;
};

/** Open incidents by due date after `changes`, in date order, a date left out at 0; undefined when none is left. */
const nextDue = (before: Readonly<Record<string, number>> | undefined, changes: Readonly<Record<string, number>>): Record<string, number> | undefined => {
  // The due dates stay in date order: the counts' own (kept sorted) with the tally's few changes merged in.
  const days: string[] = [];
  const ns: number[] = [];
  if (before !== undefined) for (const day in before) if (ownEntry(before, day) !== undefined) {
    days.push(day);
    ns.push(before[day] as number);
  }
  let sorted = true;
  for (let i = 1; i < days.length && sorted; i++) sorted = (days[i - 1] as string) < (days[i] as string);
  for (const day in changes) {
    const n = changes[day] as number;
    const at = days.indexOf(day);
    if (at >= 0) ns[at] = (ns[at] as number) + n;
    else {
      let i = days.length;
      if (sorted) while (i > 0 && (days[i - 1] as string) > day) i--;
      days.splice(i, 0, day);
      ns.splice(i, 0, n);
    }
  }
  if (!sorted) {
    const order = days.map((_, i) => i).sort((a, b) => ((days[a] as string) < (days[b] as string) ? -1 : 1));
    const [d, n] = [order.map((i) => days[i] as string), order.map((i) => ns[i] as number)];
    days.splice(0, days.length, ...d);
    ns.splice(0, ns.length, ...n);
  }
  const due: Record<string, number> = {};
  let dueDays = 0;
  for (let i = 0; i < days.length; i++) {
    if (ns[i] === 0) continue;
    due[days[i] as string] = ns[i] as number;
    dueDays++;
  }
  return dueDays === 0 ? undefined : due;
};

const later = (a: string | undefined, instant: string): string => {
  const iso = new Date(Date.parse(instant)).toISOString();
  return a === undefined || iso > a ? iso : a;
};

/** What an incident event changes: the entry before and after, on its day; `reportedOn` for a first report. */
const incidentChange = (event: IncidentRecorded, documents: DocumentReader<IncidentRegisterDocument>) => {
  const { tenantId } = event.metadata;
  const index = documents.get(incidentKey(tenantId, event.data.incidentId));
  if (event.type === 'IncidentReported') {
    // A second report of the same incident changes nothing, not even the latest instant.
    if (index !== undefined) return undefined;
    return { day: event.data.reportedOn, before: undefined, after: next(undefined, event) };
  }
  if (index?.kind !== 'incident') return { day: undefined, before: undefined, after: undefined };
  const day = documents.get(incidentsKey(tenantId, index.reportedOn));
  const before = day?.kind === 'incidents' ? ownEntry(day.incidents, event.data.incidentId) : undefined;
  return { day: index.reportedOn, before, after: next(before, event) };
};

const incidentTallies = (tenantId: string, change: { readonly before?: IncidentEntry; readonly after?: IncidentEntry }) => {
  const tallies = new Map<string, Tally>();
  tallyIncident(tallies, tenantId, change.before, -1);
  tallyIncident(tallies, tenantId, change.after, +1);
  return changed(tallies);
};

/** What an incident event does: its change, each group's tally, and the keys it touches in order. */
interface IncidentPlan {
  readonly change: ReturnType<typeof incidentChange>;
  readonly tallies: ReadonlyMap<string, Tally>;
  readonly keys: readonly string[];
}

const NO_TALLIES: ReadonlyMap<string, Tally> = new Map();

const incidentPlan = (event: IncidentRecorded, documents: DocumentReader<IncidentRegisterDocument>): IncidentPlan => {
  const change = incidentChange(event, documents);
  if (change === undefined) return { change, tallies: NO_TALLIES, keys: [] };
  const { tenantId } = event.metadata;
  const latest = documents.get(latestKey(tenantId));
  const latestAt = latest?.kind === 'latest' ? latest.latestAt : undefined;
  const tallies = incidentTallies(tenantId, change);
  // Groups first: they read the day's entry as it was.
  const keys = [...tallies.keys()];
  if (change.day !== undefined && change.after !== change.before) keys.push(incidentsKey(tenantId, change.day));
  if (event.type === 'IncidentReported') keys.push(incidentKey(tenantId, event.data.incidentId));
  if (later(latestAt, event.data.occurredAt) !== latestAt) keys.push(latestKey(tenantId));
  return { change, tallies, keys };
};

/**
 * The plan made for an event's `touches`, reused by the evolves of its keys that follow. An evolve
 * without it makes the plan again from the documents as they stand: the plan reads the day's entries
 * and the incident's day, which are evolved after the groups, and the groups are all it is used for.
 */
let plannedIncident: IncidentRecorded | undefined;
let incidentPlanned: IncidentPlan | undefined;

const onIncident: EventHandler<IncidentRegisterDocument, IncidentRecorded> = {
  touches: (event, documents) => {
    const plan = incidentPlan(event, documents);
    plannedIncident = event;
    incidentPlanned = plan;
    return plan.keys;
  },
  evolve: (document, event, key, documents) => {
    const { tenantId } = event.metadata;
    if (key === latestKey(tenantId)) return { kind: 'latest', latestAt: later(document?.kind === 'latest' ? document.latestAt : undefined, event.data.occurredAt) };
    if (event.type === 'IncidentReported' && key === incidentKey(tenantId, event.data.incidentId)) return { kind: 'incident', reportedOn: event.data.reportedOn };
    const plan = plannedIncident === event && incidentPlanned !== undefined ? incidentPlanned : incidentPlan(event, documents);
    const tally = plan.tallies.get(key);
    if (tally !== undefined) return applyTally(document, tally);
    const { change } = plan;
    if (change?.after === undefined || change.day === undefined) return document;
    if (key === incidentsKey(tenantId, change.day)) {
      return { kind: 'incidents', incidents: { ...(document?.kind === 'incidents' ? document.incidents : {}), [event.data.incidentId]: change.after } };
    }
    return document;
  },
};

type BreachRecorded = EventOf<
  | 'SupplementRequestedAtIntake'
  | 'SupplementRequested'
  | 'ApologyIssued'
  | 'ResultCorrected'
  | 'OfficerAppointed'
  | 'OfficerReassigned'
  | 'DisciplineRecorded'
  | 'EvaluationRecorded'
  | 'EvaluationCorrected'
  | 'DisciplineCaseDeclaredComplex'
>;

/** The dimensions a breach is counted by: in total, by conduct kind where one fits, by officer and by rule. */
export const breachDimensionsOf = (officerId: string, breach: RuleBreach): readonly (readonly [dimension: string, value: string])[] => {
  const kind = conductKindOfBreach(breach.rule);
  return [['total', 'all'], ...(kind === undefined ? [] : [['category', kind] as const]), ['officer', officerId], ['rule', breach.rule]];
};

const breachTallies = (event: BreachRecorded): Map<string, Tally> => {
  const tallies = new Map<string, Tally>();
  const { tenantId } = event.metadata;
  const day = dayOfEvent(event);
  for (const breach of event.data.breaches ?? []) {
    for (const period of listedPeriodsOf(day)) {
      for (const [dimension, value] of breachDimensionsOf(event.data.officerId, breach)) addTo(tallies, groupKey(tenantId, period, dimension, value), 1, { breaches: 1 });
    }
  }
  return tallies;
};

/** Breaches recorded on facts that already happened (ADR 0010): counted on the Vietnamese day of the fact. */
const onBreaches: EventHandler<IncidentRegisterDocument, BreachRecorded> = {
  touches: (event) => {
    if ((event.data.breaches ?? []).length === 0) return [];
    return [...breachTallies(event).keys(), breachesKey(event.metadata.tenantId, dayOfEvent(event))];
  },
  evolve: (document, event, key) => {
    if (key !== breachesKey(event.metadata.tenantId, dayOfEvent(event))) return applyTally(document, breachTallies(event).get(key) ?? emptyTally());
    const entry: BreachEntry = { position: event.metadata.globalPosition, officerId: event.data.officerId, breaches: event.data.breaches ?? [] };
    return { kind: 'breaches', events: [...(document?.kind === 'breaches' ? document.events : []), entry] };
  },
};

/**
 * An incident event that may carry breaches (a discipline case declared complex after its limit):
 * it moves the incident's due step and counts its breaches, both in the groups they share. The keys
 * each part touches are kept from `touches` for the evolves that follow, as the incident plan is.
 */
let plannedParts: { readonly event: unknown; readonly incident: ReadonlySet<string>; readonly breaches: ReadonlySet<string> } | undefined;

const partsOf = (event: IncidentRecorded & BreachRecorded, documents: DocumentReader<IncidentRegisterDocument>) => {
  if (plannedParts?.event !== event) {
    plannedParts = { event, incident: new Set(onIncident.touches(event, documents)), breaches: new Set(onBreaches.touches(event, documents)) };
  }
  return plannedParts;
};

const onIncidentWithBreaches: EventHandler<IncidentRegisterDocument, IncidentRecorded & BreachRecorded> = {
  touches: (event, documents) => {
    plannedParts = undefined;
    const { incident, breaches } = partsOf(event, documents);
    return [...new Set([...incident, ...breaches])];
  },
  evolve: (document, event, key, documents) => {
    const { incident, breaches } = partsOf(event, documents);
    const moved = incident.has(key) ? onIncident.evolve(document, event, key, documents) : document;
    return breaches.has(key) ? onBreaches.evolve(moved, event, key, documents) : moved;
  },
};

/**
 * The conduct incident register (sổ theo dõi vụ việc; docs/domain/conduct-catalogue.md): every incident
 * with its category, officer, unit, source, outcome and the steps still due, and the rule breaches
 * recorded on facts of any stream. Overdue is judged at query time against an `asOf`.
 */
export const incidentRegisterProjection = defineProjection<IncidentRegisterDocument>({
  name: INCIDENT_REGISTER,
  version: 7,
  handlers: {
    IncidentReported: onIncident,
    IncidentAcknowledged: onIncident,
    InvestigationStarted: onIncident,
    IncidentConcluded: onIncident,
    ApologyToCitizenMade: onIncident,
    DisciplineProposed: onIncident,
    DisciplineCaseDeclaredComplex: onIncidentWithBreaches,
    DisciplineDecided: onIncident,
    ApplicantAnswered: onIncident,
    IncidentClosed: onIncident,
    SupplementRequestedAtIntake: onBreaches,
    SupplementRequested: onBreaches,
    ApologyIssued: onBreaches,
    ResultCorrected: onBreaches,
    OfficerAppointed: onBreaches,
    OfficerReassigned: onBreaches,
    DisciplineRecorded: onBreaches,
    EvaluationRecorded: onBreaches,
    EvaluationCorrected: onBreaches,
  },
});
