import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_RETRY, retryDelayMs } from './backoff.js';

const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

test.prop([fc.integer({ min: 1, max: 100 }), random])('the wait after n failures lies between half and all of base · 2^(n−1), capped', (failures, r) => {
  const full = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (failures - 1));
  const delay = retryDelayMs(DEFAULT_RETRY, failures, r);
  expect(delay).toBeGreaterThanOrEqual(Math.floor(full / 2));
  expect(delay).toBeLessThanOrEqual(full);
});

test.prop([fc.integer({ min: 1, max: 30 }), random])('it never shrinks with more failures (the same draw)', (failures, r) => {
  expect(retryDelayMs(DEFAULT_RETRY, failures + 1, r)).toBeGreaterThanOrEqual(retryDelayMs(DEFAULT_RETRY, failures, r));
});

test('the jitter spreads retries: different draws, different waits', () => {
  expect(retryDelayMs(DEFAULT_RETRY, 3, 0)).toBe(20_000);
  expect(retryDelayMs(DEFAULT_RETRY, 3, 0.999)).toBeGreaterThan(39_900);
});
