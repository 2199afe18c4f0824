import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { roundTo } from '../../explain/re-add.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { lineageCounts, type Lineage } from '../../vocabulary/lineage.js';
import { listAll } from '../../vocabulary/listing.js';
import { parsePeriodOf, periodOf } from '../../vocabulary/period.js';
import { DAY_COUNTERS, INTERVAL_COUNTERS, type BoardDay, type DayCounter, type IntervalCounter, type UnitBoardDocument } from './projection.js';

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

const lastPart = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/** What a unit's board holds on a day: its interval levels at the start of the day and the day's own counters. */
export interface BoardCounts {
  readonly level: Readonly<Record<IntervalCounter, number>>;
  readonly today: Readonly<Partial<Record<DayCounter, number>>>;
}

/**
 * The counters of a unit with nothing on its board: what a figure of a unit with no dossier yet
 * answers (zeros), the unit being one its province's log names (docs/read-side.md, "Units and
 * officers the log never names").
 */
export const NO_BOARD_COUNTS: BoardCounts = { level: { overdue: 0, awaitingSupplement: 0, withAgency: 0 }, today: {} };

/** A unit's counters on a Vietnamese day (`YYYY-MM-DD`); undefined for a unit never seen or a day that is not one. */
export const boardCountsOn = async (documents: DocumentQuery<UnitBoardDocument>, tenantId: string, unitId: string, date: string): Promise<BoardCounts | undefined> => {
  if (parsePeriodOf('day', date) === undefined) return undefined;
  const month = periodOf(date, 'month');
  const months = await listAll(documents, documentPrefix(tenantId, 'board-month', keyPart(unitId)));
  if (months.length === 0) return undefined;
  // Interval figures: the differences of every earlier month, then of the month's days up to the day.
  const level: Record<IntervalCounter, number> = { overdue: 0, awaitingSupplement: 0, withAgency: 0 };
  for (const [key, document] of months) {
    if (document.kind !== 'month' || lastPart(key) >= month) continue;
    for (const counter of INTERVAL_COUNTERS) level[counter] += document[counter];
  }
  let today: BoardCounts['today'] = {};
  for (const [key, document] of await listAll(documents, `${documentPrefix(tenantId, 'board', keyPart(unitId))}${month}-`)) {
    const day = lastPart(key);
    if (document.kind !== 'day' || day > date) continue;
    for (const counter of INTERVAL_COUNTERS) level[counter] += document[counter] ?? 0;
    if (day === date) today = countersOf(document);
  }
  return { level, today };
};

/** A day's counters but those at 0, without its kind. */
const countersOf = (document: BoardDay): Partial<Record<DayCounter, number>> => {
  const counters: Partial<Record<DayCounter, number>> = {};
  for (const counter of DAY_COUNTERS) if (document[counter] !== 0) counters[counter] = document[counter];
  return counters;
};

/** Several units' counters on a day, added up (undefined for none). */
export const sumBoardCounts = (all: readonly BoardCounts[]): BoardCounts | undefined => {
  if (all.length <= 1) return all[0];
  const level: Record<IntervalCounter, number> = { overdue: 0, awaitingSupplement: 0, withAgency: 0 };
  const today: Partial<Record<DayCounter, number>> = {};
  for (const counts of all) {
    for (const counter of INTERVAL_COUNTERS) level[counter] += counts.level[counter];
    for (const [counter, n] of Object.entries(counts.today) as [DayCounter, number | undefined][]) today[counter] = (today[counter] ?? 0) + (n ?? 0);
  }
  return { level, today };
};

/** The board of `unitId` on `date` from its counters: the average rounded as the rule set in force that day says. */
export const boardDayOf = (rules: RuleBook, unitId: string, date: string, { level, today }: BoardCounts): UnitBoardDay => {
  const count = (counter: DayCounter) => today[counter] ?? 0;
  const returned = count('returnedEarly') + count('returnedOnTime') + count('returnedLate');
  const mode = rules.inForceAt(date).indexRounding;
  return {
    unitId,
    date,
    received: count('received'),
    dueToday: count('due'),
    ...level,
    returnedEarly: count('returnedEarly'),
    returnedOnTime: count('returnedOnTime'),
    returnedLate: count('returnedLate'),
    averageWorkingDaysToReturn: returned === 0 ? null : roundTo(count('workingDaysToReturn') / returned, 1, mode),
  };
};

/** The board of one unit on one Vietnamese day (`YYYY-MM-DD`); undefined for a unit never seen or a day that is not one. */
export const unitBoardDay = async (
  rules: RuleBook,
  documents: DocumentQuery<UnitBoardDocument>,
  tenantId: string,
  unitId: string,
  date: string,
): Promise<UnitBoardDay | undefined> => {
  const counts = await boardCountsOn(documents, tenantId, unitId, date);
  return counts === undefined ? undefined : boardDayOf(rules, unitId, date, counts);
};

/** A unit's lineage on a day (the units merged into it by that day) and the units of it seen by then. */
export interface BoardLineage {
  readonly lineage: Lineage;
  /** The units of the lineage with a board, the unit first. */
  readonly units: readonly string[];
  readonly counts: BoardCounts;
}

/**
 * The counters of a unit and of the units merged into it by `date`, added up; undefined when none of
 * them has a board (docs/domain/org-chart.md §2).
 */
export const boardLineageOn = async (documents: DocumentQuery<UnitBoardDocument>, tenantId: string, unitId: string, date: string): Promise<BoardLineage | undefined> => {
  if (parsePeriodOf('day', date) === undefined) return undefined;
  const summed = await lineageCounts(documents, tenantId, unitId, date, (unit) => boardCountsOn(documents, tenantId, unit, date), sumBoardCounts);
  return summed === undefined ? undefined : { lineage: summed.lineage, units: summed.byUnit.map(([unit]) => unit), counts: summed.counts };
};

export const unitBoardQueries = (rules: RuleBook) => ({
  /** The board of one unit on one day; the average rounded as the rule set in force that day says. */
  unitBoard: (documents: DocumentQuery<UnitBoardDocument>, tenantId: string, unitId: string, date: string): Promise<UnitBoardDay | undefined> =>
    unitBoardDay(rules, documents, tenantId, unitId, date),
  /** The board of a unit with the units merged into it by that day, their counts added up. */
  unitBoardLineage: async (documents: DocumentQuery<UnitBoardDocument>, tenantId: string, unitId: string, date: string): Promise<UnitBoardDay | undefined> => {
    const found = await boardLineageOn(documents, tenantId, unitId, date);
    return found === undefined ? undefined : boardDayOf(rules, unitId, date, found.counts);
  },
});
export type UnitBoardQueries = ReturnType<typeof unitBoardQueries>;
