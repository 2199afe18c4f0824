import { touch } from '../engine/table-changes.js';
import { entriesOfId } from './keys.js';
import { daysOf, type Grain } from './periods.js';
import type { DossierFacts, DossierReadModelsState } from './state.js';

/** Notes that a dossier has an event on `date`, once per day (`earlier`: the days already noted). */
export const noteDay = (state: DossierReadModelsState, code: string, date: string, earlier: readonly (string | undefined)[]): void => {
  if (earlier.includes(date)) return;
  (state.days[date] ??= []).push(code);
  touch(state.days, date);
};

/**
 * Notes that a unit received a dossier on `date` (once: a dossier is received once). Kept by day so a
 * live commit rewrites only today's list.
 */
export const noteUnit = (state: DossierReadModelsState, unit: string, code: string, date: string): void => {
  const key = `${unit}/${date}`;
  (state.units[key] ??= []).push(code);
  touch(state.units, key);
};

/** Dossiers a unit received, on any day. */
export const dossiersOfUnit = (state: DossierReadModelsState, unit: string): DossierFacts[] =>
  entriesOfId(state.units, unit, 'day').flatMap(([, codes]) => codes.flatMap((code) => state.dossiers[code] ?? []));

/**
 * Dossiers received, returned, withdrawn or rated in the period: a superset of those any period
 * figure counts (callers filter exactly), found without scanning every dossier.
 */
export const dossiersIn = (state: DossierReadModelsState, grain: Grain, period: string): DossierFacts[] => {
  const seen = new Set<string>();
  const found: DossierFacts[] = [];
  for (const day of daysOf(grain, period)) {
    for (const code of state.days[day] ?? []) {
      if (seen.has(code)) continue;
      seen.add(code);
      const facts = state.dossiers[code];
      if (facts !== undefined) found.push(facts);
    }
  }
  return found;
};
