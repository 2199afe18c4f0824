import type { Actor, EventMetadata, LateEntry, RecordedEvent } from './envelope.js';
import { CorruptEventError } from './read-decoded-stream.js';

/*
 * How the stores that keep events as JSON text (SQLite, PostgreSQL) keep an event's metadata, and how
 * they read a row back: one body per event, `[<data>,<metadata>...]`, parsed with a single `JSON.parse`
 * (SQLite), or its two parts in columns of their own, `<data>` and `[<metadata>...]`, parsed apart
 * (PostgreSQL, `decodeStoredEventParts`).
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

/**
 * Where the form stands in an array of compact values: after the data in a body, or first in the
 * values alone (a store keeping the metadata in a column of its own). Indices below count from it.
 */
type Start = 0 | 1;
const IN_BODY: Start = 1;

/** A function as a constructor of plain objects: its instances' prototype is `Object.prototype`. */
const plain = <C>(init: (...args: never[]) => void): C => {
  init.prototype = Object.prototype;
  return init as unknown as C;
};

/** `actor` of compact values (`a[o + 3]`, `a[o + 4]`). */
function StoredActorOf(this: Writable<Actor>, a: Values, o: Start): void {
  this.id = a[o + 3] as Actor['id'];
  this.role = a[o + 4] as Actor['role'];
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

const StoredActor = plain<new (a: Values, o: Start) => Actor>(StoredActorOf);
const StoredLateEntry = plain<new (workingDays: number, minutes: number) => LateEntry>(StoredLateEntryOf);
const StoredEvent = plain<new (type: string, data: unknown, metadata: EventMetadata) => RecordedEvent>(StoredEventOf);

/** The metadata of compact values, keys in the order its form names. */
function ContextMetadataOf(this: Record<string, unknown>, a: Values, o: Start): void {
  const eventIdFirst = a[o] === EVENT_ID_FIRST;
  if (eventIdFirst) this.eventId = a[o + 1];
  this.occurredAt = a[o + 2];
  this.actor = new StoredActor(a, o);
  this.tenantId = a[o + 5];
  this.correlationId = a[o + 6];
  this.causationId = a[o + 7];
  if (a[o + 9] !== null && a[o + 9] !== undefined) this.ruleSetVersion = a[o + 9];
  if (a[o + 10] !== null && a[o + 10] !== undefined) this.idempotencyKey = a[o + 10];
  if (a[o + 11] !== null && a[o + 11] !== undefined) this.commandHash = a[o + 11];
  if (a[o + 12] !== null && a[o + 12] !== undefined) this.lateEntry = new StoredLateEntry(a[o + 12] as number, a[o + 13] as number);
  if (!eventIdFirst) this.eventId = a[o + 1];
  this.recordedAt = a[o + 8];
}

const ContextMetadata = plain<new (a: Values, o: Start) => Record<string, unknown>>(ContextMetadataOf);

/**
 * The caller's context plus `eventId` and `recordedAt` from compact values whose form stands at `o`
 * (in a body, `a[0]` is the data and is not read), in the key order the form names. No check: callers
 * check the elements first.
 */
const metadataOfValues = (a: Values, o: Start): Record<string, unknown> => new ContextMetadata(a, o);

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * Why compact values whose form stands at `o` are not what an append writes, or undefined when they
 * are: the form, eight strings, then optional strings or `null`, and the late entry as two numbers or
 * two `null`s. Elements are named by their place in a body (the data being element 0) wherever the
 * values are kept, so a damaged row reads the same from either store.
 */
const compactProblem = (a: Values, o: Start): string | undefined => {
  const length = a.length + IN_BODY - o;
  if (length < COMPACT_LENGTH || length > COMPACT_MAX_LENGTH) return `it has ${length} elements`;
  if (a[o] !== EVENT_ID_FIRST && a[o] !== EVENT_ID_AFTER_CONTEXT) return `its form is ${JSON.stringify(a[o])}`;
  const shift = o - IN_BODY;
  for (let i = 2; i < COMPACT_LENGTH; i++) if (typeof a[i + shift] !== 'string') return `element ${i} is ${describe(a[i + shift])}, not a string`;
  for (let i = COMPACT_LENGTH; i < 13 && i < length; i++) {
    const value = a[i + shift];
    if (value !== null && typeof value !== 'string') return `element ${i} is ${describe(value)}, not a string or null`;
  }
  if (length > 13 && (length !== COMPACT_MAX_LENGTH || typeof a[13 + shift] !== 'number' || typeof a[14 + shift] !== 'number')) {
    return 'its late entry is not two numbers';
  }
  return undefined;
};

/** A string of compact values as its JSON text, when their text holds no escape (see `metadataTextOfValues`). */
const quoted = (value: unknown): string => `"${value as string}"`;

const given = (value: unknown): boolean => value !== null && value !== undefined;

/** Whether a text has no lone surrogate (`String.prototype.isWellFormed`, Node 20). */
const wellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * The metadata JSON text of checked compact values whose form stands at `o`: what `JSON.stringify` gives
 * of the metadata they hold (`metadataOfValues`, keys in the order `ContextMetadataOf` sets them),
 * joined key by key without making the object. With `raw`, each string stands between quotes as it
 * is: its JSON text when the values' text held no backslash and no lone surrogate (a string
 * JSON.stringify would escape held one).
 */
