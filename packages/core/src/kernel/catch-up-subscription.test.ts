import { describe, expect, it, vi } from 'vitest';
import { fc } from '@fast-check/vitest';
import { catchUpSubscription, FIRST_RETRY_MS, type CatchUpSource } from './catch-up-subscription.js';
import type { ReadAllOptions, ReadAllPage } from './event-store.js';
import type { RecordedEvent } from './envelope.js';

const eventAt = (position: number): RecordedEvent =>
  ({
    type: 'Counted',
    data: { n: position },
    metadata: {
      eventId: `e-${position}`,
      occurredAt: '2026-01-05T01:00:00.000Z',
      recordedAt: '2026-01-05T01:00:00.000Z',
      actor: { id: 'u-1', role: 'system' },
      tenantId: 'hcm',
      correlationId: 'c',
      causationId: 'c',
      streamId: 's',
      streamVersion: position,
      globalPosition: position,
    },
  }) as RecordedEvent;

/** A log of `events` events whose reads fail while `failing` says so (each failed read counted), waking its listeners on `append`. */
const flakyLog = (events: number, failing: (read: number) => boolean) => {
  const log = Array.from({ length: events }, (_, i) => eventAt(i + 1));
  const listeners = new Set<() => void>();
  let reads = 0;
  const source: CatchUpSource = {
    readAll: async ({ after = 0, maxCount = 1000 }: ReadAllOptions): Promise<ReadAllPage> => {
      const read = reads++;
      if (failing(read)) throw new Error(`connection lost (read ${read})`);
      const page = log.filter((event) => event.metadata.globalPosition > after).slice(0, maxCount);
      const isEnd = page.length === 0 || page.at(-1) === log.at(-1);
      return { events: page, isEnd, nextPosition: page.at(-1)?.metadata.globalPosition ?? after };
    },
    onAppended: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    append: () => {
      log.push(eventAt(log.length + 1));
      for (const listener of listeners) listener();
    },
    reads: () => reads,
  };
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a catch-up subscription whose reads fail', () => {
  it('reports each failed read without an event, and every event reaches the handler once, in order, when reads work again', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), async (events, failures, pageSize) => {
        // Given a log whose first `failures` reads fail
        const log = flakyLog(events, (read) => read < failures);
        const seen: number[] = [];
        const errors: Array<RecordedEvent | undefined> = [];
        // When a subscription reads it from the start
        const subscription = catchUpSubscription(
          log.source,
          { after: 0, handler: (event) => void seen.push(event.metadata.globalPosition), onError: (_error, event) => void errors.push(event) },
          pageSize,
        );
        // Then each failure is reported, with no event, and the subscription goes on
        await vi.waitFor(() => expect(errors.length).toBe(failures), { timeout: FIRST_RETRY_MS * 2 ** failures + 2000 });
        await subscription.caughtUp();
        expect(errors).toEqual(Array.from({ length: failures }, () => undefined));
        expect(seen).toEqual(Array.from({ length: events }, (_, i) => i + 1));
        expect(subscription.checkpoint()).toBe(events);
        await subscription.close();
      }),
      { numRuns: 6 },
    );
  });

  it('rejects caughtUp with the read error while the log cannot be read, then resolves once it can', async () => {
    let down = true;
    const log = flakyLog(3, () => down);
    const subscription = catchUpSubscription(log.source, { after: 0, handler: () => undefined });
    await expect(subscription.caughtUp()).rejects.toThrow(/connection lost/);
    down = false;
    // An append wakes the subscription at once, without waiting out the pause.
    log.append();
    await subscription.caughtUp();
    expect(subscription.checkpoint()).toBe(4);
    await subscription.close();
  });

  it('stops reading again once closed', async () => {
    const log = flakyLog(1, () => true);
    const subscription = catchUpSubscription(log.source, { after: 0, handler: () => undefined, onError: () => undefined });
    await pause(10);
    await subscription.close();
    const reads = log.reads();
    await pause(FIRST_RETRY_MS * 3);
    expect(log.reads()).toBe(reads);
  });

  it('still stops at the event a handler throws on, naming it', async () => {
    const log = flakyLog(3, () => false);
    const failed: Array<number | undefined> = [];
    const subscription = catchUpSubscription(log.source, {
      after: 0,
      handler: (event) => {
        if (event.metadata.globalPosition === 2) throw new Error('boom');
      },
      onError: (_error, event) => void failed.push(event?.metadata.globalPosition),
    });
    await expect(subscription.caughtUp()).rejects.toThrow('boom');
    log.append();
    await pause(FIRST_RETRY_MS * 2);
    expect(failed).toEqual([2]);
    expect(subscription.checkpoint()).toBe(1);
    await subscription.close();
  });
});
