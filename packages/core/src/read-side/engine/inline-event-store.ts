import { isRight } from '../../fp.js';
import type { EventStore } from '../../kernel/event-store.js';
import type { AnyProjection } from './document-projection.js';
import type { DocumentStore } from './document-store.js';
import { foldInlineAsync } from './inline.js';

/**
 * An `EventStore` whose appends resolve only after `projections` folded them into `documents`: a
 * read right after an append sees its effect. For stores without a transaction shared with their
 * documents (the in-memory store, where a crash loses events and documents alike); the SQLite and
 * PostgreSQL stores fold inline inside the append's own transaction (their `projections` option).
 * Folds run one at a time, in log order; a handler that throws marks its projection failed and the
 * append still succeeds.
 */
export const withInlineDocuments = async (eventStore: EventStore, documents: DocumentStore, projections: readonly AnyProjection[]): Promise<EventStore> => {
  const log = { readAfter: async (position: number, limit: number) => (await eventStore.readAll({ after: position, maxCount: limit })).events };
  let folding: Promise<void> = Promise.resolve();
  const fold = (): Promise<void> => {
    const next = folding.then(() => foldInlineAsync(projections, documents, log));
    folding = next.catch(() => undefined);
    return next;
  };
  await fold();
  return {
    appendToStream: async (streamId, events, options) => {
      const result = await eventStore.appendToStream(streamId, events, options);
      if (isRight(result)) await fold();
      return result;
    },
    readStream: (streamId, options) => eventStore.readStream(streamId, options),
    readAll: (options) => eventStore.readAll(options),
    ...(eventStore.headPosition === undefined ? {} : { headPosition: () => eventStore.headPosition?.() ?? Promise.resolve(0) }),
    ...(eventStore.chainRowsAt === undefined ? {} : { chainRowsAt: (positions) => eventStore.chainRowsAt?.(positions) ?? Promise.resolve(new Map()) }),
    subscribe: (options) => eventStore.subscribe(options),
    findIdempotencyRecord: (key) => eventStore.findIdempotencyRecord(key),
    close: () => eventStore.close(),
  };
};
