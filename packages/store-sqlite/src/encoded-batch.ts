/**
 * A batch of appends encoded as one text (`SqliteEventStore.encodeBatch`), so that a program that loads
 * a log can prepare its events on one thread and write them on another (`motcua generate`): a text
 * crosses `postMessage` as a copy of its characters, where the same appends as objects cost a
 * structured clone of every event and a collection of the copies on the writing thread. The text
 * holds what `prepareAppend` makes of each event for `appendToStream` (its data and metadata JSON,
 * the event's id and recorded time assigned); what depends on the log (expected versions, idempotency
 * keys, positions, the hash chain) is done by the write, `SqliteEventStore.appendBatch`.
 *
 * Layout: a JSON header, a line feed, then each event's data and metadata texts one after the other.
 * The header is an array with one array per append,
 * `[<stream id>, <expected version>, (<type>, <data length>, <metadata length>)...]`.
 * The write checks a text as any input from outside (`decodeBatch`): its framing and types, that each
 * data text is JSON, and that each metadata text is an object with the event's id and recorded time
 * and no positions; it stores each event in the form `appendToStream` does (`eventBody`).
 */
import { prepareAppend, prepareAppendOfTexts, type Clock, type ExpectedVersion, type IdGenerator, type PreparedAppend } from '@motcua/core';
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

const ENCODING = 'motcua-sqlite-batch/1';

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

/**
 * Prepares each append as `appendToStream` does (`prepareAppend`: the same checks, the same errors,
 * thrown before anything is written; `prepareAppendOfTexts` for events whose data is JSON text
 * already) and encodes them as one text, recorded at `clock.now()`.
 */
export const encodeBatch = (appends: readonly (BatchAppend | BatchAppendOfTexts)[], clock: Clock, ids: IdGenerator): EncodedBatch => {
  const header = new Array<unknown[]>(appends.length);
  const texts: string[] = [];
  for (let i = 0; i < appends.length; i++) {
    const append = appends[i] as BatchAppend | BatchAppendOfTexts;
    const { streamId, expectedVersion } = append;
    const prepared =
      'texts' in append
        ? prepareAppendOfTexts(streamId, append.texts, expectedVersion ?? 'any', clock, ids)
        : prepareAppend(streamId, append.events, expectedVersion ?? 'any', clock, ids);
    const entry: unknown[] = [streamId, prepared.expected];
    for (const event of prepared.events) {
      entry.push(event.type, event.dataJson.length, event.metadataJson.length);
      texts.push(event.dataJson, event.metadataJson);
    }
    header[i] = entry;
  }
  return { encoding: ENCODING, text: `${JSON.stringify(header)}\n${texts.join('')}` };
};

/** Whether a value is an encoded batch (as opposed to an array of appends). */
export const isEncodedBatch = (value: unknown): value is EncodedBatch =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && (value as { encoding?: unknown }).encoding === ENCODING;

const POSITIONAL = ['streamId', 'streamVersion', 'globalPosition'];

const isLength = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * One event of an encoded batch, checked as `prepareAppend` checks its input: its data is JSON, its
 * metadata an object with `eventId` and `recordedAt` and without positions. Its stored body is made
 * as for `appendToStream` (`eventBody`).
 */
const storedEventOf = (type: unknown, dataJson: string, metadataJson: string, where: string): { event: StoredEvent; metadata: Record<string, unknown> } => {
  if (typeof type !== 'string') throw new TypeError(`${where}: type must be a string`);
  try {
    JSON.parse(dataJson);
  } catch {
    throw new TypeError(`${where}: its data is not JSON`);
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(metadataJson);
  } catch {
    metadata = undefined;
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata) || !('eventId' in metadata) || !('recordedAt' in metadata) || POSITIONAL.some((key) => key in metadata)) {
    throw new TypeError(`${where}: its metadata is not a JSON object with eventId and recordedAt, without streamId, streamVersion and globalPosition`);
  }
  const record = metadata as Record<string, unknown>;
  return { event: { type, dataJson, metadataJson, body: eventBody(dataJson, record, metadataJson) }, metadata: record };
};

/**
 * The appends of an encoded batch, each event checked (see the header of this file). A text that is
 * not one throws a `TypeError` naming the append and event, before anything is written.
 */
export const decodeBatch = (batch: EncodedBatch): StoredAppend[] => {
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
  const appends = new Array<StoredAppend>(header.length);
  let offset = newline + 1;
  for (let i = 0; i < header.length; i++) {
    const entry = header[i] as unknown;
    if (!Array.isArray(entry) || entry.length < 2 || (entry.length - 2) % 3 !== 0) {
      throw new TypeError(`encoded batch: append ${i} is not [streamId, expectedVersion, (type, data length, metadata length)...]`);
    }
    const streamId = entry[0] as unknown;
    const expected = entry[1] as unknown;
    if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError(`encoded batch: append ${i}: streamId must be a non-empty string`);
    if (expected !== 'any' && expected !== 'no-stream' && typeof expected !== 'number') {
      throw new TypeError(`encoded batch: append ${i} (stream ${streamId}): expected version must be 'any', 'no-stream' or a number`);
    }
    const events = new Array<StoredEvent>((entry.length - 2) / 3);
    let first: Record<string, unknown> | undefined;
    for (let k = 0; k < events.length; k++) {
      const where = `encoded batch: event ${k} of append ${i} (stream ${streamId})`;
      const dataLength = entry[3 + 3 * k] as unknown;
      const metadataLength = entry[4 + 3 * k] as unknown;
      if (!isLength(dataLength) || !isLength(metadataLength) || offset + dataLength + metadataLength > text.length) {
        throw new TypeError(`${where}: its lengths do not fit the text`);
      }
      const dataEnd = offset + dataLength;
      offset = dataEnd + metadataLength;
      const { event, metadata } = storedEventOf(entry[2 + 3 * k], text.slice(dataEnd - dataLength, dataEnd), text.slice(dataEnd, offset), where);
      events[k] = event;
      first ??= metadata;
    }
    // As `prepareAppend` takes them: from the first event's metadata.
    const idempotencyKey = first?.idempotencyKey;
    const commandHash = first?.commandHash;
    if ((idempotencyKey !== undefined && typeof idempotencyKey !== 'string') || (commandHash !== undefined && typeof commandHash !== 'string')) {
      throw new TypeError(`encoded batch: append ${i} (stream ${streamId}): idempotencyKey and commandHash must be strings`);
    }
    appends[i] = { streamId, expected, idempotencyKey, commandHash, events };
  }
  if (offset !== text.length) throw new TypeError(`encoded batch: ${text.length - offset} characters after the last event`);
  return appends;
};
