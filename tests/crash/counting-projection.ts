// The crash tests' read model: events per stream and the sum of the batch sizes they carry. Counting
// shows an event applied twice or skipped, which a checkpoint out of step with the documents would cause.
import { defineProjection, documentKey, t, type DomainEvent } from '@motcua/core';
import type { BatchEventData } from './crash-batches.js';

const BatchEventAppended = t.type({
  type: t.literal('BatchEventAppended'),
  data: t.type({ batchId: t.string, index: t.number, size: t.number }),
});
type BatchEvent = DomainEvent<'BatchEventAppended', BatchEventData>;

export interface StreamCount {
  readonly events: number;
  readonly sizeSum: number;
}

/** One document per stream (`<tenant>/stream/<streamId>`): its events and their batch sizes, summed. */
export const countingProjection = defineProjection<StreamCount, BatchEvent>({
  name: 'crash-counting',
  version: 1,
  codecs: new Map([['BatchEventAppended', BatchEventAppended]]),
  handlers: {
    BatchEventAppended: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'stream', event.metadata.streamId)],
      evolve: (document, event) => ({ events: (document?.events ?? 0) + 1, sizeSum: (document?.sizeSum ?? 0) + event.data.size }),
    },
  },
});
