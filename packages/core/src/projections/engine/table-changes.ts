import type { ProjectionChanges } from './projection.js';

/**
 * Change tracking for a mutable projection whose state is a record of tables
 * (`Record<table, Record<key, value>>`): which entries of each table changed since the last commit,
 * kept beside the state (never in it), so a store that keeps entries as rows writes only those.
 */
const changed = new WeakMap<object, Set<string>>();
/**
 * Tables of a state built from nothing: its first commit writes every entry anyway, so nothing is
 * tracked until then (a build from position 0 saves the bookkeeping).
 */
const untracked = new WeakSet<object>();

/** Marks the tables of a fresh state: nothing is tracked until its first commit. */
export const untilFirstCommit = <S extends object>(state: S): S => {
  for (const table of Object.values(state) as object[]) untracked.add(table);
  return state;
};

/** Records that `table[key]` changed (or was deleted). */
export const touch = (table: object, key: string): void => {
  if (untracked.has(table)) return;
  let keys = changed.get(table);
  if (keys === undefined) {
    keys = new Set<string>();
    changed.set(table, keys);
  }
  keys.add(key);
};

/** `Projection.changes` for a state whose tables report their changes with `touch`. */
export const tableChanges = <S extends object>(): ProjectionChanges<S> => ({
  since: (state) =>
    Object.entries(state).flatMap(([name, table]: [string, object]) => [...(changed.get(table) ?? [])].map((key) => [name, key] as const)),
  settle: (state) => {
    for (const table of Object.values(state) as object[]) {
      changed.delete(table);
      untracked.delete(table);
    }
  },
});

/** Fills in the tables a stored copy lacks (a store keeping entries as rows has no row for an empty table). */
export const withTables = <S extends object>(state: S, names: readonly string[]): S => {
  const tables = state as Record<string, object | undefined>;
  for (const name of names) tables[name] ??= {};
  return state;
};