const metadataTextOfValues = (a: Values, o: Start, raw: boolean): string => {
  const q = raw ? quoted : JSON.stringify;
  const eventIdFirst = a[o] === EVENT_ID_FIRST;
  let text = eventIdFirst ? `{"eventId":${q(a[o + 1])},"occurredAt":${q(a[o + 2])}` : `{"occurredAt":${q(a[o + 2])}`;
  text += `,"actor":{"id":${q(a[o + 3])},"role":${q(a[o + 4])}},"tenantId":${q(a[o + 5])},"correlationId":${q(a[o + 6])},"causationId":${q(a[o + 7])}`;
  if (given(a[o + 9])) text += `,"ruleSetVersion":${q(a[o + 9])}`;
  if (given(a[o + 10])) text += `,"idempotencyKey":${q(a[o + 10])}`;
  if (given(a[o + 11])) text += `,"commandHash":${q(a[o + 11])}`;
  if (given(a[o + 12])) text += `,"lateEntry":{"workingDays":${JSON.stringify(a[o + 12])},"minutes":${JSON.stringify(a[o + 13])}}`;
  if (!eventIdFirst) text += `,"eventId":${q(a[o + 1])}`;
  return `${text},"recordedAt":${q(a[o + 8])}}`;
};

const text = (value: unknown): string | null | undefined => (value === undefined ? null : typeof value === 'string' ? value : undefined);

/**
 * The compact values of metadata whose fields are known to have the compact form's types (see the
 * header of this file), as an array starting with the form: the optional values `null` when absent
 * and trailing `null`s left out; a late entry is its two numbers. The one builder of compact values,
 * for metadata appended as an object (`compactMetadataJson`) or prepared from a context without
 * making that object (`compactMetadataOfContext`, kernel/prepared-append.ts).
 */
export const compactValues = (
  eventIdFirst: boolean,
  eventId: string,
  occurredAt: string,
  actor: { readonly id: string; readonly role: string },
  tenantId: string,
  correlationId: string,
  causationId: string,
  recordedAt: string,
  ruleSetVersion: string | null,
  idempotencyKey: string | null,
  commandHash: string | null,
  late: { readonly workingDays: number; readonly minutes: number } | undefined,
): unknown[] => {
  const a: unknown[] = [eventIdFirst ? EVENT_ID_FIRST : EVENT_ID_AFTER_CONTEXT, eventId, occurredAt, actor.id, actor.role, tenantId, correlationId, causationId, recordedAt];
  if (late !== undefined) a.push(ruleSetVersion, idempotencyKey, commandHash, late.workingDays, late.minutes);
  else if (commandHash !== null) a.push(ruleSetVersion, idempotencyKey, commandHash);
  else if (idempotencyKey !== null) a.push(ruleSetVersion, idempotencyKey);
  else if (ruleSetVersion !== null) a.push(ruleSetVersion);
  return a;
};

/**
 * The compact form of appended metadata as a JSON array of its values (`[<form>,<eventId>,...]`), or
 * undefined when it would not give back `metadataJson` byte for byte: the store then keeps the
 * metadata text verbatim. A store puts the values after the data: `[<data>,` + the text without its `[`.
 */
