import type { Actor, EventMetadata, LateEntry, RecordedEvent } from './envelope.js';
import { CorruptEventError } from './read-decoded-stream.js';

/*
 * How the stores that keep events as JSON text (SQLite, PostgreSQL) keep an event's metadata, and how
 * they read a row back: one body per event, `[<data>,<metadata>...]`, parsed with a single `JSON.parse`.
 *
 * - compact: `[<data>,<form>,<eventId>,<occurredAt>,<actor.id>,<actor.role>,<tenantId>,<correlationId>,
 *   <causationId>,<recordedAt>(,<ruleSetVersion>,<idempotencyKey>,<commandHash>,<lateEntry.workingDays>,
 *   <lateEntry.minutes>)]`, the optional fields `null` when absent and trailing `null`s left out. `form`
 *   says where `eventId` stood among the metadata's keys: 1 first (the command handler's order), 2 after
 *   the caller's context (the store assigned it). Values need no keys, so the text is shorter and
 *   cheaper to parse than the metadata object.
 * - verbatim: `[<data>,<metadata JSON>]`, for metadata the compact form cannot give back byte for byte
 *   (other keys, another key order, values of other types).
 *
 * The hash chain covers the metadata JSON text as appended (docs/record-as-evidence.md): for a compact row it is
 * `JSON.stringify` of the metadata rebuilt from its values, and `compactMetadataJson` gives a compact
 * form only when that rebuilds the very text hashed.
 *
 * The objects of a decoded event are made by constructors whose instances have `Object.prototype` as
 * their prototype: to a reader they are plain objects (spread, JSON, structuredClone and a deep
 * equality against an object literal see no difference), but V8 does not track them by allocation
 * site as it does object literals. With literals, V8 could decide halfway through a long read that
 * these objects live long and allocate them in the old generation from then on; each one then kept
 * its data and strings alive through every young collection until the next full one, and a read of
 * the whole log spent up to twice the CPU copying them (bench/README.md, the comparison).
 */

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Values = readonly unknown[];

/** Where `eventId` stands among the metadata's keys in the compact form. */
const EVENT_ID_FIRST = 1;
const EVENT_ID_AFTER_CONTEXT = 2;

/** Elements of a compact body without optional fields: data, form and eight metadata values. */
const COMPACT_LENGTH = 10;
/** ... and with all of them. */
const COMPACT_MAX_LENGTH = 15;

/** A function as a constructor of plain objects: its instances' prototype is `Object.prototype`. */
const plain = <C>(init: (...args: never[]) => void): C => {
  init.prototype = Object.prototype;
  return init as unknown as C;
};

/** `actor` of a compact body (`a[4]`, `a[5]`). */
function StoredActorOf(this: Writable<Actor>, a: Values): void {
  this.id = a[4] as Actor['id'];
  this.role = a[5] as Actor['role'];
}

function StoredLateEntryOf(this: Writable<LateEntry>, workingDays: number, minutes: number): void {
  this.workingDays = workingDays;
  this.minutes = minutes;
}

function StoredEventOf(this: Writable<RecordedEvent>, type: string, data: unknown, metadata: EventMetadata): void {
  this.type = type;
  this.data = data;
  this.metadata = metadata;
}

const StoredActor = plain<new (a: Values) => Actor>(StoredActorOf);
const StoredLateEntry = plain<new (workingDays: number, minutes: number) => LateEntry>(StoredLateEntryOf);
const StoredEvent = plain<new (type: string, data: unknown, metadata: EventMetadata) => RecordedEvent>(StoredEventOf);

/** The metadata of a compact body, keys in the order its form names. */
function ContextMetadataOf(this: Record<string, unknown>, a: Values, eventIdFirst: boolean): void {
  if (eventIdFirst) this.eventId = a[2];
  this.occurredAt = a[3];
  this.actor = new StoredActor(a);
  this.tenantId = a[6];
  this.correlationId = a[7];
  this.causationId = a[8];
  if (a[10] !== null && a[10] !== undefined) this.ruleSetVersion = a[10];
  if (a[11] !== null && a[11] !== undefined) this.idempotencyKey = a[11];
  if (a[12] !== null && a[12] !== undefined) this.commandHash = a[12];
  if (a[13] !== null && a[13] !== undefined) this.lateEntry = new StoredLateEntry(a[13] as number, a[14] as number);
  if (!eventIdFirst) this.eventId = a[2];
  this.recordedAt = a[9];
}

const ContextMetadata = plain<new (a: Values, eventIdFirst: boolean) => Record<string, unknown>>(ContextMetadataOf);

