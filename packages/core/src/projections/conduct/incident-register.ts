import type { RecordedEvent } from '../../kernel/envelope.js';
import type { IncidentEvent } from '../../conduct/events.js';
import type { IncidentCategory } from '../../conduct/catalogue.js';
import type { IncidentOutcome, IncidentSeverity, IncidentSource } from '../../conduct/vocabulary.js';
import type { IncidentStep } from '../../rules/index.js';
import { tableChanges, touch, untilFirstCommit, withTables, type Projection } from '../engine/index.js';
import { BREACH_EVENT_TYPES, breachEntryOf, type BreachEntry } from './breach-register.js';
import { byProvince } from '../by-province.js';
import { refOf, type Ref } from './refs.js';

/** A step that is due and not done yet, with the event that fixed its due date. */
export interface PendingStep {
  readonly due: string;
  readonly ruleSetId: string;
  readonly ref: Ref;
}

/** What the register keeps of one incident: its facts and the events they came from, not the events. */
export interface IncidentEntry {
  readonly officerId: string;
  readonly unitId: string;
  readonly source: IncidentSource;
  readonly category: IncidentCategory;
  readonly reportedOn: string;
  readonly ruleSetId: string;
  readonly severity?: IncidentSeverity;
  readonly outcome?: IncidentOutcome;
  readonly reported: Ref;
  /** The event that last set category and severity (the report, or triage). */
  readonly classified: Ref;
  readonly concluded?: Ref;
  readonly closed?: Ref;
  readonly pending: Readonly<Partial<Record<IncidentStep, PendingStep>>>;
}

/**
 * Tables of entries, updated in place (the projection is `mutable`), so a live commit writes only the
 * incidents an event changed. A loaded copy may lack an empty table: read it through
 * `incidentRegisterTables`.
 */
export interface IncidentRegisterState {
  readonly incidents: Record<string, IncidentEntry>;
  /** `at`: the latest business instant seen (UTC ISO), the default `asOf` for listing overdue figures. */
  readonly latest: Record<string, string>;
  /** Rule breaches recorded on facts that already happened, by the global position of their event (ADR 0010). */
  readonly breaches: Record<string, BreachEntry>;
}

/** The state with every table present (filled in place). */
export const incidentRegisterTables = (state: IncidentRegisterState): IncidentRegisterState => withTables(state, ['incidents', 'latest', 'breaches']);

/** The latest business instant seen, or `null` before any incident event. */
export const latestAtOf = (state: IncidentRegisterState): string | null => incidentRegisterTables(state).latest.at ?? null;

export const INCIDENT_REGISTER = 'incident-register';

const TYPES = new Set<string>([
  'IncidentReported',
  'IncidentAcknowledged',
  'InvestigationStarted',
  'IncidentConcluded',
  'ApologyToCitizenMade',
  'DisciplineProposed',
  'DisciplineDecided',
  'ApplicantAnswered',
  'IncidentClosed',
]);

const BREACH_TYPES = new Set(BREACH_EVENT_TYPES);

type Scheduling = { readonly nextStep?: IncidentStep; readonly nextStepDueDate?: string; readonly ruleSetId?: string };

type Pending = IncidentEntry['pending'];

const without = (pending: Pending, step: IncidentStep | undefined): Pending => {
  if (step === undefined || pending[step] === undefined) return pending;
  const rest = { ...pending };
  delete rest[step];
  return rest;
};

/** Marks `done` as done and records the step it schedules, if any. */
const schedule = (entry: IncidentEntry, ref: Ref, data: Scheduling, done?: IncidentStep): IncidentEntry => {
  const pending = without(entry.pending, done);
  if (data.nextStep === undefined || data.nextStepDueDate === undefined) return { ...entry, pending };
  const next: PendingStep = { due: data.nextStepDueDate, ruleSetId: data.ruleSetId ?? entry.ruleSetId, ref };
  return { ...entry, pending: { ...pending, [data.nextStep]: next } };
};

const evolve = (entry: IncidentEntry, event: RecordedEvent<IncidentEvent>, ref: Ref): IncidentEntry => {
  switch (event.type) {
    case 'IncidentAcknowledged':
      return schedule(
        { ...entry, severity: event.data.severity, category: event.data.category, classified: ref },
        ref,
        event.data,
        'acknowledge',
      );
    case 'InvestigationStarted':
      return schedule(entry, ref, event.data, 'investigate');
    case 'IncidentConcluded':
      return schedule({ ...entry, outcome: event.data.outcome, concluded: ref }, ref, event.data, 'conclude');
    case 'DisciplineProposed':
      return schedule(entry, ref, event.data);
    case 'DisciplineDecided':
      return schedule(entry, ref, {}, 'decide-discipline');
    case 'ApplicantAnswered':
      return schedule(entry, ref, {}, 'answer-applicant');
    case 'IncidentClosed':
      return { ...entry, closed: ref, pending: {} };
    default:
      return entry;
  }
};

const later = (a: string | null, instant: string): string => {
  const iso = new Date(Date.parse(instant)).toISOString();
  return a === null || iso > a ? iso : a;
};

/**
 * The conduct incident register (sổ theo dõi vụ việc): every incident with its category, officer,
 * unit, source, outcome and the steps still due. Overdue is judged at query time against an `asOf`.
 */
const incidentRegisterInOneProvince: Projection<IncidentRegisterState> = {
  name: INCIDENT_REGISTER,
  // 3: recorded breaches; 4: kept by province.
  version: 4,
  mutable: true,
  changes: tableChanges<IncidentRegisterState>(),
  eventTypes: [...TYPES, ...BREACH_EVENT_TYPES],
  initialState: () => untilFirstCommit({ incidents: {}, latest: {}, breaches: {} }),
  handle: (stored, recorded) => {
    if (BREACH_TYPES.has(recorded.type)) {
      const entry = breachEntryOf(recorded);
      if (entry === undefined) return stored;
      const state = incidentRegisterTables(stored);
      const at = String(recorded.metadata.globalPosition);
      state.breaches[at] = entry;
      touch(state.breaches, at);
      return state;
    }
    if (!TYPES.has(recorded.type)) return stored;
    const state = incidentRegisterTables(stored);
    const event = recorded as RecordedEvent<IncidentEvent>;
    const ref = refOf(recorded);
    const id = event.data.incidentId;
    // Everything that may throw comes before the first update.
    const latestAt = later(latestAtOf(state), event.data.occurredAt);
    const setLatest = () => {
      if (state.latest.at === latestAt) return;
      state.latest.at = latestAt;
      touch(state.latest, 'at');
    };
    if (event.type === 'IncidentReported') {
      if (state.incidents[id] !== undefined) return state;
      const { data } = event;
      const entry: IncidentEntry = {
        officerId: data.officerId,
        unitId: data.unitId,
        source: data.source,
        category: data.category,
        reportedOn: data.reportedOn,
        ruleSetId: data.ruleSetId,
        reported: ref,
        classified: ref,
        pending: { [data.nextStep]: { due: data.nextStepDueDate, ruleSetId: data.ruleSetId, ref } },
      };
      state.incidents[id] = entry;
      touch(state.incidents, id);
      setLatest();
      return state;
    }
    const entry = state.incidents[id];
    const next = entry === undefined ? undefined : evolve(entry, event, ref);
    if (next !== undefined) {
      state.incidents[id] = next;
      touch(state.incidents, id);
    }
    setLatest();
    return state;
  },
};

/** Kept by province (`byProvince`): read one province's with `incidentRegisterProjection.province(state, tenantId)`. */
export const incidentRegisterProjection = byProvince(incidentRegisterInOneProvince);
