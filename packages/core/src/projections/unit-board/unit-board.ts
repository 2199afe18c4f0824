import { addCalendarDays } from '../../calendar/index.js';
import { touch } from '../engine/table-changes.js';
import type { Change } from '../dossier-facts/changes.js';
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

const BOARD_CHANGES: ReadonlySet<Change['kind']> = new Set([
  'supplement-received',
  'apology',
  'supplement-requested',
  'forwarded',
  'agency-returned',
  'returned',
  'withdrawn',
] as const);

/** Ends the open overdue interval [due + 1, …) at `closed`, or cancels it when closed in time. */
const closeOverdue = (board: UnitBoardCounts, due: string, closed: string): void => {
  const start = dayAfter(due);
  if (closed >= start) bump(board.overdue, dayAfter(closed), -1);
  else bump(board.overdue, start, -1);
};

/** Call before `facts` takes `change`: it needs the due date and open steps as they were. */
export const applyToUnitBoard = (state: DossierReadModelsState, change: Change, facts: DossierFacts, workingDays: number | undefined): void => {
  if (change.kind === 'received') {
    const board = (state.board[change.unit] ??= newCounts());
    touch(state.board, change.unit);
    bump(board.received, change.date, 1);
    bump(board.due, change.due, 1);
    bump(board.overdue, dayAfter(change.due), 1);
    return;
  }
  const { unit, due, received } = facts;
  if (unit === undefined || due === undefined || received === undefined || facts.closed !== undefined) return;
  const board = (state.board[unit] ??= newCounts());
  if (BOARD_CHANGES.has(change.kind)) touch(state.board, unit);
  switch (change.kind) {
    case 'supplement-received':
    case 'apology':
      bump(board.due, due, -1);
      bump(board.due, change.due, 1);
      bump(board.overdue, dayAfter(due), -1);
      bump(board.overdue, dayAfter(change.due), 1);
      if (change.kind === 'supplement-received') bump(board.awaitingSupplement, change.date, -1);
      return;
    case 'supplement-requested':
      bump(board.awaitingSupplement, change.date, 1);
      return;
    case 'forwarded':
      if ((facts.openSteps ?? 0) === 0) bump(board.withAgency, change.date, 1);
      return;
    case 'agency-returned':
      if (facts.openSteps === 1) bump(board.withAgency, change.date, -1);
      return;
    case 'returned': {
      closeOverdue(board, due, change.date);
      const column = change.timeliness === 'early' ? board.returnedEarly : change.timeliness === 'on-time' ? board.returnedOnTime : board.returnedLate;
      bump(column, change.date, 1);
      bump(board.workingDaysToReturn, change.date, workingDays ?? 0);
      return;
    }
    case 'withdrawn':
      bump(board.due, due, -1);
      closeOverdue(board, due, change.date);
      if (facts.supplementSpans?.at(-1)?.[1] === null) bump(board.awaitingSupplement, change.date, -1);
      if ((facts.openSteps ?? 0) > 0) bump(board.withAgency, change.date, -1);
      return;
    default:
      return;
  }
};

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
  const board = state.board[unitId];
  if (board === undefined) return undefined;
  const returned = (board.returnedEarly[date] ?? 0) + (board.returnedOnTime[date] ?? 0) + (board.returnedLate[date] ?? 0);
  return {
    unitId,
    date,
    received: board.received[date] ?? 0,
    dueToday: board.due[date] ?? 0,
    overdue: sumUpTo(board.overdue, date),
    awaitingSupplement: sumUpTo(board.awaitingSupplement, date),
    withAgency: sumUpTo(board.withAgency, date),
    returnedEarly: board.returnedEarly[date] ?? 0,
    returnedOnTime: board.returnedOnTime[date] ?? 0,
    returnedLate: board.returnedLate[date] ?? 0,
    averageWorkingDaysToReturn: returned === 0 ? null : round((board.workingDaysToReturn[date] ?? 0) / returned),
  };
};
