import type { RecordedEvent } from '../../../kernel/envelope.js';
import { defineProjection, type DocumentReader, type EventHandler, type EventOf } from '../../engine/document-projection.js';
import { dayOfEvent, periodOf } from '../../vocabulary/period.js';
import { positionOf, type EventPosition } from '../../vocabulary/event-ref.js';
import { memoByEvent } from '../dossier-support/memo.js';
import { resolutionOf } from '../dossier-support/index.js';
import {
  asKind,
  keys,
  OFFICER_RATING,
  type DayDocument,
  type DossierDocument,
  type IncidentEntry,
  type MonthDocument,
  type OfficerRatingDocument as D,
} from './documents.js';

type Handlers = DossierDocument['handlers'];

const EMPTY_DAY: DayDocument = { kind: 'day', returned: [], ratings: [], praise: [] };
const EMPTY_MONTH: MonthDocument = { kind: 'month', returned: [], ratings: [], praise: 0, incidents: {} };

/** The handlers with `officerId` added (named by the event at `via`) unless already there: the same array then. */
const withHandler = (handlers: Handlers, officerId: string | undefined, via: EventPosition): Handlers =>
  officerId === undefined || handlers.some(([id]) => id === officerId) ? handlers : [...handlers, [officerId, via]];

type ReturnCount = MonthDocument['returned'][number];
type RatingCount = MonthDocument['ratings'][number];

/** The JSON of a count's first two fields, which orders the counts of a month (a handful of them, remembered). */
const orders = new Map<string | number | null, Map<string | number | null, string>>();
const orderOf = (a: string | number | null, b: string | number | null): string => {
  let byB = orders.get(a);
  if (byB === undefined) orders.set(a, (byB = new Map()));
  let order = byB.get(b);
  if (order === undefined) {
    order = JSON.stringify([a, b]);
    // Bounded: the fields are timelinesses and scores, but a memo never grows without end.
    if (byB.size < 64) byB.set(b, order);
  }
  return order;
};

/** Counts with one more for the entry whose first two fields are `a`, `b` (or a new entry counting 1), in the order of their fields. */
const tally = <E extends ReturnCount | RatingCount>(entries: readonly E[], a: E[0], b: E[1]): readonly E[] => {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as E;
    // The entries are in order already: a count that moves keeps its place.
    if (entry[0] !== a || entry[1] !== b) continue;
    const next = entries.slice();
    next[i] = [a, b, entry[2] + 1] as unknown as E;
    return next;
  }
  // A new count goes where the order of the first two fields' JSON puts it (the entries are in that order).
  const key = orderOf(a, b);
  let at = 0;
  while (at < entries.length && orderOf((entries[at] as E)[0], (entries[at] as E)[1]) <= key) at++;
  const next = entries.slice();
  next.splice(at, 0, [a, b, 1] as unknown as E);
  return next;
};

/** A day's next document (every field in one order, as `EMPTY_DAY` has them). */
const dayWith = (returned: DayDocument['returned'], ratings: DayDocument['ratings'], praise: DayDocument['praise']): DayDocument => ({
  kind: 'day',
  returned,
  ratings,
  praise,
});

/** A month with its returns or ratings counted anew (its other fields as they were, in their order). */
const monthWith = (month: MonthDocument, returned: MonthDocument['returned'], ratings: MonthDocument['ratings']): MonthDocument =>
  month.disciplines === undefined
    ? { kind: 'month', returned, ratings, praise: month.praise, incidents: month.incidents }
    : { kind: 'month', returned, ratings, praise: month.praise, incidents: month.incidents, disciplines: month.disciplines };

/**
 * What a dossier event gives each officer named on the dossier so far (docs/domain/indices.md §1):
 * `officerId` is the officer the event itself names (added to the dossier's handlers first), `day` the
 * Vietnamese day the fact counts on, and `day`/`month` add the fact to that officer's documents.
 */
interface Attribution<E extends RecordedEvent> {
  readonly code: (event: E) => string;
  readonly officerId?: (event: E) => string;
  /** The day the fact counts on; undefined when the event says nothing about officers. */
  readonly day: (event: E) => string | undefined;
  readonly addToDay: (day: DayDocument, event: E, via: EventPosition) => DayDocument;
  readonly addToMonth: (month: MonthDocument, event: E) => MonthDocument;
}

