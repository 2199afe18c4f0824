import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../../kernel/envelope.js';
import type { EventStore } from '../../kernel/event-store.js';
import type { Projection, ProjectionSlot } from './projection.js';
import type { ProjectionStore } from './projection-store.js';
import { ProjectionRunner } from './projection-runner.js';

/** The stores of one test, over persistence that outlives `close` (files, or kept objects in memory). */
export interface EngineWorld {
  open(): Promise<{ readonly eventStore: EventStore; readonly projectionStore: ProjectionStore }>;
  close(): Promise<void>;
}

import { counted as event } from '../../kernel/counted-event.testkit.js';

export { event };

type Seen = Record<string, number[]>;

/** Every `n` per stream, in order: an event applied twice or skipped shows. */
export const seen = (name = 'seen', version = 1): Projection<Seen> => ({
  name,
  version,
  initialState: () => ({}),
  handle: (state, e) => {
    const n = (e.data as { n: number }).n;
    return { ...state, [e.metadata.streamId]: [...(state[e.metadata.streamId] ?? []), n] };
  },
});

/** `seen` updating its state in place, for the engine's `mutable` path. */
export const seenInPlace = (name = 'seen-in-place'): Projection<Seen> => ({
  name,
  version: 1,
  mutable: true,
  initialState: () => ({}),
  handle: (state, e) => {
    const n = (e.data as { n: number }).n;
    (state[e.metadata.streamId] ??= []).push(n);
    return state;
  },
});

/** `seen` of some event types only; `declared` also names them in `eventTypes`, so the store skips the rest. */
export const seenOfTypes = (name: string, types: readonly string[], declared: boolean): Projection<Seen> => {
  const inner = seen(name);
  return {
    ...inner,
    ...(declared ? { eventTypes: types } : {}),
    handle: (state, e) => (types.includes(e.type) ? inner.handle(state, e) : state),
  };
};

type SeenTables = { streams: Record<string, number[]> };
const changed = new WeakMap<object, Set<string>>();

/** `seenInPlace` as a table-shaped state reporting its changed entries (`Projection.changes`). */
export const seenKeyed = (name = 'seen-keyed'): Projection<SeenTables> => ({
  name,
  version: 1,
  mutable: true,
  initialState: () => ({ streams: {} }),
  handle: (state, e) => {
    const n = (e.data as { n: number }).n;
    (state.streams[e.metadata.streamId] ??= []).push(n);
    const keys = changed.get(state) ?? new Set<string>();
    changed.set(state, keys.add(e.metadata.streamId));
    return state;
  },
  changes: {
    since: (state) => [...(changed.get(state) ?? [])].map((key) => ['streams', key] as const),
    settle: (state) => changed.delete(state),
  },
});

export const poisoned = (name = 'poisoned'): Projection<number> => ({
  name,
  version: 1,
  initialState: () => 0,
  handle: (total, e) => {
    if ((e.data as { poison?: boolean }).poison === true) throw new Error(`cannot count event ${e.metadata.streamVersion}`);
    return total + (e.data as { n: number }).n;
  },
});

const fold = async <S>(store: EventStore, projection: Projection<S>): Promise<S> => {
  let state = projection.initialState();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    for (const e of page.events as RecordedEvent[]) state = projection.handle(state, e);
    after = page.nextPosition;
    if (page.isEnd || page.events.length === 0) return JSON.parse(JSON.stringify(state)) as S;
  }
};

const append = async (store: EventStore, stream: string, events: readonly NewEvent[]) => {
  const result = await store.appendToStream(stream, events);
  if (result._tag === 'Left') throw new Error('append refused');
};

/**
 * A projection store whose `nth` commit fails before writing anything: a crash at that commit. When
 * `sticky`, every later commit fails too (the process is gone).
 */
