import { isPositionAsOf } from '../as-of.js';
import type { AsOf } from '../verdict.js';

/** How findings name the moment a verdict is computed as of. */
export const asOfLabel = (asOf: AsOf | undefined, instant: string | undefined): string => {
  if (asOf !== undefined && !isPositionAsOf(asOf)) return `as of ${asOf.businessTime}`;
  if (asOf !== undefined) return `as of global position ${asOf.globalPosition}${instant === undefined ? '' : ` (judged ${instant})`}`;
  return instant === undefined ? 'as recorded' : `as of its last fact (${instant})`;
};