/**
 * The caller's context plus `eventId` and `recordedAt` from a compact body's elements (`a[0]` is the
 * data and is not read), in the key order the form names. No check: callers check the elements first.
 */
const metadataOfValues = (a: Values): Record<string, unknown> => new ContextMetadata(a, a[1] === EVENT_ID_FIRST);

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * Why a compact body's elements are not what an append writes, or undefined when they are: the form,
 * eight strings, then optional strings or `null`, and the late entry as two numbers or two `null`s.
 */
const compactProblem = (a: Values): string | undefined => {
  if (a.length < COMPACT_LENGTH || a.length > COMPACT_MAX_LENGTH) return `it has ${a.length} elements`;
  if (a[1] !== EVENT_ID_FIRST && a[1] !== EVENT_ID_AFTER_CONTEXT) return `its form is ${JSON.stringify(a[1])}`;
  for (let i = 2; i < COMPACT_LENGTH; i++) if (typeof a[i] !== 'string') return `element ${i} is ${describe(a[i])}, not a string`;
  for (let i = COMPACT_LENGTH; i < 13 && i < a.length; i++) {
    if (a[i] !== null && typeof a[i] !== 'string') return `element ${i} is ${describe(a[i])}, not a string or null`;
  }
  if (a.length > 13 && (a.length !== COMPACT_MAX_LENGTH || typeof a[13] !== 'number' || typeof a[14] !== 'number')) {
    return 'its late entry is not two numbers';
  }
  return undefined;
};

const text = (value: unknown): string | null | undefined => (value === undefined ? null : typeof value === 'string' ? value : undefined);

/**
 * The compact form of appended metadata as a JSON array of its values (`[<form>,<eventId>,...]`), or
 * undefined when it would not give back `metadataJson` byte for byte: the store then keeps the
 * metadata text verbatim. A store puts the values after the data: `[<data>,` + the text without its `[`.
 */
export const compactMetadataJson = (metadata: Readonly<Record<string, unknown>>, metadataJson: string): string | undefined => {
  let form = EVENT_ID_AFTER_CONTEXT;
  for (const key in metadata) {
    if (key === 'eventId') form = EVENT_ID_FIRST;
    break;
  }
  const actor = metadata.actor as { id?: unknown; role?: unknown } | null | undefined;
  if (actor === null || typeof actor !== 'object') return undefined;
  const { eventId, occurredAt, tenantId, correlationId, causationId, recordedAt } = metadata;
  const { id, role } = actor;
  if (
    typeof eventId !== 'string' ||
    typeof occurredAt !== 'string' ||
    typeof id !== 'string' ||
    typeof role !== 'string' ||
    typeof tenantId !== 'string' ||
    typeof correlationId !== 'string' ||
    typeof causationId !== 'string' ||
    typeof recordedAt !== 'string'
  ) {
    return undefined;
  }
  const ruleSetVersion = text(metadata.ruleSetVersion);
  const idempotencyKey = text(metadata.idempotencyKey);
  const commandHash = text(metadata.commandHash);
  if (ruleSetVersion === undefined || idempotencyKey === undefined || commandHash === undefined) return undefined;
  const late = metadata.lateEntry as { workingDays?: unknown; minutes?: unknown } | null | undefined;
  // The values, optional ones `null` when absent and trailing `null`s left out (a late entry is two numbers, never `null`).
  const a: unknown[] = [null, form, eventId, occurredAt, id, role, tenantId, correlationId, causationId, recordedAt, ruleSetVersion, idempotencyKey, commandHash];
  if (late !== undefined) {
    if (late === null || typeof late !== 'object' || !Number.isFinite(late.workingDays) || !Number.isFinite(late.minutes)) return undefined;
    a.push(late.workingDays, late.minutes);
  } else {
    a.length = COMPACT_LENGTH + (commandHash !== null ? 3 : idempotencyKey !== null ? 2 : ruleSetVersion !== null ? 1 : 0);
  }
  if (JSON.stringify(metadataOfValues(a)) !== metadataJson) return undefined;
  // `[null,` is six characters: the values after the data's place.
  return `[${JSON.stringify(a).slice(6)}`;
};

/**
 * `compactMetadataJson` for metadata known only as its text (a row written before the compact form):
 * undefined when the text is not a JSON object or its values would not give it back byte for byte.
 */
export const compactMetadataJsonOfText = (metadataJson: string): string | undefined => {
  let metadata: unknown;
  try {
    metadata = JSON.parse(metadataJson);
  } catch {
    return undefined;
  }
  return metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? compactMetadataJson(metadata as Record<string, unknown>, metadataJson) : undefined;
};

