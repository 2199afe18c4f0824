/**
 * A batch of appends encoded as one text (`SqliteEventStore.encodeBatch`), so that a program that loads
 * a log can prepare its events on one thread and write them on another (`motcua generate`): a text
 * crosses `postMessage` as a copy of its characters, where the same appends as objects cost a
 * structured clone of every event and a collection of the copies on the writing thread. The text
 * holds each event's stored body (`event-body.ts`) as `appendToStream` makes it (`prepareAppend`: the
 * event's id and recorded time assigned, the metadata compact where it can be); what depends on the
 * log (expected versions, idempotency keys, positions, the hash chain) is done by the write,
 * `SqliteEventStore.appendBatch`.
 *
 * Layout: a JSON header, a line feed, then each event's body one after the other. The header is an
 * array with one array per append, `[<stream id>, <expected version>, (<type>, <data length>, <body length>)...]`.
 * The write checks a text as any input from outside (`decodedAppends`): its framing and types, that each
 * body is `[<data>,<metadata>...]` with its data JSON, and its metadata compact values that give back
 * metadata with the event's id and recorded time (which it hashes) or a JSON object with them and
 * without positions; it stores each body as it stands.
 */
import { checkAppendedEvent, checkStreamId, compactMetadataOfContext, compactMetadataValues, dataJsonOf, parseProvinceStreamId, preparedEvent, type Clock, type ProvinceStreamIdParts, type EventCodecs, type ExpectedVersion, type IdGenerator, type NewEvent, type NewEventJson, type PreparedAppend } from '@motcua/core';
import { eventBody } from './event-body.js';
import type { BatchAppend, BatchAppendOfTexts } from './sqlite-event-store.js';

/** What `SqliteEventStore.encodeBatch` makes and `SqliteEventStore.appendBatch` takes. */
export interface EncodedBatch {
  readonly encoding: typeof ENCODING;
  readonly text: string;
}

/** One event as the batch's transaction inserts it: the texts it is hashed over and its stored body. */
export interface StoredEvent {
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly body: string;
}

/** One stream's events as the batch's transaction checks and inserts them. */
export interface StoredAppend {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly idempotencyKey: string | undefined;
  readonly commandHash: string | undefined;
  readonly events: readonly StoredEvent[];
}

const ENCODING = 'motcua-sqlite-batch/2';

/** An append as prepared by `prepareAppend`, with each event's stored body. */
export const storedAppendOf = (append: PreparedAppend): StoredAppend => ({
  streamId: append.streamId,
  expected: append.expected,
  idempotencyKey: append.idempotencyKey,
  commandHash: append.commandHash,
  events: append.events.map((event) => ({
    type: event.type,
    dataJson: event.dataJson,
    metadataJson: event.metadataJson,
    body: eventBody(event.dataJson, event.metadata, event.metadataJson),
  })),
});

/** The stream an encoded event goes to: its id, the kind, province and id it names and the codecs its events are checked against. */
interface Target {
  readonly streamId: string;
  readonly stream: ProvinceStreamIdParts | undefined;
  readonly codecs: EventCodecs;
}

/**
 * One event's stored body as `appendToStream` stores it: straight from its context when its metadata
 * takes the compact form (`compactMetadataOfContext`), else prepared the long way (`preparedEvent`,
 * which throws `prepareAppend`'s errors); either way checked as `prepareAppend` checks it (`checkAppendedEvent`).
 */
const bodyOf = (
  target: Target,
  index: number,
  event: NewEvent | NewEventJson,
  dataJson: string | undefined,
  recordedAt: string,
  ids: IdGenerator,
): { type: string; dataLength: number; body: string } => {
  const { streamId, stream, codecs } = target;
  const context = event.metadata as NewEvent['metadata'] | null | undefined;
  const objectContext = context !== null && typeof context === 'object';
  const eventId = objectContext ? (context.eventId ?? ids.next()) : undefined;
  if (typeof event.type === 'string' && typeof dataJson === 'string' && eventId !== undefined) {
    const values = compactMetadataOfContext(context as NewEvent['metadata'], eventId, recordedAt);
    if (values !== undefined) {
      checkAppendedEvent(streamId, stream, index, event.type, (context as NewEvent['metadata']).tenantId, dataJson, codecs);
      return { type: event.type, dataLength: dataJson.length, body: `[${dataJson},${values.slice(1)}` };
    }
  }
  // With the id already drawn, if any.
  const prepared = preparedEvent(streamId, index, event.type, event.metadata, dataJson, recordedAt, { next: () => (eventId === undefined ? ids.next() : eventId) });
  checkAppendedEvent(streamId, stream, index, prepared.type, prepared.metadata.tenantId as string, prepared.dataJson, codecs);
  return { type: prepared.type, dataLength: prepared.dataJson.length, body: eventBody(prepared.dataJson, prepared.metadata, prepared.metadataJson) };
};

