import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from '../../fp.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { documentKey } from '../vocabulary/document-key.js';
import { defineProjection, type AnyProjection } from './document-projection.js';
import type { DocumentStore } from './document-store.js';
import { InMemoryDocumentStore } from './in-memory-document-store.js';
import { foldInlineSync } from './inline.js';
import { ProjectionEngine } from './projection-engine.js';
import { describeProjectionEngine } from './projection-engine-laws.testkit.js';
import {
  documentsOf,
  eventOf,
  forward,
  foldedFromZero,
  healthy,
  inMemoryWorld,
  readLog,
  seen,
  seenV2,
  stepArb,
  stepsArb,
  stoppedWhole,
  streamOf,
  watched,
  type Step,
} from './projection-engine.testkit.js';

describeProjectionEngine('in memory', inMemoryWorld);

/** An in-memory event store whose appends fold `projections` inline (`foldInlineSync`), as SQLite does in its transaction. */
const inlineWorld = (projections: () => readonly AnyProjection[]) => {
  const eventStore = new InMemoryEventStore();
  const documentStore = new InMemoryDocumentStore();
  const log: RecordedEvent[] = [];
  const readAfter = (position: number, limit: number) => log.filter((event) => event.metadata.globalPosition > position).slice(0, limit);
  const append = async (steps: readonly Step[]) => {
    for (const step of steps) {
      const result = await eventStore.appendToStream(streamOf(step), [eventOf(step)]);
      if (!isRight(result)) throw new Error('append refused');
      log.push(...result.right.events);
      foldInlineSync(projections(), documentStore.sync, { readAfter });
    }
  };
  return { eventStore, documentStore, append };
};

