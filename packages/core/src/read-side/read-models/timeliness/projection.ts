import { defineProjection, type EventOf, type EventHandler } from '../../engine/document-projection.js';
import { documentKey, keyPart } from '../../vocabulary/document-key.js';
import { periodOf, type DatedGrain } from '../../vocabulary/period.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { lineageHandler, type LineageDocument } from '../../vocabulary/lineage.js';
import { memoByEvent } from '../dossier-support/memo.js';
import { dossierKey, officerOf, resolutionOf, visitDayOf, type BasicsEvent, type Resolution } from '../dossier-support/index.js';

export const TIMELINESS = 'timeliness';

/**
 * Timeliness (docs/domain/indices.md §3): a dossier counts once, when its result (or reasoned
 * refusal) is returned, for its province, unit, procedure and officer, in the day, month, quarter and
 * year of the return. Early, on the day or late is judged on the day the result reached the desk
 * (`ResultReady`, else the return day: docs/domain/dossier-lifecycle.md §4) against the due date
 * before any apology (§5). Until the return the projection keeps what the count needs about the
 * dossier in its own document; at the return that document becomes the dossier's record (what
 * explanations show of it, kept once), and each row's day counters name it by its code.
 */
export const TIMELINESS_DIMENSIONS = ['province', 'unit', 'procedure', 'officer'] as const;
export type TimelinessDimension = (typeof TIMELINESS_DIMENSIONS)[number];

/** An apology as the figures judge it at query time: its notice against its rule set's minimum. */
export interface ApologyFact {
  readonly workingDaysBefore: number;
  readonly ruleSet: string;
}

/**
 * `<tenant>/dossier/<code>` until the return: what the count needs about an open dossier, and the
 * events behind it. `unit` and `procedure` are those of its receipt (or submission); `officer` received
 * it, `handler` completed its processing; `trips` are the distinct days the applicant came in person
 * (`visitDayOf`, docs/domain/indices.md §6.3 proxy). Absent fields mean none yet.
 */
export interface OpenDossier {
  readonly kind: 'dossier';
  readonly unit?: string;
  readonly procedure?: string;
  readonly officer?: string;
  readonly handler?: string;
  /** The rule set the dossier was received under. */
  readonly ruleSet?: string;
  readonly trips?: readonly string[];
  /** Positions of its receipt, completion, apologies and the result's arrival at the desk. */
  readonly events: readonly EventPosition[];
  /** Positions of the events that were visits in person. */
  readonly visits: readonly EventPosition[];
  /** The last apology; `apologies` counts a dossier with any. */
  readonly apology?: ApologyFact;
}

/**
 * `<tenant>/dossier/<code>` from the return on: the returned dossier as every row counted it, once
 * (the rows' day counters name it by its code). Events of the dossier after its return change nothing.
 */
export interface ReturnedRecord {
  readonly kind: 'returned';
  /** Its unit, if any: the province's day names the unit whose day names the dossier. */
  readonly unit?: string;
  /** The day judged and both due dates: the original and, after an apology, its new date. */
  readonly resolution: Resolution;
  readonly trips: number;
  readonly ruleSet?: string;
  readonly apology?: ApologyFact;
  /** Receipt, completion, apologies, the result ready at the desk and the return. */
  readonly events: readonly EventPosition[];
  readonly visits: readonly EventPosition[];
}

/** A returned dossier as the rows counted it: its record (but its unit) with its code, what explanations list. */
export interface ReturnedDossier extends Omit<ReturnedRecord, 'unit'> {
  readonly code: string;
  /** Against the due date before any apology, on the day `resolution` names. */
  readonly timeliness: 'early' | 'on-time' | 'late';
  /** Late against the due date before any apology: what every lateness figure counts. */
  readonly lateAgainstOriginal: boolean;
}

