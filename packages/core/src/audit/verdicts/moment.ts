import { isPositionAsOf } from '../as-of.js';
import type { AsOf } from '../verdict.js';

/**
 * How findings name the moment a verdict is computed as of. A position is named by the last event the
 * verdict took (`Verdict.asOf.globalPosition`), not the one asked: the subject's log is the same at
 * both, and a verdict recomputed from its own events must read the same.
 */
export const asOfLabel = (asOf: AsOf | undefined, instant: string | undefined, lastPosition: number): string => {
  if (asOf !== undefined && !isPositionAsOf(asOf)) return `as of ${asOf.businessTime}`;
  if (asOf !== undefined) return `as of global position ${lastPosition}${instant === undefined ? '' : ` (judged ${instant})`}`;
  return instant === undefined ? 'as recorded' : `as of its last fact (${instant})`;
};
