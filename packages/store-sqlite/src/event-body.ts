/**
 * How an event's data and metadata are stored: one JSON text per row, the `body` column, read with a
 * single `JSON.parse`, in one of the two forms of `@motcua/core`'s stored events (`kernel/stored-event.ts`,
 * shared with the PostgreSQL store): `[<data>,<metadata values>...]` (compact) or
 * `[<data>,<metadata JSON>]` (verbatim).
 *
 * `<data>` is the data JSON exactly as appended and `data_length` its length, so the hash chain gets
 * back the very texts it hashed: `dataJson` is a slice of the body, and `metadataJson` is the verbatim
 * text or, for the compact form, `JSON.stringify` of the metadata rebuilt from its values, which the
 * append checks equals the text it hashed before it stores the compact form.
 */

import { compactMetadataJson, compactMetadataJsonOfText, hashedMetadataJson } from '@motcua/core';

/** The body of the data text and either the metadata's compact values (a JSON array) or its text verbatim. */
const bodyOf = (dataJson: string, metadataJson: string, values: string | undefined): string =>
  values === undefined ? `[${dataJson},${metadataJson}]` : `[${dataJson},${values.slice(1)}`;

/** The stored body of an appended event. */
export const eventBody = (dataJson: string, metadata: Record<string, unknown>, metadataJson: string): string =>
  bodyOf(dataJson, metadataJson, compactMetadataJson(metadata, metadataJson));

/** The body of a row written before bodies, from its data and metadata texts alone. */
export const eventBodyOfTexts = (dataJson: string, metadataJson: string): string => bodyOf(dataJson, metadataJson, compactMetadataJsonOfText(metadataJson));

/**
 * The data and metadata JSON texts a stored row was hashed over. A body edited behind the store's back
 * gives texts that no longer match the row's hash, never an exception.
 */
export const hashedTexts = (body: unknown, dataLength: unknown): { dataJson: string; metadataJson: string } => {
  const stored = typeof body === 'string' ? body : String(body);
  const length = typeof dataLength === 'number' ? dataLength : 0;
  const dataJson = stored.slice(1, 1 + length);
  const rest = stored.slice(2 + length, -1);
  if (rest.startsWith('{')) return { dataJson, metadataJson: rest };
  const values = `[${rest}]`;
  const rebuilt = hashedMetadataJson(values);
  // Values that are not a compact form stay the text as it stands, which the hash will not match.
  return { dataJson, metadataJson: rebuilt === values ? rest : rebuilt };
};

/** A hash as stored (32 bytes) from its hex form. */
export const hashBytes = (hex: string): Buffer => Buffer.from(hex, 'hex');

/** A stored hash in hex; a value edited into something else than 32 bytes is passed on as text. */
export const hashHex = (stored: unknown): string =>
  Buffer.isBuffer(stored) ? (stored.length === 32 ? stored.toString('hex') : `bytes:${stored.toString('hex')}`) : String(stored);
