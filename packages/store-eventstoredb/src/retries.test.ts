import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CorruptEventError } from '@motcua/core';
import type { WireFailure } from './client.js';
import { EventStoreDbStoreError, withRetries } from './retries.js';

const context = { namespace: 'motcua', operation: 'appending to' as const, policy: { retries: 3, backoffMs: 10 } };
const failing = (failures: readonly WireFailure[]) => {
  let calls = 0;
  const call = async () => {
    const failure = failures[calls++];
    if (failure !== undefined) throw Object.assign(new Error(failure), { failure });
    return 'done';
  };
  return { call, calls: () => calls };
};
const classify = (error: unknown): WireFailure => (error as { failure: WireFailure }).failure;

describe('retries as the client intends', () => {
  it('not-leader, unavailable and deadline are tried again, up to the policy, with doubling waits; then a store error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<WireFailure>('not-leader', 'unavailable', 'deadline'), { maxLength: 6 }), async (failures) => {
        const { call, calls } = failing(failures);
        const waits: number[] = [];
        const outcome = await withRetries(call, classify, context, async (ms) => void waits.push(ms)).catch((e: unknown) => e);
        if (failures.length <= 3) {
          expect(outcome).toBe('done');
          expect(calls()).toBe(failures.length + 1);
        } else {
          expect(outcome).toBeInstanceOf(EventStoreDbStoreError);
          expect(outcome).toMatchObject({ namespace: 'motcua', failure: failures[3] });
          expect((outcome as Error).message).toContain('4 tries');
          expect(calls()).toBe(4);
        }
        expect(waits).toEqual([10, 20, 40].slice(0, Math.min(failures.length, 3)));
      }),
    );
  });

  it('any other failure is not tried again', async () => {
    const { call, calls } = failing(['other']);
    const outcome = await withRetries(call, classify, context, async () => undefined).catch((e: unknown) => e);
    expect(outcome).toMatchObject({ name: 'EventStoreDbStoreError', failure: 'other' });
    expect(calls()).toBe(1);
  });

  it('a corrupt event passes through unchanged: the log, not the server, is at fault', async () => {
    const corrupt = new CorruptEventError('s', 2, 3, 'data is not valid JSON');
    await expect(withRetries(() => Promise.reject(corrupt), () => 'unavailable', context, async () => undefined)).rejects.toBe(corrupt);
  });
});
