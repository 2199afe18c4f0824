import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { InMemoryProjectionStore } from './in-memory-projection-store.js';
import { withInlineProjections } from './inline-projections.js';
import { describeProjectionEngine, event, poisoned, seen } from './projection-engine.testkit.js';

describeProjectionEngine('in memory', () => {
  const eventStore = new InMemoryEventStore();
  const projectionStore = new InMemoryProjectionStore();
  return { open: async () => ({ eventStore, projectionStore }), close: async () => undefined };
});

describe('inline projections in memory', () => {
  it('an append resolves once its events are in the read model', async () => {
    // Given an event before the projection existed
    const events = new InMemoryEventStore();
    const projections = new InMemoryProjectionStore();
    await events.appendToStream('a', [event(1)]);
    const store = await withInlineProjections(events, projections, [seen(), poisoned()]);
    expect(await projections.load('seen')).toMatchObject({ state: { a: [1] }, checkpoint: 1 });
    // When events are appended, one of them poison to one projection
    await store.appendToStream('b', [event(2)]);
    expect(await projections.load('seen')).toMatchObject({ state: { a: [1], b: [2] }, checkpoint: 2 });
    const result = await store.appendToStream('b', [event(3, { poison: true }), event(4)]);
    // Then the append succeeds, the healthy projection has it, the other is failed at the event
    expect(result._tag).toBe('Right');
    expect(await projections.load('seen')).toMatchObject({ state: { a: [1], b: [2, 3, 4] }, checkpoint: 4 });
    expect(await projections.load('poisoned')).toMatchObject({
      status: 'failed',
      checkpoint: 2,
      state: 3,
      failure: { globalPosition: 3, streamId: 'b', streamVersion: 2 },
    });
    expect(await store.headPosition?.()).toBe(4);
  });
});
