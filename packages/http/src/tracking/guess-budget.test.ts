import { describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import { GuessBudget, type AdmittedLookup } from './guess-budget.js';
import { FixedWindowLimiter } from './rate-limit.js';

const WINDOW_MS = 15 * 60_000;
const CODES = ['000.00.15.H55-260302-0001', '000.00.15.H55-260302-0002'];

/** A lookup of a code naming one province (its index) or none, or the end of a lookup still in flight, or the next window. */
type Step =
  | { readonly kind: 'lookup'; readonly province: number | undefined; readonly code: number; readonly outcome: 'fails' | 'succeeds' | 'in flight' }
  | { readonly kind: 'settle'; readonly which: number; readonly outcome: 'fails' | 'succeeds' }
  | { readonly kind: 'next window' };

const step = (provinces: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('lookup' as const), province: fc.option(fc.nat(provinces - 1), { nil: undefined }), code: fc.nat(CODES.length - 1), outcome: fc.constantFrom('fails' as const, 'succeeds' as const, 'in flight' as const) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('settle' as const), which: fc.nat(), outcome: fc.constantFrom('fails' as const, 'succeeds' as const) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'next window' as const }) },
  );

const scenario = fc
  .record({ provinces: fc.integer({ min: 1, max: 4 }), limit: fc.integer({ min: 1, max: 6 }) })
  .chain(({ provinces, limit }) => fc.record({ provinces: fc.constant(provinces), limit: fc.constant(limit), steps: fc.array(step(provinces), { maxLength: 80 }) }));

describe('GuessBudget: the failed-lookup budget of each province dossier code', () => {
  it.prop([scenario], { numRuns: 300 })(
    'Then for any lookups, naming a province or none, over any number of provinces, in flight at once or not, no province code has more than the limit of guesses checked and not right in a window, and a lookup is held back only when every province it may be checked against is spent',
    ({ provinces, limit, steps }) => {
      let now = Date.UTC(2026, 2, 2);
      const budget = new GuessBudget(new FixedWindowLimiter({ limit, windowMs: WINDOW_MS }, () => now));
      const names = Array.from({ length: provinces }, (_, index) => `province-${index}`);
      // The model: per province and code, the lookups of this window checked against it that were not right (failed or still in flight).
      let guesses = new Map<string, number>();
      const count = (province: string, code: string) => guesses.get(`${province} ${code}`) ?? 0;
      const add = (provinces: readonly string[], code: string, by: number) => provinces.forEach((province) => guesses.set(`${province} ${code}`, count(province, code) + by));
      let inFlight: { readonly admitted: AdmittedLookup; readonly code: string; readonly window: number }[] = [];
      let window = 0;

      for (const next of steps) {
        if (next.kind === 'next window') {
          now += WINDOW_MS;
          window += 1;
          guesses = new Map();
        } else if (next.kind === 'settle') {
          const settled = inFlight[next.which % Math.max(1, inFlight.length)];
          if (settled === undefined) continue;
          inFlight = inFlight.filter((lookup) => lookup !== settled);
          if (next.outcome === 'succeeds') {
            settled.admitted.succeeded();
            if (settled.window === window) add(settled.admitted.provinces, settled.code, -1);
          }
        } else {
          const code = CODES[next.code] as string;
          const candidates = next.province === undefined ? names : [names[next.province] as string];
          const admitted = budget.admit(candidates, code);
          const open = candidates.filter((province) => count(province, code) < limit);
          if ('waitMs' in admitted) {
            expect(open).toEqual([]);
            expect(admitted.waitMs).toBeGreaterThan(0);
            continue;
          }
          expect(admitted.provinces).toEqual(open);
          add(admitted.provinces, code, 1);
          if (next.outcome === 'succeeds') {
            admitted.succeeded();
            add(admitted.provinces, code, -1);
          } else if (next.outcome === 'in flight') inFlight.push({ admitted, code, window });
        }
        for (const province of names) for (const code of CODES) expect(count(province, code)).toBeLessThanOrEqual(limit);
      }
    },
  );
});
