import type { RecordedEvent } from '../../kernel/envelope.js';
import type { EventRef } from '../../read-side/explain/index.js';

/** An `EventRef` as a tuple: state keeps one per contributing event, so it stays small as JSON. */
export type Ref = readonly [globalPosition: number, streamId: string, streamVersion: number, type: string];

export const refOf = (event: RecordedEvent): Ref => [
  event.metadata.globalPosition,
  event.metadata.streamId,
  event.metadata.streamVersion,
  event.type,
];

/** Distinct refs in strictly increasing global order, as explanations list them. */
export const eventRefs = (refs: Iterable<Ref>): readonly EventRef[] => {
  const byPosition = new Map<number, Ref>();
  for (const ref of refs) byPosition.set(ref[0], ref);
  return [...byPosition.values()]
    .sort((a, b) => a[0] - b[0])
    .map(([globalPosition, streamId, streamVersion, type]) => ({ streamId, streamVersion, globalPosition, type }));
};

/** Distinct values in first-seen order. */
export const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];
