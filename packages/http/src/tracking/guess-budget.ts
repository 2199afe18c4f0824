import { failureKey } from './failure-key.js';
import type { FixedWindowLimiter } from './rate-limit.js';

/** A lookup let through: the provinces its PIN or link may be checked against, each already counted once. */
export interface AdmittedLookup {
  readonly provinces: readonly string[];
  /** Takes the counts back: the lookup found its dossier (or a validly signed link that expired), so it was no guess. */
  readonly succeeded: () => void;
}

/**
 * The failed-lookup budget of each province's dossier code (docs/tracking.md, "Provinces apart"). A
 * lookup is counted against every province it may be checked against before it is checked, and given
 * back when it succeeds: no number of lookups in flight at once, with or without a province, lets more
 * than the limit's wrong guesses at one province's code be checked in a window. A province whose
 * budget for the code is spent is not checked at all (its dossier is closed even to the right PIN, so
 * an accepted guess cannot tell an attacker it was right); the lookup is held back (`waitMs`) when
 * every province it may be checked against is spent.
 */
export class GuessBudget {
  constructor(private readonly failures: FixedWindowLimiter) {}

  admit(candidates: readonly string[], code: string): AdmittedLookup | { readonly waitMs: number } {
    const waits = candidates.map((province) => this.failures.blockedFor(failureKey(province, code)));
    const provinces = candidates.filter((_province, index) => waits[index] === 0);
    if (provinces.length === 0) return { waitMs: Math.min(...waits) };
    for (const province of provinces) this.failures.hit(failureKey(province, code));
    return { provinces, succeeded: () => provinces.forEach((province) => this.failures.release(failureKey(province, code))) };
  }
}
