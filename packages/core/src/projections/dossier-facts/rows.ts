import { touch } from '../engine/table-changes.js';
import { periodOf, type Grain } from './periods.js';

/**
 * Counter rows by `<dimension>/<id>/<grain>/<period>`. Only day rows (where a table keeps them) and
 * month rows are stored; a quarter or a year is the sum of its months at query time, which keeps the
 * writes per event (and the stored state) small.
 */
export type Rows = Record<string, number[]>;

const rowOf = (rows: Rows, key: string, width: number): number[] => {
  let row = rows[key];
  if (row === undefined) {
    row = new Array<number>(width).fill(0);
    rows[key] = row;
  }
  return row;
};

/** Adds flat `[index, delta, index, delta, …]` to the month row of `date` (and its day row when `withDay`). */
export const addToRows = (rows: Rows, dimension: string, id: string, date: string, withDay: boolean, width: number, deltas: readonly number[]): void => {
  const monthKey = `${dimension}/${id}/month/${date.slice(0, 7)}`;
  const month = rowOf(rows, monthKey, width);
  touch(rows, monthKey);
  let day: number[] | undefined;
  if (withDay) {
    const dayKey = `${dimension}/${id}/day/${date}`;
    day = rowOf(rows, dayKey, width);
    touch(rows, dayKey);
  }
  for (let i = 0; i < deltas.length; i += 2) {
    const index = deltas[i] as number;
    const delta = deltas[i + 1] as number;
    month[index] = (month[index] as number) + delta;
    if (day !== undefined) day[index] = (day[index] as number) + delta;
  }
};

const monthsOf = (grain: 'quarter' | 'year', period: string): string[] => {
  const year = period.slice(0, 4);
  const first = grain === 'year' ? 1 : (Number(period.slice(6)) - 1) * 3 + 1;
  const count = grain === 'year' ? 12 : 3;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
};

/** The row of a period; quarters and years summed from months; `undefined` when no row has data. */
export const rowAt = (rows: Rows, dimension: string, id: string, grain: Grain, period: string): readonly number[] | undefined => {
  if (grain === 'day' || grain === 'month') return rows[`${dimension}/${id}/${grain}/${period}`];
  let sum: number[] | undefined;
  for (const month of monthsOf(grain, period)) {
    const row = rows[`${dimension}/${id}/month/${month}`];
    if (row === undefined) continue;
    sum ??= new Array<number>(row.length).fill(0);
    for (let i = 0; i < row.length; i++) sum[i] = (sum[i] as number) + (row[i] as number);
  }
  return sum;
};

/** Every row with data as [dimension, id, grain, period], quarters and years included, for `grains`. */
export const rowScopes = (rows: Rows, grains: readonly Grain[]): [string, string, Grain, string][] => {
  const scopes = new Map<string, [string, string, Grain, string]>();
  for (const key of Object.keys(rows)) {
    const [dimension, id, grain, period] = key.split('/') as [string, string, Grain, string];
    for (const wanted of grains) {
      if (grain === 'day' ? wanted !== 'day' : wanted === 'day') continue;
      const derived = wanted === 'day' ? period : periodOf(`${period}-01`, wanted);
      scopes.set(`${dimension}/${id}/${wanted}/${derived}`, [dimension, id, wanted, derived]);
    }
  }
  return [...scopes.values()];
};
