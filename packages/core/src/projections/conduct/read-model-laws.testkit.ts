import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { InMemoryProjectionStore, ProjectionRunner, jsonCopy, type Projection } from '../engine/index.js';
import { reAddProblems, type ExplainableReadModel, type Explanation } from '../../read-side/explain/index.js';
import { inProvince, mergeLogs, OTHER_PROVINCE } from '../by-province.testkit.js';
import { asNew, byStream, foldAll, interleave } from './event-log.testkit.js';

/** A read model's figures without positions, which differ between interleavings of the same streams. */
const figures = <S>(readModel: ExplainableReadModel<S>, state: S) =>
  Object.fromEntries(
    readModel.keys(state).map((key) => {
      const e = readModel.explain(state, key) as Explanation;
      const events = e.contributions.map((ref) => `${ref.streamId}#${ref.streamVersion}`).sort();
      return [key, { value: e.value, label: e.label, events, rules: [...e.ruleSetVersions].sort() }];
    }),
  );

const nonEmptyTables = (state: unknown) =>
  Object.fromEntries(Object.entries(state as Record<string, object>).filter(([, rows]) => Object.keys(rows).length > 0));

/**
 * The laws every read model here obeys, over a log made by the real deciders: rebuilding equals
 * building in any chunks (in memory and through the runner), interleavings of unrelated streams do not
 * change a figure, two provinces in one log each get the figures they get alone, and every figure re-adds.
 */
export const readModelLaws = <S>(
  projection: Projection<S>,
  readModel: ExplainableReadModel<S>,
  log: () => readonly RecordedEvent[],
): void => {
  it('folds to the same state in any chunking as in one go (state kept as JSON between chunks)', () => {
    const events = log();
    const whole = jsonCopy(foldAll(projection, events));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: events.length }), { maxLength: 8 }), (cuts) => {
        let state = projection.initialState();
        let from = 0;
        for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(events.length)) {
          state = jsonCopy(events.slice(from, cut).reduce(projection.handle, state));
          from = Math.max(from, cut);
        }
        expect(state).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });

  it('folding only the event types it declares gives the state folding every event gives', () => {
    const events = log();
    const declared = new Set(projection.eventTypes);
    expect(declared.size).toBeGreaterThan(0);
    expect(events.some((e) => !declared.has(e.type))).toBe(true);
    expect(jsonCopy(foldAll(projection, events.filter((e) => declared.has(e.type))))).toEqual(jsonCopy(foldAll(projection, events)));
  });

  it('builds through the runner, in any batch size and with appends while running, the state a rebuild gives', async () => {
    const events = log();
    const whole = jsonCopy(foldAll(projection, events));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: events.length }), async (batchSize, split) => {
        const eventStore = new InMemoryEventStore();
        const projectionStore = new InMemoryProjectionStore();
        const append = async (slice: readonly RecordedEvent[]) => {
          for (const e of slice) await eventStore.appendToStream(e.metadata.streamId, [asNew(e)]);
        };
        await append(events.slice(0, split));
        const runner = new ProjectionRunner({ eventStore, projectionStore, projections: [projection], batchSize });
        await runner.start();
        await append(events.slice(split));
        await runner.caughtUp();
        const live = (await projectionStore.load<S>(projection.name))?.state;
        await runner.rebuild(projection.name);
        const rebuilt = (await projectionStore.load<S>(projection.name))?.state;
        await runner.stop();
        // A store keeping entries as rows has no row for an empty table.
        expect(nonEmptyTables(live)).toEqual(nonEmptyTables(whole));
        expect(nonEmptyTables(rebuilt)).toEqual(nonEmptyTables(whole));
        // The same explanation from the live and the rebuilt copy.
        for (const key of readModel.keys(whole)) expect(readModel.explain(live as S, key)).toEqual(readModel.explain(rebuilt as S, key));
      }),
      { numRuns: 12 },
    );
  });

  it('gives the same figures for any interleaving of unrelated streams', async () => {
    const streams = byStream(log());
    const reference = figures(readModel, foldAll(projection, log()));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), async (picks) => {
        const shuffled = await interleave(streams, picks);
        expect(figures(readModel, foldAll(projection, shuffled))).toEqual(reference);
      }),
      { numRuns: 15 },
    );
  });

  it('gives each of two provinces using the same codes, in any interleaving, exactly the figures it gets alone', () => {
    const first = log();
    const second = first.map((event) => inProvince(event, OTHER_PROVINCE));
    const alone = { ...figures(readModel, foldAll(projection, first)), ...figures(readModel, foldAll(projection, second)) };
    const tenant = first[0]!.metadata.tenantId;
    expect(Object.keys(alone).some((key) => key.startsWith(`${tenant}/`))).toBe(true);
    expect(Object.keys(alone).some((key) => key.startsWith(`${OTHER_PROVINCE}/`))).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 200 }), (picks) => {
        expect(figures(readModel, foldAll(projection, mergeLogs(first, second, picks)))).toEqual(alone);
      }),
      { numRuns: 15 },
    );
  });

  it('explains every figure with arithmetic that re-adds and events in strictly increasing order', () => {
    const state = foldAll(projection, log());
    const keys = readModel.keys(state);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const explanation = readModel.explain(state, key);
      expect(explanation, key).toBeDefined();
      expect(reAddProblems(explanation as Explanation), key).toEqual([]);
      expect((explanation as Explanation).ruleSetVersions.length, key).toBeGreaterThan(0);
    }
  });
};
