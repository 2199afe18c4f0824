import { addCalendarDays } from '../../../calendar/index.js';
import type { WorkingDayCalendar } from '../../../calendar/types.js';
import { calendarOfVersion, type ReadModelDeps } from '../../read-model.js';
import { defineProjection, type DocumentReader, type EventHandler, type EventOf } from '../../engine/document-projection.js';
import { documentKey, documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { lineageHandler, type LineageDocument } from '../../vocabulary/lineage.js';
import { dayOfEvent, monthsOf, periodOf } from '../../vocabulary/period.js';
import { memoByEvent } from '../dossier-support/memo.js';
import { dossierKey, resolutionOf } from '../dossier-support/index.js';
import { rememberedKey } from '../../vocabulary/remembered-key.js';

/**
 * The unit board (docs/domain/dossier-lifecycle.md): per unit and Vietnamese day, dossiers received,
 * due, overdue, waiting for a supplement, with another agency, returned early / on the day / late, and
 * the working days from receipt to return. Interval figures (overdue, waiting, with an agency) are
 * kept as differences by the day an interval starts and ends, so an event changes a few counters and
 * a figure on a day is the sum of the differences up to it.
 */
export const UNIT_BOARD = 'unit-board';

export const BOARD_EVENT_TYPES = [
  'DossierReceived',
  'SupplementRequested',
  'SupplementReceived',
  'ForwardedToAgency',
  'ReturnedFromAgency',
  'ApologyIssued',
  'ResultReady',
  'ResultReturned',
  'DossierWithdrawn',
] as const;
export type BoardEventType = (typeof BOARD_EVENT_TYPES)[number];
type BoardEvent = { readonly [T in BoardEventType]: EventOf<T> }[BoardEventType];

/** Days [from, until): `until` is null while the interval is open. */
export type Span = readonly [from: string, until: string | null];

/**
 * `<tenant>/board-open/<unit>/<code>` while it may still be counted on days to come, and its copies in
 * `board-closed` once closed: what the board counts of a received dossier.
 */
export interface BoardDossier {
  readonly kind: 'dossier';
  readonly code: string;
  readonly unit: string;
  readonly received: string;
  /** Due date in force: after an apology, its new date (what `dueToday` counts). */
  readonly due: string;
  /**
   * The due date before any apology, when an apology moved `due` away from it: lateness (`overdue`,
   * returned late) is judged against it (docs/domain/dossier-lifecycle.md §5).
   */
  readonly original?: string;
  /** The day the result reached the desk: the overdue interval ends there (docs/domain/dossier-lifecycle.md §4). */
  readonly ready?: string;
  readonly ruleSet: string;
  /** The calendar version of the receipt: working days to return are counted with it (docs/domain/rules-in-time.md §4). */
  readonly calendarVersion: string;
  /** Return or withdrawal day; the board takes no event of the dossier after it. */
  readonly closed?: string;
  readonly withdrawn?: true;
  readonly returned?: string;
  /** Against the original due date, judged on the ready day, else the return day. */
  readonly timeliness?: 'early' | 'on-time' | 'late';
  /** Working days from the receipt day (exclusive) to the return day (inclusive). */
  readonly workingDays?: number;
  readonly supplement?: readonly Span[];
  readonly agency?: readonly Span[];
  readonly openSteps?: number;
  /** The events the board took: the position of each, then its type (`[p1, t1, p2, t2, …]`, one list rather than a pair per event). */
  readonly refs: readonly (EventPosition | BoardEventType)[];
}

export const DAY_COUNTERS = [
  'received',
  'due',
  'overdue',
  'awaitingSupplement',
  'withAgency',
  'returnedEarly',
  'returnedOnTime',
  'returnedLate',
  'workingDaysToReturn',
] as const;
export type DayCounter = (typeof DAY_COUNTERS)[number];
export const INTERVAL_COUNTERS = ['overdue', 'awaitingSupplement', 'withAgency'] as const;
export type IntervalCounter = (typeof INTERVAL_COUNTERS)[number];

/**
 * `<tenant>/board/<unit>/<day>`: every counter of the day beside its kind, in the order of
 * `DAY_COUNTERS` (dropped when all are zero); the interval counters are differences.
 */
export type BoardDay = { readonly kind: 'day' } & Readonly<Record<DayCounter, number>>;

/** `<tenant>/board-month/<unit>/<YYYY-MM>`: the month's sums of interval differences, written when an event changes them (a unit's first receipt does). */
export type BoardMonth = { readonly kind: 'month' } & Readonly<Record<IntervalCounter, number>>;

/**
 * `<tenant>/dossier/<code>`: the unit of a received dossier, written once at its receipt, so an event of
 * the dossier finds its `board-open` document (absent once the dossier is closed and counted nowhere more).
 */
export interface BoardReceipt {
  readonly kind: 'received';
  readonly unit: string;
}

/** With `<tenant>/lineage/<successor>/merged` (`vocabulary/lineage.ts`): the units merged into a unit, for the lineage boards. */
export type UnitBoardDocument = BoardDossier | BoardDay | BoardMonth | BoardReceipt | LineageDocument;

// A unit id is one key part (`keyPart`): a unit whose code holds `/` keeps documents of its own.
export const boardDayKey = (tenantId: string, unit: string, day: string): string => documentKey(tenantId, 'board', keyPart(unit), day);
export const boardMonthKey = (tenantId: string, unit: string, month: string): string => documentKey(tenantId, 'board-month', keyPart(unit), month);
/** A dossier the board may still count on days to come (not closed, or an interval left open). */
export const openIndexKey = (tenantId: string, unit: string, code: string): string => documentKey(tenantId, 'board-open', keyPart(unit), code);
/** A closed dossier, under each month it may be counted in (from receipt to close, and its due date's). */
export const closedIndexKey = (tenantId: string, unit: string, month: string, code: string): string => documentKey(tenantId, 'board-closed', keyPart(unit), month, code);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Delta {
  readonly counter: DayCounter;
  readonly day: string;
  readonly delta: number;
}

const dayAfter = (day: string): string => addCalendarDays(day, 1);
const closeSpans = (spans: readonly Span[] | undefined, day: string): readonly Span[] | undefined =>
  spans?.map((span, i) => (i === spans.length - 1 && span[1] === null ? [span[0], day] : span));
const spanOpen = (spans: readonly Span[] | undefined): boolean => spans?.at(-1)?.[1] === null;

/** Whether the dossier stays in the open index. */
export const isOpen = (dossier: BoardDossier): boolean => dossier.closed === undefined || spanOpen(dossier.supplement) || spanOpen(dossier.agency);

/** A dossier received, closed and no longer in the open index: the board takes nothing more from it. */
const CLOSED: BoardDossier = { kind: 'dossier', code: '', unit: '', received: '', due: '', ruleSet: '', calendarVersion: '', closed: '', refs: [] };

/** The months a closed dossier may be counted in. */
export const closedMonths = (dossier: BoardDossier): string[] => {
  const months = new Set(dossier.closed === undefined ? [] : monthsOf({ key: dossier.code, grain: 'month', start: dossier.received, end: dossier.closed }));
  if (dossier.withdrawn !== true) months.add(periodOf(dossier.due, 'month'));
  return [...months].sort();
};

/** The overdue interval [due + 1, …) ends at the close, or is cancelled when closed in time. */
const closeOverdue = (due: string, closed: string): Delta => {
  const start = dayAfter(due);
  return closed >= start ? { counter: 'overdue', day: dayAfter(closed), delta: -1 } : { counter: 'overdue', day: start, delta: -1 };
};

const moveDue = (due: string, next: string): Delta[] => [
  { counter: 'due', day: due, delta: -1 },
  { counter: 'due', day: next, delta: 1 },
];
const moveLimit = (limit: string, next: string): Delta[] => [
  { counter: 'overdue', day: dayAfter(limit), delta: -1 },
  { counter: 'overdue', day: dayAfter(next), delta: 1 },
];

/** The date lateness is judged against: the due date before any apology. */
export const limitOf = (dossier: BoardDossier): string => dossier.original ?? dossier.due;

const RETURNED = { early: 'returnedEarly', 'on-time': 'returnedOnTime', late: 'returnedLate' } as const;

interface Step {
  readonly after: BoardDossier;
  readonly deltas: readonly Delta[];
}

/**
 * A copy of a dossier's document noting the event at `position` of `type`, to change in place. Every
 * field is written, in one order (an absent one as undefined, which JSON leaves out): every dossier's
 * documents share one shape, which is much cheaper to copy and read than objects of many shapes (a
 * spread copies each document's own).
 */
const copyOf = (d: BoardDossier, position: EventPosition, type: BoardEventType): Mutable<BoardDossier> => ({
  kind: 'dossier',
  code: d.code,
  unit: d.unit,
  received: d.received,
  due: d.due,
  original: d.original,
  ready: d.ready,
  ruleSet: d.ruleSet,
  calendarVersion: d.calendarVersion,
  closed: d.closed,
  withdrawn: d.withdrawn,
  returned: d.returned,
  timeliness: d.timeliness,
  workingDays: d.workingDays,
  supplement: d.supplement,
  agency: d.agency,
  openSteps: d.openSteps,
  refs: [...d.refs, position, type],
});

const NO_REFS: BoardDossier['refs'] = [];

/** What `event` does to the dossier and the counters; undefined when the board takes nothing from it. */
const stepOf = (calendarOf: (version: string) => WorkingDayCalendar, before: BoardDossier | undefined, event: BoardEvent): Step | undefined => {
  if (event.type === 'DossierReceived') {
    if (before !== undefined) return undefined;
    const { receivingUnitId: unit, dueDate: due, ruleSetId: ruleSet, dossierCode: code, calendarVersion } = event.data;
    const received = dayOfEvent(event);
    return {
      after: copyOf({ kind: 'dossier', code, unit, received, due, ruleSet, calendarVersion, refs: NO_REFS }, event.metadata.globalPosition, event.type),
      deltas: [
        { counter: 'received', day: received, delta: 1 },
        { counter: 'due', day: due, delta: 1 },
        { counter: 'overdue', day: dayAfter(due), delta: 1 },
      ],
    };
  }
  if (before === undefined || before.closed !== undefined) return undefined;
  // A fresh copy, changed in place below (one copy per event).
  const f = copyOf(before, event.metadata.globalPosition, event.type);
  switch (event.type) {
    case 'SupplementRequested': {
      const day = dayOfEvent(event);
      f.supplement = [...(f.supplement ?? []), [day, null]];
      return { after: f, deltas: [{ counter: 'awaitingSupplement', day, delta: 1 }] };
    }
    case 'SupplementReceived': {
      const day = dayOfEvent(event);
      const waiting = spanOpen(f.supplement) ? [{ counter: 'awaitingSupplement', day, delta: -1 } as const] : [];
      const deltas = [...moveDue(f.due, event.data.dueDate), ...moveLimit(limitOf(f), event.data.dueDate), ...waiting];
      f.supplement = closeSpans(f.supplement, day);
      // A supplement moves the lawful limit itself (an apology cannot come while one is awaited).
      f.original = undefined;
      f.due = event.data.dueDate;
      return { after: f, deltas };
    }
    case 'ApologyIssued': {
      // The promised date moves; the limit lateness is judged against does not.
      const deltas = moveDue(f.due, event.data.newDueDate);
      f.original = limitOf(f);
      f.due = event.data.newDueDate;
      return { after: f, deltas };
    }
    case 'ResultReady': {
      const day = event.data.readyDate;
      f.ready = day;
      return { after: f, deltas: [closeOverdue(limitOf(f), day)] };
    }
    case 'ForwardedToAgency': {
      const day = dayOfEvent(event);
      const steps = f.openSteps ?? 0;
      f.openSteps = steps + 1;
      if (steps === 0) f.agency = [...(f.agency ?? []), [day, null] as const];
      return { after: f, deltas: steps === 0 ? [{ counter: 'withAgency', day, delta: 1 }] : [] };
    }
    case 'ReturnedFromAgency': {
      const day = dayOfEvent(event);
      const steps = Math.max(0, (f.openSteps ?? 0) - 1);
      if (steps > 0) {
        f.openSteps = steps;
        return { after: f, deltas: [] };
      }
      const deltas: Delta[] = f.openSteps === 1 ? [{ counter: 'withAgency', day, delta: -1 }] : [];
      f.openSteps = undefined;
      f.agency = closeSpans(f.agency, day);
      return { after: f, deltas };
    }
    case 'ResultReturned': {
      const day = event.data.returnDate;
      // Counted with the calendar the dossier was received under, not with data published since.
      const workingDays = calendarOf(f.calendarVersion).workingDaysBetween(f.received, day);
      const { timeliness } = resolutionOf(event);
      const after = f;
      after.closed = day;
      after.returned = day;
      after.timeliness = timeliness;
      after.workingDays = workingDays;
      return {
        after,
        deltas: [
          // Closed already when the result reached the desk.
          ...(f.ready === undefined ? [closeOverdue(limitOf(f), day)] : []),
          { counter: RETURNED[timeliness], day, delta: 1 },
          { counter: 'workingDaysToReturn', day, delta: workingDays },
        ],
      };
    }
    case 'DossierWithdrawn': {
      const day = dayOfEvent(event);
      const deltas: Delta[] = [{ counter: 'due', day: f.due, delta: -1 }, closeOverdue(limitOf(f), day)];
      if (spanOpen(f.supplement)) deltas.push({ counter: 'awaitingSupplement', day, delta: -1 });
      if ((f.openSteps ?? 0) > 0) deltas.push({ counter: 'withAgency', day, delta: -1 });
      f.supplement = closeSpans(f.supplement, day);
      f.agency = closeSpans(f.agency, day);
      f.closed = day;
      f.withdrawn = true;
      return { after: f, deltas };
    }
  }
};

const INTERVAL: ReadonlySet<DayCounter> = new Set(INTERVAL_COUNTERS);

/** What an event does to the board, worked out once for `touches` and every `evolve` of the event. */
interface Plan extends Step {
  /** The documents it changes: days, months, closed copies, the open document, the receipt. */
  readonly keys: readonly string[];
  /** The day of each of `deltas`, and the month of each interval difference (undefined for the others). */
  readonly dayOfDelta: readonly string[];
  readonly monthOfDelta: readonly (string | undefined)[];
}

/** Puts `key` among `keys[from…]`, which are in order, at its place. */
const insertInOrder = (keys: string[], from: number, key: string): void => {
  let i = keys.push(key) - 1;
  for (; i > from && (keys[i - 1] as string) > key; i--) keys[i] = keys[i - 1] as string;
  keys[i] = key;
};

// A unit's days' prefix and months' keys, remembered (`rememberedKey`). A dossier's own keys, and a day's
// under its unit's prefix, are built anew: remembering them would cost a look-up in a large table.
const dayPrefixOf = rememberedKey((tenantId: string, kind: 'board', unit: string) => documentPrefix(tenantId, kind, keyPart(unit)));
const monthKeyOf = rememberedKey(boardMonthKey);

const planOf = (tenantId: string, before: BoardDossier | undefined, { after, deltas }: Step): Plan => {
  // Only the days and months whose counters change: opposite differences on one day (or, for the
  // interval sums, in one month) leave its document as it was. Keys of days, then of months, each in
  // order (their keys differ only in the day or month).
  const n = deltas.length;
  const dayOfDelta = new Array<string>(n);
  const monthOfDelta = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const { counter, day } = deltas[i] as Delta;
    dayOfDelta[i] = day;
    monthOfDelta[i] = INTERVAL.has(counter) ? periodOf(day, 'month') : undefined;
  }
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    if (dayChanges(deltas, dayOfDelta, i) && !dayChangedBefore(deltas, dayOfDelta, i)) insertInOrder(keys, 0, `${dayPrefixOf(tenantId, 'board', after.unit)}${dayOfDelta[i] as string}`);
  }
  const days = keys.length;
  for (let i = 0; i < n; i++) {
    const month = monthOfDelta[i];
    if (month === undefined) continue;
    if (monthChanges(deltas, monthOfDelta, i) && !monthChangedBefore(deltas, monthOfDelta, i)) insertInOrder(keys, days, monthKeyOf(tenantId, after.unit, month));
  }
  if (after.closed !== undefined && before?.closed === undefined) for (const month of closedMonths(after)) keys.push(closedIndexKey(tenantId, after.unit, month, after.code));
  // Last: every key above is evolved from the dossier as it stood before the event (its open document and receipt).
  if (isOpen(after) || (before !== undefined && isOpen(before))) keys.push(openIndexKey(tenantId, after.unit, after.code));
  if (before === undefined) keys.push(dossierKey(tenantId, after.code));
  return { after, deltas, keys, dayOfDelta, monthOfDelta };
};