const attributed = <E extends RecordedEvent>(spec: Attribution<E>): EventHandler<D, E> => {
  // The dossier's key, built once per event (`touches` and every `evolve` read the dossier).
  let keyEvent: E | undefined;
  let keyOfIt = '';
  const dossierKeyOf = (event: E): string => {
    if (keyEvent !== event) {
      keyOfIt = keys.dossier(event.metadata.tenantId, spec.code(event));
      keyEvent = event;
    }
    return keyOfIt;
  };
  /** The dossier's handlers after the event, whether they changed, and each officer's day and month keys. */
  const outcome = memoByEvent((event: E, dossier: DossierDocument) => {
    const handlers = withHandler(dossier.handlers, spec.officerId?.(event), positionOf(event));
    const day = spec.day(event);
    const { tenantId } = event.metadata;
    const facts =
      day === undefined
        ? []
        : handlers.map(([officerId, via]) => ({ via, day: keys.day(tenantId, officerId, day), month: keys.month(tenantId, officerId, periodOf(day, 'month')) }));
    return { key: dossierKeyOf(event), handlers, changed: handlers !== dossier.handlers, facts };
  });
  /** The dossier's key and the event's outcome; undefined for a dossier never received. */
  const handlersAfter = (event: E, documents: DocumentReader<D>) => {
    const key = dossierKeyOf(event);
    const dossier = asKind.dossier(documents.get(key));
    return dossier === undefined ? undefined : outcome(event, dossier);
  };
  // The outcome worked out for an event's `touches`, reused by the evolves of its keys that follow (an
  // evolve without it works it out again from the documents as they stand, which gives the same facts).
  let outcomeEvent: E | undefined;
  let outcomeOfIt: ReturnType<typeof handlersAfter>;
  return {
    touches: (event, documents) => {
      const after = handlersAfter(event, documents);
      outcomeEvent = event;
      outcomeOfIt = after;
      if (after === undefined) return [];
      // Made to size: the dossier's key if its handlers changed, then each officer's day and month.
      const first = after.changed ? 1 : 0;
      const keys = new Array<string>(first + 2 * after.facts.length);
      if (first === 1) keys[0] = after.key;
      for (let i = 0; i < after.facts.length; i++) {
        const facts = after.facts[i] as (typeof after.facts)[number];
        keys[first + 2 * i] = facts.day;
        keys[first + 2 * i + 1] = facts.month;
      }
      return keys;
    },
    evolve: (document, event, key, documents) => {
      const after = outcomeEvent === event ? outcomeOfIt : handlersAfter(event, documents);
      if (after === undefined) return document;
      if (key === after.key) return { kind: 'dossier', handlers: after.handlers };
      for (const facts of after.facts) {
        if (key === facts.day) return spec.addToDay(asKind.day(document) ?? EMPTY_DAY, event, facts.via);
        if (key === facts.month) return spec.addToMonth(asKind.month(document) ?? EMPTY_MONTH, event);
      }
      return document;
    },
  };
};

const onReturned = attributed<EventOf<'ResultReturned'>>({
  code: (event) => event.data.dossierCode,
  officerId: (event) => event.data.officerId,
  day: (event) => event.data.returnDate,
  // Judged where the result reached the desk when the log says so (docs/domain/dossier-lifecycle.md §4).
  addToDay: (day, event, via) => {
    const { timelinessAgainstDueDate, timeliness } = resolutionOf(event);
    return dayWith([...day.returned, [positionOf(event), via, timelinessAgainstDueDate, timeliness]], day.ratings, day.praise);
  },
  addToMonth: (month, event) => {
    const { timelinessAgainstDueDate: timeliness, timeliness: againstOriginal } = resolutionOf(event);
    return monthWith(month, tally<ReturnCount>(month.returned, timeliness, againstOriginal), month.ratings);
  },
});

/** The parts of a rating about officers: SIPAS `officers` and Circular 01 index 7 (attitude). */
const aboutOfficers = (event: EventOf<'DossierRated'>): readonly [number | null, number | null] => [
  event.data.sipas?.officers ?? null,
  event.data.circular01?.['7'] ?? null,
];

