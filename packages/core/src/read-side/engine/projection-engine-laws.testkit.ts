import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyProjection } from './document-projection.js';
import type { DocumentStore } from './document-store.js';
import { ProjectionEngine, type CommitCadence } from './projection-engine.js';
import {
  append,
  countingBuilds,
  crashingAt,
  daily,
  documentsOf,
  foldedFromZero,
  foldedPerProvince,
  gated,
  healthy,
  interleaveSteps,
  open,
  poisoned,
  poisonedPair,
  readLog,
  seen,
  seenV2,
  stepArb,
  stepsArb,
  unstorable,
  unstorablePair,
  until,
  withoutBuilds,
  type EngineWorld,
  type Step,
} from './projection-engine.testkit.js';

/** Documents kept in memory between commits: none (every page loads what it touches), a few, or all. */
const cachedArb = fc.constantFrom(0, 2, 50_000);

/** Commit every page, every few events, or every few ticks of a clock that moves one tick per reading. */
const cadenceArb: fc.Arbitrary<CommitCadence | undefined> = fc.option(
  fc.oneof(
    fc.record({ maxEvents: fc.integer({ min: 1, max: 7 }), maxMs: fc.constant(Number.POSITIVE_INFINITY) }),
    fc.integer({ min: 1, max: 5 }).map((maxMs): CommitCadence => {
      let tick = 0;
      return { maxEvents: Number.MAX_SAFE_INTEGER, maxMs, now: () => tick++ };
    }),
  ),
  { nil: undefined },
);

/** Each projection's live documents equal the fold from zero of the whole log, at its head. */
const expectFoldedFromZero = async (world: { eventStore: Parameters<typeof readLog>[0]; documentStore: DocumentStore }, projections: readonly AnyProjection[]) => {
  const events = await readLog(world.eventStore);
  for (const projection of projections) {
    expect(await documentsOf(world.documentStore, projection.name), projection.name).toEqual(foldedFromZero(projection, events));
    expect(await world.documentStore.header(projection.name), projection.name).toEqual({ version: projection.version, checkpoint: events.length, status: 'running' });
  }
  return events;
};

/** Splits `steps` at the given cuts, in order. */
const chunks = (steps: readonly Step[], cuts: readonly number[]): Step[][] => {
  const bounds = [...new Set(cuts.map((cut) => Math.min(cut, steps.length)))].sort((a, b) => a - b);
  const parts: Step[][] = [];
  let from = 0;
  for (const bound of [...bounds, steps.length]) {
    parts.push(steps.slice(from, bound));
    from = bound;
  }
  return parts;
};