/** Whether the counter of `deltas[i]` changes on its day (its differences there do not cancel out). */
const dayChanges = (deltas: readonly Delta[], dayOfDelta: readonly string[], i: number): boolean => {
  const { counter } = deltas[i] as Delta;
  let net = 0;
  for (let j = 0; j < deltas.length; j++) if (dayOfDelta[j] === dayOfDelta[i] && (deltas[j] as Delta).counter === counter) net += (deltas[j] as Delta).delta;
  return net !== 0;
};
/** Whether a difference before `deltas[i]`, on its day, changes its counter there. */
const dayChangedBefore = (deltas: readonly Delta[], dayOfDelta: readonly string[], i: number): boolean => {
  for (let j = 0; j < i; j++) if (dayOfDelta[j] === dayOfDelta[i] && dayChanges(deltas, dayOfDelta, j)) return true;
  return false;
};
/** Whether the interval sum of the counter of `deltas[i]` changes in its month. */
const monthChanges = (deltas: readonly Delta[], monthOfDelta: readonly (string | undefined)[], i: number): boolean => {
  const { counter } = deltas[i] as Delta;
  let net = 0;
  for (let j = 0; j < deltas.length; j++) if (monthOfDelta[j] === monthOfDelta[i] && (deltas[j] as Delta).counter === counter) net += (deltas[j] as Delta).delta;
  return net !== 0;
};
/** Whether a difference before `deltas[i]`, in its month, changes its counter's sum there. */
const monthChangedBefore = (deltas: readonly Delta[], monthOfDelta: readonly (string | undefined)[], i: number): boolean => {
  for (let j = 0; j < i; j++) if (monthOfDelta[j] === monthOfDelta[i] && monthChanges(deltas, monthOfDelta, j)) return true;
  return false;
};