const onRated = attributed<EventOf<'DossierRated'>>({
  code: (event) => event.data.dossierCode,
  day: (event) => (aboutOfficers(event).every((score) => score === null) ? undefined : dayOfEvent(event)),
  addToDay: (day, event, via) => dayWith(day.returned, [...day.ratings, [positionOf(event), via, ...aboutOfficers(event)]], day.praise),
  addToMonth: (month, event) => {
    const [sipas, attitude] = aboutOfficers(event);
    return monthWith(month, month.returned, tally<RatingCount>(month.ratings, sipas, attitude));
  },
});

/** The officer's month of the incident's report, through the incident's own document. */
const incidentMonth = (event: RecordedEvent & { readonly data: { readonly incidentId: string } }, documents: DocumentReader<D>) => {
  const { tenantId } = event.metadata;
  const incident = asKind.incident(documents.get(keys.incident(tenantId, event.data.incidentId)));
  return incident === undefined ? undefined : keys.month(tenantId, incident.officerId, periodOf(incident.reportedOn, 'month'));
};

/** A later step of an incident: `change` sets what the event decided; its position joins the incident's events. */
const incidentStep = <E extends RecordedEvent & { readonly data: { readonly incidentId: string } }>(
  change: (entry: IncidentEntry, event: E) => IncidentEntry,
): EventHandler<D, E> => ({
  touches: (event, documents) => {
    const month = incidentMonth(event, documents);
    return month === undefined ? [] : [month];
  },
  evolve: (document, event) => {
    const month = asKind.month(document) ?? EMPTY_MONTH;
    const { incidentId } = event.data;
    const entry = month.incidents[incidentId] ?? { positions: [] };
    const next = change({ ...entry, positions: [...entry.positions, positionOf(event)] }, event);
    return { ...month, incidents: { ...month.incidents, [incidentId]: next } };
  },
});

/** The agency that rates the officer: the seconding agency named at appointment (docs/domain/officers.md §4). */
const ratingAgencyOf = (event: EventOf<'OfficerAppointed'> | EventOf<'OfficerReassigned'>): string | undefined =>
  event.type === 'OfficerAppointed' ? event.data.secondingAgencyId : undefined;

/** The officer's legal status, named at appointment: which scale the officer is rated on (docs/domain/officers.md §2). */
const legalStatusOf = (event: EventOf<'OfficerAppointed'> | EventOf<'OfficerReassigned'>) =>
  event.type === 'OfficerAppointed' ? { legalStatus: event.data.legalStatus } : {};

const assigned = <E extends EventOf<'OfficerAppointed'> | EventOf<'OfficerReassigned'>>(): EventHandler<D, E> => ({
  touches: (event, documents) => {
    const { tenantId } = event.metadata;
    const member = keys.member(tenantId, event.data.unitId, event.data.officerId);
    const assignments = keys.assignments(tenantId, event.data.officerId);
    const agency = ratingAgencyOf(event);
    const agencyMember = agency === undefined ? undefined : keys.agencyMember(tenantId, agency, event.data.officerId);
    return [assignments, ...[member, agencyMember].filter((key): key is string => key !== undefined && documents.get(key) === undefined)];
  },
  evolve: (document, event, key) => {
    if (key !== keys.assignments(event.metadata.tenantId, event.data.officerId)) return { kind: 'member' };
    const officer = asKind.assignments(document) ?? { kind: 'assignments', assignments: [] };
    const agency = ratingAgencyOf(event);
    return {
      ...officer,
      assignments: [...officer.assignments, [event.data.unitId, event.data.effectiveDate, positionOf(event)]],
      ...(agency === undefined ? {} : { ratingAgency: [agency, positionOf(event)] as const }),
      ...legalStatusOf(event),
    };
  },
});

const evaluated = <E extends EventOf<'EvaluationRecorded'> | EventOf<'EvaluationCorrected'>>(): EventHandler<D, E> => ({
  touches: (event) => [keys.evaluation(event.metadata.tenantId, event.data.officerId, event.data.period)],
  evolve: (_document, event) => {
    const { level, score, scale, ruleSetId } = event.data;
    return { kind: 'evaluation', level, ...(score === undefined ? {} : { score }), scale, ruleSetId, position: positionOf(event) };
  },
});

