import { decodeStoredEvent, type RecordedEvent } from '@motcua/core';

/**
 * Turns one stored row into a `RecordedEvent`: data and metadata join into one JSON body in one of
 * the forms of `stored-metadata.ts`, parsed and checked once by `decodeStoredEvent`. PostgreSQL
 * enforces the column types; a body that fails is the log being damaged or edited by hand, and
 * `CorruptEventError` names the stream and version.
 */
export const decodeRow = (globalPosition: number, streamId: string, streamVersion: number, type: string, data: string, metadata: string): RecordedEvent =>
  decodeStoredEvent(bodyOf(data, metadata), type, streamId, streamVersion, globalPosition);

/**
 * `[<data>,<compact values>]` or `[<data>,<metadata object>]`: the text is joined here rather than by
 * the server, where the concatenation cost more than the parse it saves.
 */
export const bodyOf = (data: string, metadata: string): string =>
  metadata.charCodeAt(0) === 0x5b ? `[${data},${metadata.slice(1)}` : `[${data},${metadata}]`;