/** The returned dossier `code` as its record says. */
export const returnedDossier = (code: string, record: ReturnedRecord): ReturnedDossier => ({
  kind: 'returned',
  code,
  timeliness: record.resolution.timeliness,
  lateAgainstOriginal: record.resolution.timeliness === 'late',
  resolution: record.resolution,
  trips: record.trips,
  ...(record.ruleSet === undefined ? {} : { ruleSet: record.ruleSet }),
  ...(record.apology === undefined ? {} : { apology: record.apology }),
  events: record.events,
  visits: record.visits,
});

/**
 * Apologies counted by their rule set, working days of notice and the rule set the dossier was
 * received under (`''` for none) as `[apologies, of which late against the original due date]`, so
 * whether one came in time is judged at query time by its rule set's minimum.
 */
export type Notice = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>>>>;

/**
 * A row's counters as queries read them (`countsOf` a counts document; a quarter's and a year's are
 * its months' summed). `lateAgainstOriginal` is `late`: both are judged against the due date before
 * any apology. `ruleSets` are the rule sets the counted dossiers were received under, sorted, so a
 * figure names its rule sets from its counters alone.
 */
export interface TimelinessCounts {
  readonly kind: 'counts';
  readonly resolved: number;
  readonly early: number;
  readonly onDay: number;
  readonly late: number;
  readonly lateAgainstOriginal: number;
  readonly threeOrMoreTrips: number;
  readonly apologies: number;
  readonly ruleSets: readonly string[];
  readonly notice: Notice;
}

/** A row's counts in a document: resolved, early, on the day, late, with three or more trips, apologised. */
export type Tally = readonly [resolved: number, early: number, onDay: number, late: number, threeOrMoreTrips: number, apologies: number];

/**
 * `<tenant>/timeliness/<dimension>/<id>/month/<period>`: a row's counters of a month, `n` as `Tally`
 * orders them, with the rule sets of the dossiers counted and their apologies (`notice`, left out
 * while there is none).
 */
export interface CountsDocument {
  readonly kind: 'counts';
  readonly n: Tally;
  readonly ruleSets: readonly string[];
  readonly notice?: Notice;
}

/**
 * `<tenant>/timeliness/<dimension>/<id>/day/<day>`: a row's counters of one day, and the dossiers
 * they count, by code (their records are `<tenant>/dossier/<code>`). A province's day names the units
 * whose day rows list its dossiers, and lists by code only those with no unit: the list of a day is
 * bounded by that day's returns of one unit, procedure or officer, never by a province's.
 */
export interface DayDocument extends CountsDocument {
  readonly codes: readonly string[];
  /** The province's day only: the units of the dossiers it counts, in the order of their first return that day. */
  readonly units?: readonly string[];
}

const NO_NOTICE: Notice = {};

/** The counters of a counts document, by name. */
export const countsOf = (document: CountsDocument): TimelinessCounts => {
  const [resolved, early, onDay, late, threeOrMoreTrips, apologies] = document.n;
  return { kind: 'counts', resolved, early, onDay, late, lateAgainstOriginal: late, threeOrMoreTrips, apologies, ruleSets: document.ruleSets, notice: document.notice ?? NO_NOTICE };
};

/**
 * `<tenant>/timeliness/<dimension>/<id>/<quarter|year>/<period>`: a quarter or year in which the row has
 * returns (written with the first return of each of its months that had none); its figures are its
 * months' counters summed.
 */
export interface TimelinessPeriod {
  readonly kind: 'period';
}

/** `<tenant>/lineage/<successor>/merged` (`vocabulary/lineage.ts`): the units merged into a unit, for the `lineage` figures. */
export type TimelinessDocument = OpenDossier | ReturnedRecord | CountsDocument | DayDocument | TimelinessPeriod | LineageDocument;

/** The grains whose figures are their months' counters summed. */
const SUMMED_GRAINS = ['quarter', 'year'] as const;

export const countsKey = (tenantId: string, dimension: TimelinessDimension, id: string, grain: DatedGrain, period: string): string =>
  documentKey(tenantId, 'timeliness', dimension, keyPart(id), grain, period);

