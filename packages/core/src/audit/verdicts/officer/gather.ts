import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { EventStore } from '../../../kernel/event-store.js';
import { eventTypesOf } from '../../../read-side/engine/document-projection.js';
import { officerRatingProjection } from '../../../read-side/read-models/officer-rating/projection.js';

const PAGE = 1000;

/**
 * The events an officer verdict may rest on: every event of the province of the types the
 * officer-rating read model folds (appointments, evaluations, disciplines; dossier receipts,
 * completions, returns and ratings; incidents; praise), read from the log with `readAll` filtered by
 * type. Not the read model's documents: they stand as of now, while a verdict is asked as of any
 * moment and must be recomputed from its own events; and which dossier counts for which officer, and
 * which officers share the rating agency's quota, is only known by folding these events. The verdict
 * then keeps the streams its facts name (`computeOfficerVerdict`).
 */
export const gatherOfficerEvents = async (store: EventStore, tenantId: string, subject: string): Promise<readonly RecordedEvent[]> => {
  const slash = subject.lastIndexOf('/');
  if (slash <= 0) return [];
  const officerId = subject.slice(0, slash);
  const types = eventTypesOf(officerRatingProjection);
  const events: RecordedEvent[] = [];
  let named = false;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE, types });
    for (const event of page.events) {
      if (event.metadata.tenantId !== tenantId) continue;
      events.push(event);
      if ((event.data as { officerId?: string }).officerId === officerId) named = true;
    }
    if (page.isEnd || page.events.length === 0) break;
    after = page.nextPosition;
  }
  // An officer no event names is not found.
  return named ? events : [];
};
