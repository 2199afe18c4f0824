import { addCalendarDays } from '../../../calendar/index.js';
import type { WorkingDayCalendar } from '../../../calendar/types.js';
import { calendarOfVersion, type ReadModelDeps } from '../../read-model.js';
import { defineProjection, type DocumentReader, type EventHandler, type EventOf } from '../../engine/document-projection.js';
import { documentKey } from '../../vocabulary/document-key.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { lineageHandler, type LineageDocument } from '../../vocabulary/lineage.js';
import { dayOfEvent, monthsOf, periodOf } from '../../vocabulary/period.js';
import { memoByEvent } from '../dossier-support/memo.js';
import { dossierKey, resolutionOf } from '../dossier-support/index.js';

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
  /** The events the board took, by position and type. */
  readonly refs: readonly (readonly [EventPosition, BoardEventType])[];
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
 * `<tenant>/board/<unit>/<day>`: the day's counters, zeros left out (dropped when all are zero); the
 * interval counters are differences.
 */
export interface BoardDay {
  readonly kind: 'day';
  readonly counts: Readonly<Partial<Record<DayCounter, number>>>;
}

/** `<tenant>/board-month/<unit>/<YYYY-MM>`: the month's sums of interval differences, written when an event changes them (a unit's first receipt does). */
export interface BoardMonth {
  readonly kind: 'month';
  readonly sums: Readonly<Record<IntervalCounter, number>>;
}

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

export const boardDayKey = (tenantId: string, unit: string, day: string): string => documentKey(tenantId, 'board', unit, day);
export const boardMonthKey = (tenantId: string, unit: string, month: string): string => documentKey(tenantId, 'board-month', unit, month);
/** A dossier the board may still count on days to come (not closed, or an interval left open). */
export const openIndexKey = (tenantId: string, unit: string, code: string): string => documentKey(tenantId, 'board-open', unit, code);
/** A closed dossier, under each month it may be counted in (from receipt to close, and its due date's). */
export const closedIndexKey = (tenantId: string, unit: string, month: string, code: string): string => documentKey(tenantId, 'board-closed', unit, month, code);

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