/**
 * Prepares each append as `appendToStream` does (`prepareAppend`: the same checks, the same errors,
 * thrown before anything is written; `prepareAppendOfTexts` for events whose data is JSON text
 * already) and encodes them as one text, recorded at `clock.now()`.
 */
export const encodeBatch = (appends: readonly (BatchAppend | BatchAppendOfTexts)[], clock: Clock, ids: IdGenerator, codecs: EventCodecs): EncodedBatch => {
  const header = new Array<unknown[]>(appends.length);
  const bodies: string[] = [];
  for (let i = 0; i < appends.length; i++) {
    const append = appends[i] as BatchAppend | BatchAppendOfTexts;
    const { streamId } = append;
    checkStreamId(streamId);
    const target: Target = { streamId, stream: parseProvinceStreamId(streamId), codecs };
    const expected = append.expectedVersion ?? 'any';
    const recordedAt = clock.now().toISOString();
    const count = 'texts' in append ? append.texts.length : append.events.length;
    const entry: unknown[] = [streamId, expected];
    for (let k = 0; k < count; k++) {
      const { type, dataLength, body } =
        'texts' in append
          ? bodyOf(target, k, append.texts[k] as NewEventJson, (append.texts[k] as NewEventJson).dataJson, recordedAt, ids)
          : bodyOf(target, k, append.events[k] as NewEvent, dataJsonOf((append.events[k] as NewEvent).data), recordedAt, ids);
      entry.push(type, dataLength, body.length);
      bodies.push(body);
    }
    header[i] = entry;
  }
  return { encoding: ENCODING, text: `${JSON.stringify(header)}\n${bodies.join('')}` };
};

/** Whether a value is an encoded batch (as opposed to an array of appends). */
export const isEncodedBatch = (value: unknown): value is EncodedBatch =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && (value as { encoding?: unknown }).encoding === ENCODING;

const POSITIONAL = ['streamId', 'streamVersion', 'globalPosition'];

const isLength = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Character codes of the body's framing. */
const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]
const BRACE = 0x7b; // {

/** Which event of a batch is checked, named only in an error. */
interface Where {
  append: number;
  event: number;
  streamId: string;
}

const whereOf = (at: Where): string => `encoded batch: event ${at.event} of append ${at.append} (stream ${at.streamId})`;

/**
 * The metadata text that compact values (the text `rest`, without its brackets) give back, with their
 * idempotency key and command hash; undefined when they are not compact values. The text is the one
 * `hashedMetadataJson` gives (`compactMetadataValues`, kernel/stored-event.ts), made without the
 * metadata object.
 */
export const compactMetadataText = (rest: string): { text: string; idempotencyKey: string | undefined; commandHash: string | undefined } | undefined => {
  const compact = compactMetadataValues(`[${rest}]`);
  if (compact === undefined) return undefined;
  const { values, text } = compact;
  return { text, idempotencyKey: (values[10] as string | null | undefined) ?? undefined, commandHash: (values[11] as string | null | undefined) ?? undefined };
};

/**
 * One event of an encoded batch, checked so that it reads back as what it is hashed as: a body
 * `[<data>,<metadata>...]` whose data is one JSON value, and whose metadata is either compact values
 * that give back metadata with its id and recorded time (the text hashed is the one they give back,
 * `compactMetadataText`), or one JSON object with `eventId` and `recordedAt` and without positions.
 * Also the metadata's idempotency key and command hash, which the first event of an append carries.
 */
const storedEventOf = (type: unknown, body: string, dataLength: number, at: Where): { event: StoredEvent; idempotencyKey: unknown; commandHash: unknown } => {
  if (typeof type !== 'string') throw new TypeError(`${whereOf(at)}: type must be a string`);
  if (body.length < dataLength + 3 || body.charCodeAt(0) !== OPEN || body.charCodeAt(dataLength + 1) !== COMMA || body.charCodeAt(body.length - 1) !== CLOSE) {
    throw new TypeError(`${whereOf(at)}: its body is not [data,metadata...] with its data length`);
  }
  const dataJson = body.slice(1, 1 + dataLength);
  try {
    JSON.parse(dataJson);
  } catch {
    throw new TypeError(`${whereOf(at)}: its data is not JSON`);
  }
  const rest = body.slice(dataLength + 2, -1);
  if (rest.charCodeAt(0) !== BRACE) {
    const compact = compactMetadataText(rest);
    if (compact === undefined) throw new TypeError(`${whereOf(at)}: its metadata is neither compact values nor a JSON object`);
    return { event: { type, dataJson, metadataJson: compact.text, body }, idempotencyKey: compact.idempotencyKey, commandHash: compact.commandHash };
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(rest);
  } catch {
    metadata = undefined;
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata) || !('eventId' in metadata) || !('recordedAt' in metadata) || POSITIONAL.some((key) => key in metadata)) {
    throw new TypeError(`${whereOf(at)}: its metadata is not a JSON object with eventId and recordedAt, without streamId, streamVersion and globalPosition`);
  }
  const { idempotencyKey, commandHash } = metadata as Record<string, unknown>;
  return { event: { type, dataJson, metadataJson: rest, body }, idempotencyKey, commandHash };
};