const NO_INTERVALS: BoardMonth = { kind: 'month', overdue: 0, awaitingSupplement: 0, withAgency: 0 };

const NO_COUNTS: BoardDay = { kind: 'day', received: 0, due: 0, overdue: 0, awaitingSupplement: 0, withAgency: 0, returnedEarly: 0, returnedOnTime: 0, returnedLate: 0, workingDaysToReturn: 0 };

/** A copy of a day's counters, every one written in one order: the days' documents share one shape. */
const copyOfDay = (d: BoardDay): Mutable<BoardDay> => ({
  kind: 'day',
  received: d.received,
  due: d.due,
  overdue: d.overdue,
  awaitingSupplement: d.awaitingSupplement,
  withAgency: d.withAgency,
  returnedEarly: d.returnedEarly,
  returnedOnTime: d.returnedOnTime,
  returnedLate: d.returnedLate,
  workingDaysToReturn: d.workingDaysToReturn,
});

/** Adds `delta` to a counter of a fresh day (by name, each a property of its own: no look-up by a computed name). */
const addToDay = (day: Mutable<BoardDay>, counter: DayCounter, delta: number): void => {
  switch (counter) {
    case 'received':
      day.received += delta;
      return;
    case 'due':
      day.due += delta;
      return;
    case 'overdue':
      day.overdue += delta;
      return;
    case 'awaitingSupplement':
      day.awaitingSupplement += delta;
      return;
    case 'withAgency':
      day.withAgency += delta;
      return;
    case 'returnedEarly':
      day.returnedEarly += delta;
      return;
    case 'returnedOnTime':
      day.returnedOnTime += delta;
      return;
    case 'returnedLate':
      day.returnedLate += delta;
      return;
    case 'workingDaysToReturn':
      day.workingDaysToReturn += delta;
      return;
  }
};

