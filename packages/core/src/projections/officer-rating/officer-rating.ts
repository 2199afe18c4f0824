import { toVietnamDate } from '../../calendar/index.js';
import type { DossierEvent } from '../../dossier/events.js';
import type { FeedbackReceived } from '../../feedback/events.js';
import type { IncidentEvent } from '../../conduct/events.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import type { OfficerEvent } from '../../officer/events.js';
import { tableChanges, touch, untilFirstCommit, type Projection } from '../engine/index.js';
import { byProvince } from '../by-province.js';
import { refOf, type Ref } from '../conduct/refs.js';
import {
  emptyOfficerRatingState,
  OFFICER_RATING,
  officerMonthKey,
  officerRatingTables,
  type EvaluationFact,
  type OfficerFacts,
  type OfficerMonth,
  type OfficerRatingState,
} from './facts.js';

const addHandler = (state: OfficerRatingState, code: string, officerId: string, ref: Ref): void => {
  const handlers = state.dossiers[code];
  if (handlers === undefined || handlers.some(([id]) => id === officerId)) return;
  handlers.push([officerId, ref]);
  touch(state.dossiers, code);
};

const monthOf = (state: OfficerRatingState, officerId: string, day: string): OfficerMonth => {
  const key = officerMonthKey(officerId, day);
  touch(state.months, key);
  return (state.months[key] ??= { returned: [], ratings: [], praise: [] });
};

/** Runs `add` on the month of `day` of every officer named on the dossier so far, with the event naming them. */
const toMonths = (state: OfficerRatingState, code: string, day: string, add: (month: OfficerMonth, via: Ref) => void): void => {
  for (const [officerId, via] of state.dossiers[code] ?? []) add(monthOf(state, officerId, day), via);
};

/** The refs of a return or rating as `StoredFact` keeps them (both events are of the dossier's stream). */
const stored = (ref: Ref, via: Ref) => [ref[1], ref[0], ref[2], via[0], via[2], via[3]] as const;

const onDossier = (state: OfficerRatingState, event: RecordedEvent<DossierEvent>, ref: Ref): void => {
  const code = event.data.dossierCode;
  switch (event.type) {
    case 'DossierReceived':
      if (state.dossiers[code] !== undefined) return;
      state.dossiers[code] = [[event.data.officerId, ref]];
      touch(state.dossiers, code);
      return;
    case 'ProcessingCompleted':
      addHandler(state, code, event.data.officerId, ref);
      return;
    case 'ResultReturned': {
      const { returnDate, timeliness, timelinessAgainstOriginal } = event.data;
      addHandler(state, code, event.data.officerId, ref);
      toMonths(state, code, returnDate, (m, via) => m.returned.push([returnDate, timeliness, timelinessAgainstOriginal, ...stored(ref, via)]));
      return;
    }
    case 'DossierRated': {
      const { sipas, circular01 } = event.data;
      const sipasOfficers = sipas?.officers ?? null;
      const attitude = circular01?.['7'] ?? null;
      if (sipasOfficers === null && attitude === null) return;
      const day = toVietnamDate(event.data.occurredAt);
      toMonths(state, code, day, (m, via) => m.ratings.push([day, sipasOfficers, attitude, ...stored(ref, via)]));
      return;
    }
    default:
      return;
  }
};

const onIncident = (state: OfficerRatingState, event: RecordedEvent<IncidentEvent>, ref: Ref): void => {
  const id = event.data.incidentId;
  if (event.type === 'IncidentReported') {
    const { officerId, reportedOn } = event.data;
    if (state.incidents[id] !== undefined) return;
    state.incidents[id] = { officerId, reportedOn, refs: [ref] };
    touch(state.incidents, id);
    (state.incidentsByOfficer[officerId] ??= []).push(id);
    touch(state.incidentsByOfficer, officerId);
    return;
  }
  const fact = state.incidents[id];
  if (fact === undefined) return;
  if (event.type === 'IncidentAcknowledged') fact.severity = event.data.severity;
  else if (event.type === 'IncidentConcluded') fact.outcome = event.data.outcome;
  else return;
  fact.refs.push(ref);
  touch(state.incidents, id);
};

const onOfficer = (state: OfficerRatingState, event: RecordedEvent<OfficerEvent>, ref: Ref): void => {
  const officer = (): OfficerFacts => {
    const { officerId } = event.data;
    touch(state.officers, officerId);
    return (state.officers[officerId] ??= { assignments: [], evaluations: {} });
  };
  switch (event.type) {
    case 'OfficerAppointed':
    case 'OfficerReassigned':
      officer().assignments.push({ unitId: event.data.unitId, from: event.data.effectiveDate, ref });
      return;
    case 'OfficerLeft':
      officer().leftOn = event.data.leftOn;
      return;
    case 'EvaluationRecorded':
    case 'EvaluationCorrected': {
      const { period, level, score, scale, ruleSetId } = event.data;
      const fact: EvaluationFact = { level, ...(score === undefined ? {} : { score }), scale, ruleSetId, ref };
      officer().evaluations[period] = fact;
      return;
    }
    default:
      return;
  }
};

const onPraise = (state: OfficerRatingState, event: RecordedEvent<FeedbackReceived>, ref: Ref): void => {
  const { data } = event;
  if (data.kind === 'khen' && data.officerId !== undefined) monthOf(state, data.officerId, data.receivedOn).praise.push(ref);
};

const stream = (event: RecordedEvent): string => event.metadata.streamId.slice(0, event.metadata.streamId.indexOf('-') + 1);

/**
 * The facts an officer rating proposal is made from, per officer and month: dossiers returned and
 * citizens' ratings of dossiers the officer received, processed or returned, praise naming the officer,
 * conduct incidents, assignments to units and the evaluations the unit head recorded. The state is a
 * record of tables updated in place (`mutable`), each change reported (`changes`), so a live commit
 * writes only the entries an event touched.
 */
const officerRatingInOneProvince: Projection<OfficerRatingState> = {
  name: OFFICER_RATING,
  // 2: tables updated in place; 3: returns and ratings kept compact (`StoredFact`); 4: kept by province.
  version: 4,
  mutable: true,
  changes: tableChanges<OfficerRatingState>(),
  eventTypes: [
    ...['DossierReceived', 'ProcessingCompleted', 'ResultReturned', 'DossierRated'],
    ...['IncidentReported', 'IncidentAcknowledged', 'IncidentConcluded'],
    ...['OfficerAppointed', 'OfficerReassigned', 'OfficerLeft', 'EvaluationRecorded', 'EvaluationCorrected'],
    'FeedbackReceived',
  ],
  initialState: () => untilFirstCommit(emptyOfficerRatingState()),
  handle: (stored, event) => {
    const state = officerRatingTables(stored);
    const ref = refOf(event);
    switch (stream(event)) {
      case 'dossier-':
        onDossier(state, event as RecordedEvent<DossierEvent>, ref);
        break;
      case 'incident-':
        onIncident(state, event as RecordedEvent<IncidentEvent>, ref);
        break;
      case 'officer-':
        onOfficer(state, event as RecordedEvent<OfficerEvent>, ref);
        break;
      case 'feedback-':
        if (event.type === 'FeedbackReceived') onPraise(state, event as RecordedEvent<FeedbackReceived>, ref);
        break;
      default:
        break;
    }
    return state;
  },
};

/** Kept by province (`byProvince`): read one province's with `officerRatingProjection.province(state, tenantId)`. */
export const officerRatingProjection = byProvince(officerRatingInOneProvince);