/**
 * The metadata JSON text a row was hashed over, from its stored metadata: a compact array of values
 * (`compactMetadataJson`) gives the text rebuilt from them, anything else is returned as it stands.
 * A value edited behind the store's back gives a text that no longer matches the row's hash, never an
 * exception.
 */
export const hashedMetadataJson = (stored: string): string => {
  if (!stored.startsWith('[')) return stored;
  try {
    const a = JSON.parse(`[0,${stored.slice(1)}`) as unknown;
    if (Array.isArray(a) && compactProblem(a) === undefined) return JSON.stringify(metadataOfValues(a));
  } catch {
    // Falls through: the text as it stands, which the hash will not match.
  }
  return stored;
};

interface MetadataConstructor {
  new (a: Values, actor: Actor, streamId: string, streamVersion: number, globalPosition: number): EventMetadata;
}

/** Metadata in the command handler's key order: `eventId` first. */
function MetadataEventIdFirstOf(this: Writable<EventMetadata>, a: Values, actor: Actor, streamId: string, streamVersion: number, globalPosition: number): void {
  this.eventId = a[2] as string;
  this.occurredAt = a[3] as string;
  this.actor = actor;
  this.tenantId = a[6] as string;
  this.correlationId = a[7] as string;
  this.causationId = a[8] as string;
  this.recordedAt = a[9] as string;
  this.streamId = streamId;
  this.streamVersion = streamVersion;
  this.globalPosition = globalPosition;
}

/** Metadata whose `eventId` the store assigned: after the caller's context. */
function MetadataEventIdAfterContextOf(this: Writable<EventMetadata>, a: Values, actor: Actor, streamId: string, streamVersion: number, globalPosition: number): void {
  this.occurredAt = a[3] as string;
  this.actor = actor;
  this.tenantId = a[6] as string;
  this.correlationId = a[7] as string;
  this.causationId = a[8] as string;
  this.eventId = a[2] as string;
  this.recordedAt = a[9] as string;
  this.streamId = streamId;
  this.streamVersion = streamVersion;
  this.globalPosition = globalPosition;
}

const MetadataEventIdFirst = plain<MetadataConstructor>(MetadataEventIdFirstOf);
const MetadataEventIdAfterContext = plain<MetadataConstructor>(MetadataEventIdAfterContextOf);

const slowMetadata = (a: unknown[], streamId: string, streamVersion: number, globalPosition: number): EventMetadata => {
  let m: Record<string, unknown>;
  if (a.length === 2) {
    const metadata = a[1];
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new CorruptEventError(streamId, streamVersion, globalPosition, 'metadata is not a JSON object');
    }
    m = metadata as Record<string, unknown>;
  } else {
    const problem = compactProblem(a);
    if (problem !== undefined) throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored metadata is damaged: ${problem}`);
    m = metadataOfValues(a);
  }
  m.streamId = streamId;
  m.streamVersion = streamVersion;
  m.globalPosition = globalPosition;
  return m as unknown as EventMetadata;
};

/**
 * One stored event's body (`[<data>,<metadata>...]`, either form above) back into a `RecordedEvent`,
 * checking what a reader relies on: valid JSON, metadata an object or its values of the right types.
 * A body that fails is the log being damaged or edited by hand: `CorruptEventError` names the stream
 * and version. The stream id, version and global position come from the row's own columns, so they
 * cannot disagree with it.
 */
export const decodeStoredEvent = (body: string, type: string, streamId: string, streamVersion: number, globalPosition: number): RecordedEvent => {
  let a: unknown;
  try {
    a = JSON.parse(body);
  } catch (error) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored event is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(a) || a.length < 2) throw new CorruptEventError(streamId, streamVersion, globalPosition, 'the stored event is not [data, metadata...]');
  // The fast path: the compact form without optional fields, one constructor per key order.
  if (a.length === COMPACT_LENGTH && compactProblem(a) === undefined) {
    const actor = new StoredActor(a);
    const metadata =
      a[1] === EVENT_ID_FIRST
        ? new MetadataEventIdFirst(a, actor, streamId, streamVersion, globalPosition)
        : new MetadataEventIdAfterContext(a, actor, streamId, streamVersion, globalPosition);
    return new StoredEvent(type, a[0], metadata);
  }
  return new StoredEvent(type, a[0], slowMetadata(a, streamId, streamVersion, globalPosition));
};
