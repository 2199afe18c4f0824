import { isLeft } from '../../fp.js';
import type { NewEvent, RecordedEvent } from '../../kernel/envelope.js';
import type { EventStore, ReadAllOptions, ReadAllPage } from '../../kernel/event-store.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { fixedClock } from '../../kernel/ports.js';

/**
 * Stores for laws over provinces (docs/audit.md, "As of any moment"): a log recorded again with the
 * event ids and recording instants it holds, and one province's events alone, either at the positions
 * the shared log gave them or numbered afresh.
 */

/** Each event recorded one minute after the later of its own occurrence and the event before it. */
export const withRecordingTimes = (log: readonly RecordedEvent[]): RecordedEvent[] => {
  let last = 0;
  return log.map((event) => {
    last = Math.max(last, Date.parse(event.metadata.occurredAt)) + 60_000;
    return { ...event, metadata: { ...event.metadata, recordedAt: new Date(last).toISOString() } };
  });
};

const asAppend = (event: RecordedEvent): NewEvent => {
  const { streamId: _s, streamVersion: _v, globalPosition: _g, recordedAt: _r, ...context } = event.metadata;
  return { type: event.type, data: event.data, metadata: context };
};

/** An in-memory store holding `log` in its order, numbered 1..n, each event recorded at its `recordedAt`. */
export const storeOf = async (log: readonly RecordedEvent[]): Promise<InMemoryEventStore> => {
  const clock = fixedClock('2020-01-01T00:00:00Z');
  const store = new InMemoryEventStore({ clock });
  for (const event of log) {
    clock.set(event.metadata.recordedAt);
    if (isLeft(await store.appendToStream(event.metadata.streamId, [asAppend(event)]))) throw new Error(`append to ${event.metadata.streamId} refused`);
  }
  return store;
};

/**
 * A store of `events` at the global positions they carry, gaps left where other events stood: what the
 * store would read were those other events never written.
 */
export const storeAtPositions = (events: readonly RecordedEvent[]): EventStore => {
  const head = events[events.length - 1]?.metadata.globalPosition ?? 0;
  const readAll = async ({ after = 0, maxCount = 1000, types }: ReadAllOptions = {}): Promise<ReadAllPage> => {
    const matching = events.filter((event) => event.metadata.globalPosition > after && (types === undefined || types.includes(event.type)));
    const page = matching.slice(0, maxCount);
    const isEnd = page.length === matching.length;
    return { events: page, nextPosition: isEnd ? Math.max(after, head) : page[page.length - 1]!.metadata.globalPosition, isEnd };
  };
  return {
    readAll,
    readStream: async (streamId, { fromVersion = 1, maxCount } = {}) => {
      const stream = events.filter((event) => event.metadata.streamId === streamId);
      const from = Math.max(1, fromVersion);
      return { streamId, currentVersion: stream.length, streamExists: stream.length > 0, events: stream.slice(from - 1, maxCount === undefined ? undefined : from - 1 + maxCount) };
    },
    headPosition: async () => head,
    appendToStream: () => Promise.reject(new Error('a store of fixed positions is read only')),
    subscribe: () => {
      throw new Error('a store of fixed positions is read only');
    },
    findIdempotencyRecord: async () => undefined,
    close: async () => undefined,
  };
};
