import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock, isLeft, isRight, type ExpectedVersion } from '@motcua/core';
import { openSqliteEventStore, type BatchAppend } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

/** What a read gives back, without the ids and times each store assigns. */
const logOf = async (store: ReturnType<typeof openSqliteEventStore>) =>
  (await store.readAll({ maxCount: 10_000 })).events.map((e) => [e.metadata.globalPosition, e.metadata.streamId, e.metadata.streamVersion, e.type, e.data]);

const expected = fc.oneof(fc.constant<ExpectedVersion>('any'), fc.constant<ExpectedVersion>('no-stream'), fc.integer({ min: 0, max: 4 }));
const appends = fc.array(
  fc.record({ stream: fc.integer({ min: 0, max: 3 }), count: fc.integer({ min: 0, max: 3 }), expectedVersion: expected }),
  { minLength: 1, maxLength: 12 },
);

describe('appendBatch', () => {
  it('writes what appending one by one writes when every append holds, and nothing when one is refused', async () => {
    await fc.assert(
      fc.asyncProperty(appends, appends, async (before, batch) => {
        const toBatch = (list: typeof batch, offset: number): BatchAppend[] =>
          list.map(({ stream, count, expectedVersion }, i) => ({
            streamId: `dossier-${stream}`,
            events: Array.from({ length: count }, (_, k) => counted(offset + 10 * i + k)),
            expectedVersion,
          }));
        const oneByOne = openSqliteEventStore({ file: tempFile(), synchronous: 'NORMAL', clock: fixedClock('2026-01-05T00:00:00Z') });
        const batched = openSqliteEventStore({ file: tempFile(), synchronous: 'NORMAL', clock: fixedClock('2026-01-05T00:00:00Z') });
        try {
          // The same history in both, written one by one: `before` fills the streams' versions (and caches them).
          for (const store of [oneByOne, batched]) {
            for (const { streamId, events, expectedVersion } of toBatch(before, 0)) await store.appendToStream(streamId, events, { expectedVersion: expectedVersion ?? 'any' });
          }
          const history = await logOf(batched);
          let firstRefused = -1;
          for (const [index, { streamId, events, expectedVersion }] of toBatch(batch, 1000).entries()) {
            const result = await oneByOne.appendToStream(streamId, events, { expectedVersion: expectedVersion ?? 'any' });
            if (isLeft(result) && firstRefused === -1) firstRefused = index;
          }
          const result = await batched.appendBatch(toBatch(batch, 1000));
          if (firstRefused === -1) {
            expect(isRight(result)).toBe(true);
            expect(await logOf(batched)).toEqual(await logOf(oneByOne));
            const written = batch.reduce((sum, { count }) => sum + count, 0);
            expect(result).toEqual({ _tag: 'Right', right: { appends: batch.length, events: written, lastGlobalPosition: history.length + written } });
          } else {
            expect(isLeft(result) && result.left.index).toBe(firstRefused);
            expect(await logOf(batched)).toEqual(history);
          }
          expect(await batched.verify()).toMatchObject({ ok: true });
          // What the batch left (written or rolled back) is what the next appends are checked against.
          for (let stream = 0; stream < 4; stream++) {
            const version = (await batched.readStream(`dossier-${stream}`)).currentVersion;
            const next = await batched.appendToStream(`dossier-${stream}`, [counted(9)], { expectedVersion: version === 0 ? 'no-stream' : version });
            expect(isRight(next)).toBe(true);
          }
          expect(await batched.verify()).toMatchObject({ ok: true });
        } finally {
          await oneByOne.close();
          await batched.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it("checks a stream's version again after another connection appended to it", async () => {
    const file = tempFile();
    const ours = openSqliteEventStore({ file, pollIntervalMs: 0 });
    const theirs = openSqliteEventStore({ file, pollIntervalMs: 0 });
    try {
      expect(isRight(await ours.appendBatch([{ streamId: 's', events: [counted(1)], expectedVersion: 'no-stream' }]))).toBe(true);
      expect(isRight(await theirs.appendToStream('s', [counted(2)], { expectedVersion: 1 }))).toBe(true);
      const stale = await ours.appendBatch([{ streamId: 's', events: [counted(3)], expectedVersion: 1 }]);
      expect(isLeft(stale) && stale.left).toEqual({ index: 0, error: expect.objectContaining({ _tag: 'VersionConflict', actual: 2 }) });
      expect(isRight(await ours.appendBatch([{ streamId: 's', events: [counted(3)], expectedVersion: 2 }]))).toBe(true);
      expect((await theirs.readStream('s')).events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(await ours.verify()).toMatchObject({ ok: true, events: 3 });
    } finally {
      await ours.close();
      await theirs.close();
    }
  });

  it('refuses an event that cannot be stored before anything is written', async () => {
    const store = openSqliteEventStore({ file: tempFile(), pollIntervalMs: 0 });
    try {
      const unstorable = { type: 'Counted', data: undefined, metadata: counted(0).metadata } as unknown as ReturnType<typeof counted>;
      await expect(store.appendBatch([{ streamId: 'a', events: [counted(1)] }, { streamId: 'b', events: [unstorable] }])).rejects.toThrow(/cannot be stored as JSON/);
      expect(await store.headPosition()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
