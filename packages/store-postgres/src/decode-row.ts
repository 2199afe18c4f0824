import { CorruptEventError, type EventMetadata, type RecordedEvent } from '@motcua/core';

/** A row of the events table as `pg` returns it (bigint arrives as a string). */
export interface EventRow {
  readonly global_position: string | number;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * Turns one stored row into a `RecordedEvent`. PostgreSQL enforces the column types, so what can be
 * wrong is the JSON: data and metadata must parse and metadata must be an object. A row that fails is
 * the log being damaged or edited by hand: `CorruptEventError` names the stream and version.
 *
 * The stream id, version and global position come from their columns, so they cannot disagree with
 * the row.
 */
export const decodeRow = (row: EventRow): RecordedEvent => {
  const streamId = row.stream_id;
  const streamVersion = row.stream_version;
  const globalPosition = Number(row.global_position);
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(row.data);
  } catch (error) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, `data is not valid JSON (${(error as Error).message})`);
  }
  try {
    metadata = JSON.parse(row.metadata);
  } catch (error) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, `metadata is not valid JSON (${(error as Error).message})`);
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, 'metadata is not a JSON object');
  }
  const m = metadata as { -readonly [K in keyof EventMetadata]: EventMetadata[K] };
  m.streamId = streamId;
  m.streamVersion = streamVersion;
  m.globalPosition = globalPosition;
  return { type: row.type, data, metadata: m };
};
