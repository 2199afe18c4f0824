import type { EventMetadata, RecordedEvent } from './envelope.js';
import { CorruptEventError } from './read-decoded-stream.js';

/**
 * The reading half shared by the stores that keep events as JSON text (SQLite, PostgreSQL): one
 * stored row's JSON back into a `RecordedEvent`. Data and metadata must parse and metadata must be an
 * object; a row that fails is the log being damaged or edited by hand, and `CorruptEventError` names
 * the stream and version. The stream id, version and global position come from their own columns,
 * so they cannot disagree with the row.
 */
export const recordedEventFromJson = (
  streamId: string,
  streamVersion: number,
  globalPosition: number,
  type: string,
  dataJson: string,
  metadataJson: string,
): RecordedEvent => {
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch (error) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, `data is not valid JSON (${(error as Error).message})`);
  }
  try {
    metadata = JSON.parse(metadataJson);
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
  return { type, data, metadata: m };
};