const NO_COUNTS: CountsDocument = { kind: 'counts', n: [0, 0, 0, 0, 0, 0], ruleSets: [] };
const PERIOD: TimelinessPeriod = { kind: 'period' };
const NEW_DOSSIER: OpenDossier = { kind: 'dossier', events: [], visits: [] };
const NO_CODES: readonly string[] = [];

const openDossier = (document: TimelinessDocument | undefined): OpenDossier => (document?.kind === 'dossier' ? document : NEW_DOSSIER);

type Reader = Parameters<EventHandler<TimelinessDocument, BasicsEvent>['touches']>[1];

type DossierEventOf = { readonly metadata: { readonly tenantId: string }; readonly data: { readonly dossierCode: string } };

/** `<tenant>/dossier/`, checked once per province in turn (`dossierKey` checks it). */
let dossiersOfTenant = '';
let dossiersPrefix = '';
/** The key of an event's dossier document, built once per event (`touches` and every `evolve` ask for it in turn). */
let keyedEvent: DossierEventOf | undefined;
let keyedKey = '';
const dossierKeyOf = (event: DossierEventOf): string => {
  if (keyedEvent !== event) {
    const { tenantId } = event.metadata;
    const code = event.data.dossierCode;
    if (tenantId !== dossiersOfTenant) {
      // What `dossierKey` builds: a codec-checked dossier code holds no `/`.
      dossiersPrefix = dossierKey(tenantId, code).slice(0, -code.length);
      dossiersOfTenant = tenantId;
    }
    keyedKey = dossiersPrefix + code;
    keyedEvent = event;
  }
  return keyedKey;
};

const dossierOf = (documents: Reader, event: DossierEventOf): TimelinessDocument | undefined => documents.get(dossierKeyOf(event));
/** Whether the dossier was returned already: then its record stays as the return made it. */
const returned = (documents: Reader, event: DossierEventOf): boolean => dossierOf(documents, event)?.kind === 'returned';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A new open dossier's document: `open` with these facts, events and visits. Every field is written, in
 * one order (an absent one as undefined, which JSON leaves out): the documents of every open dossier
 * share one shape.
 */
const reopened = (
  open: OpenDossier,
  unit: string | undefined,
  procedure: string | undefined,
  officer: string | undefined,
  handler: string | undefined,
  ruleSet: string | undefined,
  trips: readonly string[] | undefined,
  events: readonly EventPosition[],
  visits: readonly EventPosition[],
): OpenDossier => ({ kind: 'dossier', unit, procedure, officer, handler, ruleSet, trips, events, visits, apology: open.apology });

/**
 * The dossier after an event of its basic facts (`BASICS_EVENT_TYPES`), remembering the event's
 * position (when `remember`) and a visit in person (`visitDayOf`, judged on the facts before it).
 */
const evolveOpen = (document: TimelinessDocument | undefined, event: BasicsEvent, remember: boolean): OpenDossier => {
  const open = openDossier(document);
  const position = event.metadata.globalPosition;
  // The open dossier has the fields of `DossierBasics` the judgement reads but `received`: a receipt or a
  // submission sets `procedure` too, so "no receipt nor submission before" is "no procedure yet".
  const visitDay = visitDayOf(open, event);
  const trips = visitDay === undefined || open.trips?.includes(visitDay) === true ? open.trips : [...(open.trips ?? []), visitDay];
  const events = remember ? [...open.events, position] : open.events;
  const visits = visitDay === undefined ? open.visits : [...open.visits, position];
  switch (event.type) {
    case 'DossierSubmitted':
      return reopened(open, event.data.receivingUnitId, event.data.procedureCode, open.officer, open.handler, open.ruleSet, trips, events, visits);
    case 'DossierReceived':
      return reopened(open, event.data.receivingUnitId, event.data.procedureCode, event.data.officerId, open.handler, event.data.ruleSetId, trips, events, visits);
    case 'ProcessingCompleted':
      return reopened(open, open.unit, open.procedure, open.officer, event.data.officerId, open.ruleSet, trips, events, visits);
    default:
      return reopened(open, open.unit, open.procedure, open.officer, open.handler, open.ruleSet, trips, events, visits);
  }
};

