import { systemClock, uuidGenerator, type Clock, type IdGenerator, deskEventCodecs, type EventCodecs } from '@motcua/core';
import { connectWire } from './client.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { assertNamespace } from './mapping.js';
import { defaultRetryPolicy, type RetryPolicy } from './retries.js';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, `esdb+discover://node1,node2,node3?tls=true`, … (the client's connection string). */
  readonly connectionString: string;
  /**
   * Prefix of the store's server streams, `<namespace>.<streamId>`; default `motcua`. Stores with
   * different namespaces share a server without seeing each other's events.
   */
  readonly namespace?: string;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /**
   * The codecs appended events must match exactly, by type (`EventCodecs`); an event that does not is
   * refused (`EventDataRefused`) with nothing of its append written. Default: the desk's
   * (`deskEventCodecs()`); an embedder with event types of its own gives `deskEventCodecs(ownCodecs)`.
   */
  readonly eventCodecs?: EventCodecs;
  /** Retries of a call the client asks to retry (not-leader, unavailable, deadline). */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Opens the namespace for reading only, as a copy's source is: opening writes nothing (an
   * idempotency key a crash left unrecorded is left for the namespace's writer to record) and
   * appends are refused.
   */
  readonly readonly?: boolean;
}

/**
 * Connects, finds the namespace's head (its last position and hash) and returns the store. This
 * store must be the namespace's only writer (docs/adr/0014-eventstoredb-single-writer-chain.md);
 * readers may be many.
 */
export const openEventStoreDbEventStore = async (options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> => {
  const namespace = assertNamespace(options.namespace ?? 'motcua');
  const wire = connectWire(options.connectionString);
  const store = new EventStoreDbEventStore(wire, {
    namespace,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? uuidGenerator,
    eventCodecs: options.eventCodecs ?? deskEventCodecs(),
    retry: { ...defaultRetryPolicy, ...options.retry },
    conflictRetries: 5,
    readonly: options.readonly === true,
  });
  try {
    return await store.ready();
  } catch (error) {
    await wire.close();
    throw error;
  }
};
