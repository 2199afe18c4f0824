import { isRight } from '../../fp.js';
import type { EventStore } from '../../kernel/event-store.js';
import type { Projection } from './projection.js';
import type { ProjectionStore } from './projection-store.js';
import { ProjectionWorker } from './projection-worker.js';

/**
 * An `EventStore` whose appends resolve only after the given projections applied them: a read right
 * after an append sees its effect. Meant for the in-memory stores, where a crash loses events and
 * read models alike; with a durable store the two writes are separate, so use the store's own inline
 * option (`openSqliteEventStore({ inlineProjections })`) to get one transaction.
 * A projection stored under another version is reset and refolded from position 0 here, at once.
 * A handler that throws marks its projection failed; the append itself still succeeds.
 */
export const withInlineProjections = async (
  eventStore: EventStore,
  projectionStore: ProjectionStore,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each projection has its own state type
  projections: readonly Projection<any>[],
): Promise<EventStore> => {
  const workers: ProjectionWorker[] = [];
  for (const projection of projections as readonly Projection<unknown>[]) {
    const stored = await projectionStore.load(projection.name);
    const record = stored?.version === projection.version ? stored : undefined;
    workers.push(new ProjectionWorker(projection, 'live', eventStore, projectionStore, Number.MAX_SAFE_INTEGER, record));
  }
  const project = async () => {
    await Promise.all(workers.map((worker) => worker.wake()));
    const stuck = workers.find((worker) => worker.lastError !== undefined);
    if (stuck !== undefined) throw stuck.lastError;
  };
  await project();
  return {
    appendToStream: async (streamId, events, options) => {
      const result = await eventStore.appendToStream(streamId, events, options);
      if (isRight(result)) await project();
      return result;
    },
    readStream: (streamId, options) => eventStore.readStream(streamId, options),
    readAll: (options) => eventStore.readAll(options),
    ...(eventStore.headPosition === undefined ? {} : { headPosition: () => eventStore.headPosition?.() ?? Promise.resolve(0) }),
    subscribe: (options) => eventStore.subscribe(options),
    findIdempotencyRecord: (key) => eventStore.findIdempotencyRecord(key),
    close: () => eventStore.close(),
  };
};
