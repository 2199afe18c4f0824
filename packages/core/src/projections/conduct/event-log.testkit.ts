import { isLeft } from '../../fp.js';
import type { NewEvent, RecordedEvent } from '../../kernel/envelope.js';
import type { EventStore } from '../../kernel/event-store.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import type { Projection } from '../engine/index.js';

/** Every event of the log, in global order. */
export const readAllEvents = async (store: EventStore): Promise<readonly RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 500 });
    events.push(...(page.events as RecordedEvent[]));
    after = page.nextPosition;
    if (page.isEnd || page.events.length === 0) return events;
  }
};

export const foldAll = <S>(projection: Projection<S>, events: readonly RecordedEvent[]): S =>
  events.reduce(projection.handle, projection.initialState());

/** The same events as new appends (positions are the store's to give). */
export const asNew = (event: RecordedEvent): NewEvent => {
  const { eventId: _id, streamId: _s, streamVersion: _v, globalPosition: _g, recordedAt: _r, ...context } = event.metadata;
  return { type: event.type, data: event.data, metadata: context };
};

/** Appends per-stream event lists in the order `picks` draws streams, each stream keeping its own order. */
export const interleave = async (streams: ReadonlyMap<string, readonly RecordedEvent[]>, picks: readonly number[]) => {
  const store = new InMemoryEventStore();
  const queues = [...streams.entries()].map(([id, events]) => ({ id, events: [...events] }));
  let pick = 0;
  for (;;) {
    const open = queues.filter((q) => q.events.length > 0);
    if (open.length === 0) break;
    const queue = open[(picks[pick++ % Math.max(1, picks.length)] ?? 0) % open.length]!;
    const result = await store.appendToStream(queue.id, [asNew(queue.events.shift()!)]);
    if (isLeft(result)) throw new Error(`append to ${queue.id} refused`);
  }
  return readAllEvents(store);
};

export const byStream = (events: readonly RecordedEvent[]): ReadonlyMap<string, readonly RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.metadata.streamId, [...(streams.get(event.metadata.streamId) ?? []), event]);
  return streams;
};