const crashingAt = (inner: ProjectionStore, nth: number, sticky = false): ProjectionStore => {
  let commits = 0;
  const crashes = () => {
    commits++;
    return commits === nth || (sticky && commits > nth);
  };
  const commitEntries = inner.commitEntries?.bind(inner);
  return {
    load: (name, slot) => inner.load(name, slot),
    commit: (name, commit, slot) => (crashes() ? Promise.reject(new Error('crash')) : inner.commit(name, commit, slot)),
    ...(commitEntries === undefined
      ? {}
      : { commitEntries: (name, commit, slot) => (crashes() ? Promise.reject(new Error('crash')) : commitEntries(name, commit, slot)) }),
    recordFailure: (name, failure, slot) => inner.recordFailure(name, failure, slot),
    promoteShadow: (name) => inner.promoteShadow(name),
    discardShadow: (name) => inner.discardShadow(name),
    names: () => inner.names(),
  };
};

/** Holds every commit to `slot` until `release` is called. */
const gated = (inner: ProjectionStore, gatedSlot: ProjectionSlot) => {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let waiting = 0;
  const store: ProjectionStore = {
    load: (name, slot) => inner.load(name, slot),
    commit: async (name, commit, slot) => {
      if (slot === gatedSlot) {
        waiting++;
        await gate;
      }
      return inner.commit(name, commit, slot);
    },
    recordFailure: (name, failure, slot) => inner.recordFailure(name, failure, slot),
    promoteShadow: (name) => inner.promoteShadow(name),
    discardShadow: (name) => inner.discardShadow(name),
    names: () => inner.names(),
  };
  return { store, release: () => open(), waiting: () => waiting };
};

const until = async (condition: () => Promise<boolean>): Promise<void> => {
  while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
};

