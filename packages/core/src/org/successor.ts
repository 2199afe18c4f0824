import type { UnitRecord, UnitState } from './state.js';

export type SuccessorResolution =
  /** `unit` owned the work of the code on the date; `chain` lists the codes followed, first to last. */
  | { readonly kind: 'resolved'; readonly unit: UnitRecord; readonly chain: readonly string[] }
  /** A code in the chain has no unit among those given. */
  | { readonly kind: 'unknown-unit'; readonly code: string; readonly chain: readonly string[] }
  /** The date is before the unit asked about existed. */
  | { readonly kind: 'not-yet-established'; readonly unit: UnitRecord; readonly chain: readonly string[] }
  /** Successor links loop: bad data, reported rather than followed for ever. */
  | { readonly kind: 'cycle'; readonly chain: readonly string[] };

/**
 * The unit that owned the work of `code` on `asOf` (dispute 9: who owns this dossier after the
 * merger?). A unit dissolved on day D hands over on D: from D on, its successor answers, and so on
 * down the chain.
 */
export const resolveSuccessor = (units: readonly UnitState[], code: string, asOf: string): SuccessorResolution => {
  const byCode = new Map<string, UnitRecord>();
  for (const unit of units) if (unit.status !== 'not-established') byCode.set(unit.code, unit);
  const chain: string[] = [];
  const seen = new Set<string>();
  let current = code;
  // Each pass visits a new code, so the loop ends within `units.length + 1` passes.
  for (;;) {
    if (seen.has(current)) return { kind: 'cycle', chain: [...chain, current] };
    seen.add(current);
    chain.push(current);
    const unit = byCode.get(current);
    if (unit === undefined) return { kind: 'unknown-unit', code: current, chain };
    if (chain.length === 1 && asOf < unit.establishedOn) return { kind: 'not-yet-established', unit, chain };
    if (unit.dissolvedOn === undefined || unit.successorCode === undefined || asOf < unit.dissolvedOn) {
      return { kind: 'resolved', unit, chain };
    }
    current = unit.successorCode;
  }
};
