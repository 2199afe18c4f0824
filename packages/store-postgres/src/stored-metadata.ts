import { compactMetadataJson, hashedMetadataJson as hashedOfStored } from '@motcua/core';

/**
 * How the `metadata` column keeps an event's metadata from schema version 4 on: the compact array of
 * its values where they give back the hashed text byte for byte, else the text verbatim (the forms of
 * `@motcua/core`'s stored events, shared with the SQLite store). A read parses data and metadata
 * apart and checks them as the body `[<data>,<values>...]` or `[<data>,<verbatim>]` they stand for
 * (decode-row.ts). Rows written before version 4 keep their verbatim text.
 */

/** The column's text for appended metadata: its compact values, or `metadataJson` verbatim when they would not give it back. */
export const storedMetadataText = (metadata: Record<string, unknown>, metadataJson: string): string => compactMetadataJson(metadata, metadataJson) ?? metadataJson;

/**
 * The metadata JSON text a stored row was hashed over, from its `metadata` column. A column edited
 * behind the store's back gives a text that no longer matches the row's hash, never an exception.
 */
export const hashedMetadataJson = (stored: unknown): string => hashedOfStored(typeof stored === 'string' ? stored : String(stored));