describe('projection engine and inline folds', () => {
  it('folding inline after each append gives what the engine gives asynchronously', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArb(30), fc.integer({ min: 1, max: 5 }), async (steps, batchSize) => {
        const inline = inlineWorld(() => healthy);
        await inline.append(steps);
        const eventStore = new InMemoryEventStore();
        const documentStore = new InMemoryDocumentStore();
        const engine = new ProjectionEngine({ eventStore, documentStore, projections: healthy, batchSize });
        await engine.start();
        for (const step of steps) await eventStore.appendToStream(streamOf(step), [eventOf(step)]);
        await engine.caughtUp();
        await engine.stop();
        for (const projection of healthy) {
          expect(await documentsOf(inline.documentStore, projection.name)).toEqual(await documentsOf(documentStore, projection.name));
          expect((await inline.documentStore.header(projection.name))?.checkpoint ?? 0).toBe(steps.length);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('with live copies folded by the store, the engine writes only shadows, and the store folds the gap after a promotion', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArb(20), stepsArb(10), fc.array(stepArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 4 }), async (first, during, after, batchSize) => {
        // Given version 1 folded inline by the store
        let projections: readonly AnyProjection[] = [seen()];
        const world = inlineWorld(() => projections);
        await world.append(first);
        // When version 2 ships: the store keeps folding version 1 no more, the engine builds version 2
        projections = [seenV2()];
        const { store, written } = watched(world.documentStore);
        const engine = new ProjectionEngine({ eventStore: world.eventStore, documentStore: store, projections, batchSize, liveFoldedBy: 'store' });
        await engine.start();
        await world.append(during);
        await engine.caughtUp();
        // (an event appended as the shadow is promoted is folded by the store's next append)
        await world.append(after);
        // Then the engine never wrote the live copy, and version 2 holds the fold from zero at the head
        expect(written.every((slot) => slot === 'shadow')).toBe(true);
        const events = await readLog(world.eventStore);
        expect(await documentsOf(world.documentStore, 'seen')).toEqual(foldedFromZero(seenV2(), events));
        expect(await world.documentStore.header('seen')).toEqual({ version: 2, checkpoint: events.length, status: 'running' });
        expect((await engine.report())[0]).toMatchObject({ status: 'running', lag: 0 });
        // And a rebuild on demand goes through the shadow too
        expect(await engine.rebuild('seen')).toMatchObject({ promoted: true });
        expect(written.every((slot) => slot === 'shadow')).toBe(true);
        await engine.stop();
      }),
      { numRuns: 20 },
    );
  });

  it('projections moving together read each page of the log once', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArb(40), fc.integer({ min: 1, max: 6 }), async (steps, batchSize) => {
        // Given a log, and an event store that counts its reads
        const eventStore = new InMemoryEventStore();
        for (const step of steps) await eventStore.appendToStream(streamOf(step), [eventOf(step)]);
        let reads = 0;
        const counting = {
          readAll: (options?: Parameters<InMemoryEventStore['readAll']>[0]) => {
            reads++;
            return eventStore.readAll(options);
          },
          subscribe: (options: Parameters<InMemoryEventStore['subscribe']>[0]) => eventStore.subscribe(options),
          headPosition: () => eventStore.headPosition(),
        };
        // When three projections are built from position 0
        const engine = new ProjectionEngine({ eventStore: counting, documentStore: new InMemoryDocumentStore(), projections: healthy, batchSize });
        await engine.start();
        await engine.caughtUp();
        await engine.stop();
        // Then the log was read once, a page at a time (and once more to find the end)
        expect(reads).toBeLessThanOrEqual(Math.ceil(steps.length / batchSize) + 2);
      }),
      { numRuns: 20 },
    );
  });

  it('retry rebuilds a projection whose province a handler stopped, once fixed, so its skipped events are folded', async () => {
    // Given a handler that throws until it is fixed
    let fixed = false;
    const fragile = defineProjection<{ readonly count: number }>({
      name: 'fragile',
      version: 1,
      handlers: {
        FeedbackClosed: {
          touches: (event) => [documentKey(event.metadata.tenantId, 'closed')],
          evolve: (document) => {
            if (!fixed) throw new Error('not yet');
            return { count: (document?.count ?? 0) + 1 };
          },
        },
      },
    });
    const eventStore = new InMemoryEventStore();
    const documentStore = new InMemoryDocumentStore();
    const steps: Step[] = [
      { province: 'tn', feedback: 'f1', kind: 'answer', day: 1 },
      { province: 'tn', feedback: 'f1', kind: 'close', day: 2 },
      { province: 'tn', feedback: 'f2', kind: 'close', day: 3 },
    ];
    for (const step of steps) await eventStore.appendToStream(streamOf(step), [eventOf(step)]);
    const engine = new ProjectionEngine({ eventStore, documentStore, projections: [fragile] });
    await engine.start();
    await engine.caughtUp();
    const failure = { tenantId: 'tn', globalPosition: 2, streamId: 'feedback-tn:f1', streamVersion: 2, eventType: 'FeedbackClosed', message: 'not yet' };
    expect(await documentStore.header('fragile')).toEqual({ version: 1, checkpoint: 3, status: 'running', provinceFailures: [failure] });
    expect((await engine.report())[0]).toMatchObject({ status: 'running', checkpoint: 3, lag: 0, provinceFailures: [failure] });
    // When it is fixed and retried
    fixed = true;
    await engine.retry('fragile');
    await engine.caughtUp();
    // Then it was rebuilt: the province's events after its failure are folded too
    expect(await documentStore.header('fragile')).toEqual({ version: 1, checkpoint: 3, status: 'running' });
    expect(await documentsOf(documentStore, 'fragile')).toEqual({ 'tn/closed': { count: 2 } });
    expect((await engine.report())[0]).toMatchObject({ status: 'running', lag: 0 });
    await engine.stop();
  });

  it('a build a version before failures per province stopped whole stays failed at the next start, and a rebuild starts it over', async () => {
    // Given a live copy of version 1 and a build of version 2 stopped whole by an earlier version
    const eventStore = new InMemoryEventStore();
    const step: Step = { province: 'tn', feedback: 'f1', kind: 'answer', day: 1 };
    await eventStore.appendToStream(streamOf(step), [eventOf(step)]);
    const failure = { globalPosition: 1, streamId: streamOf(step), streamVersion: 1, eventType: 'FeedbackAnsweredOnTheSpot', message: 'bug' };
    const inner = new InMemoryDocumentStore();
    await inner.commit('seen', { version: 1, checkpoint: 1, documents: new Map([['tn/feedback/f1', { positions: [1] }]]) });
    await inner.commit('seen', { version: 2, checkpoint: 0, documents: new Map() }, 'shadow');
    const documentStore = stoppedWhole(inner, 'seen', 'shadow', failure);
    // When the engine starts
    const engine = new ProjectionEngine({ eventStore, documentStore, projections: [seenV2()] });
    await engine.start();
    await engine.caughtUp();
    // Then version 1 serves, the build is reported failed, and a rebuild (the bug fixed) replaces it
    expect(await documentStore.header('seen')).toMatchObject({ version: 1, checkpoint: 1 });
    expect((await engine.report())[0]).toMatchObject({ status: 'failed', rebuild: { checkpoint: 0, failure } });
    expect(await engine.rebuild('seen')).toEqual({ promoted: true, checkpoint: 1 });
    expect(await documentsOf(documentStore, 'seen')).toEqual({ 'tn/feedback/f1': { count: 1 } });
    await engine.stop();
  });

  it('a rebuild whose shadow the store cannot commit rejects with the store error once the engine tried, and a rebuild after the store recovers promotes', async () => {
    for (const liveFoldedBy of ['engine', 'store'] as const) {
      // Given a live copy at the head, and a store that refuses every commit to a shadow (a read-only file, a full disk)
      const eventStore = new InMemoryEventStore();
      const step: Step = { province: 'tn', feedback: 'f1', kind: 'answer', day: 1 };
      await eventStore.appendToStream(streamOf(step), [eventOf(step)]);
      const inner = new InMemoryDocumentStore();
      await inner.commit('seen', { version: 1, checkpoint: 1, documents: new Map([['tn/feedback/f1', { positions: [1] }]]) });
      const full = new Error('disk full');
      let broken = true;
      const documentStore = {
        ...forward(inner),
        commit: (name, commit, slot) => (broken && slot === 'shadow' ? Promise.reject(full) : inner.commit(name, commit, slot)),
      } satisfies DocumentStore;
      const engine = new ProjectionEngine({ eventStore, documentStore, projections: [seen()], liveFoldedBy });
      await engine.start();
      // When it is rebuilt
      // Then the rebuild rejects with the store's error, and the live copy serves as it was
      await expect(engine.rebuild('seen')).rejects.toBe(full);
      expect(await documentsOf(documentStore, 'seen')).toEqual({ 'tn/feedback/f1': { positions: [1] } });
      expect((await engine.report())[0]).toMatchObject({ status: 'running', lastError: 'disk full' });
      // And once the store takes commits again, a rebuild promotes its shadow
      broken = false;
      expect(await engine.rebuild('seen')).toEqual({ promoted: true, checkpoint: 1 });
      await engine.stop();
    }
  });

  it('a rebuild asked for while a build the store keeps failing is under way rejects with the store error', async () => {
    // Given a projection with no live copy, whose build the store refuses to commit
    const eventStore = new InMemoryEventStore();
    const full = new Error('disk full');
    const inner = new InMemoryDocumentStore();
    const documentStore = { ...forward(inner), commit: () => Promise.reject(full) } satisfies DocumentStore;
    const engine = new ProjectionEngine({ eventStore, documentStore, projections: [seen()], liveFoldedBy: 'store' });
    await engine.start();
    // When it is rebuilt, and caught up
    // Then both reject with the store's error
    await expect(engine.rebuild('seen')).rejects.toBe(full);
    await expect(engine.caughtUp()).rejects.toBe(full);
    await engine.stop();
  });

  it('builds in a shadow a projection with no live copy, then serves it', async () => {
    const eventStore = new InMemoryEventStore();
    const { store, written } = watched(new InMemoryDocumentStore());
    const engine = new ProjectionEngine({ eventStore, documentStore: store, projections: [seen()] });
    await engine.start();
    await engine.caughtUp();
    expect(written).toEqual(['shadow']);
    expect(await store.header('seen')).toEqual({ version: 1, checkpoint: 0, status: 'running' });
    await eventStore.appendToStream(streamOf({ province: 'tn', feedback: 'f1', kind: 'answer', day: 1 }), [eventOf({ province: 'tn', feedback: 'f1', kind: 'answer', day: 1 })]);
    await engine.caughtUp();
    expect(written).toEqual(['shadow', 'live']);
    expect(await documentsOf(store, 'seen')).toEqual({ 'tn/feedback/f1': { positions: [1] } });
    await engine.stop();
    expect((await engine.report())[0]).toMatchObject({ status: 'stopped', checkpoint: 1, lag: 0 });
  });
});
