import type { t } from '../fp.js';
import { isLeft } from '../fp.js';
import { decodeExact } from './codec.js';
import type { InputIssue } from './errors.js';
import type { ProvinceStreamIdParts } from './tenant.js';

/**
 * Where the events of a type belong: the streams `<kind>-<province>:<id>` (docs/adr/0011-province-in-stream-ids.md)
 * whose `<id>` is the event's `data[idField]` (a dossier's events in its own dossier stream).
 */
export interface EventStreamKind {
  /** The stream kind, e.g. `dossier`: the part of the stream id before its first `-`. */
  readonly kind: string;
  /** The data field holding the id of the entity the stream is about, e.g. `dossierCode`. */
  readonly idField: string;
}

/** An event type's codec (`{ type, data }`); a type of one kind of stream also says which (`stream`). */
export type EventCodec = t.Mixed & { readonly stream?: EventStreamKind };

/**
 * The codecs (`{ type, data }`) an append checks its events against, by event type: an event whose
 * type has one is refused unless it matches it exactly (`decodeExact`, no field more or less), since
 * what enters the log stays there (docs/adr/0005-sqlite-store-hash-chain-and-group-commit.md). A type with no codec is taken as it
 * is, as projections ignore the types they have no handler and codec for
 * (read-side/engine/document-projection.ts): an embedder's own types are checked when it gives their
 * codecs. A codec with a `stream` kind also keeps its events to their own streams. The kernel knows
 * no event type: the stores take the desk's codecs by default.
 */
export type EventCodecs = ReadonlyMap<string, EventCodec>;

/** `codec` saying the kind of stream its events belong to: the same codec to every reader, with `stream` beside it. */
export const withStreamKind = (codec: t.Mixed, stream: EventStreamKind): EventCodec => Object.assign(Object.create(codec) as t.Mixed, { stream });

/** No codec: every event's data is taken as it is (a log of an embedder's own events that declares none). */
export const NO_EVENT_CODECS: EventCodecs = new Map();

/**
 * An append refused because of one of its events, with each field at fault: what the refusals of an
 * event's data, metadata and stream share. Nothing of the append is written.
 */
export abstract class AppendedEventRefused extends TypeError {
  abstract readonly code: string;
  constructor(
    readonly streamId: string,
    /** The event's index in the append (0 is the first). */
    readonly index: number,
    readonly eventType: string,
    /** Each field at fault, its path from the event (`data.receivingUnitId`, `metadata.occurredAt`, `type`). */
    readonly issues: readonly InputIssue[],
    what: string,
  ) {
    super(`event ${index} (${eventType}) of stream ${streamId}: ${what}: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}`);
  }
}

/**
 * An append refused because one of its events' data does not match its type's codec exactly.
 * Nothing of the append is written.
 */
export class EventDataRefused extends AppendedEventRefused {
  readonly code = 'EVENT_DATA_REFUSED';
  constructor(streamId: string, index: number, eventType: string, issues: readonly InputIssue[]) {
    super(streamId, index, eventType, issues, 'data does not match its codec');
    this.name = 'EventDataRefused';
  }
}

/**
 * An append refused because one of its events' metadata is not what `EventMetadataCodec` accepts
 * exactly (kernel/event-metadata.ts): a key it does not name, an `occurredAt` that is no real instant,
 * an empty id. What a store accepts can always be exported, imported and migrated. Nothing of the
 * append is written.
 */
export class EventMetadataRefused extends AppendedEventRefused {
  readonly code = 'EVENT_METADATA_REFUSED';
  constructor(streamId: string, index: number, eventType: string, issues: readonly InputIssue[]) {
    super(streamId, index, eventType, issues, 'metadata does not match its codec');
    this.name = 'EventMetadataRefused';
  }
}

/**
 * An append refused because one of its events does not belong in its stream: an event of another
 * kind of stream (a unit's event in a dossier stream, `type`), or about another entity than the
 * stream's (`data.code` naming unit u1 in stream `unit-<province>:u9`). Its stream could no longer be
 * loaded, nor any later fact of it recorded. Nothing of the append is written.
 */
export class EventStreamMismatch extends AppendedEventRefused {
  readonly code = 'EVENT_STREAM_MISMATCH';
  constructor(streamId: string, index: number, eventType: string, issues: readonly InputIssue[]) {
    super(streamId, index, eventType, issues, 'it does not belong in the stream');
    this.name = 'EventStreamMismatch';
  }
}

/**
 * An append refused because one of its events' metadata names another province (`tenantId`) than its
 * stream id does (docs/adr/0011-province-in-stream-ids.md). Nothing of the append is written.
 */
export class StreamProvinceMismatch extends TypeError {
  readonly code = 'STREAM_PROVINCE_MISMATCH';
  constructor(
    readonly streamId: string,
    readonly index: number,
    readonly eventType: string,
    /** The province the stream id names. */
    readonly streamProvince: string,
    /** The event's `tenantId`. */
    readonly tenantId: string,
  ) {
    super(`event ${index} (${eventType}) of stream ${streamId}: its tenantId ${JSON.stringify(tenantId)} is not the stream's province ${streamProvince}`);
    this.name = 'StreamProvinceMismatch';
  }
}

/**
 * Throws unless the `index`th event of an append to `streamId` belongs there: its `tenantId` is the
 * stream's province (when the stream id names one, `stream`: its parts, `parseProvinceStreamId`; a stream id of another shape, undefined, takes any province and any event type, docs/adr/0011-province-in-stream-ids.md), its data, as
 * stored (`dataJson`), matches its type's codec in `codecs` exactly and, when the codec says the kind
 * of stream its events belong to, the stream is of that kind and about the entity its data names.
 * A type without a codec costs one map look-up.
 */
export const checkAppendedEvent = (
  streamId: string,
  stream: ProvinceStreamIdParts | undefined,
  index: number,
  type: string,
  tenantId: string,
  dataJson: string,
  codecs: EventCodecs,
): void => {
  if (stream !== undefined && tenantId !== stream.tenantId) throw new StreamProvinceMismatch(streamId, index, type, stream.tenantId, tenantId);
  const codec = codecs.get(type);
  if (codec === undefined) return;
  const kind = stream === undefined ? undefined : codec.stream;
  if (kind !== undefined && kind.kind !== stream?.kind) {
    throw new EventStreamMismatch(streamId, index, type, [{ field: 'type', rule: 'stream-kind', message: `is an event of ${kind.kind} streams, not of ${stream?.kind ?? ''} streams` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch (error) {
    throw new EventDataRefused(streamId, index, type, [{ field: 'data', rule: 'json', message: `is not JSON text (${(error as Error).message})` }]);
  }
  const decoded = decodeExact(codec, { type, data });
  if (isLeft(decoded)) throw new EventDataRefused(streamId, index, type, decoded.left.issues);
  const id = kind === undefined ? undefined : (data as Record<string, unknown>)[kind.idField];
  if (kind !== undefined && id !== stream?.id) {
    throw new EventStreamMismatch(streamId, index, type, [
      { field: `data.${kind.idField}`, rule: 'stream-id', message: `is ${JSON.stringify(id)}, not the id of the stream's ${kind.kind}, ${JSON.stringify(stream?.id)}` },
    ]);
  }
};

/** `JSON.stringify(data)`, or undefined for data that cannot be stored as JSON (a BigInt, a cycle, a function). */
export const dataJsonOf = (data: unknown): string | undefined => {
  try {
    return JSON.stringify(data) as string | undefined;
  } catch {
    return undefined;
  }
};
