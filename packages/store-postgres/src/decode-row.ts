import { CorruptEventError, type Actor, type EventMetadata, type RecordedEvent } from '@motcua/core';
import { plain, StoredActor, StoredEvent, type Values, type Writable } from './plain-objects.js';
import { COMPACT_LENGTH, compactProblem, EVENT_ID_FIRST, metadataOfValues } from './stored-metadata.js';

/**
 * Turns one stored row into a `RecordedEvent`, checking what a reader relies on: data and metadata
 * join into one JSON body in one of the forms of `stored-metadata.ts` (metadata an object, or its
 * values of the right types), parsed once. PostgreSQL enforces the column types; a row that fails
 * is the log being damaged or edited by hand: `CorruptEventError` names the stream and version.
 *
 * The stream id, version and global position come from their columns, so they cannot disagree with
 * the row.
 */
export const decodeRow = (globalPosition: number, streamId: string, streamVersion: number, type: string, data: string, metadata: string): RecordedEvent => {
  let a: unknown;
  try {
    a = JSON.parse(bodyOf(data, metadata));
  } catch (error) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored event is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(a) || a.length < 2) throw new CorruptEventError(streamId, streamVersion, globalPosition, 'the stored event is not [data, metadata...]');
  // The fast path: the compact form without optional fields, one constructor per key order
  // (`plain-objects.ts` says why constructors).
  if (a.length === COMPACT_LENGTH && compactProblem(a) === undefined) {
    const actor = new StoredActor(a);
    const metadata =
      a[1] === EVENT_ID_FIRST
        ? new MetadataEventIdFirst(a, actor, streamId, streamVersion, globalPosition)
        : new MetadataEventIdAfterContext(a, actor, streamId, streamVersion, globalPosition);
    return new StoredEvent(type, a[0], metadata);
  }
  return new StoredEvent(type, a[0], slowMetadata(a, streamId, streamVersion, globalPosition));
};

/**
 * `[<data>,<compact values>]` or `[<data>,<metadata object>]`: the text is joined here rather than by
 * the server, where the concatenation cost more than the parse it saves.
 */
export const bodyOf = (data: string, metadata: string): string =>
  metadata.charCodeAt(0) === 0x5b ? `[${data},${metadata.slice(1)}` : `[${data},${metadata}]`;

interface MetadataConstructor {
  new (a: Values, actor: Actor, streamId: string, streamVersion: number, globalPosition: number): EventMetadata;
}

/** Metadata in the command handler's key order: `eventId` first. */
function MetadataEventIdFirstOf(this: Writable<EventMetadata>, a: Values, actor: Actor, streamId: string, streamVersion: number, globalPosition: number): void {
  this.eventId = a[2] as string;
  this.occurredAt = a[3] as string;
  this.actor = actor;
  this.tenantId = a[6] as string;
  this.correlationId = a[7] as string;
  this.causationId = a[8] as string;
  this.recordedAt = a[9] as string;
  this.streamId = streamId;
  this.streamVersion = streamVersion;
  this.globalPosition = globalPosition;
}

/** Metadata whose `eventId` the store assigned: after the caller's context. */
function MetadataEventIdAfterContextOf(this: Writable<EventMetadata>, a: Values, actor: Actor, streamId: string, streamVersion: number, globalPosition: number): void {
  this.occurredAt = a[3] as string;
  this.actor = actor;
  this.tenantId = a[6] as string;
  this.correlationId = a[7] as string;
  this.causationId = a[8] as string;
  this.eventId = a[2] as string;
  this.recordedAt = a[9] as string;
  this.streamId = streamId;
  this.streamVersion = streamVersion;
  this.globalPosition = globalPosition;
}

const MetadataEventIdFirst = plain<MetadataConstructor>(MetadataEventIdFirstOf);
const MetadataEventIdAfterContext = plain<MetadataConstructor>(MetadataEventIdAfterContextOf);

const slowMetadata = (a: unknown[], streamId: string, streamVersion: number, globalPosition: number): EventMetadata => {
  let m: Record<string, unknown>;
  if (a.length === 2) {
    const metadata = a[1];
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new CorruptEventError(streamId, streamVersion, globalPosition, 'metadata is not a JSON object');
    }
    m = metadata as Record<string, unknown>;
  } else {
    const problem = compactProblem(a);
    if (problem !== undefined) throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored metadata is damaged: ${problem}`);
    m = metadataOfValues(a);
  }
  m.streamId = streamId;
  m.streamVersion = streamVersion;
  m.globalPosition = globalPosition;
  return m as unknown as EventMetadata;
};
