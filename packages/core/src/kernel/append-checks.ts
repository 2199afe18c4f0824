import type { t } from '../fp.js';
import { isLeft } from '../fp.js';
import { decodeExact } from './codec.js';
import type { InputIssue } from './errors.js';
import { parseProvinceStreamId } from './tenant.js';

/**
 * The codecs (`{ type, data }`) an append checks its events against, by event type: an event whose
 * type has one is refused unless it matches it exactly (`decodeExact`, no field more or less), since
 * what enters the log stays there (docs/adr/0005-sqlite-store-hash-chain-and-group-commit.md). A type with no codec is taken as it
 * is, as projections ignore the types they have no handler and codec for
 * (read-side/engine/document-projection.ts): an embedder's own types are checked when it gives their
 * codecs. The kernel knows no event type: the stores take the desk's codecs by default.
 */
export type EventCodecs = ReadonlyMap<string, t.Mixed>;

/** No codec: every event's data is taken as it is (a log of an embedder's own events that declares none). */
export const NO_EVENT_CODECS: EventCodecs = new Map();

/**
 * An append refused because one of its events' data does not match its type's codec exactly.
 * Nothing of the append is written.
 */
export class EventDataRefused extends TypeError {
  readonly code = 'EVENT_DATA_REFUSED';
  constructor(
    readonly streamId: string,
    /** The event's index in the append (0 is the first). */
    readonly index: number,
    readonly eventType: string,
    /** Each field at fault, its path from the event (`data.receivingUnitId`). */
    readonly issues: readonly InputIssue[],
  ) {
    super(`event ${index} (${eventType}) of stream ${streamId}: data does not match its codec: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}`);
    this.name = 'EventDataRefused';
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

/** The province a stream id names (`<kind>-<province>:<id>`), or undefined for a stream of another shape, which any province may write. */
export const provinceOfStream = (streamId: string): string | undefined => parseProvinceStreamId(streamId)?.tenantId;

/**
 * Throws unless the `index`th event of an append to `streamId` belongs there: its `tenantId` is the
 * stream's province (`province`, when the stream id names one) and its data, as stored (`dataJson`),
 * matches its type's codec in `codecs` exactly. A type without a codec costs one map look-up.
 */
export const checkAppendedEvent = (
  streamId: string,
  province: string | undefined,
  index: number,
  type: string,
  tenantId: string,
  dataJson: string,
  codecs: EventCodecs,
): void => {
  if (province !== undefined && tenantId !== province) throw new StreamProvinceMismatch(streamId, index, type, province, tenantId);
  const codec = codecs.get(type);
  if (codec === undefined) return;
  let data: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch (error) {
    throw new EventDataRefused(streamId, index, type, [{ field: 'data', rule: 'json', message: `is not JSON text (${(error as Error).message})` }]);
  }
  const decoded = decodeExact(codec, { type, data });
  if (isLeft(decoded)) throw new EventDataRefused(streamId, index, type, decoded.left.issues);
};

/** `JSON.stringify(data)`, or undefined for data that cannot be stored as JSON (a BigInt, a cycle, a function). */
export const dataJsonOf = (data: unknown): string | undefined => {
  try {
    return JSON.stringify(data) as string | undefined;
  } catch {
    return undefined;
  }
};
