import type { EventStore } from '../../kernel/event-store.js';

/**
 * The global position of the last event in the log: the store's own `headPosition` when it has one,
 * otherwise found by paging `readAll` from `hint` (a position known to exist, e.g. a checkpoint).
 */
export const headPosition = async (store: EventStore, hint = 0): Promise<number> => {
  if (store.headPosition !== undefined) return store.headPosition();
  for (let after = hint; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    after = page.nextPosition;
    if (page.isEnd || page.events.length === 0) return after;
  }
};
