import { describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import { FixedWindowLimiter } from './rate-limit.js';

const WINDOW_MS = 60_000;

/** Hits of a few keys, and time passing. */
const steps = (keys: number) =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('hit' as const), key: fc.nat(keys - 1) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: WINDOW_MS }) }) },
    ),
    { maxLength: 200 },
  );

describe('FixedWindowLimiter', () => {
  it.prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }).chain((keys) => fc.tuple(fc.constant(keys), steps(keys)))], { numRuns: 300 })(
    'for any hits over any number of keys, it keeps at most its room, never forgets a spent key before its window ends, and with room for every key lets none past the limit in a window',
    (limit, maxKeys, [keys, script]) => {
      let now = 0;
      const limiter = new FixedWindowLimiter({ limit, windowMs: WINDOW_MS }, () => now, maxKeys);
      // The model: when each spent key's window ends, and each key's admitted hits in its window.
      const spentUntil = new Map<number, number>();
      const windows = new Map<number, { start: number; admitted: number }>();
      for (const step of script) {
        if (step.kind === 'wait') {
          now += step.ms;
          continue;
        }
        const key = `k${step.key}`;
        const spent = spentUntil.get(step.key);
        if (spent !== undefined && now < spent) {
          // A spent key stays closed until its window ends, whatever other keys did.
          expect(limiter.blockedFor(key)).toBe(spent - now);
          expect(limiter.hit(key)).toBe(spent - now);
          continue;
        }
        const wait = limiter.hit(key);
        expect(limiter.size).toBeLessThanOrEqual(maxKeys);
        if (wait === 0) {
          const known = windows.get(step.key);
          const window = known !== undefined && now - known.start < WINDOW_MS ? known : { start: now, admitted: 0 };
          window.admitted += 1;
          windows.set(step.key, window);
          // With room for every key nothing is forgotten: a window admits at most the limit.
          if (keys <= maxKeys) expect(window.admitted).toBeLessThanOrEqual(limit);
        }
        const blocked = limiter.blockedFor(key);
        if (blocked > 0) spentUntil.set(step.key, now + blocked);
      }
    },
  );

  it('a spray of new keys from many clients does not give a code under attack its guesses back', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter({ limit: 10, windowMs: 15 * WINDOW_MS }, () => now, 1_000);
    // Given a code whose ten guesses are spent
    for (let i = 0; i < 10; i++) limiter.hit('target');
    expect(limiter.blockedFor('target')).toBeGreaterThan(0);
    // When ten times the room in distinct codes is tried, some of them up to one short of the limit
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      limiter.hit(`spray-${i}`);
    }
    // Then the code stays closed until its window ends, and memory stays bounded
    expect(limiter.blockedFor('target')).toBe(15 * WINDOW_MS - now);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
    now = 15 * WINDOW_MS;
    expect(limiter.blockedFor('target')).toBe(0);
  });

  it('when every kept window blocks its key, a new key waits for the first window to end', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter({ limit: 1, windowMs: WINDOW_MS }, () => now, 3);
    for (const key of ['a', 'b', 'c']) {
      limiter.hit(key);
      now += 1_000;
    }
    expect(limiter.hit('d')).toBe(WINDOW_MS - 3_000);
    expect(limiter.blockedFor('d')).toBe(WINDOW_MS - 3_000);
    now = WINDOW_MS;
    expect(limiter.hit('d')).toBe(0);
  });

  it('refuses a room that is not a whole number of 1 or more', () => {
    expect(() => new FixedWindowLimiter({ limit: 1, windowMs: WINDOW_MS }, () => 0, 0)).toThrow('maxKeys must be a whole number of 1 or more, got 0');
  });
});
