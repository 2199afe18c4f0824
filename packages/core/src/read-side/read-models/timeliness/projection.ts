import { defineProjection, type EventOf, type EventHandler } from '../../engine/document-projection.js';
import { documentKey } from '../../vocabulary/document-key.js';
import { periodOf, type DatedGrain } from '../../vocabulary/period.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { lineageHandler, type LineageDocument } from '../../vocabulary/lineage.js';
import { memoByEvent } from '../dossier-support/memo.js';
import { dossierKey, evolveBasics, officerOf, resolutionOf, tripsOf, visitDayOf, type BasicsEvent, type DossierBasics, type Resolution } from '../dossier-support/index.js';

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

/** `<tenant>/dossier/<code>` until the return: an open dossier's facts and the events behind them. */
export interface OpenDossier {
  readonly kind: 'dossier';
  readonly basics: DossierBasics;
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
  /** The day judged and both due dates: the original and, after an apology, its new date. */
  readonly resolution: Resolution;
  readonly trips: number;
  readonly ruleSet?: string;
  readonly apology?: ApologyFact;
  /** Receipt, completion, apologies, the result ready at the desk and the return. */
  readonly events: readonly EventPosition[];
  readonly visits: readonly EventPosition[];
}

/** A returned dossier as the rows counted it: its record with its code, what explanations list. */
export interface ReturnedDossier {
  readonly kind: 'returned';
  readonly code: string;
  /** Against the due date before any apology, on the day `resolution` names. */
  readonly timeliness: 'early' | 'on-time' | 'late';
  /** Late against the due date before any apology: what every lateness figure counts. */
  readonly lateAgainstOriginal: boolean;
  /** The day judged and both due dates: the original and, after an apology, its new date. */
  readonly resolution: Resolution;
  readonly trips: number;
  readonly ruleSet?: string;
  readonly apology?: ApologyFact;
  /** Receipt, completion, apologies, the result ready at the desk and the return. */
  readonly events: readonly EventPosition[];
  readonly visits: readonly EventPosition[];
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
 * `<tenant>/timeliness/<dimension>/<id>/month/<period>`, and the counters of a day: the counters of a
 * row (a quarter's and a year's are its months' summed at query time). Apologies are counted by their
 * rule set, working days of notice and the rule set the dossier was received under (`''` for none) as
 * `[apologies, of which late against the original due date]`, so whether one came in time is judged at
 * query time by its rule set's minimum; `ruleSets` are the rule sets the counted dossiers were received
 * under, sorted, so a figure names its rule sets from its counters alone.
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
  readonly notice: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>>>>;
}

/**
 * `<tenant>/timeliness/<dimension>/<id>/day/<day>`: a row's counters of one day, and the dossiers
 * they count, by code (their records are `<tenant>/dossier/<code>`). A province's day names the units
 * whose day rows list its dossiers, and lists by code only those with no unit: the list of a day is
 * bounded by that day's returns of one unit, procedure or officer, never by a province's.
 */
export interface TimelinessDay extends TimelinessCounts {
  readonly codes: readonly string[];
  /** The province's day only: the units of the dossiers it counts, in the order of their first return that day. */
  readonly units?: readonly string[];
}

/**
 * `<tenant>/timeliness/<dimension>/<id>/<quarter|year>/<period>`: a quarter or year in which the row has
 * returns (written with the first return of each of its months that had none); its figures are its
 * months' counters summed.
 */
export interface TimelinessPeriod {
  readonly kind: 'period';
}

/** `<tenant>/lineage/<successor>/merged` (`vocabulary/lineage.ts`): the units merged into a unit, for the `lineage` figures. */
export type TimelinessDocument = OpenDossier | ReturnedRecord | TimelinessCounts | TimelinessDay | TimelinessPeriod | LineageDocument;

/** The grains whose figures are their months' counters summed. */
const SUMMED_GRAINS = ['quarter', 'year'] as const;

export const countsKey = (tenantId: string, dimension: TimelinessDimension, id: string, grain: DatedGrain, period: string): string =>
  documentKey(tenantId, 'timeliness', dimension, id, grain, period);

export const EMPTY_COUNTS: TimelinessCounts = { kind: 'counts', resolved: 0, early: 0, onDay: 0, late: 0, lateAgainstOriginal: 0, threeOrMoreTrips: 0, apologies: 0, ruleSets: [], notice: {} };
const PERIOD: TimelinessPeriod = { kind: 'period' };
const NEW_DOSSIER: OpenDossier = { kind: 'dossier', basics: {}, events: [], visits: [] };
const NO_CODES: readonly string[] = [];

const openDossier = (document: TimelinessDocument | undefined): OpenDossier => (document?.kind === 'dossier' ? document : NEW_DOSSIER);

type Reader = Parameters<EventHandler<TimelinessDocument, BasicsEvent>['touches']>[1];

type DossierEventOf = { readonly metadata: { readonly tenantId: string }; readonly data: { readonly dossierCode: string } };

/** The key of an event's dossier document, built once per event (`touches` and every `evolve` ask for it). */
const dossierKeys = new WeakMap<DossierEventOf, string>();
const dossierKeyOf = (event: DossierEventOf): string => {
  let key = dossierKeys.get(event);
  if (key === undefined) {
    key = dossierKey(event.metadata.tenantId, event.data.dossierCode);
    dossierKeys.set(event, key);
  }
  return key;
};

const dossierOf = (documents: Reader, event: DossierEventOf): TimelinessDocument | undefined => documents.get(dossierKeyOf(event));
const before = (documents: Reader, event: DossierEventOf) => openDossier(dossierOf(documents, event));
/** Whether the dossier was returned already: then its record stays as the return made it. */
const returned = (documents: Reader, event: DossierEventOf): boolean => dossierOf(documents, event)?.kind === 'returned';

/** An open dossier's document with `basics`, `events` and `visits`, its apology kept. */
const withFacts = (open: OpenDossier, basics: DossierBasics, events: readonly EventPosition[], visits: readonly EventPosition[]): OpenDossier =>
  open.apology === undefined ? { kind: 'dossier', basics, events, visits } : { kind: 'dossier', basics, events, visits, apology: open.apology };

/** The dossier after an event that changes its basic facts, remembering the event's position (when `remember`) and a visit in person. */
const evolveOpen = (document: TimelinessDocument | undefined, event: BasicsEvent, remember: boolean): OpenDossier => {
  const open = openDossier(document);
  const position = event.metadata.globalPosition;
  const visitDay = visitDayOf(open.basics, event);
  return withFacts(
    open,
    evolveBasics(open.basics, event, visitDay),
    remember ? [...open.events, position] : open.events,
    visitDay === undefined ? open.visits : [...open.visits, position],
  );
};

/** Handler of an event that changes only the dossier's own document; `matters` says whether it changes anything. */
const onDossier = <E extends BasicsEvent>(matters: (event: E) => boolean, remember: boolean): EventHandler<TimelinessDocument, E> => ({
  touches: (event, documents) => (matters(event) && !returned(documents, event) ? [dossierKeyOf(event)] : []),
  evolve: (document, event) => evolveOpen(document, event, remember),
});

/** What the return makes of the dossier: its record, its member as rows count it, and the ids of the rows it counts in (by dimension). */
const returnOf = memoByEvent((event: EventOf<'ResultReturned'>, open: OpenDossier) => {
  const after = evolveOpen(open, event, true);
  const resolution = resolutionOf(event);
  const record: ReturnedRecord = {
    kind: 'returned',
    resolution,
    trips: tripsOf(after.basics),
    ...(after.basics.ruleSet === undefined ? {} : { ruleSet: after.basics.ruleSet }),
    ...(after.apology === undefined ? {} : { apology: after.apology }),
    events: after.events,
    visits: after.visits,
  };
  // In the order of TIMELINESS_DIMENSIONS.
  const ids: readonly (string | undefined)[] = [event.metadata.tenantId, after.basics.unit, after.basics.procedure, officerOf(after.basics)];
  return { record, member: returnedDossier(event.data.dossierCode, record), ids };
});

/** `counts` with the returned dossier `member` counted. */
const counted = (counts: TimelinessCounts, member: ReturnedDossier): TimelinessCounts => {
  const { apology, ruleSet } = member;
  let notice = counts.notice;
  if (apology !== undefined) {
    const days = String(apology.workingDaysBefore);
    const received = ruleSet ?? '';
    const bySet = notice[apology.ruleSet] ?? {};
    const byDays = bySet[days] ?? {};
    const [all, late] = byDays[received] ?? [0, 0];
    notice = { ...notice, [apology.ruleSet]: { ...bySet, [days]: { ...byDays, [received]: [all + 1, late + (member.lateAgainstOriginal ? 1 : 0)] } } };
  }
  const ruleSets = ruleSet === undefined || counts.ruleSets.includes(ruleSet) ? counts.ruleSets : [...counts.ruleSets, ruleSet].sort();
  return {
    kind: 'counts',
    resolved: counts.resolved + 1,
    early: counts.early + (member.timeliness === 'early' ? 1 : 0),
    onDay: counts.onDay + (member.timeliness === 'on-time' ? 1 : 0),
    late: counts.late + (member.timeliness === 'late' ? 1 : 0),
    lateAgainstOriginal: counts.lateAgainstOriginal + (member.lateAgainstOriginal ? 1 : 0),
    threeOrMoreTrips: counts.threeOrMoreTrips + (member.trips >= 3 ? 1 : 0),
    apologies: counts.apologies + (apology === undefined ? 0 : 1),
    ruleSets,
    notice,
  };
};

const isDay = (document: TimelinessDocument | undefined): document is TimelinessDay => document?.kind === 'counts' && 'codes' in document;

/**
 * A row's day with `member` counted and named: by its code in a unit's, procedure's or officer's day;
 * in the province's, by its unit (its code when it has none), whose day row names it.
 */
const countedOnDay = (document: TimelinessDocument | undefined, member: ReturnedDossier, province: boolean, unit: string | undefined): TimelinessDay => {
  const day = isDay(document) ? document : undefined;
  const counts = counted(day ?? EMPTY_COUNTS, member);
  const codes = day?.codes ?? NO_CODES;
  if (!province) return { ...counts, codes: [...codes, member.code] };
  const units = day?.units ?? NO_CODES;
  return unit === undefined
    ? { ...counts, codes: [...codes, member.code], units }
    : { ...counts, codes, units: units.includes(unit) ? units : [...units, unit] };
};

const onReturn: EventHandler<TimelinessDocument, EventOf<'ResultReturned'>> = {
  touches: (event, documents) => {
    if (returned(documents, event)) return [];
    const { tenantId } = event.metadata;
    const { ids } = returnOf(event, before(documents, event));
    const day = event.data.returnDate;
    const month = periodOf(day, 'month');
    const keys: string[] = [];
    for (let i = 0; i < TIMELINESS_DIMENSIONS.length; i++) {
      const id = ids[i];
      if (id === undefined) continue;
      const dimension = TIMELINESS_DIMENSIONS[i] as TimelinessDimension;
      // The row's keys share a checked start; the day (a codec-checked date) is a part as it is.
      const row = documentKey(tenantId, 'timeliness', dimension, id);
      const monthKey = `${row}/month/${month}`;
      keys.push(`${row}/day/${day}`, monthKey);
      // The first return of a month marks its quarter and year as having figures, if nothing did yet.
      if (documents.get(monthKey) === undefined) {
        for (const grain of SUMMED_GRAINS) {
          const key = `${row}/${grain}/${periodOf(day, grain)}`;
          if (documents.get(key) === undefined) keys.push(key);
        }
      }
    }
    // Last: the rows above are evolved from the dossier's document as it stood before the return.
    keys.push(dossierKeyOf(event));
    return keys;
  },
  evolve: (document, event, key, documents) => {
    const { tenantId } = event.metadata;
    const { record, member, ids } = returnOf(event, before(documents, event));
    if (key.startsWith('/dossier/', tenantId.length)) return record;
    // `<tenant>/timeliness/<dimension>/<id>/<grain>/<period>`: a day (`YYYY-MM-DD`) or a month (`YYYY-MM`)
    // is a row's counters; a quarter (`YYYY-Qn`) or a year (`YYYY`) is marked as having returns.
    const period = key.length - key.lastIndexOf('/') - 1;
    if (period === 10) return countedOnDay(document, member, key.startsWith('/timeliness/province/', tenantId.length), ids[1]);
    if (period === 7 && key.charCodeAt(key.length - 2) !== Q) return counted(document?.kind === 'counts' ? document : EMPTY_COUNTS, member);
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
    return {
      kind: 'dossier',
      basics: open.basics,
      events: [...open.events, event.metadata.globalPosition],
      visits: open.visits,
      apology: { workingDaysBefore: event.data.workingDaysBeforeDue, ruleSet: event.data.ruleSetId },
    };
  },
};

/** The result reached the desk: the return will carry its judgement; the event is remembered for explanations. */
const onReady: EventHandler<TimelinessDocument, EventOf<'ResultReady'>> = {
  touches: (event, documents) => (dossierOf(documents, event)?.kind === 'dossier' ? [dossierKeyOf(event)] : []),
  evolve: (document, event) => {
    const open = openDossier(document);
    return withFacts(open, open.basics, [...open.events, event.metadata.globalPosition], open.visits);
  },
};

export const TIMELINESS = 'timeliness';

/**
 * Version 5: a returned dossier is kept once, as its record in `<tenant>/dossier/<code>`, and the day
 * counters of its rows name it (version 4 kept it in full for each of its four rows).
 */
export const timelinessProjection = defineProjection<TimelinessDocument>({
  name: TIMELINESS,
  version: 5,
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
