import { toVietnamDate } from '../../calendar/index.js';
import type { DossierEvent } from '../../dossier/events.js';
import type { FeedbackReceived } from '../../feedback/events.js';
import type { IncidentEvent } from '../../conduct/events.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import type { OfficerEvent } from '../../officer/events.js';
import type { Projection } from '../engine/index.js';
import { refOf, type Ref } from '../conduct/refs.js';
import { getIn, setIn, updateIn } from '../conduct/shards.js';
import { OFFICER_RATING, officerMonthKey, type EvaluationFact, type OfficerFacts, type OfficerMonth, type OfficerRatingState } from './facts.js';

const EMPTY_MONTH: OfficerMonth = { returned: [], ratings: [], praise: [] };
const NO_OFFICER: OfficerFacts = { assignments: [], evaluations: {} };

const addHandler = (state: OfficerRatingState, code: string, officerId: string, ref: Ref): OfficerRatingState => {
  const handlers = getIn(state.dossiers, code);
  if (handlers === undefined || handlers.some(([id]) => id === officerId)) return state;
  return { ...state, dossiers: setIn(state.dossiers, code, [...handlers, [officerId, ref]]) };
};

const toMonths = (state: OfficerRatingState, code: string, day: string, add: (month: OfficerMonth, via: Ref) => OfficerMonth) => {
  let months = state.months;
  for (const [officerId, via] of getIn(state.dossiers, code) ?? []) {
    months = updateIn(months, officerMonthKey(officerId, day), EMPTY_MONTH, (month) => add(month, via));
  }
  return { ...state, months };
};

const onDossier = (state: OfficerRatingState, event: RecordedEvent<DossierEvent>, ref: Ref): OfficerRatingState => {
  const code = event.data.dossierCode;
  switch (event.type) {
    case 'DossierReceived':
      if (getIn(state.dossiers, code) !== undefined) return state;
      return { ...state, dossiers: setIn(state.dossiers, code, [[event.data.officerId, ref]]) };
    case 'ProcessingCompleted':
      return addHandler(state, code, event.data.officerId, ref);
    case 'ResultReturned': {
      const { returnDate, timeliness, timelinessAgainstOriginal } = event.data;
      const next = addHandler(state, code, event.data.officerId, ref);
      const fact = { day: returnDate, timeliness, againstOriginal: timelinessAgainstOriginal, ref };
      return toMonths(next, code, returnDate, (m, via) => ({ ...m, returned: [...m.returned, { ...fact, via }] }));
    }
    case 'DossierRated': {
      const { sipas, circular01 } = event.data;
      const about = { ...(sipas?.officers === undefined ? {} : { sipasOfficers: sipas.officers }), ...(circular01?.['7'] === undefined ? {} : { attitude: circular01['7'] }) };
      if (Object.keys(about).length === 0) return state;
      const day = toVietnamDate(event.data.occurredAt);
      return toMonths(state, code, day, (m, via) => ({ ...m, ratings: [...m.ratings, { day, ...about, ref, via }] }));
    }
    default:
      return state;
  }
};

const onIncident = (state: OfficerRatingState, event: RecordedEvent<IncidentEvent>, ref: Ref): OfficerRatingState => {
  const id = event.data.incidentId;
  if (event.type === 'IncidentReported') {
    const { officerId, reportedOn } = event.data;
    if (getIn(state.incidents, id) !== undefined) return state;
    return {
      ...state,
      incidents: setIn(state.incidents, id, { officerId, reportedOn, refs: [ref] }),
      incidentsByOfficer: updateIn(state.incidentsByOfficer, officerId, [] as readonly string[], (ids) => [...ids, id]),
    };
  }
  const fact = getIn(state.incidents, id);
  if (fact === undefined) return state;
  if (event.type === 'IncidentAcknowledged') {
    return { ...state, incidents: setIn(state.incidents, id, { ...fact, severity: event.data.severity, refs: [...fact.refs, ref] }) };
  }
  if (event.type === 'IncidentConcluded') {
    return { ...state, incidents: setIn(state.incidents, id, { ...fact, outcome: event.data.outcome, refs: [...fact.refs, ref] }) };
  }
  return state;
};

const onOfficer = (state: OfficerRatingState, event: RecordedEvent<OfficerEvent>, ref: Ref): OfficerRatingState => {
  const update = (change: (facts: OfficerFacts) => OfficerFacts) => ({
    ...state,
    officers: updateIn(state.officers, event.data.officerId, NO_OFFICER, change),
  });
  switch (event.type) {
    case 'OfficerAppointed':
    case 'OfficerReassigned': {
      const assignment = { unitId: event.data.unitId, from: event.data.effectiveDate, ref };
      return update((f) => ({ ...f, assignments: [...f.assignments, assignment] }));
    }
    case 'OfficerLeft':
      return update((f) => ({ ...f, leftOn: event.data.leftOn }));
    case 'EvaluationRecorded':
    case 'EvaluationCorrected': {
      const { period, level, score, scale, ruleSetId } = event.data;
      const fact: EvaluationFact = { level, ...(score === undefined ? {} : { score }), scale, ruleSetId, ref };
      return update((f) => ({ ...f, evaluations: { ...f.evaluations, [period]: fact } }));
    }
    default:
      return state;
  }
};

const stream = (event: RecordedEvent): string => event.metadata.streamId.slice(0, event.metadata.streamId.indexOf('-') + 1);

/**
 * The facts an officer rating proposal is made from, per officer and month: dossiers returned and
 * citizens' ratings of dossiers the officer received, processed or returned, praise naming the officer,
 * conduct incidents, assignments to units and the evaluations the unit head recorded.
 */
export const officerRatingProjection: Projection<OfficerRatingState> = {
  name: OFFICER_RATING,
  version: 1,
  initialState: () => ({ dossiers: [], months: [], incidents: [], incidentsByOfficer: [], officers: [] }),
  handle: (state, event) => {
    const ref = refOf(event);
    switch (stream(event)) {
      case 'dossier-':
        return onDossier(state, event as RecordedEvent<DossierEvent>, ref);
      case 'incident-':
        return onIncident(state, event as RecordedEvent<IncidentEvent>, ref);
      case 'officer-':
        return onOfficer(state, event as RecordedEvent<OfficerEvent>, ref);
      case 'feedback-': {
        if (event.type !== 'FeedbackReceived') return state;
        const { data } = event as RecordedEvent<FeedbackReceived>;
        if (data.kind !== 'khen' || data.officerId === undefined) return state;
        const months = updateIn(state.months, officerMonthKey(data.officerId, data.receivedOn), EMPTY_MONTH, (m) => ({ ...m, praise: [...m.praise, ref] }));
        return { ...state, months };
      }
      default:
        return state;
    }
  },
};
