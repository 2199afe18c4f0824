import { isLeft, type t } from '../fp.js';
import { toIssues } from './codec.js';
import type { DomainEvent, RecordedEvent } from './envelope.js';
import type { EventStore, ReadStreamOptions } from './event-store.js';

/** A stored event that no longer matches its codec: the log was altered or written by a bug. */
export class CorruptEventError extends Error {
  constructor(
    readonly streamId: string,
    readonly streamVersion: number,
    readonly globalPosition: number,
    readonly reason: string,
  ) {
    super(`corrupt event in stream ${streamId} at version ${streamVersion} (position ${globalPosition}): ${reason}`);
    this.name = 'CorruptEventError';
  }
}

/** Checks an event read back from a store against its codec; throws `CorruptEventError` when it fails. */
export const checkStoredEvent = <Event extends DomainEvent>(
  event: RecordedEvent,
  codec: t.Type<Event, unknown, unknown>,
): RecordedEvent<Event> => {
  const result = codec.decode({ type: event.type, data: event.data });
  if (isLeft(result)) {
    const reason = toIssues(result.left)
      .map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message))
      .join('; ');
    throw new CorruptEventError(event.metadata.streamId, event.metadata.streamVersion, event.metadata.globalPosition, reason);
  }
  return { type: result.right.type, data: result.right.data, metadata: event.metadata } as RecordedEvent<Event>;
};

/** Reads a stream (the whole of it, unless `options` say which part) and checks every event read. */
export const readDecodedStream = async <Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  codec: t.Type<Event, unknown, unknown>,
  options?: ReadStreamOptions,
): Promise<{ events: RecordedEvent<Event>[]; version: number }> => {
  const { events, currentVersion } = await store.readStream(streamId, options);
  return { events: events.map((event) => checkStoredEvent(event, codec)), version: currentVersion };
};