/** The projection engine's specification, run against each `ProjectionStore`. */
export const describeProjectionEngine = (label: string, newWorld: () => EngineWorld): void => {
  describe(`projection engine: ${label}`, () => {
    it('resuming after a crash at any commit gives the state a rebuild from zero gives', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ stream: fc.constantFrom('a', 'b', 'c'), n: fc.integer({ min: 0, max: 99 }) }), {
            minLength: 1,
            maxLength: 40,
          }),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 0, max: 40 }),
          async (appends, batchSize, crashAt, split) => {
            const world = newWorld();
            const projection = seen();
            try {
              // Given events appended in two rounds, and a projection store that crashes at one commit
              let { eventStore, projectionStore } = await world.open();
              const cut = Math.min(split, appends.length);
              for (const { stream, n } of appends.slice(0, cut)) await append(eventStore, stream, [event(n)]);
              const crashing = crashingAt(projectionStore, crashAt, true);
              const first = new ProjectionRunner({ eventStore, projectionStore: crashing, projections: [projection], batchSize });
              await first.start();
              for (const { stream, n } of appends.slice(cut)) await append(eventStore, stream, [event(n)]);
              await first.caughtUp().catch(() => undefined);
              await first.stop();
              await world.close();
              // When the stores reopen and a new runner resumes from the stored checkpoint
              ({ eventStore, projectionStore } = await world.open());
              const second = new ProjectionRunner({ eventStore, projectionStore, projections: [projection], batchSize });
              await second.start();
              await second.caughtUp();
              const resumed = await projectionStore.load(projection.name);
              // Then it equals the fold from zero, and so does a rebuild
              const expected = await fold(eventStore, projection);
              expect(resumed?.state).toEqual(expected);
              expect(resumed?.checkpoint).toBe(appends.length);
              expect(await second.rebuild(projection.name)).toEqual({ promoted: true, checkpoint: appends.length });
              expect((await projectionStore.load(projection.name))?.state).toEqual(expected);
              await second.stop();
            } finally {
              await world.close();
            }
          },
        ),
        { numRuns: 25 },
      );
    });

    it('with a commit cadence and in-place state, a crash at any commit resumes to the fold from zero', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ stream: fc.constantFrom('a', 'b'), n: fc.integer({ min: 0, max: 99 }) }), { minLength: 1, maxLength: 30 }),
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 9 }),
          fc.integer({ min: 1, max: 6 }),
          async (appends, batchSize, maxEvents, crashAt) => {
            const world = newWorld();
            const projection = seenInPlace();
            const keyed = seenKeyed();
            const commitCadence = { maxEvents, maxMs: Number.POSITIVE_INFINITY };
            try {
              // Given events, and a runner folding several pages per commit whose nth commit fails
              const { eventStore, projectionStore } = await world.open();
              for (const { stream, n } of appends) await append(eventStore, stream, [event(n)]);
              const crashing = crashingAt(projectionStore, crashAt);
              const projections = [projection, keyed];
              const runner = new ProjectionRunner({ eventStore, projectionStore: crashing, projections, batchSize, commitCadence });
              await runner.start();
              // When it is woken again after the failed commit, and once more after a restart
              await runner.caughtUp().catch(() => undefined);
              await runner.caughtUp();
              await runner.stop();
              for (const { stream, n } of appends.slice(0, 3)) await append(eventStore, stream, [event(n + 100)]);
              const again = new ProjectionRunner({ eventStore, projectionStore, projections, batchSize, commitCadence });
              await again.start();
              await again.caughtUp();
              await again.stop();
              // Then no event was applied twice or skipped, whole or kept by entries
              const total = appends.length + Math.min(3, appends.length);
              for (const p of projections) {
                const stored = await projectionStore.load(p.name);
                expect(stored?.state, p.name).toEqual(await fold(eventStore, p as Projection<unknown>));
                expect(stored?.checkpoint, p.name).toBe(total);
              }
            } finally {
              await world.close();
            }
          },
        ),
        { numRuns: 20 },
      );
    });

    it('a failing projection stops alone, with the event and error recorded; the others reach the head', async () => {
      const world = newWorld();
      try {
        // Given a poison event at position 3 among five
        const { eventStore, projectionStore } = await world.open();
        await append(eventStore, 'a', [event(1), event(2)]);
        await append(eventStore, 'b', [event(3, { poison: true })]);
        await append(eventStore, 'a', [event(4), event(5)]);
        // When three projections run, one of which cannot take it
        const projections = [seen('one'), poisoned(), seen('two')];
        const runner = new ProjectionRunner({ eventStore, projectionStore, projections, batchSize: 2 });
        await runner.start();
        await runner.caughtUp();
        // Then it stopped just before the event, which is named, and the others are at the head
        const failure = { globalPosition: 3, streamId: 'b', streamVersion: 1, eventType: 'Counted', message: 'cannot count event 1' };
        expect(await projectionStore.load('poisoned')).toEqual({ version: 1, state: 3, checkpoint: 2, status: 'failed', failure });
        expect((await projectionStore.load('one'))?.checkpoint).toBe(5);
        expect((await projectionStore.load('two'))?.checkpoint).toBe(5);
        const report = await runner.report();
        expect(report.find((r) => r.name === 'poisoned')).toMatchObject({ status: 'failed', checkpoint: 2, lag: 3, failure });
        expect(report.find((r) => r.name === 'one')).toMatchObject({ status: 'running', lag: 0 });
        // And more appends move the others, not it; a restart does not retry it
        await append(eventStore, 'a', [event(6)]);
        await runner.caughtUp();
        await runner.stop();
        const again = new ProjectionRunner({ eventStore, projectionStore, projections, batchSize: 2 });
        await again.start();
        await again.caughtUp();
        expect((await projectionStore.load('two'))?.checkpoint).toBe(6);
        expect(await projectionStore.load('poisoned')).toMatchObject({ checkpoint: 2, status: 'failed', failure });
        // And retry with the same handler fails at the same event again
        await again.retry('poisoned');
        expect(await projectionStore.load('poisoned')).toMatchObject({ checkpoint: 2, status: 'failed', failure });
        await again.stop();
      } finally {
        await world.close();
      }
    });

    it('a rebuild fills a shadow while the live copy serves and moves on, then replaces it', async () => {
      const world = newWorld();
      try {
        // Given a live projection at the head
        const { eventStore, projectionStore } = await world.open();
        await append(eventStore, 'a', [event(1), event(2), event(3)]);
        const { store, release, waiting } = gated(projectionStore, 'shadow');
        const runner = new ProjectionRunner({ eventStore, projectionStore: store, projections: [seen()], batchSize: 2 });
        await runner.start();
        await until(async () => (await runner.report())[0]?.lag === 0);
        // When a rebuild starts and its shadow is held back
        const rebuilt = runner.rebuild('seen');
        await until(async () => waiting() > 0);
        await append(eventStore, 'b', [event(4)]);
        // Then the live copy keeps serving and applies new events
        await until(async () => (await projectionStore.load('seen'))?.checkpoint === 4);
        expect((await projectionStore.load('seen'))?.state).toEqual({ a: [1, 2, 3], b: [4] });
        expect(await projectionStore.load('seen', 'shadow')).toBeUndefined();
        expect((await runner.report())[0]?.rebuild).toMatchObject({ checkpoint: 0, lag: 4 });
        // And once released the shadow catches up and replaces the live copy
        release();
        expect(await rebuilt).toEqual({ promoted: true, checkpoint: 4 });
        expect(await projectionStore.load('seen')).toEqual({
          version: 1,
          state: { a: [1, 2, 3], b: [4] },
          checkpoint: 4,
          status: 'running',
        });
        expect(await projectionStore.load('seen', 'shadow')).toBeUndefined();
        await append(eventStore, 'b', [event(5)]);
        await runner.caughtUp();
        expect((await projectionStore.load('seen'))?.state).toEqual({ a: [1, 2, 3], b: [4, 5] });
        await runner.stop();
      } finally {
        await world.close();
      }
    });

    it('a new version keeps the old copy serving until its rebuild is promoted', async () => {
      const world = newWorld();
      try {
        const { eventStore, projectionStore } = await world.open();
        await append(eventStore, 'a', [event(1), event(2)]);
        const v1 = new ProjectionRunner({ eventStore, projectionStore, projections: [seen('model', 1)] });
        await v1.start();
        await v1.caughtUp();
        await v1.stop();
        // When version 2 counts differently
        const v2: Projection<number> = { name: 'model', version: 2, initialState: () => 0, handle: (s) => s + 1 };
        const { store, release, waiting } = gated(projectionStore, 'shadow');
        const runner = new ProjectionRunner({ eventStore, projectionStore: store, projections: [v2] });
        await runner.start();
        await until(async () => waiting() > 0);
        // Then version 1 still serves, reported as rebuilding
        expect(await projectionStore.load('model')).toMatchObject({ version: 1, state: { a: [1, 2] } });
        expect((await runner.report())[0]).toMatchObject({ status: 'rebuilding', lag: 0 });
        release();
        await runner.caughtUp();
        expect(await projectionStore.load('model')).toMatchObject({ version: 2, state: 2, checkpoint: 2 });
        await runner.stop();
      } finally {
        await world.close();
      }
    });

    it('a rebuild interrupted by a crash resumes from its shadow checkpoint at the next start', async () => {
      const world = newWorld();
      try {
        // Given a live copy of version 1 and a shadow of version 2 left half-built by a crash
        const { eventStore, projectionStore } = await world.open();
        await append(eventStore, 'a', [event(1), event(2), event(3)]);
        await projectionStore.commit('model', { version: 1, state: { a: [1, 2, 3] }, checkpoint: 3 });
        // The shadow's state says 100 so that a restart from zero would show
        await projectionStore.commit('model', { version: 2, state: 100, checkpoint: 2 }, 'shadow');
        const v2: Projection<number> = { name: 'model', version: 2, initialState: () => 0, handle: (s) => s + 1 };
        // When the runner starts
        const runner = new ProjectionRunner({ eventStore, projectionStore, projections: [v2] });
        await runner.start();
        await runner.caughtUp();
        // Then the rebuild went on from position 2 and was promoted
        expect(await projectionStore.load('model')).toEqual({ version: 2, state: 101, checkpoint: 3, status: 'running' });
        expect(await projectionStore.load('model', 'shadow')).toBeUndefined();
        await runner.stop();
      } finally {
        await world.close();
      }
    });

    it('projections naming their event types fold as if they saw every event, side by side, and end at the head', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ stream: fc.constantFrom('a', 'b'), type: fc.constantFrom('A', 'B', 'C'), n: fc.nat(99) }), { maxLength: 30 }),
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 0, max: 30 }),
          async (appends, batchSize, split) => {
            const world = newWorld();
            const projections = [seenOfTypes('only-a', ['A'], true), seenOfTypes('b-or-c', ['B', 'C'], true), seenOfTypes('all-b', ['B'], false)];
            try {
              const { eventStore, projectionStore } = await world.open();
              const cut = Math.min(split, appends.length);
              for (const { stream, type, n } of appends.slice(0, cut)) await append(eventStore, stream, [{ ...event(n), type }]);
              const runner = new ProjectionRunner({ eventStore, projectionStore, projections, batchSize });
              await runner.start();
              await runner.caughtUp();
              for (const { stream, type, n } of appends.slice(cut)) await append(eventStore, stream, [{ ...event(n), type }]);
              await runner.caughtUp();
              for (const projection of projections) {
                const stored = await projectionStore.load(projection.name);
                // (An empty log leaves nothing to store.)
                expect(stored?.state ?? {}).toEqual(await fold(eventStore, seenOfTypes(projection.name, projection.eventTypes ?? ['B'], false)));
                expect(stored?.checkpoint ?? 0).toBe(appends.length);
              }
              expect((await runner.report()).map((r) => r.lag)).toEqual([0, 0, 0]);
              await runner.stop();
            } finally {
              await world.close();
            }
          },
        ),
        { numRuns: 25 },
      );
    });

    it('reports lag as head position minus checkpoint', async () => {
      const world = newWorld();
      try {
        const { eventStore, projectionStore } = await world.open();
        await append(eventStore, 'a', [event(1), event(2), event(3)]);
        const runner = new ProjectionRunner({ eventStore, projectionStore, projections: [seen()] });
        expect(await runner.lag('seen')).toBe(3);
        await runner.start();
        await runner.caughtUp();
        expect(await runner.lag('seen')).toBe(0);
        await runner.stop();
        await append(eventStore, 'a', [event(4), event(5)]);
        expect(await runner.report()).toEqual([{ name: 'seen', status: 'stopped', checkpoint: 3, head: 5, lag: 2 }]);
      } finally {
        await world.close();
      }
    });

    it('a commit that fails writes nothing, and the runner resumes without applying an event twice', async () => {
      const world = newWorld();
      try {
        const { eventStore, projectionStore } = await world.open();
        await append(eventStore, 'a', [event(1), event(2), event(3)]);
        const runner = new ProjectionRunner({
          eventStore,
          projectionStore: crashingAt(projectionStore, 2),
          projections: [seen()],
          batchSize: 2,
        });
        await runner.start();
        await until(async () => (await runner.report())[0]?.lastError !== undefined);
        expect(await projectionStore.load('seen')).toMatchObject({ state: { a: [1, 2] }, checkpoint: 2 });
        expect((await runner.report())[0]).toMatchObject({ status: 'running', lag: 1, lastError: 'crash' });
        await runner.caughtUp();
        expect(await projectionStore.load('seen')).toMatchObject({ state: { a: [1, 2, 3] }, checkpoint: 3 });
        await runner.stop();
      } finally {
        await world.close();
      }
    });
  });
};
