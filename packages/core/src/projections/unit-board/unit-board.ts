import { addCalendarDays } from '../../calendar/index.js';
import { touch } from '../engine/table-changes.js';
import type { Change } from '../dossier-facts/changes.js';
import { entriesOfId } from '../dossier-facts/keys.js';
import { bump, type DayCounts, type DossierFacts, type DossierReadModelsState, type UnitBoardCounts } from '../dossier-facts/state.js';

/**
 * Unit board (bảng theo dõi của bộ phận một cửa): per unit and Vietnamese calendar day, dossiers
 * received, due that day, overdue, waiting for a supplement, with another agency, returned early / on
 * the day / late, and the average working days from receipt to return.
 *
 * Definitions: "due" counts dossiers whose due date in force is that day (withdrawn ones excluded);
 * "overdue" on day D counts dossiers with a due date before D that were still open at the start of D
 * (returned or withdrawn on D or later), a dossier waiting for a supplement included until the
 * supplement moves its due date; "waiting for a supplement" and "with another agency" count
 * dossiers in that state at the start of D. Interval metrics are kept as day differences, so a
 * figure is a sum up to the day and a move of the due date is two updates.
 *
 * Counts are kept per unit and month (`<unitId>/<YYYY-MM>`, each day in the month of that day), so a
 * live commit rewrites the unit's current month, not its whole year.
 */

const newCounts = (): UnitBoardCounts => ({
  received: {},
  due: {},
  overdue: {},
  awaitingSupplement: {},
  withAgency: {},
  returnedEarly: {},
  returnedOnTime: {},
  returnedLate: {},
  workingDaysToReturn: {},
});

const dayAfter = (date: string): string => addCalendarDays(date, 1);

/** Adds `delta` to `metric` of `unit` on `date`, in the board of that date's month. */
const add = (state: DossierReadModelsState, unit: string, metric: keyof UnitBoardCounts, date: string, delta: number): void => {
  const key = `${unit}/${date.slice(0, 7)}`;
  touch(state.board, key);
  bump((state.board[key] ??= newCounts())[metric], date, delta);
};

/** Ends the open overdue interval [due + 1, …) at `closed`, or cancels it when closed in time. */
const closeOverdue = (state: DossierReadModelsState, unit: string, due: string, closed: string): void => {
  const start = dayAfter(due);
  if (closed >= start) add(state, unit, 'overdue', dayAfter(closed), -1);
  else add(state, unit, 'overdue', start, -1);
};

const RETURNED = { early: 'returnedEarly', 'on-time': 'returnedOnTime', late: 'returnedLate' } as const;

/** Call before `facts` takes `change`: it needs the due date and open steps as they were. */
export const applyToUnitBoard = (state: DossierReadModelsState, change: Change, facts: DossierFacts, workingDays: number | undefined): void => {
  if (change.kind === 'received') {
    add(state, change.unit, 'received', change.date, 1);
    add(state, change.unit, 'due', change.due, 1);
    add(state, change.unit, 'overdue', dayAfter(change.due), 1);
    return;
  }
  const { unit, due, received } = facts;
  if (unit === undefined || due === undefined || received === undefined || facts.closed !== undefined) return;
  switch (change.kind) {
    case 'supplement-received':
    case 'apology':
      add(state, unit, 'due', due, -1);
      add(state, unit, 'due', change.due, 1);
      add(state, unit, 'overdue', dayAfter(due), -1);
      add(state, unit, 'overdue', dayAfter(change.due), 1);
      if (change.kind === 'supplement-received') add(state, unit, 'awaitingSupplement', change.date, -1);
      return;
    case 'supplement-requested':
      add(state, unit, 'awaitingSupplement', change.date, 1);
      return;
    case 'forwarded':
      if ((facts.openSteps ?? 0) === 0) add(state, unit, 'withAgency', change.date, 1);
      return;
    case 'agency-returned':
      if (facts.openSteps === 1) add(state, unit, 'withAgency', change.date, -1);
      return;
    case 'returned':
      closeOverdue(state, unit, due, change.date);
      add(state, unit, RETURNED[change.timeliness], change.date, 1);
      add(state, unit, 'workingDaysToReturn', change.date, workingDays ?? 0);
      return;
    case 'withdrawn':
      add(state, unit, 'due', due, -1);
      closeOverdue(state, unit, due, change.date);
      if (facts.supplementSpans?.at(-1)?.[1] === null) add(state, unit, 'awaitingSupplement', change.date, -1);
      if ((facts.openSteps ?? 0) > 0) add(state, unit, 'withAgency', change.date, -1);
      return;
    default:
      return;
  }
};

/** The unit's boards by month (`YYYY-MM`), in no particular order. */
export const boardsOfUnit = (state: DossierReadModelsState, unitId: string): [month: string, board: UnitBoardCounts][] =>
  entriesOfId(state.board, unitId, 'month');

const sumUpTo = (counts: DayCounts, date: string): number => {
  let total = 0;
  for (const day in counts) if (day <= date) total += counts[day] as number;
  return total;
};

export interface UnitBoardDay {
  readonly unitId: string;
  readonly date: string;
  readonly received: number;
  readonly dueToday: number;
  readonly overdue: number;
  readonly awaitingSupplement: number;
  readonly withAgency: number;
  readonly returnedEarly: number;
  readonly returnedOnTime: number;
  readonly returnedLate: number;
  /** `null` when nothing was returned that day. */
  readonly averageWorkingDaysToReturn: number | null;
}

export const UNIT_BOARD_METRICS = [
  'received',
  'dueToday',
  'overdue',
  'awaitingSupplement',
  'withAgency',
  'returnedEarly',
  'returnedOnTime',
  'returnedLate',
  'averageWorkingDaysToReturn',
] as const;
export type UnitBoardMetric = (typeof UNIT_BOARD_METRICS)[number];

/** The board of one unit on one Vietnamese day (`YYYY-MM-DD`); `undefined` for a unit never seen. */
export const unitBoardDay = (
  state: DossierReadModelsState,
  unitId: string,
  date: string,
  round: (value: number) => number,
): UnitBoardDay | undefined => {
  const boards = boardsOfUnit(state, unitId);
  if (boards.length === 0) return undefined;
  const month = date.slice(0, 7);
  const board = boards.find(([m]) => m === month)?.[1] ?? newCounts();
  // Interval metrics: the differences of every month up to the day.
  const upTo = (metric: 'overdue' | 'awaitingSupplement' | 'withAgency') =>
    boards.reduce((total, [m, counts]) => (m <= month ? total + sumUpTo(counts[metric], date) : total), 0);
  const returned = (board.returnedEarly[date] ?? 0) + (board.returnedOnTime[date] ?? 0) + (board.returnedLate[date] ?? 0);
  return {
    unitId,
    date,
    received: board.received[date] ?? 0,
    dueToday: board.due[date] ?? 0,
    overdue: upTo('overdue'),
    awaitingSupplement: upTo('awaitingSupplement'),
    withAgency: upTo('withAgency'),
    returnedEarly: board.returnedEarly[date] ?? 0,
    returnedOnTime: board.returnedOnTime[date] ?? 0,
    returnedLate: board.returnedLate[date] ?? 0,
    averageWorkingDaysToReturn: returned === 0 ? null : round((board.workingDaysToReturn[date] ?? 0) / returned),
  };
};
