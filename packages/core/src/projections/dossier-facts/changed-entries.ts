import type { ProjectionChanges } from '../engine/projection.js';
import type { DossierReadModelsState } from './state.js';

/**
 * Which entries of each table changed since the last commit, kept beside the state (never in it):
 * a store that keeps entries as rows then writes only those, not the whole province-year.
 */
const changed = new WeakMap<object, Set<string>>();
/**
 * Tables of a state built from nothing: its first commit writes every entry anyway, so nothing is
 * tracked until then (a build from position 0 saves the bookkeeping).
 */
const untracked = new WeakSet<object>();

export const untilFirstCommit = <S extends object>(state: S): S => {
  for (const table of Object.values(state) as object[]) untracked.add(table);
  return state;
};

export const touch = (table: object, key: string): void => {
  if (untracked.has(table)) return;
  let keys = changed.get(table);
  if (keys === undefined) {
    keys = new Set<string>();
    changed.set(table, keys);
  }
  keys.add(key);
};

export const dossierReadModelChanges: ProjectionChanges<DossierReadModelsState> = {
  since: (state) =>
    Object.entries(state).flatMap(([name, table]: [string, object]) => [...(changed.get(table) ?? [])].map((key) => [name, key] as const)),
  settle: (state) => {
    for (const table of Object.values(state) as object[]) {
      changed.delete(table);
      untracked.delete(table);
    }
  },
};
