import type { RecordedEvent } from '../../kernel/envelope.js';
import type { EventStore } from '../../kernel/event-store.js';
import { breachesOf } from './evidence.js';

const PAGE = 500;

/** Every event of a stream, in stream order, read a page at a time. */
export const readWholeStream = async (store: EventStore, streamId: string): Promise<readonly RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let fromVersion = 1; ; ) {
    const page = await store.readStream(streamId, { fromVersion, maxCount: PAGE });
    events.push(...page.events);
    if (page.events.length < PAGE || events.length >= page.currentVersion) return events;
    fromVersion += page.events.length;
  }
};

/** The facts of a stream that carry recorded breaches (ADR 0010): the evidence a conduct verdict adds from a dossier it names. */
export const breachEventsOf = async (store: EventStore, streamId: string): Promise<readonly RecordedEvent[]> =>
  (await readWholeStream(store, streamId)).filter((event) => breachesOf(event).length > 0);

/** Events of several reads in log order, each once. */
export const inLogOrder = (...lists: readonly (readonly RecordedEvent[])[]): readonly RecordedEvent[] => {
  const byPosition = new Map<number, RecordedEvent>();
  for (const event of lists.flat()) byPosition.set(event.metadata.globalPosition, event);
  return [...byPosition.values()].sort((a, b) => a.metadata.globalPosition - b.metadata.globalPosition);
};