/**
 * The facts officer rating proposals are made from (docs/domain/officers.md §2), as small documents
 * (keys in index.ts): per dossier the officers who received, processed or returned it; per officer and
 * day the returns, ratings and praise with their events; per officer and month the same as counts and
 * the incidents reported and disciplines decided that month; per officer the assignments to units, the agency that rates the
 * officer and the evaluations recorded; per unit and per rating agency the officers it ever had.
 */
export const officerRatingProjection = defineProjection<D>({
  name: OFFICER_RATING,
  // 2: the agency that rates each officer (assignments, agency members) and disciplines by month.
  version: 3,
  handlers: {
    DossierReceived: {
      touches: (event, documents) => {
        const key = keys.dossier(event.metadata.tenantId, event.data.dossierCode);
        return documents.get(key) === undefined ? [key] : [];
      },
      evolve: (_document, event) => ({ kind: 'dossier', handlers: [[event.data.officerId, positionOf(event)]] }),
    },
    ProcessingCompleted: attributed<EventOf<'ProcessingCompleted'>>({
      code: (event) => event.data.dossierCode,
      officerId: (event) => event.data.officerId,
      day: () => undefined,
      addToDay: (day) => day,
      addToMonth: (month) => month,
    }),
    ResultReturned: onReturned,
    DossierRated: onRated,
    IncidentReported: {
      touches: (event, documents) => {
        const { tenantId } = event.metadata;
        const incident = keys.incident(tenantId, event.data.incidentId);
        // A second report of the same id changes nothing.
        if (documents.get(incident) !== undefined) return [];
        return [incident, keys.month(tenantId, event.data.officerId, periodOf(event.data.reportedOn, 'month'))];
      },
      evolve: (document, event, key) => {
        const { incidentId, officerId, reportedOn } = event.data;
        if (key === keys.incident(event.metadata.tenantId, incidentId)) return { kind: 'incident', officerId, reportedOn };
        const month = asKind.month(document) ?? EMPTY_MONTH;
        return { ...month, incidents: { ...month.incidents, [incidentId]: { positions: [positionOf(event)] } } };
      },
    },
    IncidentAcknowledged: incidentStep<EventOf<'IncidentAcknowledged'>>((entry, event) => ({ ...entry, severity: event.data.severity })),
    IncidentConcluded: incidentStep<EventOf<'IncidentConcluded'>>((entry, event) => ({ ...entry, outcome: event.data.outcome })),
    FeedbackReceived: {
      touches: (event) => {
        const { kind, officerId, receivedOn } = event.data;
        if (kind !== 'khen' || officerId === undefined) return [];
        const { tenantId } = event.metadata;
        return [keys.day(tenantId, officerId, receivedOn), keys.month(tenantId, officerId, periodOf(receivedOn, 'month'))];
      },
      evolve: (document, event, key) => {
        const { officerId, receivedOn } = event.data;
        if (officerId !== undefined && key === keys.day(event.metadata.tenantId, officerId, receivedOn)) {
          const day = asKind.day(document) ?? EMPTY_DAY;
          return { ...day, praise: [...day.praise, positionOf(event)] };
        }
        const month = asKind.month(document) ?? EMPTY_MONTH;
        return { ...month, praise: month.praise + 1 };
      },
    },
    OfficerAppointed: assigned<EventOf<'OfficerAppointed'>>(),
    OfficerReassigned: assigned<EventOf<'OfficerReassigned'>>(),
    OfficerLeft: {
      touches: (event) => [keys.assignments(event.metadata.tenantId, event.data.officerId)],
      evolve: (document, event) => ({ ...(asKind.assignments(document) ?? { kind: 'assignments', assignments: [] }), leftOn: event.data.leftOn }),
    },
    DisciplineRecorded: {
      touches: (event) => [keys.month(event.metadata.tenantId, event.data.officerId, periodOf(event.data.decisionDate, 'month'))],
      evolve: (document, event) => {
        const month = asKind.month(document) ?? EMPTY_MONTH;
        return { ...month, disciplines: [...(month.disciplines ?? []), positionOf(event)] };
      },
    },
    EvaluationRecorded: evaluated<EventOf<'EvaluationRecorded'>>(),
    EvaluationCorrected: evaluated<EventOf<'EvaluationCorrected'>>(),
  },
});
