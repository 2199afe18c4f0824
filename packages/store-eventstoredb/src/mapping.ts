import { createHash } from 'node:crypto';
import { CorruptEventError, metadataProblem, type EventMetadata, type HashChainRow, type PreparedEvent, type RecordedEvent } from '@motcua/core';
import type { WireEvent, WireExpectedRevision, WireRecord } from './client.js';

// How motcua's events map onto EventStoreDB's: stream names, event ids, expected revisions and the
// chain fields carried in each event's metadata (docs/adr/0014-eventstoredb-single-writer-chain.md).

const NAMESPACE = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** The metadata key that holds the event's place in motcua's log and its hash; never a caller's key. */
export const CHAIN_KEY = '$motcua';

/**
 * A store's namespace: letters, digits and `_`, starting with a letter. It holds no `-`, so
 * EventStoreDB's category of `<namespace>.dossier-<province>:<code>` is `<namespace>.dossier`.
 */
export const assertNamespace = (namespace: string): string => {
  if (!NAMESPACE.test(namespace)) {
    throw new TypeError(`an EventStoreDB namespace is 1 to 63 letters, digits and _, starting with a letter; got ${JSON.stringify(namespace)}`);
  }
  return namespace;
};

/** The prefix of every event stream of a namespace: what the server-side `$all` filter matches. */
export const eventStreamPrefix = (namespace: string): string => `${namespace}.`;

/** `dossier-demo-thai-nguyen:000.00.15.H55-260623-9001` → `motcua.dossier-demo-thai-nguyen:000.00.15.H55-260623-9001`. */
export const esdbStreamName = (namespace: string, streamId: string): string => `${eventStreamPrefix(namespace)}${streamId}`;

/** The motcua stream id of a server stream of the namespace; undefined for any other stream. */
export const motcuaStreamId = (namespace: string, streamName: string): string | undefined => {
  const prefix = eventStreamPrefix(namespace);
  return streamName.startsWith(prefix) && streamName.length > prefix.length ? streamName.slice(prefix.length) : undefined;
};

/** Where the append that used an idempotency key is recorded: outside the event streams' prefix. */
export const idempotencyStreamName = (namespace: string, idempotencyKey: string): string => `${namespace}~idempotency.${idempotencyKey}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The server's event id: motcua's `eventId` when it is a UUID, else a UUID (version 8) derived from it,
 * so the same event always gets the same id and the server recognises a retried append.
 */
export const esdbEventId = (eventId: string): string => {
  if (UUID.test(eventId)) return eventId.toLowerCase();
  const hex = createHash('sha256').update(`motcua-event-id\n${eventId}`).digest('hex');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The server's expected revision for a stream at motcua `version` (1-based; 0 = no stream). */
export const expectedRevisionAt = (version: number): WireExpectedRevision => (version === 0 ? 'no_stream' : BigInt(version - 1));

/** motcua's version of an event at server `revision` (0-based bigint). */
export const versionOfRevision = (revision: bigint): number => {
  if (revision < 0n || revision >= BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`stream revision ${revision} is out of motcua's range`);
  return Number(revision) + 1;
};

/** motcua's version of a stream whose last revision is `current`. */
export const versionOfCurrent = (current: bigint | 'no_stream'): number => (current === 'no_stream' ? 0 : versionOfRevision(current));

/** The chain fields an event carries in its metadata, beside the caller's own. */
export interface ChainFields {
  readonly globalPosition: number;
  readonly previousHash: string;
  readonly hash: string;
  /** The stream id it was hashed under, when an import moved it (docs/adr/0011-province-in-stream-ids.md). */
  readonly hashedStreamId?: string;
  /** The data is a JSON string (the client hands back malformed JSON as a string too). */
  readonly textData?: true;
}