/** Handler of an event that changes only the dossier's own document; `matters` says whether it changes anything. */
const onDossier = <E extends BasicsEvent>(matters: (event: E) => boolean, remember: boolean): EventHandler<TimelinessDocument, E> => ({
  touches: (event, documents) => (matters(event) && !returned(documents, event) ? [dossierKeyOf(event)] : []),
  evolve: (document, event) => evolveOpen(document, event, remember),
});

/** What the return makes of the dossier: its record, and the ids of the rows it counts in (by dimension). */
const returnOf = memoByEvent((event: EventOf<'ResultReturned'>, open: OpenDossier) => {
  const position = event.metadata.globalPosition;
  const visitDay = visitDayOf(open, event);
  const record: Mutable<ReturnedRecord> = {
    kind: 'returned',
    resolution: resolutionOf(event),
    // The distinct days in person, the return's included.
    trips: (open.trips?.length ?? 0) + (visitDay === undefined || open.trips?.includes(visitDay) === true ? 0 : 1),
    events: [...open.events, position],
    visits: visitDay === undefined ? open.visits : [...open.visits, position],
  };
  const { unit, ruleSet, apology } = open;
  if (unit !== undefined) record.unit = unit;
  if (ruleSet !== undefined) record.ruleSet = ruleSet;
  if (apology !== undefined) record.apology = apology;
  // In the order of TIMELINESS_DIMENSIONS.
  const ids: readonly (string | undefined)[] = [event.metadata.tenantId, unit, open.procedure, officerOf(open)];
  return { record: record as ReturnedRecord, ids };
});

/**
 * A row's key (`<tenant>/timeliness/<dimension>/<id>`) and the keys of the day and month it counted in
 * last (`<row>/day/<day>`, `<row>/month/<month>`): returns come day after day, so a row's next return
 * mostly counts in the same day and month, whose keys are then the same strings.
 */
interface Row {
  readonly key: string;
  day: string;
  dayKey: string;
  month: string;
  monthKey: string;
}

/** The rows met lately, by dimension (in the order of TIMELINESS_DIMENSIONS) and id: a bounded memo, for one province at a time. */
let rowsOfTenant = '';
const rows: Map<string, Row>[] = TIMELINESS_DIMENSIONS.map(() => new Map());
const rowOf = (tenantId: string, dimension: number, id: string): Row => {
  const known = rows[dimension] as Map<string, Row>;
  if (tenantId !== rowsOfTenant || known.size >= 8192) {
    for (const map of rows) map.clear();
    rowsOfTenant = tenantId;
  }
  let row = known.get(id);
  if (row === undefined) {
    row = { key: documentKey(tenantId, TIMELINESS, TIMELINESS_DIMENSIONS[dimension] as TimelinessDimension, keyPart(id)), day: '', dayKey: '', month: '', monthKey: '' };
    known.set(id, row);
  }
  return row;
};
const dayKeyOf = (row: Row, day: string): string => {
  if (row.day !== day) {
    row.day = day;
    row.dayKey = `${row.key}/day/${day}`;
  }
  return row.dayKey;
};
const monthKeyOf = (row: Row, month: string): string => {
  if (row.month !== month) {
    row.month = month;
    row.monthKey = `${row.key}/month/${month}`;
  }
  return row.monthKey;
};

/** The apologies of `notice` with the returned dossier of `record` counted. */
const noticeWith = (notice: Notice | undefined, record: ReturnedRecord): Notice | undefined => {
  const { apology } = record;
  if (apology === undefined) return notice;
  const days = String(apology.workingDaysBefore);
  const received = record.ruleSet ?? '';
  const bySet = notice?.[apology.ruleSet] ?? {};
  const byDays = bySet[days] ?? {};
  const [all, late] = byDays[received] ?? [0, 0];
  return { ...notice, [apology.ruleSet]: { ...bySet, [days]: { ...byDays, [received]: [all + 1, late + (record.resolution.timeliness === 'late' ? 1 : 0)] } } };
};

