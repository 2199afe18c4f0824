import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from '../fp.js';
import { InMemoryEventStore } from './in-memory-event-store.js';
import { fixedClock } from './ports.js';
import { DEFAULT_LATE_ENTRY_AFTER_MS, DEFAULT_MAX_FUTURE_SKEW_MS, judgeBusinessTime, type BusinessTimePolicy } from './business-time-policy.js';
import { counterHandler } from './counter.testkit.js';

const NOW = '2026-03-04T03:00:00.000Z'; // 10:00 in Vietnam, a Wednesday
// A stand-in calendar: whole days between the two instants, enough to see the count reach the metadata.
const days = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
const policyAt = (now: string): BusinessTimePolicy => ({ clock: fixedClock(now), workingDaysBetween: days });
const context = { actor: { id: 'officer-7', role: 'receptionist' as const }, tenantId: 'province-01' };
const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

const handlerWith = (store: InMemoryEventStore, now = NOW) => counterHandler(store, { businessTime: policyAt(now) });
const incrementAt = (occurredAt: string) => ({ type: 'Increment', data: { counterId: 'a', by: 1, occurredAt } });

describe('business time', () => {
  it('refuses a fact from further ahead than the skew, and nothing is written', async () => {
    const store = new InMemoryEventStore();
    const result = await handlerWith(store)(incrementAt('2099-06-23T09:00:00+07:00'), context);
    expect(isLeft(result) && result.left.code).toBe('OCCURRED_IN_THE_FUTURE');
    expect((await store.readStream('counter-a')).streamExists).toBe(false);
  });

  it('takes a fact within the skew ahead of the clock, unflagged', async () => {
    const store = new InMemoryEventStore();
    const result = await handlerWith(store)(incrementAt(at(DEFAULT_MAX_FUTURE_SKEW_MS)), context);
    expect(isRight(result) && result.right.events[0]?.metadata.lateEntry).toBeUndefined();
  });

  it('refuses a fact dated before the stream\'s previous event', async () => {
    const store = new InMemoryEventStore();
    await handlerWith(store)(incrementAt(at(-3_600_000)), context);
    const result = await handlerWith(store)(incrementAt(at(-7_200_000)), context);
    expect(isLeft(result) && result.left).toMatchObject({ code: 'OCCURRED_BEFORE_PREVIOUS_EVENT', details: { previousOccurredAt: at(-3_600_000) } });
    expect((await store.readStream('counter-a')).currentVersion).toBe(1);
  });

  it('accepts a fact entered days later and stamps it as a late entry', async () => {
    const store = new InMemoryEventStore();
    const result = await handlerWith(store)(incrementAt('2026-02-27T09:00:00+07:00'), context);
    expect(isRight(result) && result.right.events[0]?.metadata.lateEntry).toEqual({ workingDays: 5, minutes: 5 * 24 * 60 + 60 });
    const [stored] = (await store.readStream('counter-a')).events;
    expect(stored?.metadata.lateEntry).toEqual({ workingDays: 5, minutes: 7260 });
  });

  it('law: a fact is refused exactly when it lies beyond the skew, and flagged exactly when it lies beyond the lag', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40 * 86_400_000, max: 86_400_000 }), (offset) => {
        const verdict = judgeBusinessTime(policyAt(NOW), at(offset), undefined);
        if (offset > DEFAULT_MAX_FUTURE_SKEW_MS) return isLeft(verdict) && verdict.left.code === 'OCCURRED_IN_THE_FUTURE';
        if (isLeft(verdict)) return false;
        return (verdict.right !== undefined) === -offset > DEFAULT_LATE_ENTRY_AFTER_MS;
      }),
    );
  });

  it.each([Number('abc'), -1, Infinity])('refuses to build a handler whose policy has a skew of %s, naming it', (maxFutureSkewMs) => {
    expect(() => counterHandler(new InMemoryEventStore(), { businessTime: { ...policyAt(NOW), maxFutureSkewMs } })).toThrow('businessTime.maxFutureSkewMs must be a finite number of milliseconds, 0 or more');
  });
});
