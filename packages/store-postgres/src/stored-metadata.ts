/**
 * How an event's metadata is stored in the `metadata` column from schema version 4 on, and the body a
 * read gets back (the same forms as the SQLite store's event body).
 *
 * - compact: `[<form>,<eventId>,<occurredAt>,<actor.id>,<actor.role>,<tenantId>,<correlationId>,
 *   <causationId>,<recordedAt>(,<ruleSetVersion>,<idempotencyKey>,<commandHash>,<lateEntry.workingDays>,
 *   <lateEntry.minutes>)]`, the optional fields `null` when absent and trailing `null`s left out. `form`
 *   says where `eventId` stood among the metadata's keys: 1 first (the command handler's order), 2 after
 *   the caller's context (the store assigned it). Values need no keys, so the text is shorter and
 *   cheaper to parse than the metadata object.
 * - verbatim: the metadata JSON exactly as appended (an object), for metadata the compact form cannot
 *   give back byte for byte (other keys, another key order, values of other types), and in rows written
 *   before version 4.
 *
 * A read joins data and metadata into one body, `[<data>,<compact values>]` or `[<data>,<verbatim>]`
 * (`bodyOf` in decode-row.ts), and parses it once. The hash chain covers the metadata JSON text:
 * for a compact row it is `JSON.stringify` of the metadata rebuilt from its values, which the append
 * checks equals the text it hashed before it stores the compact form.
 */

import { plain, StoredActor, StoredLateEntry, type Values } from './plain-objects.js';

/** Where `eventId` stands among the metadata's keys in the compact form. */
export const EVENT_ID_FIRST = 1;
export const EVENT_ID_AFTER_CONTEXT = 2;

/** Elements of a body (data first) without optional fields: data, form and eight metadata values. */
export const COMPACT_LENGTH = 10;
/** ... and with all of them. */
export const COMPACT_MAX_LENGTH = 15;

/** The metadata of a compact body, keys in the order its form names (`plain-objects.ts` says why a constructor). */
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
export const metadataOfValues = (a: Values): Record<string, unknown> => new ContextMetadata(a, a[1] === EVENT_ID_FIRST);

/**
 * Why a compact body's elements are not what an append writes, or undefined when they are: the form,
 * eight strings, then optional strings or `null`, and the late entry as two numbers or two `null`s.
 */
export const compactProblem = (a: Values): string | undefined => {
  if (a.length < COMPACT_LENGTH || a.length > COMPACT_MAX_LENGTH) return `it has ${a.length - 1} values`;
  if (a[1] !== EVENT_ID_FIRST && a[1] !== EVENT_ID_AFTER_CONTEXT) return `its form is ${JSON.stringify(a[1])}`;
  for (let i = 2; i < COMPACT_LENGTH; i++) if (typeof a[i] !== 'string') return `value ${i - 1} is ${describe(a[i])}, not a string`;
  for (let i = COMPACT_LENGTH; i < 13 && i < a.length; i++) {
    if (a[i] !== null && typeof a[i] !== 'string') return `value ${i - 1} is ${describe(a[i])}, not a string or null`;
  }
  if (a.length > 13 && (a.length !== COMPACT_MAX_LENGTH || typeof a[13] !== 'number' || typeof a[14] !== 'number')) {
    return 'its late entry is not two numbers';
  }
  return undefined;
};

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

const text = (value: unknown): string | null | undefined => (value === undefined ? null : typeof value === 'string' ? value : undefined);

/**
 * The compact text of appended metadata, or `null` when the compact form would not give back
 * `metadataJson` byte for byte: then the column keeps the metadata text verbatim.
 */
export const compactMetadata = (metadata: Record<string, unknown>, metadataJson: string): string | null => {
  let form = EVENT_ID_AFTER_CONTEXT;
  for (const key in metadata) {
    if (key === 'eventId') form = EVENT_ID_FIRST;
    break;
  }
  const actor = metadata.actor as { id?: unknown; role?: unknown } | null | undefined;
  if (actor === null || typeof actor !== 'object') return null;
  const required = [metadata.eventId, metadata.occurredAt, actor.id, actor.role, metadata.tenantId, metadata.correlationId, metadata.causationId, metadata.recordedAt];
  if (!required.every((value) => typeof value === 'string')) return null;
  const optional = [text(metadata.ruleSetVersion), text(metadata.idempotencyKey), text(metadata.commandHash)];
  if (optional.includes(undefined)) return null;
  const a: unknown[] = [null, form, ...required, ...optional];
  const late = metadata.lateEntry as { workingDays?: unknown; minutes?: unknown } | null | undefined;
  if (late !== undefined) {
    if (late === null || typeof late !== 'object' || !Number.isFinite(late.workingDays) || !Number.isFinite(late.minutes)) return null;
    a.push(late.workingDays, late.minutes);
  }
  while (a.length > COMPACT_LENGTH && a[a.length - 1] === null) a.pop();
  if (JSON.stringify(metadataOfValues(a)) !== metadataJson) return null;
  // `[null,` is six characters: the compact values after the data's place.
  return `[${JSON.stringify(a).slice(6)}`;
};

/**
 * The metadata JSON text a stored row was hashed over, from its `metadata` column. A column edited
 * behind the store's back gives a text that no longer matches the row's hash, never an exception.
 */
export const hashedMetadataJson = (stored: unknown): string => {
  const column = typeof stored === 'string' ? stored : String(stored);
  if (!column.startsWith('[')) return column;
  try {
    const a = JSON.parse(`[0,${column.slice(1)}`) as unknown;
    if (Array.isArray(a) && compactProblem(a) === undefined) return JSON.stringify(metadataOfValues(a));
  } catch {
    // Falls through: the text as it stands, which the hash will not match.
  }
  return column;
};
