import type { EventStore } from '../../kernel/event-store.js';
import { eventRef, orderedPositions, type EventRef, type EventRefResolver } from '../vocabulary/event-ref.js';

/** Positions closer than this are read in one page rather than one by one. */
const GAP = 64;

/** Resolves positions by reading the log (`readAll`), a run of nearby positions per page. */
export const eventRefResolver =
  (eventStore: Pick<EventStore, 'readAll'>): EventRefResolver =>
  async (positions) => {
    const wanted = orderedPositions(positions);
    const refs: EventRef[] = [];
    let index = 0;
    while (index < wanted.length) {
      const first = wanted[index] as number;
      let last = first;
      while (index + 1 < wanted.length && (wanted[index + 1] as number) - last <= GAP && (wanted[index + 1] as number) - first < 1000) last = wanted[++index] as number;
      index += 1;
      const page = await eventStore.readAll({ after: first - 1, maxCount: last - first + 1 });
      const byPosition = new Map(page.events.map((event) => [event.metadata.globalPosition, event]));
      for (const position of wanted.slice(wanted.indexOf(first), index)) {
        const event = byPosition.get(position);
        if (event === undefined) throw new Error(`no event at global position ${position}`);
        refs.push(eventRef(event));
      }
    }
    return refs;
  };