const allZero = (d: BoardDay): boolean =>
  d.received === 0 &&
  d.due === 0 &&
  d.overdue === 0 &&
  d.awaitingSupplement === 0 &&
  d.withAgency === 0 &&
  d.returnedEarly === 0 &&
  d.returnedOnTime === 0 &&
  d.returnedLate === 0 &&
  d.workingDaysToReturn === 0;

const handler = (calendarOf: (version: string) => WorkingDayCalendar): EventHandler<UnitBoardDocument, BoardEvent> => {
  const plan = memoByEvent((event: BoardEvent, before: BoardDossier | undefined) => {
    const step = stepOf(calendarOf, before, event);
    return step === undefined ? undefined : planOf(event.metadata.tenantId, before, step);
  });
  /** What the event does, from the dossier as it stands before it: its open document, `CLOSED`, or undefined before its receipt. */
  const planAt = (event: BoardEvent, documents: DocumentReader<UnitBoardDocument>): Plan | undefined => {
    const { tenantId } = event.metadata;
    const code = event.data.dossierCode;
    const receipt = documents.get(dossierKey(tenantId, code));
    let before: BoardDossier | undefined;
    if (receipt?.kind === 'received') {
      const open = documents.get(openIndexKey(tenantId, receipt.unit, code));
      before = open?.kind === 'dossier' ? open : CLOSED;
    }
    return plan(event, before);
  };
  // The plan made for an event's `touches`, reused by the evolves of its keys that follow (an evolve
  // without it plans again from the documents as they stand: the dossier's own come last).
  let plannedEvent: BoardEvent | undefined;
  let plannedForIt: Plan | undefined;
  return {
    touches: (event, documents) => {
      const planned = planAt(event, documents);
      plannedEvent = event;
      plannedForIt = planned;
      return planned?.keys ?? [];
    },
    evolve: (document, event, key, documents) => {
      // Keys are this projection's own: `<tenant>/<kind>/<unit>/<day, month or code>…`.
      const at = event.metadata.tenantId.length;
      if (key.startsWith('/dossier/', at)) return document ?? (event.type === 'DossierReceived' ? { kind: 'received', unit: event.data.receivingUnitId } : undefined);
      const planned = plannedEvent === event ? plannedForIt : planAt(event, documents);
      if (planned === undefined) return document;
      if (key.startsWith('/board/', at)) {
        // The key's last part is the day: the differences on that day, added to the day's counters.
        const { deltas, dayOfDelta } = planned;
        const next = copyOfDay(document?.kind === 'day' ? document : NO_COUNTS);
        for (let i = 0; i < deltas.length; i++) {
          if (!key.endsWith(dayOfDelta[i] as string)) continue;
          const { counter, delta } = deltas[i] as Delta;
          addToDay(next, counter, delta);
        }
        return allZero(next) ? undefined : next;
      }
      if (key.startsWith('/board-month/', at)) {
        // The key's last part is the month: the interval differences falling in it.
        const { deltas, monthOfDelta } = planned;
        const sums = document?.kind === 'month' ? document : NO_INTERVALS;
        const next: Mutable<BoardMonth> = { kind: 'month', overdue: sums.overdue, awaitingSupplement: sums.awaitingSupplement, withAgency: sums.withAgency };
        for (let i = 0; i < deltas.length; i++) {
          const month = monthOfDelta[i];
          if (month !== undefined && key.endsWith(month)) next[(deltas[i] as Delta).counter as IntervalCounter] += (deltas[i] as Delta).delta;
        }
        return next;
      }
      if (key.startsWith('/board-open/', at)) return isOpen(planned.after) ? planned.after : undefined;
      return planned.after;
    },
  };
};

export const createUnitBoardProjection = (deps: Pick<ReadModelDeps, 'calendar' | 'calendars'>) => {
  const onEvent = handler(calendarOfVersion(deps));
  // Version 5: units merged into a unit are kept (`UnitDissolved`), for the lineage boards (docs/domain/org-chart.md §2).
  // Version 6: a day's and a month's counters sit beside the document's kind, and a dossier's events are one list of positions and types.
  // Version 7: a unit id is one key part (`keyPart`), so a unit code holding `/` or `%` keeps documents of its own.
  return defineProjection<UnitBoardDocument>({
    name: UNIT_BOARD,
    version: 7,
    handlers: {
      DossierReceived: onEvent,
      SupplementRequested: onEvent,
      SupplementReceived: onEvent,
      ForwardedToAgency: onEvent,
      ReturnedFromAgency: onEvent,
      ApologyIssued: onEvent,
      ResultReady: onEvent,
      ResultReturned: onEvent,
      DossierWithdrawn: onEvent,
      UnitDissolved: lineageHandler<UnitBoardDocument>(),
    },
  });
};
