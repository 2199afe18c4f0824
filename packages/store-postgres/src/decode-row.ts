import { decodeStoredEventParts, type RecordedEvent } from '@motcua/core';

/**
 * Turns one stored row into a `RecordedEvent`: the `data` column's JSON and the `metadata` column in
 * one of the forms of `stored-metadata.ts`, each parsed once and checked by `decodeStoredEventParts`
 * as the body `[<data>,<metadata>...]` they stand for would be. PostgreSQL enforces the column types;
 * a text that fails is the log being damaged or edited by hand, and `CorruptEventError` names the
 * stream and version.
 */
export const decodeRow = (globalPosition: number, streamId: string, streamVersion: number, type: string, data: string, metadata: string): RecordedEvent =>
  decodeStoredEventParts(data, metadata, type, streamId, streamVersion, globalPosition);
