import { InMemoryEventStore as KernelInMemoryEventStore, type InMemoryEventStoreOptions } from '../kernel/in-memory-event-store.js';
import { deskEventCodecs } from '../read-side/engine/desk-events.js';

/**
 * The event store in memory as `@motcua/core` exports it: it refuses what the SQLite, PostgreSQL and
 * EventStoreDB stores refuse, a desk event whose data does not match its codec included
 * (docs/record-as-evidence.md), so an embedder's tests refuse what production refuses. `eventCodecs`
 * defaults to the desk's (`deskEventCodecs()`): pass `deskEventCodecs(own)` to add the embedder's own
 * event types, or `NO_EVENT_CODECS` to check none (a store of events that are not the desk's).
 */
export class InMemoryEventStore extends KernelInMemoryEventStore {
  constructor(options: InMemoryEventStoreOptions = {}) {
    super({ ...options, eventCodecs: options.eventCodecs ?? deskEventCodecs() });
  }
}
