import { CorruptEventError, recordedEventFromJson, type RecordedEvent } from '@motcua/core';

/**
 * Turns one stored row into a `RecordedEvent`, checking what a reader relies on: the JSON parses,
 * `type` is a string, metadata is an object, the positions are integers. A row that fails is the log
 * being damaged or edited by hand: `CorruptEventError` names the stream and version.
 *
 * The metadata column holds the caller's context plus `eventId` and `recordedAt`; the stream id,
 * version and global position come from their columns, so they cannot disagree with the row.
 */
export const decodeRow = (
  globalPosition: unknown,
  streamId: unknown,
  streamVersion: unknown,
  type: unknown,
  dataJson: unknown,
  metadataJson: unknown,
): RecordedEvent => {
  if (
    typeof streamId !== 'string' ||
    typeof streamVersion !== 'number' ||
    typeof globalPosition !== 'number' ||
    typeof type !== 'string' ||
    typeof dataJson !== 'string' ||
    typeof metadataJson !== 'string'
  ) {
    return corruptShape(globalPosition, streamId, streamVersion, type, dataJson, metadataJson);
  }
  return recordedEventFromJson(streamId, streamVersion, globalPosition, type, dataJson, metadataJson);
};

const corruptShape = (
  globalPosition: unknown,
  streamId: unknown,
  streamVersion: unknown,
  type: unknown,
  dataJson: unknown,
  metadataJson: unknown,
): never => {
  const wrong = Object.entries({ streamId, streamVersion, globalPosition, type, data: dataJson, metadata: metadataJson })
    .filter(([name, value]) => typeof value !== (name === 'streamVersion' || name === 'globalPosition' ? 'number' : 'string'))
    .map(([name, value]) => `${name} is ${value === null ? 'null' : typeof value}`);
  throw new CorruptEventError(String(streamId), Number(streamVersion), Number(globalPosition), `wrong column types: ${wrong.join(', ')}`);
};
