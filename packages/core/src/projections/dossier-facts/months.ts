import { touch } from '../engine/table-changes.js';
import type { Grain } from './periods.js';
import type { DossierFacts, DossierReadModelsState } from './state.js';

/** Notes that a dossier has an event in the month of `date`, once per month. */
export const noteMonth = (state: DossierReadModelsState, code: string, date: string, earlier: readonly (string | undefined)[]): void => {
  const month = date.slice(0, 7);
  if (earlier.some((other) => other !== undefined && other.slice(0, 7) === month)) return;
  (state.months[month] ??= []).push(code);
  touch(state.months, month);
};

/**
 * Notes that a unit received a dossier on `date` (once: a dossier is received once). Kept by month so a
 * live commit rewrites only the current month's list.
 */
export const noteUnit = (state: DossierReadModelsState, unit: string, code: string, date: string): void => {
  const key = `${unit}/${date.slice(0, 7)}`;
  (state.units[key] ??= []).push(code);
  touch(state.units, key);
};

/** Dossiers a unit received, in any month. */
export const dossiersOfUnit = (state: DossierReadModelsState, unit: string): DossierFacts[] =>
  Object.keys(state.months).flatMap((month) => (state.units[`${unit}/${month}`] ?? []).flatMap((code) => state.dossiers[code] ?? []));

const monthsOf = (grain: Grain, period: string): string[] => {
  if (grain === 'day') return [period.slice(0, 7)];
  if (grain === 'month') return [period];
  const year = period.slice(0, 4);
  const first = grain === 'year' ? 1 : (Number(period.slice(6)) - 1) * 3 + 1;
  return Array.from({ length: grain === 'year' ? 12 : 3 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
};

/**
 * Dossiers received, returned, withdrawn or rated in the period: a superset of those any period
 * figure counts (callers filter exactly), found without scanning every dossier.
 */
export const dossiersIn = (state: DossierReadModelsState, grain: Grain, period: string): DossierFacts[] => {
  const seen = new Set<string>();
  const found: DossierFacts[] = [];
  for (const month of monthsOf(grain, period)) {
    for (const code of state.months[month] ?? []) {
      if (seen.has(code)) continue;
      seen.add(code);
      const facts = state.dossiers[code];
      if (facts !== undefined) found.push(facts);
    }
  }
  return found;
};