/** The sorted rule sets of `ruleSets` and `ruleSet`. */
const ruleSetsWith = (ruleSets: readonly string[], ruleSet: string | undefined): readonly string[] =>
  ruleSet === undefined || ruleSets.includes(ruleSet) ? ruleSets : [...ruleSets, ruleSet].sort();

/** `n` with the returned dossier of `record` counted. */
const tallied = (n: Tally, record: ReturnedRecord): Tally => {
  const { timeliness } = record.resolution;
  return [
    n[0] + 1,
    n[1] + (timeliness === 'early' ? 1 : 0),
    n[2] + (timeliness === 'on-time' ? 1 : 0),
    n[3] + (timeliness === 'late' ? 1 : 0),
    n[4] + (record.trips >= 3 ? 1 : 0),
    n[5] + (record.apology === undefined ? 0 : 1),
  ];
};

/** A month's counts with the returned dossier of `record` counted. */
const counted = (document: TimelinessDocument | undefined, record: ReturnedRecord): CountsDocument => {
  const counts = document?.kind === 'counts' ? document : NO_COUNTS;
  const notice = noticeWith(counts.notice, record);
  const n = tallied(counts.n, record);
  const ruleSets = ruleSetsWith(counts.ruleSets, record.ruleSet);
  return notice === undefined ? { kind: 'counts', n, ruleSets } : { kind: 'counts', n, ruleSets, notice };
};

/**
 * A row's day with the returned dossier `code` counted and named: by its code in a unit's, procedure's
 * or officer's day; in the province's, by its unit (by its code when it has none), whose day names it.
 */
const countedOnDay = (document: TimelinessDocument | undefined, code: string, record: ReturnedRecord, province: boolean): DayDocument => {
  const day = document?.kind === 'counts' && 'codes' in document ? document : undefined;
  const { unit } = record;
  const codes = day?.codes ?? NO_CODES;
  const next: { -readonly [K in keyof DayDocument]: DayDocument[K] } = {
    kind: 'counts',
    n: tallied(day?.n ?? NO_COUNTS.n, record),
    ruleSets: ruleSetsWith(day?.ruleSets ?? NO_COUNTS.ruleSets, record.ruleSet),
    codes: province && unit !== undefined ? codes : [...codes, code],
  };
  const notice = noticeWith(day?.notice, record);
  if (notice !== undefined) next.notice = notice;
  if (province) {
    const units = day?.units ?? NO_CODES;
    next.units = unit === undefined || units.includes(unit) ? units : [...units, unit];
  }
  return next;
};

const onReturn: EventHandler<TimelinessDocument, EventOf<'ResultReturned'>> = {
  touches: (event, documents) => {
    const open = dossierOf(documents, event);
    if (open?.kind === 'returned') return [];
    const { tenantId } = event.metadata;
    const { ids } = returnOf(event, openDossier(open));
    const day = event.data.returnDate;
    const month = periodOf(day, 'month');
    // First the dossier's record: the rows are evolved from it.
    const keys: string[] = [dossierKeyOf(event)];
    for (let i = 0; i < TIMELINESS_DIMENSIONS.length; i++) {
      const id = ids[i];
      if (id === undefined) continue;
      // The row's keys share a checked start; the day (a codec-checked date) is a part as it is.
      const row = rowOf(tenantId, i, id);
      const monthKey = monthKeyOf(row, month);
      keys.push(dayKeyOf(row, day), monthKey);
      // The first return of a month marks its quarter and year as having figures, if nothing did yet.
      if (documents.get(monthKey) === undefined) {
        for (const grain of SUMMED_GRAINS) {
          const key = `${row.key}/${grain}/${periodOf(day, grain)}`;
          if (documents.get(key) === undefined) keys.push(key);
        }
      }
    }
    return keys;
  },
  evolve: (document, event, key, documents) => {
    const { tenantId } = event.metadata;
    if (key.startsWith('/dossier/', tenantId.length)) return returnOf(event, openDossier(document)).record;
    // The record evolved first, for this return.
    const record = documents.get(dossierKeyOf(event));
    if (record?.kind !== 'returned') throw new Error(`timeliness: no record of dossier ${event.data.dossierCode} at its return`);
    // `<tenant>/timeliness/<dimension>/<id>/<grain>/<period>`: a day (`YYYY-MM-DD`) or a month (`YYYY-MM`)
    // is a row's counters; a quarter (`YYYY-Qn`) or a year (`YYYY`) is marked as having returns.
    const period = key.length - key.lastIndexOf('/') - 1;
    if (period === 10) return countedOnDay(document, event.data.dossierCode, record, key.startsWith('/timeliness/province/', tenantId.length));
    if (period === 7 && key.charCodeAt(key.length - 2) !== Q) return counted(document, record);
    return document ?? PERIOD;
  },
};

