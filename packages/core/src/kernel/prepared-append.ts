import type { EventMetadata, NewEvent, RecordedEvent } from './envelope.js';
import { actorProblem } from './actor.js';
import type { AppendResult, ExpectedVersion } from './event-store.js';
import type { Clock, IdGenerator } from './ports.js';
import { checkAppendedEvent, dataJsonOf, EventMetadataRefused, type EventCodecs } from './append-checks.js';
import { eventMetadataIssues, isEventContext } from './event-metadata.js';
import { compactValues } from './stored-event.js';
import { parseProvinceStreamId } from './tenant.js';

// The serialising half of an append, shared by the stores that write events as JSON text (SQLite,
// PostgreSQL): what they store, hash and hand back must be the same bytes in every adapter.

/** One event ready for the INSERT: everything but its positions and hashes, which the transaction assigns. */
export interface PreparedEvent {
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  /** The stored metadata (caller's context + eventId + recordedAt), reused for the append's result. */
  readonly metadata: Record<string, unknown>;
}

export interface PreparedAppend {
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
  readonly idempotencyKey: string | undefined;
  readonly commandHash: string | undefined;
}

/** Filled in from the row's columns on every read, so never stored in the metadata JSON. */
const positional = (metadata: object): boolean => 'streamId' in metadata || 'streamVersion' in metadata || 'globalPosition' in metadata;

/**
 * An event whose data is already its JSON text, `JSON.stringify(data)`: a program that generates events
 * by the million serialises each one once, when it makes it, and keeps the text rather than the object
 * (`prepareAppendOfTexts`). The text is outside input to the store like any other: it is checked when written.
 */
export interface NewEventJson {
  readonly type: string;
  readonly dataJson: string;
  readonly metadata: NewEvent['metadata'];
}

/**
 * One event of an append (the `index`th of stream `streamId`), its data serialised (`dataJson`
 * undefined: the data cannot be stored as JSON); throws as `prepareAppend` does.
 */
export const preparedEvent = (
  streamId: string,
  index: number,
  type: unknown,
  context: NewEvent['metadata'],
  dataJson: string | undefined,
  recordedAt: string,
  ids: IdGenerator,
): PreparedEvent => {
  if (typeof type !== 'string') throw new TypeError(`event ${index} of stream ${streamId}: type must be a string`);
  if (context === null || typeof context !== 'object') {
    throw new TypeError(`event ${index} (${type}) of stream ${streamId}: metadata must be an object`);
  }
  // Object.assign, not spread: spreading with extra keys is ~10x slower on Node 20.
  const metadata: Record<string, unknown> = Object.assign({}, context as object, { eventId: context.eventId ?? ids.next(), recordedAt });
  if (positional(context)) {
    for (const key of ['streamId', 'streamVersion', 'globalPosition'] satisfies (keyof EventMetadata)[]) delete metadata[key];
  }
  const issues = eventMetadataIssues(metadata);
  if (issues !== undefined) throw new EventMetadataRefused(streamId, index, type, issues);
  if (typeof dataJson !== 'string') {
    throw new TypeError(`event ${index} (${type}) of stream ${streamId}: data cannot be stored as JSON`);
  }
  return { type, dataJson, metadataJson: JSON.stringify(metadata), metadata };
};

const preparedAppendOf = (streamId: string, expected: ExpectedVersion, events: readonly PreparedEvent[], first: NewEvent['metadata'] | undefined): PreparedAppend => ({
  streamId,
  expected,
  events,
  idempotencyKey: first?.idempotencyKey,
  commandHash: first?.commandHash,
});

/**
 * Serialises an append before the write transaction starts, so the log's lock is held only for SQL and
 * hashing, and an event that cannot be stored (data that is not JSON, a type that is not a string,
 * metadata that `EventMetadataCodec` does not accept exactly, kernel/event-metadata.ts) or does not belong in the stream (`checkAppendedEvent`: data that
 * does not match its type's codec in `codecs`, a `tenantId` other than the stream's province) fails
 * the call before anything is written.
 */
export const prepareAppend = (
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
  clock: Clock,
  ids: IdGenerator,
  codecs: EventCodecs,
): PreparedAppend => prepareEvents(streamId, events, expected, clock, ids, codecs, (event) => dataJsonOf(event.data));

/**
 * `prepareAppend` of events whose data is given as JSON text (`NewEventJson`), taken as it stands:
 * the same metadata, ids, recorded time and errors. A text that is not JSON is the writer's to refuse.
 */
export const prepareAppendOfTexts = (
  streamId: string,
  events: readonly NewEventJson[],
  expected: ExpectedVersion,
  clock: Clock,
  ids: IdGenerator,
  codecs: EventCodecs,
): PreparedAppend => prepareEvents(streamId, events, expected, clock, ids, codecs, (event) => event.dataJson);

/** Throws unless `streamId` is a stream id an append can name (a non-empty string): every way of preparing an append checks it so. */
export const checkStreamId: (streamId: unknown) => asserts streamId is string = (streamId) => {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
};

