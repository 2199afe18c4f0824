import { t } from '../fp.js';
import { decodeExact } from './codec.js';
import { EventMetadataCodec } from './event-metadata.js';
import { computeEventHash, type HashChainRow } from './hash-chain.js';
import { CorruptEventError } from './read-decoded-stream.js';
import { NonEmptyString, PositiveInt, refined } from './primitives.js';

/**
 * One stored event as exports and audit bundles carry it (docs/adr/0007): its place in the log, its
 * data and metadata parsed from the texts as stored (without the positions, which are the line's own
 * fields) and its link in the hash chain. `JSON.parse` keeps key order, so `JSON.stringify` gives the
 * stored texts back and anyone can recompute the hash with `computeEventHash`.
 */
export interface ExportLine {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly previousHash: string;
  readonly hash: string;
  /** The stream id the event was hashed under, when an upgrade moved it to its province's stream since (ADR 0011). */
  readonly hashedStreamId?: string;
}

/** The hash of a line's content after `previousHash`, as the stores compute it (`computeEventHash`). */
export const lineHash = (previousHash: string, line: Omit<ExportLine, 'hash' | 'previousHash'>): string =>
  computeEventHash(previousHash, {
    globalPosition: line.globalPosition,
    streamId: line.hashedStreamId ?? line.streamId,
    streamVersion: line.streamVersion,
    type: line.type,
    dataJson: JSON.stringify(line.data),
    metadataJson: JSON.stringify(line.metadata),
  });

/** A stored text parsed, or `CorruptEventError` naming the row: a text edited behind the store's back. */
const parsedText = (row: HashChainRow, text: string, what: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptEventError(row.streamId, row.streamVersion, row.globalPosition, `its stored ${what} is not valid JSON (${(error as Error).message})`);
  }
};

/**
 * A stored row as a line: the JSON texts parsed, so the line re-serialises to the same texts. A text
 * that does not parse throws `CorruptEventError`, naming the event; check the row's hash first
 * (`verifyHashChain`) to tell an altered event from a damaged one.
 */
export const toExportLine = (row: HashChainRow): ExportLine => ({
  globalPosition: row.globalPosition,
  streamId: row.streamId,
  streamVersion: row.streamVersion,
  type: row.type,
  data: parsedText(row, row.dataJson, 'data'),
  metadata: parsedText(row, row.metadataJson, 'metadata') as Record<string, unknown>,
  previousHash: row.previousHash,
  hash: row.hash,
  ...(row.hashedStreamId === undefined ? {} : { hashedStreamId: row.hashedStreamId }),
});

export const Sha256Hex = refined('Sha256Hex', t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'a SHA-256 hash: 64 lowercase hex digits', {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
});

/** An event's data: any JSON value, but present (a missing field has no stored text to hash). */
const EventData = refined('EventData', t.unknown, (value) => value !== undefined, 'the event data (any JSON value)', {});

/** The envelope every line must have, its metadata as every store accepts it; the event's own data is checked against its codec afterwards. */
export const ExportLineCodec = t.intersection([
  t.type({
    globalPosition: PositiveInt,
    streamId: NonEmptyString,
    streamVersion: PositiveInt,
    type: NonEmptyString,
    data: EventData,
    metadata: EventMetadataCodec,
    previousHash: Sha256Hex,
    hash: Sha256Hex,
  }),
  t.partial({ hashedStreamId: NonEmptyString }),
]);

/** A line decoded exactly: a field its codec does not name, in the line or its metadata, is refused (the log is evidence). */
export const decodeExportLine = (value: unknown) => decodeExact(ExportLineCodec, value);
