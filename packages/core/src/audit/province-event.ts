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

/** Beyond this many new events since the last answer, the head is found reading backwards again. */
const FORWARD_LIMIT = 50_000;

/**
 * The position of each province's last event as a long-running process asks for it again and again
 * (a readiness probe): the first answer for a province reads backwards as `lastProvinceEventAtOrBefore`
 * does, each later one reads forwards only the events appended since, so a province idle for a long
 * time in a busy log costs one far read, not one per probe. Positions only grow: a log that shrank (a
 * store replaced under the process) is asked again from its head.
 */
export class ProvinceHeads {
  private readonly known = new Map<string, { readonly head: number; readonly checkedUpTo: number }>();

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly maxProvinces = 1_000,
  ) {}

  /** The global position of the last event of `tenantId` at or before `logHead` (the log's head now), 0 when none. */
  async headOf(tenantId: string, logHead: number): Promise<number> {
    const known = this.known.get(tenantId);
    let head: number;
    if (known !== undefined && known.checkedUpTo <= logHead && logHead - known.checkedUpTo <= FORWARD_LIMIT) {
      head = (await lastInWindow(this.store, tenantId, known.checkedUpTo, logHead))?.metadata.globalPosition ?? known.head;
    } else {
      head = (await lastProvinceEventAtOrBefore(this.store, tenantId, logHead))?.metadata.globalPosition ?? 0;
    }
    if (!this.known.has(tenantId) && this.known.size >= this.maxProvinces) this.known.clear();
    this.known.set(tenantId, { head, checkedUpTo: logHead });
    return head;
  }
}
