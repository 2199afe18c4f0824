// What the SIGKILL test's appender writes and how the parent checks it: shared by both processes.
import type { NewEvent, RecordedEvent } from '@motcua/core';
import { seededRandom as demoRandom } from '../../packages/cli/src/seed/random.js';

/** The demo seed's mulberry32 generator, so batch sizes and streams repeat for a seed. */
export const seededRandom = (seed: number): (() => number) => demoRandom(seed).next;

export const randomBatchSize = (random: () => number): number => 1 + Math.floor(random() * 10);

export interface BatchEventData {
  readonly batchId: string;
  readonly index: number;
  readonly size: number;
}

export const batchEvents = (batchId: string, size: number): NewEvent[] =>
  Array.from({ length: size }, (_, index) => ({
    type: 'BatchEventAppended',
    data: { batchId, index, size } satisfies BatchEventData,
    metadata: {
      occurredAt: '2026-03-02T09:00:00+07:00',
      actor: { id: 'crash-appender', role: 'system' },
      tenantId: 'province-01',
      correlationId: batchId,
      causationId: batchId,
    },
  }));

/** An append the child reported as resolved. */
export interface Ack {
  readonly batchId: string;
  readonly streamId: string;
  readonly lastVersion: number;
}

export const parseAcks = (output: string): Ack[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('ACK '))
    .map((line) => {
      const [, batchId = '', streamId = '', lastVersion = ''] = line.split(' ');
      return { batchId, streamId, lastVersion: Number(lastVersion) };
    });

export interface StoredBatch {
  readonly streamId: string;
  readonly events: readonly RecordedEvent[];
}

/**
 * Every violation of the crash invariants in a whole log read in global order: positions strictly
 * increase, each stream's versions run 1, 2, 3…, and each batch is whole (all `size` events, indexes
 * 0..size−1 in order, one stream, consecutive versions). Returns the batches by id as well.
 */
export const checkLog = (log: readonly RecordedEvent[]): { problems: string[]; batches: Map<string, StoredBatch> } => {
  const problems: string[] = [];
  const streamVersions = new Map<string, number>();
  const batches = new Map<string, { streamId: string; events: RecordedEvent[] }>();
  let lastPosition = 0;
  for (const event of log) {
    const { globalPosition, streamId, streamVersion } = event.metadata;
    if (globalPosition <= lastPosition) problems.push(`position ${globalPosition} follows ${lastPosition}`);
    lastPosition = globalPosition;
    const expectedVersion = (streamVersions.get(streamId) ?? 0) + 1;
    if (streamVersion !== expectedVersion) problems.push(`${streamId}@${streamVersion} at position ${globalPosition}: expected version ${expectedVersion}`);
    streamVersions.set(streamId, streamVersion);
    const { batchId } = event.data as BatchEventData;
    const batch = batches.get(batchId) ?? { streamId, events: [] };
    batch.events.push(event);
    batches.set(batchId, batch);
  }
  for (const [batchId, { streamId, events }] of batches) {
    const size = (events[0]?.data as BatchEventData).size;
    const firstVersion = events[0]?.metadata.streamVersion ?? 0;
    const whole =
      events.length === size &&
      events.every(
        (event, i) =>
          (event.data as BatchEventData).index === i &&
          (event.data as BatchEventData).size === size &&
          event.metadata.streamId === streamId &&
          event.metadata.streamVersion === firstVersion + i,
      );
    if (!whole) {
      const shown = events.map((e) => `${e.metadata.streamId}@${e.metadata.streamVersion}#${(e.data as BatchEventData).index}`);
      problems.push(`batch ${batchId} of size ${size} is not whole: ${shown.join(', ')}`);
    }
  }
  return { problems, batches };
};