export const compactMetadataJson = (metadata: Readonly<Record<string, unknown>>, metadataJson: string): string | undefined => {
  let eventIdFirst = false;
  for (const key in metadata) {
    eventIdFirst = key === 'eventId';
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
  if (late !== undefined && (late === null || typeof late !== 'object' || !Number.isFinite(late.workingDays) || !Number.isFinite(late.minutes))) return undefined;
  const values = compactValues(eventIdFirst, eventId, occurredAt, actor as { readonly id: string; readonly role: string }, tenantId, correlationId, causationId, recordedAt, ruleSetVersion, idempotencyKey, commandHash, late as { workingDays: number; minutes: number } | undefined);
  // Only when they give back the very text hashed (other keys, another key order or a value of another type do not).
  return metadataTextOfValues(values, 0, false) === metadataJson ? JSON.stringify(values) : undefined;
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
export const hashedMetadataJson = (stored: string): string => (stored.startsWith('[') ? (compactMetadataValues(stored)?.text ?? stored) : stored);

/**
 * Compact values given as JSON text (`[<form>,<eventId>,...]`), read: the values and the metadata text
 * they give back (the text hashed, `hashedMetadataJson`); undefined when the text is not compact values.
 */
export const compactMetadataValues = (values: string): { readonly values: readonly unknown[]; readonly text: string } | undefined => {
  let a: unknown;
  try {
    a = JSON.parse(values);
  } catch {
    return undefined;
  }
  if (!Array.isArray(a) || compactProblem(a, 0) !== undefined) return undefined;
  return { values: a, text: metadataTextOfValues(a, 0, values.indexOf('\\') < 0 && wellFormed(values)) };
};

interface MetadataConstructor {
  new (a: Values, o: Start, actor: Actor, streamId: string, streamVersion: number, globalPosition: number): EventMetadata;
}

/** Metadata in the command handler's key order: `eventId` first. */
function MetadataEventIdFirstOf(
  this: Writable<EventMetadata>,
  a: Values,
  o: Start,
  actor: Actor,
  streamId: string,
  streamVersion: number,
  globalPosition: number,
): void {
  this.eventId = a[o + 1] as string;
  this.occurredAt = a[o + 2] as string;
  this.actor = actor;
  this.tenantId = a[o + 5] as string;
  this.correlationId = a[o + 6] as string;
  this.causationId = a[o + 7] as string;
  this.recordedAt = a[o + 8] as string;
  this.streamId = streamId;
  this.streamVersion = streamVersion;
  this.globalPosition = globalPosition;
}

/** Metadata whose `eventId` the store assigned: after the caller's context. */
function MetadataEventIdAfterContextOf(
  this: Writable<EventMetadata>,
  a: Values,
  o: Start,
  actor: Actor,
  streamId: string,
  streamVersion: number,
  globalPosition: number,
): void {
  this.occurredAt = a[o + 2] as string;
  this.actor = actor;
  this.tenantId = a[o + 5] as string;
  this.correlationId = a[o + 6] as string;
  this.causationId = a[o + 7] as string;
  this.eventId = a[o + 1] as string;
  this.recordedAt = a[o + 8] as string;
  this.streamId = streamId;
  this.streamVersion = streamVersion;
  this.globalPosition = globalPosition;
}

const MetadataEventIdFirst = plain<MetadataConstructor>(MetadataEventIdFirstOf);
const MetadataEventIdAfterContext = plain<MetadataConstructor>(MetadataEventIdAfterContextOf);

/**
 * The metadata of compact values whose form stands at `o`, with the row's positions, or
 * `CorruptEventError` saying which value is wrong. Without optional fields (the usual case), one
 * constructor per key order.
 */
const metadataOfCompact = (a: Values, o: Start, streamId: string, streamVersion: number, globalPosition: number): EventMetadata => {
  const problem = compactProblem(a, o);
  if (problem !== undefined) throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored metadata is damaged: ${problem}`);
  if (a.length + IN_BODY - o === COMPACT_LENGTH) {
    const actor = new StoredActor(a, o);
    return a[o] === EVENT_ID_FIRST
      ? new MetadataEventIdFirst(a, o, actor, streamId, streamVersion, globalPosition)
      : new MetadataEventIdAfterContext(a, o, actor, streamId, streamVersion, globalPosition);
  }
  return withPositions(metadataOfValues(a, o), streamId, streamVersion, globalPosition);
};

/** The metadata's strings every event has, and those it may have. */
const REQUIRED_TEXTS = ['eventId', 'occurredAt', 'tenantId', 'correlationId', 'causationId', 'recordedAt'] as const;
const OPTIONAL_TEXTS = ['ruleSetVersion', 'idempotencyKey', 'commandHash'] as const;

/**
 * Why metadata is not what an event carries, or undefined when it is: its strings, the actor's id and
 * role, the late entry's two numbers (the compact values' checks, `compactProblem`, for the object
 * form). Readers rely on them: an append whose metadata lacks one is refused before anything is
 * written (`prepareAppend`), and a row edited to lack one is refused as it is read.
 */
export const metadataProblem = (m: Record<string, unknown>): string | undefined => {
  for (const name of REQUIRED_TEXTS) if (typeof m[name] !== 'string') return `${name} is ${describe(m[name])}, not a string`;
  for (const name of OPTIONAL_TEXTS) if (m[name] !== undefined && typeof m[name] !== 'string') return `${name} is ${describe(m[name])}, not a string`;
  const actor = m.actor as Record<string, unknown> | null | undefined;
  if (actor === null || typeof actor !== 'object' || Array.isArray(actor)) return `actor is ${describe(actor)}, not an object`;
  if (typeof actor.id !== 'string' || typeof actor.role !== 'string') return 'actor has no id and role as strings';
  const late = m.lateEntry as Record<string, unknown> | null | undefined;
  if (late !== undefined && (late === null || typeof late !== 'object' || typeof late.workingDays !== 'number' || typeof late.minutes !== 'number')) {
    return 'lateEntry is not two numbers';
  }
  return undefined;
};

/** Verbatim metadata (a JSON object) with the row's positions, or `CorruptEventError` when it is not what an append writes. */
const metadataOfObject = (metadata: unknown, streamId: string, streamVersion: number, globalPosition: number): EventMetadata => {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, 'metadata is not a JSON object');
  }
  const problem = metadataProblem(metadata as Record<string, unknown>);
  if (problem !== undefined) throw new CorruptEventError(streamId, streamVersion, globalPosition, `the stored metadata is damaged: ${problem}`);
  return withPositions(metadata as Record<string, unknown>, streamId, streamVersion, globalPosition);
};

const withPositions = (m: Record<string, unknown>, streamId: string, streamVersion: number, globalPosition: number): EventMetadata => {
  m.streamId = streamId;
  m.streamVersion = streamVersion;
  m.globalPosition = globalPosition;
  return m as unknown as EventMetadata;
};

const parsed = (json: string, what: string, streamId: string, streamVersion: number, globalPosition: number): unknown => {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new CorruptEventError(streamId, streamVersion, globalPosition, `${what} is not valid JSON (${(error as Error).message})`);
  }
};

/**
 * One stored event's body (`[<data>,<metadata>...]`, either form above) back into a `RecordedEvent`,
 * checking what a reader relies on: valid JSON, metadata an object or its values of the right types.
 * A body that fails is the log being damaged or edited by hand: `CorruptEventError` names the stream
 * and version. The stream id, version and global position come from the row's own columns, so they
 * cannot disagree with it.
 */
export const decodeStoredEvent = (body: string, type: string, streamId: string, streamVersion: number, globalPosition: number): RecordedEvent => {
  const a = parsed(body, 'the stored event', streamId, streamVersion, globalPosition);
  if (!Array.isArray(a) || a.length < 2) throw new CorruptEventError(streamId, streamVersion, globalPosition, 'the stored event is not [data, metadata...]');
  const metadata =
    a.length === 2 ? metadataOfObject(a[1], streamId, streamVersion, globalPosition) : metadataOfCompact(a, IN_BODY, streamId, streamVersion, globalPosition);
  return new StoredEvent(type, a[0], metadata);
};

/**
 * `decodeStoredEvent` for a store keeping the data and the metadata in columns of their own: the
 * same checks and the same event as the body `[<data>,<values>...]` or `[<data>,<metadata>]` they
 * join into, without the text of that body. Two parses of the parts cost less than joining them and
 * parsing the whole (bench/README.md, the comparison).
 */
export const decodeStoredEventParts = (
  dataJson: string,
  metadataJson: string,
  type: string,
  streamId: string,
  streamVersion: number,
  globalPosition: number,
): RecordedEvent => {
  const data = parsed(dataJson, 'the stored data', streamId, streamVersion, globalPosition);
  const m = parsed(metadataJson, 'the stored metadata', streamId, streamVersion, globalPosition);
  // Values are compact only as the text an append writes, `[` first (as `hashedMetadataJson` reads them).
  const metadata =
    Array.isArray(m) && metadataJson.charCodeAt(0) === 0x5b
      ? metadataOfCompact(m, 0, streamId, streamVersion, globalPosition)
      : metadataOfObject(m, streamId, streamVersion, globalPosition);
  return new StoredEvent(type, data, metadata);
};