const Q = 'Q'.charCodeAt(0);

/** The dossier is closed without a return: it will count in no row. */
const onWithdrawal: EventHandler<TimelinessDocument, EventOf<'DossierWithdrawn'>> = {
  touches: (event, documents) => (dossierOf(documents, event)?.kind === 'dossier' ? [dossierKeyOf(event)] : []),
  evolve: () => undefined,
};

const onApology: EventHandler<TimelinessDocument, EventOf<'ApologyIssued'>> = {
  touches: (event, documents) => (returned(documents, event) ? [] : [dossierKeyOf(event)]),
  evolve: (document, event) => {
    const open = openDossier(document);
    const { unit, procedure, officer, handler, ruleSet, trips, visits } = open;
    const apology: ApologyFact = { workingDaysBefore: event.data.workingDaysBeforeDue, ruleSet: event.data.ruleSetId };
    return { kind: 'dossier', unit, procedure, officer, handler, ruleSet, trips, events: [...open.events, event.metadata.globalPosition], visits, apology };
  },
};

/** The result reached the desk: the return will carry its judgement; the event is remembered for explanations. */
const onReady: EventHandler<TimelinessDocument, EventOf<'ResultReady'>> = {
  touches: (event, documents) => (dossierOf(documents, event)?.kind === 'dossier' ? [dossierKeyOf(event)] : []),
  evolve: (document, event) => {
    const open = openDossier(document);
    return reopened(open, open.unit, open.procedure, open.officer, open.handler, open.ruleSet, open.trips, [...open.events, event.metadata.globalPosition], open.visits);
  },
};


/**
 * Version 5: a returned dossier is kept once, as its record in `<tenant>/dossier/<code>`, and the day
 * counters of its rows name it (version 4 kept it in full for each of its four rows); an open
 * dossier's facts are kept flat, and a row's counters as one tally. Version 6: the id of a row (a
 * unit, an officer, a procedure) is one key part (`keyPart`), so an id holding `/` or `%` keeps
 * documents of its own.
 */
export const timelinessProjection = defineProjection<TimelinessDocument>({
  name: TIMELINESS,
  version: 6,
  handlers: {
    GuidanceGiven: onDossier<EventOf<'GuidanceGiven'>>((event) => event.data.channel === 'counter', false),
    DossierSubmitted: onDossier<EventOf<'DossierSubmitted'>>(() => true, false),
    DossierReceived: onDossier<EventOf<'DossierReceived'>>(() => true, true),
    SupplementReceived: onDossier<EventOf<'SupplementReceived'>>((event) => event.data.deliveredVia === 'counter', false),
    ProcessingCompleted: onDossier<EventOf<'ProcessingCompleted'>>(() => true, true),
    ApologyIssued: onApology,
    ResultReady: onReady,
    ResultReturned: onReturn,
    DossierWithdrawn: onWithdrawal,
    UnitDissolved: lineageHandler<TimelinessDocument>(),
  },
});