/** The projection engine's laws, run against each `DocumentStore` (and event store) pair. */
export const describeProjectionEngine = (label: string, newWorld: () => EngineWorld | Promise<EngineWorld>): void => {
  describe(`projection engine: ${label}`, () => {
    it('any batch size, commit cadence and split of the appends give the documents a fold from zero gives, and so does a rebuild', async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb(30), fc.integer({ min: 1, max: 5 }), cadenceArb, fc.array(fc.nat(30), { maxLength: 3 }), cachedArb, async (steps, batchSize, commitCadence, cuts, maxCachedDocuments) => {
          const world = await newWorld();
          try {
            // Given events appended before the engine starts and in rounds while it runs
            const stores = await world.open();
            const [first = [], ...rounds] = chunks(steps, cuts);
            await append(stores.eventStore, first);
            const engine = new ProjectionEngine({ ...stores, projections: healthy, batchSize, maxCachedDocuments, ...(commitCadence === undefined ? {} : { commitCadence }) });
            await engine.start();
            for (const [index, round] of rounds.entries()) {
              await append(stores.eventStore, round);
              if (index % 2 === 0) await engine.caughtUp();
            }
            await engine.caughtUp();
            // Then every projection holds what a fold from zero gives, at the head
            const events = await expectFoldedFromZero(stores, healthy);
            expect((await engine.report()).map((report) => [report.name, report.status, report.lag])).toEqual(healthy.map((p) => [p.name, 'running', 0]));
            // And a rebuild of each gives the same documents
            for (const projection of healthy) expect(await engine.rebuild(projection.name)).toEqual({ promoted: true, checkpoint: events.length });
            await expectFoldedFromZero(stores, healthy);
            await engine.stop();
          } finally {
            await world.close();
          }
        }),
        { numRuns: 30 },
      );
    });

    it('a commit that fails at any point, retried or after a restart, leaves no event skipped or folded twice', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArb, { minLength: 1, maxLength: 25 }),
          fc.integer({ min: 1, max: 4 }),
          cadenceArb,
          fc.integer({ min: 1, max: 12 }),
          fc.nat(25),
          fc.boolean(),
          cachedArb,
          fc.boolean(),
          async (steps, batchSize, commitCadence, crashAt, split, restart, maxCachedDocuments, builds) => {
            const world = await newWorld();
            try {
              // Given a store whose nth commit (or write of a build in bulk) fails (and, for a restart, every later one: the process is gone)
              let stores = await world.open();
              const cut = Math.min(split, steps.length);
              await append(stores.eventStore, steps.slice(0, cut));
              const options = { projections: healthy, batchSize, maxCachedDocuments, ...(commitCadence === undefined ? {} : { commitCadence }) };
              const crashing = crashingAt(stores.documentStore, crashAt, restart, builds);
              const first = new ProjectionEngine({ ...options, eventStore: stores.eventStore, documentStore: crashing });
              await first.start();
              await append(stores.eventStore, steps.slice(cut));
              await first.caughtUp().catch(() => undefined);
              // When the same engine is woken again, or a new one starts over the stores reopened
              if (!restart) await first.caughtUp();
              await first.stop();
              if (restart) {
                await world.close();
                stores = await world.open();
                const second = new ProjectionEngine({ ...options, ...stores });
                await second.start();
                await second.caughtUp();
                await second.stop();
              }
              // Then every projection holds what a fold from zero gives
              await expectFoldedFromZero(stores, healthy);
            } finally {
              await world.close();
            }
          },
        ),
        { numRuns: 30 },
      );
    });

    it('a build in bulk from position 0 gives the documents the incremental fold gave, whatever its cache holds', async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb(30), fc.array(fc.nat(30), { maxLength: 3 }), fc.integer({ min: 1, max: 5 }), cachedArb, async (steps, cuts, batchSize, maxCachedDocuments) => {
          const world = await newWorld();
          try {
            // Given every projection folded event by event as the appends came, committing each page
            const stores = await world.open();
            const incremental = new ProjectionEngine({ eventStore: stores.eventStore, documentStore: withoutBuilds(stores.documentStore), projections: healthy, batchSize: 1 });
            await incremental.start();
            for (const round of chunks(steps, cuts)) {
              await append(stores.eventStore, round);
              await incremental.caughtUp();
            }
            await incremental.stop();
            const folded = new Map<string, Record<string, unknown>>();
            for (const { name } of healthy) folded.set(name, await documentsOf(stores.documentStore, name));
            // When each is rebuilt in bulk (where the store has builds), its cache dropping documents to the scratch area
            const counting = countingBuilds(stores.documentStore);
            const bulk = new ProjectionEngine({ eventStore: stores.eventStore, documentStore: counting.store, projections: healthy, batchSize, maxCachedDocuments });
            await bulk.start();
            for (const { name } of healthy) expect(await bulk.rebuild(name)).toEqual({ promoted: true, checkpoint: steps.length });
            await bulk.stop();
            // Then the documents are those of the incremental fold, and the build was in bulk
            for (const { name } of healthy) expect(await documentsOf(stores.documentStore, name), name).toEqual(folded.get(name));
            expect(counting.started()).toBe(stores.documentStore.startBuild === undefined ? 0 : healthy.length);
          } finally {
            await world.close();
          }
        }),
        { numRuns: 30 },
      );
    });

    it("a handler that throws stops the event's province alone, keeping its documents before the event, which is recorded", async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb(15), stepArb, stepsArb(10), fc.integer({ min: 1, max: 4 }), fc.boolean(), async (before, at, after, batchSize, alone) => {
          const world = await newWorld();
          try {
            // Given a poisoned escalation of one province among other events of both
            const stores = await world.open();
            const poison: Step = { ...at, kind: 'escalate', poison: true };
            await append(stores.eventStore, [...before, poison, ...after]);
            const position = before.length + 1;
            const others = alone ? [] : [seen(), daily];
            const engine = new ProjectionEngine({ ...stores, projections: [...others, poisoned], batchSize });
            // When the engine runs the projection that cannot take it beside others
            await engine.start();
            await engine.caughtUp();
            // Then the province stopped just before the event, named with its error; its other events and the other province's are folded to the head
            const events = await readLog(stores.eventStore);
            const failure = {
              tenantId: at.province,
              globalPosition: position,
              streamId: `feedback-${at.province}:${at.feedback}`,
              streamVersion: [...before, poison].filter((step) => step.province === at.province && step.feedback === at.feedback).length,
              eventType: 'FeedbackEscalated',
              message: `cannot take the escalation of ${at.feedback}`,
            };
            const stopped = { version: 1, checkpoint: events.length, status: 'running', provinceFailures: [failure] };
            expect(await stores.documentStore.header('poisoned')).toEqual(stopped);
            expect(await documentsOf(stores.documentStore, 'poisoned')).toEqual(foldedPerProvince(poisoned, events).documents);
            for (const projection of others) expect(await documentsOf(stores.documentStore, projection.name)).toEqual(foldedFromZero(projection, events));
            const report = await engine.report();
            expect(report.find((r) => r.name === 'poisoned')).toMatchObject({ status: 'running', checkpoint: events.length, lag: 0, provinceFailures: [failure] });
            // And more appends move the other province only; a retry with the same handler rebuilds to the same failure
            await append(stores.eventStore, before.slice(0, 3));
            await engine.caughtUp();
            const more = await readLog(stores.eventStore);
            expect(await documentsOf(stores.documentStore, 'poisoned')).toEqual(foldedPerProvince(poisoned, more).documents);
            await engine.retry('poisoned');
            expect(await stores.documentStore.header('poisoned')).toEqual({ ...stopped, checkpoint: more.length });
            expect(await documentsOf(stores.documentStore, 'poisoned')).toEqual(foldedPerProvince(poisoned, more).documents);
            await engine.stop();
            // And a restart does not retry it
            const again = new ProjectionEngine({ ...stores, projections: [...others, poisoned], batchSize });
            await again.start();
            await again.caughtUp();
            expect(await stores.documentStore.header('poisoned')).toEqual({ ...stopped, checkpoint: more.length });
            await expectFoldedFromZero(stores, others);
            await again.stop();
          } finally {
            await world.close();
          }
        }),
        { numRuns: 20 },
      );
    });

    it.each([
      ['throws on', [poisoned, poisonedPair]],
      ['evolves a document that cannot be stored from', [unstorable, unstorablePair]],
    ])("events of a province a handler %s stop that province alone, the same asynchronously, inline and in a rebuild", async (_, projections) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(stepArb, fc.boolean()).map(([step, poison]): Step => ({ ...step, province: 'tn', ...(poison && step.kind === 'escalate' ? { poison } : {}) })), { maxLength: 20 }),
          fc.array(stepArb.map((step): Step => ({ ...step, province: 'hn' })), { maxLength: 20 }),
          fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
          fc.integer({ min: 1, max: 4 }),
          fc.nat(40),
          async (own, other, picks, batchSize, split) => {
            // Given two provinces' events interleaved, a handler failing on some escalations of tn only
            const interleaved = interleaveSteps(own, other, picks);
            // (an empty log gives no copy to compare: a store folding inline writes none)
            if (interleaved.length === 0) return;
            const cut = Math.min(split, interleaved.length);
            // Then each copy holds each province's documents folded alone up to its first failing event, and that failure
            const expectPerProvince = async (stores: { eventStore: Parameters<typeof readLog>[0]; documentStore: DocumentStore }, how: string) => {
              const events = await readLog(stores.eventStore);
              for (const projection of projections) {
                const expected = foldedPerProvince(projection, events);
                expect(await documentsOf(stores.documentStore, projection.name), `${how}: ${projection.name}`).toEqual(expected.documents);
                const header = await stores.documentStore.header(projection.name);
                expect(header, `${how}: ${projection.name}`).toMatchObject({ version: 1, checkpoint: events.length, status: 'running' });
                expect((header?.provinceFailures ?? []).map(({ tenantId, globalPosition }) => ({ tenantId, globalPosition })), `${how}: ${projection.name}`).toEqual(expected.failures);
              }
              return Promise.all(projections.map(async (projection) => [await stores.documentStore.header(projection.name), await documentsOf(stores.documentStore, projection.name)]));
            };
            const world = await newWorld();
            let asynchronous: unknown;
            try {
              // When the engine folds them as they are appended, and then rebuilds them
              const stores = await world.open();
              await append(stores.eventStore, interleaved.slice(0, cut));
              const engine = new ProjectionEngine({ ...stores, projections, batchSize });
              await engine.start();
              await append(stores.eventStore, interleaved.slice(cut));
              await engine.caughtUp();
              asynchronous = await expectPerProvince(stores, 'asynchronously');
              for (const projection of projections) expect(await engine.rebuild(projection.name)).toMatchObject({ promoted: true, checkpoint: interleaved.length });
              expect(await expectPerProvince(stores, 'rebuilt')).toEqual(asynchronous);
              await engine.stop();
            } finally {
              await world.close();
            }
            // And a store folding them inside each append gives the same, every append accepted
            const inlineWorld = await newWorld();
            try {
              if (inlineWorld.openInline === undefined) return;
              const stores = await inlineWorld.openInline(projections);
              await append(stores.eventStore, interleaved);
              expect(await expectPerProvince(stores, 'inline')).toEqual(asynchronous);
            } finally {
              await inlineWorld.close();
            }
          },
        ),
        { numRuns: 20 },
      );
    });

    it('a new version is built in the shadow while the old copy serves, then replaces it', async () => {
      await fc.assert(
        fc.asyncProperty(stepsArb(20), stepsArb(5), fc.integer({ min: 1, max: 4 }), async (steps, later, batchSize) => {
          const world = await newWorld();
          try {
            // Given version 1 at the head
            const stores = await world.open();
            await append(stores.eventStore, steps);
            const v1 = new ProjectionEngine({ ...stores, projections: [seen()] });
            await v1.start();
            await v1.caughtUp();
            await v1.stop();
            const served = await documentsOf(stores.documentStore, 'seen');
            // When version 2 starts and its shadow commits are held back
            const { store, release, waiting } = gated(stores.documentStore, 'shadow');
            const v2 = new ProjectionEngine({ eventStore: stores.eventStore, documentStore: store, projections: [seenV2()], batchSize });
            const started = v2.start();
            await until(() => waiting() > 0);
            await append(stores.eventStore, later);
            // Then version 1 still serves, reported as rebuilding
            expect(await stores.documentStore.header('seen')).toEqual({ version: 1, checkpoint: steps.length, status: 'running' });
            expect(await documentsOf(stores.documentStore, 'seen')).toEqual(served);
            expect((await v2.report())[0]).toMatchObject({ name: 'seen', status: 'rebuilding', checkpoint: steps.length });
            // And once released, version 2 replaces it at the head
            release();
            await started;
            await v2.caughtUp();
            await expectFoldedFromZero(stores, [seenV2()]);
            expect(await stores.documentStore.header('seen', 'shadow')).toBeUndefined();
            await v2.stop();
          } finally {
            await world.close();
          }
        }),
        { numRuns: 15 },
      );
    });

    it('a rebuild lets the live copy fold appends between its pages, then replaces it', async () => {
      const world = await newWorld();
      try {
        // Given a live projection at the head, and a store that appends when the shadow first commits
        const stores = await world.open();
        const steps: Step[] = Array.from({ length: 12 }, (_, i) => ({ province: 'tn', feedback: i % 2 === 0 ? 'f1' : 'f2', kind: 'answer', day: 1 + (i % 4) }));
        await append(stores.eventStore, steps);
        const log: string[] = [];
        let armed = false;
        const store: DocumentStore = {
          header: (name, slot) => stores.documentStore.header(name, slot),
          getMany: (name, keys, slot) => stores.documentStore.getMany(name, keys, slot),
          list: (name, query, slot) => stores.documentStore.list(name, query, slot),
          drop: (name, slot) => stores.documentStore.drop(name, slot),
          names: () => stores.documentStore.names(),
          commit: async (name, commit, slot = 'live') => {
            await stores.documentStore.commit(name, commit, slot);
            log.push(`${slot}@${commit.checkpoint}`);
            if (slot === 'shadow' && armed) {
              armed = false;
              await append(stores.eventStore, [{ province: 'hn', feedback: 'f3', kind: 'close', day: 2 }]);
            }
          },
          promoteShadow: async (name) => {
            await stores.documentStore.promoteShadow(name);
            log.push('promoted');
          },
        };
        const engine = new ProjectionEngine({ eventStore: stores.eventStore, documentStore: store, projections: [seen()], batchSize: 2 });
        await engine.start();
        await engine.caughtUp();
        // When it is rebuilt while an event is appended
        armed = true;
        expect(await engine.rebuild('seen')).toEqual({ promoted: true, checkpoint: 13 });
        // Then the live copy folded the append before the shadow reached the head
        expect(log.indexOf('live@13')).toBeGreaterThan(-1);
        expect(log.indexOf('live@13')).toBeLessThan(log.indexOf('shadow@13'));
        await engine.caughtUp();
        await expectFoldedFromZero(stores, [seen()]);
        await engine.stop();
      } finally {
        await world.close();
      }
    });

    it('a build interrupted by a crash resumes from its shadow checkpoint at the next start', async () => {
      const world = await newWorld();
      try {
        // Given a live copy of version 1 and a shadow of version 2 left at position 2 by a crash
        const stores = await world.open();
        const steps: Step[] = [1, 2, 3, 4].map((day) => ({ province: 'tn', feedback: 'f1', kind: 'answer', day }));
        await append(stores.eventStore, steps);
        await stores.documentStore.commit('seen', { version: 1, checkpoint: 4, documents: new Map([['tn/feedback/f1', { positions: [1, 2, 3, 4] }]]) });
        // Its count says 100, so that a restart from zero would show
        await stores.documentStore.commit('seen', { version: 2, checkpoint: 2, documents: new Map([['tn/feedback/f1', { count: 100 }]]) }, 'shadow');
        // When the engine starts
        const engine = new ProjectionEngine({ ...stores, projections: [seenV2()] });
        await engine.start();
        await engine.caughtUp();
        // Then the build went on from position 2 and was promoted
        expect(await documentsOf(stores.documentStore, 'seen')).toEqual({ 'tn/feedback/f1': { count: 102 } });
        expect(await stores.documentStore.header('seen')).toEqual({ version: 2, checkpoint: 4, status: 'running' });
        expect(await stores.documentStore.header('seen', 'shadow')).toBeUndefined();
        await engine.stop();
      } finally {
        await world.close();
      }
    });

    it("one province's events change no document of another, however they interleave", async () => {
      const projections = [daily, open, seenV2('count')];
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArb.map((step): Step => ({ ...step, province: 'tn' })), { maxLength: 20 }),
          fc.array(stepArb.map((step): Step => ({ ...step, province: 'hn' })), { maxLength: 20 }),
          fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
          fc.integer({ min: 1, max: 4 }),
          async (own, other, picks, batchSize) => {
            // Given one province's events alone, and interleaved with another's
            const interleaved = interleaveSteps(own, other, picks);
            const documents = async (steps: readonly Step[]) => {
              const world = await newWorld();
              try {
                const stores = await world.open();
                const engine = new ProjectionEngine({ ...stores, projections, batchSize });
                await append(stores.eventStore, steps.slice(0, steps.length >> 1));
                await engine.start();
                await append(stores.eventStore, steps.slice(steps.length >> 1));
                await engine.caughtUp();
                await engine.stop();
                return await Promise.all(projections.map((projection) => documentsOf(stores.documentStore, projection.name, 'live', 'tn/')));
              } finally {
                await world.close();
              }
            };
            // Then the documents of the first province are the same
            expect(await documents(interleaved)).toEqual(await documents(own));
          },
        ),
        { numRuns: 20 },
      );
    });
  });
};