/** An append's events prepared with one recorded time, each event's data serialised by `jsonOf`. */
const prepareEvents = <E extends { readonly type: string; readonly metadata: NewEvent['metadata'] }>(
  streamId: string,
  events: readonly E[],
  expected: ExpectedVersion,
  clock: Clock,
  ids: IdGenerator,
  codecs: EventCodecs,
  jsonOf: (event: E) => string | undefined,
): PreparedAppend => {
  checkStreamId(streamId);
  const recordedAt = clock.now().toISOString();
  const stream = parseProvinceStreamId(streamId);
  const prepared = events.map((event, index) => {
    const next = preparedEvent(streamId, index, event.type, event.metadata, jsonOf(event), recordedAt, ids);
    checkAppendedEvent(streamId, stream, index, next.type, next.metadata.tenantId as string, next.dataJson, codecs);
    return next;
  });
  return preparedAppendOf(streamId, expected, prepared, events[0]?.metadata);
};

/**
 * The result of a committed append. Its `events` are built on first access (parsed back from the
 * stored JSON, so they equal what a read returns): most callers only need the versions.
 */
export const preparedAppendResult = (append: PreparedAppend, firstVersion: number, firstPosition: number): AppendResult => {
  const { streamId, events } = append;
  let recorded: RecordedEvent[] | undefined;
  return {
    streamId,
    nextExpectedVersion: firstVersion + events.length - 1,
    lastGlobalPosition: firstPosition + events.length - 1,
    get events(): readonly RecordedEvent[] {
      recorded ??= events.map((event, i) => ({
        type: event.type,
        data: JSON.parse(event.dataJson) as unknown,
        metadata: Object.assign({}, event.metadata, {
          streamId,
          streamVersion: firstVersion + i,
          globalPosition: firstPosition + i,
        }) as unknown as EventMetadata,
      }));
      return recorded;
    },
  };
};

/** The keys a context may have after its required ones, in the order of the compact form's values. */
const OPTIONAL_KEYS = ['ruleSetVersion', 'idempotencyKey', 'commandHash', 'lateEntry'] as const;
const REQUIRED_KEYS = ['occurredAt', 'actor', 'tenantId', 'correlationId', 'causationId'] as const;

/** A plain object (its prototype `Object.prototype` or none: nothing a `toJSON` could come from). */
const isPlain = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** A plain object with exactly these own keys, in this order. */
const hasKeys = (value: unknown, keys: readonly string[]): value is Record<string, unknown> => {
  if (!isPlain(value)) return false;
  const own = Object.keys(value);
  if (own.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (own[i] !== keys[i]) return false;
  return true;
};

/**
 * The compact values (`compactMetadataJson`, kernel/stored-event.ts) of the metadata an append stores
 * for an event of `context`, which `preparedEvent` makes as `context` with its `eventId` (`eventId`
 * when it has none) and `recordedAt`, without making that object or its text: for a writer that
 * stores bodies prepared elsewhere (`motcua generate`). Undefined unless the context has exactly the keys the compact form gives back,
 * in its order, with values of its types; the caller then prepares the event the long way.
 */
export const compactMetadataOfContext = (context: NewEvent['metadata'], eventId: string, recordedAt: string): string | undefined => {
  if (!isPlain(context)) return undefined;
  const id = context.eventId ?? eventId;
  if (typeof id !== 'string') return undefined;
  const keys = Object.keys(context);
  // `eventId` first stays first (form 1); absent, it is added after the context (form 2).
  const first = keys[0] === 'eventId' ? 1 : 0;
  if (keys.length < first + REQUIRED_KEYS.length) return undefined;
  for (let k = 0; k < REQUIRED_KEYS.length; k++) if (keys[first + k] !== REQUIRED_KEYS[k]) return undefined;
  let next = 0;
  for (let k = first + REQUIRED_KEYS.length; k < keys.length; k++) {
    while (next < OPTIONAL_KEYS.length && OPTIONAL_KEYS[next] !== keys[k]) next++;
    if (next === OPTIONAL_KEYS.length) return undefined;
    next++;
  }
  const c = context as unknown as Record<string, unknown>;
  if (!isEventContext(c)) return undefined;
  const { occurredAt, actor, tenantId, correlationId, causationId } = c;
  if (typeof occurredAt !== 'string' || typeof tenantId !== 'string' || typeof correlationId !== 'string' || typeof causationId !== 'string') return undefined;
  if (!hasKeys(actor, ['id', 'role']) || actorProblem(actor) !== undefined) return undefined;
  const { ruleSetVersion, idempotencyKey, commandHash, lateEntry } = c;
  if ((ruleSetVersion !== undefined && typeof ruleSetVersion !== 'string') || (idempotencyKey !== undefined && typeof idempotencyKey !== 'string') || (commandHash !== undefined && typeof commandHash !== 'string')) {
    return undefined;
  }
  if (lateEntry !== undefined && (!hasKeys(lateEntry, ['workingDays', 'minutes']) || !Number.isFinite(lateEntry.workingDays) || !Number.isFinite(lateEntry.minutes))) return undefined;
  const actorOf = actor as { readonly id: string; readonly role: string };
  const late = lateEntry as { readonly workingDays: number; readonly minutes: number } | undefined;
  return JSON.stringify(compactValues(first === 1, id, occurredAt, actorOf, tenantId, correlationId, causationId, recordedAt, ruleSetVersion ?? null, idempotencyKey ?? null, commandHash ?? null, late));
};