/** The event sent to the server: data as JSON, metadata with the chain fields added last. */
export const wireEventOf = (event: PreparedEvent, data: unknown, chain: ChainFields): WireEvent => {
  const eventId = event.metadata.eventId;
  if (typeof eventId !== 'string' || eventId.length === 0) throw new TypeError(`event ${event.type} has no eventId`);
  if (CHAIN_KEY in event.metadata) throw new TypeError(`event ${event.type}: metadata key ${CHAIN_KEY} is the store's own`);
  const fields: ChainFields = typeof data === 'string' ? { ...chain, textData: true } : chain;
  return { id: esdbEventId(eventId), type: event.type, data, metadata: Object.assign({}, event.metadata, { [CHAIN_KEY]: fields }) };
};

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);

const chainFieldsOf = (value: unknown): ChainFields | string => {
  if (!isObject(value)) return `metadata has no ${CHAIN_KEY} object`;
  const { globalPosition, previousHash, hash, hashedStreamId, textData } = value;
  if (typeof globalPosition !== 'number' || !Number.isSafeInteger(globalPosition) || globalPosition < 1) return `${CHAIN_KEY}.globalPosition is not a positive integer`;
  if (typeof previousHash !== 'string' || typeof hash !== 'string') return `${CHAIN_KEY} lacks its hashes`;
  if (hashedStreamId !== undefined && typeof hashedStreamId !== 'string') return `${CHAIN_KEY}.hashedStreamId is not a string`;
  return {
    globalPosition,
    previousHash,
    hash,
    ...(hashedStreamId === undefined ? {} : { hashedStreamId }),
    ...(textData === true ? { textData: true as const } : {}),
  };
};

/** A stored event read back: what readers get, and what the chain verifier checks. */
export interface DecodedRecord {
  readonly event: RecordedEvent;
  readonly row: HashChainRow;
}

/**
 * The event the server returned, as motcua recorded it. The JSON texts the hash covers are rebuilt
 * with `JSON.stringify`, which gives back the appended text byte for byte (it wrote it, and reading
 * its output parses to values it writes the same way). A record that is not motcua's, or whose data
 * or metadata does not parse, is a damaged log: `CorruptEventError` names its stream and version.
 */
export const decodeWireRecord = (namespace: string, record: WireRecord): DecodedRecord => {
  const streamId = motcuaStreamId(namespace, record.streamName) ?? record.streamName;
  const streamVersion = versionOfRevision(record.revision);
  const metadata = record.metadata;
  const chain = chainFieldsOf(isObject(metadata) ? metadata[CHAIN_KEY] : undefined);
  const position = typeof chain === 'string' ? 0 : chain.globalPosition;
  const corrupt = (why: string) => new CorruptEventError(streamId, streamVersion, position, why);
  if (!isObject(metadata)) throw corrupt(metadata instanceof Uint8Array ? 'metadata is not valid JSON' : 'metadata is not a JSON object');
  if (typeof chain === 'string') throw corrupt(chain);
  if (!record.isJson) throw corrupt('data is not stored as JSON');
  if (typeof record.data === 'string' && chain.textData !== true) throw corrupt('data is not valid JSON');
  const own: Record<string, unknown> = Object.assign({}, metadata);
  delete own[CHAIN_KEY];
  const problem = metadataProblem(own);
  if (problem !== undefined) throw corrupt(`the stored metadata is damaged: ${problem}`);
  const metadataJson = JSON.stringify(own);
  const dataJson = JSON.stringify(record.data) as string | undefined;
  if (dataJson === undefined) throw corrupt('data is missing');
  own.streamId = streamId;
  own.streamVersion = streamVersion;
  own.globalPosition = chain.globalPosition;
  return {
    event: { type: record.type, data: record.data, metadata: own as unknown as EventMetadata },
    row: {
      globalPosition: chain.globalPosition,
      streamId,
      streamVersion,
      type: record.type,
      dataJson,
      metadataJson,
      previousHash: chain.previousHash,
      hash: chain.hash,
      ...(chain.hashedStreamId === undefined ? {} : { hashedStreamId: chain.hashedStreamId }),
    },
  };
};
