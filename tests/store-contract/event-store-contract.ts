import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fc from 'fast-check';
import { CorruptEventError, eventHashProblems, isLeft, isRight, type EventStore, type NewEvent } from '@motcua/core';
import { counted } from '../../packages/core/src/kernel/counted-event.testkit.js';
import { describeAppendChecks } from './append-checks-contract.js';
import { describeLogMoves } from './log-moves-contract.js';

/** What a store's test file can do to its storage behind the store's back, when it can. */
export interface StoreContractHooks {
  /** Writes garbage into the stored event at `version` of `streamId` (e.g. JSON that does not parse). */
  readonly corrupt?: (store: EventStore, streamId: string, version: number) => Promise<void> | void;
}

/**
 * The behaviour every `EventStore` adapter must show. An adapter's test file calls this with a
 * factory that returns a fresh, empty store.
 */
export const describeEventStoreContract = (
  name: string,
  createStore: () => Promise<EventStore>,
  hooks: StoreContractHooks = {},
) => {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const event = counted;

    describe('expected version', () => {
      it('no-stream succeeds on a new stream and fails on an existing one', async () => {
        expect(isRight(await store.appendToStream('s-1', [event(1)], { expectedVersion: 'no-stream' }))).toBe(true);
        const second = await store.appendToStream('s-1', [event(2)], { expectedVersion: 'no-stream' });
        expect(isLeft(second) && second.left).toMatchObject({ _tag: 'VersionConflict', streamId: 's-1', actual: 1 });
      });

      it('an exact version must equal the current one', async () => {
        await store.appendToStream('s-1', [event(1), event(2)], { expectedVersion: 'no-stream' });
        const stale = await store.appendToStream('s-1', [event(3)], { expectedVersion: 1 });
        expect(isLeft(stale) && stale.left._tag).toBe('VersionConflict');
        const fresh = await store.appendToStream('s-1', [event(3)], { expectedVersion: 2 });
        expect(isRight(fresh) && fresh.right.nextExpectedVersion).toBe(3);
        const ahead = await store.appendToStream('s-1', [event(4)], { expectedVersion: 9 });
        expect(isLeft(ahead)).toBe(true);
      });

      it('an exact version on a missing stream fails; any always succeeds', async () => {
        expect(isLeft(await store.appendToStream('s-2', [event(1)], { expectedVersion: 1 }))).toBe(true);
        expect(isRight(await store.appendToStream('s-2', [event(1)], { expectedVersion: 'any' }))).toBe(true);
        expect(isRight(await store.appendToStream('s-2', [event(2)]))).toBe(true);
        expect((await store.readStream('s-2')).currentVersion).toBe(2);
      });

      it('a rejected append leaves no trace: the true version still succeeds', async () => {
        await store.appendToStream('s-1', [event(1)], { expectedVersion: 'no-stream' });
        await store.appendToStream('s-1', [event(2), event(3)], { expectedVersion: 5 });
        const read = await store.readStream('s-1');
        expect(read.events.map((e) => e.metadata.streamVersion)).toEqual([1]);
        expect(isRight(await store.appendToStream('s-1', [event(2)], { expectedVersion: 1 }))).toBe(true);
      });
    });

    it('parallel appenders on one stream: exactly one wins each version', async () => {
      await store.appendToStream('race', [event(0)], { expectedVersion: 'no-stream' });
      for (let round = 1; round <= 5; round++) {
        const attempts = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store.appendToStream('race', [event(round * 10 + i)], { expectedVersion: round })),
        );
        expect(attempts.filter(isRight)).toHaveLength(1);
      }
      const read = await store.readStream('race');
      expect(read.events.map((e) => e.metadata.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('stream versions are contiguous and global positions strictly increase, whatever the interleaving', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 })), { maxLength: 25 }), async (plan) => {
          const fresh = await createStore();
          try {
            let n = 0;
            for (const [stream, size] of plan) {
              const batch = Array.from({ length: size }, () => event(++n));
              const result = await fresh.appendToStream(`p-${stream}`, batch);
              expect(isRight(result)).toBe(true);
            }
            let positions: number[] = [];
            let after = 0;
            for (;;) {
              const page = await fresh.readAll({ after, maxCount: 4 });
              positions = positions.concat(page.events.map((e) => e.metadata.globalPosition));
              after = page.nextPosition;
              if (page.isEnd) break;
            }
            expect(positions).toHaveLength(n);
            expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as number))).toBe(true);
            for (let s = 0; s <= 3; s++) {
              const versions = (await fresh.readStream(`p-${s}`)).events.map((e) => e.metadata.streamVersion);
              expect(versions).toEqual(versions.map((_, i) => i + 1));
            }
          } finally {
            await fresh.close();
          }
        }),
        { numRuns: 30 },
      );
    });

    it('a batch is appended whole, in order, with metadata filled in', async () => {
      const result = await store.appendToStream('s-1', [event(1), event(2), event(3)], { expectedVersion: 'no-stream' });
      expect(isRight(result)).toBe(true);
      const read = await store.readStream('s-1');
      expect(read.events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      const first = read.events[0];
      expect(first?.metadata).toMatchObject({
        streamId: 's-1',
        streamVersion: 1,
        tenantId: 'province-01',
        actor: { id: 'officer-1', role: 'receptionist' },
        occurredAt: '2026-03-02T09:00:00+07:00',
      });
      expect(typeof first?.metadata.eventId).toBe('string');
      expect(Number.isNaN(Date.parse(first?.metadata.recordedAt ?? ''))).toBe(false);
    });

    it('reads a stream from a version, with a maximum count', async () => {
      await store.appendToStream('s-1', [1, 2, 3, 4, 5].map((n) => event(n)));
      const read = await store.readStream('s-1', { fromVersion: 2, maxCount: 2 });
      expect(read.events.map((e) => e.metadata.streamVersion)).toEqual([2, 3]);
      expect(read.currentVersion).toBe(5);
      const missing = await store.readStream('nope');
      expect(missing).toMatchObject({ streamExists: false, currentVersion: 0, events: [] });
    });

    it('pages through all events in global order', async () => {
      for (let i = 0; i < 25; i++) await store.appendToStream(`s-${i % 3}`, [event(i)]);
      const seen: number[] = [];
      let after = 0;
      let pages = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 10 });
        pages++;
        seen.push(...page.events.map((e) => (e.data as { n: number }).n));
        after = page.nextPosition;
        if (page.isEnd) break;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
      expect(pages).toBe(3);
    });

    it('a read filtered by types gives the matching events of the unfiltered read, and ends at the head', async () => {
      const TYPES = ['A', 'B', 'C'] as const;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(...TYPES), { maxLength: 30 }),
          fc.subarray([...TYPES]),
          fc.integer({ min: 1, max: 5 }),
          async (types, wanted, maxCount) => {
            const fresh = await createStore();
            try {
              for (const [i, type] of types.entries()) await fresh.appendToStream(`t-${i % 4}`, [{ ...event(i), type }]);
              const expected = types.flatMap((type, i) => (wanted.includes(type) ? [i] : []));
              const seen: number[] = [];
              let after = 0;
              for (;;) {
                const page = await fresh.readAll({ after, maxCount, types: wanted });
                expect(page.events.length).toBeLessThanOrEqual(maxCount);
                expect(page.events.every((e) => wanted.includes(e.type as 'A'))).toBe(true);
                expect(page.nextPosition).toBeGreaterThanOrEqual(page.events.at(-1)?.metadata.globalPosition ?? after);
                seen.push(...page.events.map((e) => (e.data as { n: number }).n));
                if (page.isEnd) {
                  expect(page.nextPosition).toBe(types.length);
                  break;
                }
                expect(page.events).toHaveLength(maxCount);
                after = page.nextPosition;
              }
              expect(seen).toEqual(expected);
              // Nothing appended since: reading on from the end finds nothing and stays there.
              const again = await fresh.readAll({ after: types.length, maxCount, types: wanted });
              expect(again).toEqual({ events: [], nextPosition: types.length, isEnd: true });
            } finally {
              await fresh.close();
            }
          },
        ),
        { numRuns: 25 },
      );
    });

    it('round-trips large payloads and Vietnamese text exactly', async () => {
      const text = 'Bộ phận Một cửa — Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên: “hồ sơ”, ǹ, 𠀧, 🇻🇳';
      const big = 'đ'.repeat(1_000_000);
      await store.appendToStream('vi', [event(1, { text, big, nested: { list: [text, 1.5, null, true] } })]);
      const [read] = (await store.readStream('vi')).events;
      expect(read?.data).toEqual({ n: 1, text, big, nested: { list: [text, 1.5, null, true] } });
    });

    it('a subscription delivers every event from a checkpoint, in order, including later appends', async () => {
      await store.appendToStream('a', [event(1), event(2)]);
      await store.appendToStream('b', [event(3)]);
      const seen: number[] = [];
      const subscription = store.subscribe({ after: 1, handler: (e) => void seen.push((e.data as { n: number }).n) });
      await subscription.caughtUp();
      expect(seen).toEqual([2, 3]);
      await store.appendToStream('a', [event(4)]);
      await subscription.caughtUp();
      expect(seen).toEqual([2, 3, 4]);
      expect(subscription.checkpoint()).toBe(4);
      await subscription.close();
      await store.appendToStream('a', [event(5)]);
      expect(seen).toEqual([2, 3, 4]);
    });

    it('a failing subscriber stops at the event it could not handle', async () => {
      await store.appendToStream('a', [event(1), event(2), event(3)]);
      const failures: number[] = [];
      const subscription = store.subscribe({
        after: 0,
        handler: (e) => {
          if ((e.data as { n: number }).n === 2) throw new Error('boom');
        },
        onError: (_error, e) => void failures.push(e?.metadata.globalPosition ?? -1),
      });
      await expect(subscription.caughtUp()).rejects.toThrow('boom');
      expect(subscription.checkpoint()).toBe(1);
      expect(failures).toEqual([2]);
      await subscription.close();
    });

    it('a corrupt stored row gives an error naming the stream and version', async (context) => {
      const { corrupt } = hooks;
      if (corrupt === undefined) {
        const reason = `${name} gives no way to damage a stored event, so there is nothing to read back`;
        console.info(`skipped: ${reason}`);
        return context.skip(reason);
      }
      // Given a stream whose second event was damaged in storage
      await store.appendToStream('damaged', [event(1), event(2), event(3)], { expectedVersion: 'no-stream' });
      await store.appendToStream('intact', [event(4)], { expectedVersion: 'no-stream' });
      await corrupt(store, 'damaged', 2);
      // When it is read, by stream or through the whole log, Then the error names the stream and version
      const namesTheEvent = async (read: Promise<unknown>) => {
        const error = await read.then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(CorruptEventError);
        expect(error).toMatchObject({ streamId: 'damaged', streamVersion: 2 });
        expect((error as Error).message).toContain('damaged');
      };
      await namesTheEvent(store.readStream('damaged'));
      await namesTheEvent(store.readAll({ after: 0 }));
      // And the events around it are still readable on their own
      expect((await store.readStream('damaged', { maxCount: 1 })).events.map((e) => e.data)).toEqual([{ n: 1 }]);
      expect((await store.readStream('damaged', { fromVersion: 3 })).events.map((e) => e.data)).toEqual([{ n: 3 }]);
      expect((await store.readStream('intact')).events).toHaveLength(1);
    });

    it('chain rows at positions: each asked that the log holds, as read, its hash chained to its neighbours; none past the head', async (context) => {
      const { chainRowsAt } = store;
      if (chainRowsAt === undefined) {
        const reason = `${name} keeps no hash chain`;
        console.info(`skipped: ${reason}`);
        return context.skip(reason);
      }
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 8 }), async (batches, asked) => {
          // Given a log grown by a few appends to two streams
          for (const [i, size] of batches.entries()) {
            await store.appendToStream(`chain-${i % 2}`, Array.from({ length: size }, (_, n) => event(n)));
          }
          const { events } = await store.readAll({ maxCount: 1000 });
          const head = events.length;
          // When rows are asked by position, some past the head
          const rows = await chainRowsAt.call(store, asked);
          // Then each asked within the log is there, as the log reads it, and nothing else
          expect([...rows.keys()].sort((a, b) => a - b)).toEqual([...new Set(asked.filter((p) => p <= head))].sort((a, b) => a - b));
          for (const [position, row] of rows) {
            const recorded = events[position - 1]!;
            expect({ globalPosition: row.globalPosition, streamId: row.streamId, streamVersion: row.streamVersion, type: row.type }).toEqual({ globalPosition: position, streamId: recorded.metadata.streamId, streamVersion: recorded.metadata.streamVersion, type: recorded.type });
          }
          // and every event checks against its stored hash and the one the next names
          const all = await chainRowsAt.call(store, events.map((e) => e.metadata.globalPosition));
          expect(eventHashProblems((p) => all.get(p), all.keys())).toEqual([]);
        }),
        { numRuns: 15 },
      );
    });

    it('records idempotency keys and refuses a key already used', async () => {
      const keyed = (n: number): NewEvent => ({ ...event(n), metadata: { ...event(n).metadata, idempotencyKey: 'k-1', commandHash: 'h-1' } });
      await store.appendToStream('s-1', [keyed(1), keyed(2)]);
      expect(await store.findIdempotencyRecord('k-1')).toEqual({
        idempotencyKey: 'k-1',
        commandHash: 'h-1',
        streamId: 's-1',
        firstVersion: 1,
        lastVersion: 2,
      });
      const again = await store.appendToStream('s-2', [keyed(3)]);
      expect(isLeft(again) && again.left._tag).toBe('IdempotencyKeyReused');
      expect(await store.findIdempotencyRecord('k-2')).toBeUndefined();
    });

    describeAppendChecks(() => store);
    describeLogMoves(() => store);
  });
};