/** What `event` does to the dossier and the counters; undefined when the board takes nothing from it. */
const stepOf = (calendarOf: (version: string) => WorkingDayCalendar, before: BoardDossier | undefined, event: BoardEvent): Step | undefined => {
  const ref = [event.metadata.globalPosition, event.type] as const;
  if (event.type === 'DossierReceived') {
    if (before !== undefined) return undefined;
    const { receivingUnitId: unit, dueDate: due, ruleSetId: ruleSet, dossierCode: code, calendarVersion } = event.data;
    const received = dayOfEvent(event);
    return {
      after: { kind: 'dossier', code, unit, received, due, ruleSet, calendarVersion, refs: [ref] },
      deltas: [
        { counter: 'received', day: received, delta: 1 },
        { counter: 'due', day: due, delta: 1 },
        { counter: 'overdue', day: dayAfter(due), delta: 1 },
      ],
    };
  }
  if (before === undefined || before.closed !== undefined) return undefined;
  // A fresh copy, changed in place below (one copy per event).
  const f: Mutable<BoardDossier> = { ...before, refs: [...before.refs, ref] };
  switch (event.type) {
    case 'SupplementRequested': {
      const day = dayOfEvent(event);
      f.supplement = [...(f.supplement ?? []), [day, null]];
      return { after: f, deltas: [{ counter: 'awaitingSupplement', day, delta: 1 }] };
    }
    case 'SupplementReceived': {
      const day = dayOfEvent(event);
      const waiting = spanOpen(f.supplement) ? [{ counter: 'awaitingSupplement', day, delta: -1 } as const] : [];
      const supplement = closeSpans(f.supplement, day);
      // A supplement moves the lawful limit itself (an apology cannot come while one is awaited).
      const { original: _moved, ...rest } = f;
      return {
        after: { ...rest, due: event.data.dueDate, ...(supplement === undefined ? {} : { supplement }) },
        deltas: [...moveDue(f.due, event.data.dueDate), ...moveLimit(limitOf(f), event.data.dueDate), ...waiting],
      };
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
      const { openSteps: _closed, ...rest } = f;
      const agency = closeSpans(f.agency, day);
      return { after: { ...rest, ...(agency === undefined ? {} : { agency }) }, deltas: f.openSteps === 1 ? [{ counter: 'withAgency', day, delta: -1 }] : [] };
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
      const supplement = closeSpans(f.supplement, day);
      const agency = closeSpans(f.agency, day);
      f.closed = day;
      f.withdrawn = true;
      if (supplement !== undefined) f.supplement = supplement;
      if (agency !== undefined) f.agency = agency;
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
    if (dayChanges(deltas, dayOfDelta, i) && !dayChangedBefore(deltas, dayOfDelta, i)) insertInOrder(keys, 0, boardDayKey(tenantId, after.unit, dayOfDelta[i] as string));
  }
  const days = keys.length;
  for (let i = 0; i < n; i++) {
    const month = monthOfDelta[i];
    if (month === undefined) continue;
    if (monthChanges(deltas, monthOfDelta, i) && !monthChangedBefore(deltas, monthOfDelta, i)) insertInOrder(keys, days, boardMonthKey(tenantId, after.unit, month));
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

const NO_INTERVALS: BoardMonth['sums'] = { overdue: 0, awaitingSupplement: 0, withAgency: 0 };

/** Counters without those at 0 (a new object rather than `delete`s: an object with properties deleted is slower to read and copy). */
const withoutZeros = (counts: Partial<Record<DayCounter, number>>): Partial<Record<DayCounter, number>> => {
  const kept: Partial<Record<DayCounter, number>> = {};
  for (const counter in counts) {
    const value = counts[counter as DayCounter];
    if (value !== 0) kept[counter as DayCounter] = value;
  }
  return kept;
};

const handler = (calendarOf: (version: string) => WorkingDayCalendar): EventHandler<UnitBoardDocument, BoardEvent> => {
  const plan = memoByEvent((event: BoardEvent, before: BoardDossier | undefined) => {
    const step = stepOf(calendarOf, before, event);
    return step === undefined ? undefined : planOf(event.metadata.tenantId, before, step);
  });
  // The keys of the last event's dossier, worked out once per event (they depend on the event and the unit only).
  let keysEvent: BoardEvent | undefined;
  let keys: { readonly receipt: string; unit?: string; open?: string } = { receipt: '' };
  /** What the event does, from the dossier as it stands before it: its open document, `CLOSED`, or undefined before its receipt. */
  const planAt = (event: BoardEvent, documents: DocumentReader<UnitBoardDocument>): Plan | undefined => {
    if (keysEvent !== event) {
      keys = { receipt: dossierKey(event.metadata.tenantId, event.data.dossierCode) };
      keysEvent = event;
    }
    const receipt = documents.get(keys.receipt);
    let before: BoardDossier | undefined;
    if (receipt?.kind === 'received') {
      if (keys.unit !== receipt.unit || keys.open === undefined) {
        keys.unit = receipt.unit;
        keys.open = openIndexKey(event.metadata.tenantId, receipt.unit, event.data.dossierCode);
      }
      const open = documents.get(keys.open);
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
        // The key's last part is the day: the differences on that day, in their order.
        const { deltas, dayOfDelta } = planned;
        const counts: Partial<Record<DayCounter, number>> = { ...(document?.kind === 'day' ? document.counts : undefined) };
        let zeros = false;
        for (let i = 0; i < deltas.length; i++) {
          if (!key.endsWith(dayOfDelta[i] as string)) continue;
          const { counter, delta } = deltas[i] as Delta;
          const value = (counts[counter] ?? 0) + delta;
          counts[counter] = value;
          if (value === 0) zeros = true;
        }
        const kept = zeros ? withoutZeros(counts) : counts;
        for (const _counter in kept) return { kind: 'day', counts: kept };
        return undefined;
      }
      if (key.startsWith('/board-month/', at)) {
        // The key's last part is the month: the interval differences falling in it.
        const { deltas, monthOfDelta } = planned;
        const next = { ...(document?.kind === 'month' ? document.sums : NO_INTERVALS) };
        for (let i = 0; i < deltas.length; i++) {
          const month = monthOfDelta[i];
          if (month !== undefined && key.endsWith(month)) next[(deltas[i] as Delta).counter as IntervalCounter] += (deltas[i] as Delta).delta;
        }
        return { kind: 'month', sums: next };
      }
      if (key.startsWith('/board-open/', at)) return isOpen(planned.after) ? planned.after : undefined;
      return planned.after;
    },
  };
};

export const createUnitBoardProjection = (deps: Pick<ReadModelDeps, 'calendar' | 'calendars'>) => {
  const onEvent = handler(calendarOfVersion(deps));
  // Version 5: units merged into a unit are kept (`UnitDissolved`), for the lineage boards (docs/domain/org-chart.md §2).
  return defineProjection<UnitBoardDocument>({
    name: UNIT_BOARD,
    version: 5,
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