/** The appends of a batch as its write reads them: `at(i)` is append `i`. */
export interface StoredAppends {
  readonly length: number;
  at(index: number): StoredAppend;
}

/** Appends already prepared (`storedAppendOf`). */
export const storedAppends = (appends: readonly StoredAppend[]): StoredAppends => ({ length: appends.length, at: (index) => appends[index] as StoredAppend });

/**
 * The appends of an encoded batch (see the header of this file). Its framing is checked at once: the
 * header, each append's stream id and expected version, and that the events' lengths fill the text.
 * Each append's events are checked when the write reads it (`at`), inside its transaction, so that a
 * batch's decoded events (their metadata texts above all) are garbage once inserted rather than kept,
 * with the whole batch, through the collections of the young generation that the batch's write takes
 * (docs/operations/sizing.md). A text that is not one throws a `TypeError` naming the append and
 * event, here or from `at`, whose throw rolls the transaction back: nothing is written either way.
 */
export const decodedAppends = (batch: EncodedBatch): StoredAppends => {
  const { text } = batch;
  if (typeof text !== 'string') throw new TypeError('encoded batch: text must be a string');
  const newline = text.indexOf('\n');
  let header: unknown;
  try {
    header = newline < 0 ? undefined : JSON.parse(text.slice(0, newline));
  } catch {
    header = undefined;
  }
  if (!Array.isArray(header)) throw new TypeError('encoded batch: it does not start with a header (a JSON array and a line feed)');
  const entries = header as unknown[][];
  // Where each append's first body starts in the text.
  const starts = new Array<number>(entries.length);
  const at: Where = { append: 0, event: 0, streamId: '' };
  let offset = newline + 1;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as unknown;
    if (!Array.isArray(entry) || entry.length < 2 || (entry.length - 2) % 3 !== 0) {
      throw new TypeError(`encoded batch: append ${i} is not [streamId, expectedVersion, (type, data length, body length)...]`);
    }
    const streamId = entry[0] as unknown;
    const expected = entry[1] as unknown;
    if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError(`encoded batch: append ${i}: streamId must be a non-empty string`);
    if (expected !== 'any' && expected !== 'no-stream' && typeof expected !== 'number') {
      throw new TypeError(`encoded batch: append ${i} (stream ${streamId}): expected version must be 'any', 'no-stream' or a number`);
    }
    starts[i] = offset;
    at.append = i;
    at.streamId = streamId;
    for (let k = 0; k < (entry.length - 2) / 3; k++) {
      at.event = k;
      const dataLength = entry[3 + 3 * k] as unknown;
      const bodyLength = entry[4 + 3 * k] as unknown;
      if (!isLength(dataLength) || !isLength(bodyLength) || offset + bodyLength > text.length) {
        throw new TypeError(`${whereOf(at)}: its lengths do not fit the text`);
      }
      offset += bodyLength;
    }
  }
  if (offset !== text.length) throw new TypeError(`encoded batch: ${text.length - offset} characters after the last event`);
  return { length: entries.length, at: (index) => decodedAppend(text, entries[index] as unknown[], starts[index] as number, index) };
};

/** Append `index` of an encoded batch whose framing `decodedAppends` checked, its events checked. */
const decodedAppend = (text: string, entry: unknown[], start: number, index: number): StoredAppend => {
  const streamId = entry[0] as string;
  const events = new Array<StoredEvent>((entry.length - 2) / 3);
  const at: Where = { append: index, event: 0, streamId };
  let idempotencyKey: unknown;
  let commandHash: unknown;
  let offset = start;
  for (let k = 0; k < events.length; k++) {
    at.event = k;
    const end = offset + (entry[4 + 3 * k] as number);
    const stored = storedEventOf(entry[2 + 3 * k], text.slice(offset, end), entry[3 + 3 * k] as number, at);
    offset = end;
    events[k] = stored.event;
    if (k === 0) {
      // As `prepareAppend` takes them: from the first event's metadata.
      idempotencyKey = stored.idempotencyKey;
      commandHash = stored.commandHash;
    }
  }
  if ((idempotencyKey !== undefined && typeof idempotencyKey !== 'string') || (commandHash !== undefined && typeof commandHash !== 'string')) {
    throw new TypeError(`encoded batch: append ${index} (stream ${streamId}): idempotencyKey and commandHash must be strings`);
  }
  return { streamId, expected: entry[1] as ExpectedVersion, idempotencyKey, commandHash, events };
};
