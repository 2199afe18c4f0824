import { t } from '../../fp.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { NonEmptyString, PositiveInt } from '../../kernel/primitives.js';

/**
 * Where an event sits in the log: enough for an auditor to fetch it and check its hash. This is how
 * explanations, verdicts and exports name an event. The codec is what the HTTP API's OpenAPI document
 * says of it; `EventRef` is its type.
 */
export const EventRefCodec = t.readonly(
  t.type({ streamId: NonEmptyString, streamVersion: PositiveInt, globalPosition: PositiveInt, type: NonEmptyString }),
  'EventRef',
);
export type EventRef = t.TypeOf<typeof EventRefCodec>;

/**
 * How a document remembers an event: its global position, which names exactly one event of the log.
 * Documents keep positions only (a province-year's documents hold millions of them); an explanation
 * turns them into `EventRef`s by reading the log (`EventRefResolver`).
 */
export type EventPosition = number;

export const eventRef = (event: RecordedEvent): EventRef => ({
  streamId: event.metadata.streamId,
  streamVersion: event.metadata.streamVersion,
  globalPosition: event.metadata.globalPosition,
  type: event.type,
});

export const positionOf = (event: RecordedEvent): EventPosition => event.metadata.globalPosition;

/** Turns positions into references, in global order, without duplicates; a position not in the log throws. */
export type EventRefResolver = (positions: Iterable<EventPosition>) => Promise<readonly EventRef[]>;

/** Positions sorted, without duplicates: the order of `Explanation.contributions`. */
export const orderedPositions = (positions: Iterable<EventPosition>): EventPosition[] => [...new Set(positions)].sort((a, b) => a - b);
