import type { RecordedEvent } from '../kernel/envelope.js';
import type { EventStore } from '../kernel/event-store.js';

/** The first window read back from a position; each next one is twice as wide. */
const FIRST_WINDOW = 256;
const PAGE = 1000;

/**
 * The last event of province `tenantId` at or before global position `position`, if any. The log is
 * read backwards in windows that double, so a province active near `position` is found in one small
 * read; positions may have gaps (a store's sequence), and other provinces' events are only skipped.
 */
export const lastProvinceEventAtOrBefore = async (store: Pick<EventStore, 'readAll'>, tenantId: string, position: number): Promise<RecordedEvent | undefined> => {
  for (let upTo = position, width = FIRST_WINDOW; upTo > 0; width *= 2) {
    const from = Math.max(0, upTo - width);
    const found = await lastInWindow(store, tenantId, from, upTo);
    if (found !== undefined) return found;
    upTo = from;
  }
  return undefined;
};

/** The province's last event after position `from` and at or before `upTo`. */
const lastInWindow = async (store: Pick<EventStore, 'readAll'>, tenantId: string, from: number, upTo: number): Promise<RecordedEvent | undefined> => {
  let last: RecordedEvent | undefined;
  for (let after = from; after < upTo; ) {
    const page = await store.readAll({ after, maxCount: Math.min(PAGE, upTo - after) });
    for (const event of page.events) {
      if (event.metadata.globalPosition > upTo) return last;
      if (event.metadata.tenantId === tenantId) last = event;
    }
    if (page.isEnd || page.events.length === 0) return last;
    after = page.nextPosition;
  }
  return last;
};
