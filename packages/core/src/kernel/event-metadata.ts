import { isLeft, t } from '../fp.js';
import { ActorCodec } from './actor.js';
import { decodeExact } from './codec.js';
import type { InputIssue } from './errors.js';
import { Instant, NonEmptyString, NonNegativeInt } from './primitives.js';
import { TenantId } from './tenant.js';

/**
 * The metadata of a stored event, as every store writes it and every export line, import and
 * migration carries it (docs/events.md, docs/record-as-evidence.md): what a store accepts at append
 * is exactly what can be exported, imported and migrated, so the log can always be moved.
 */

export const LateEntryCodec = t.type({ workingDays: NonNegativeInt, minutes: NonNegativeInt }, 'LateEntry');

/** The fields of the metadata, each with its codec: what a caller gives (the context) and what the store adds. */
export const EVENT_METADATA_FIELDS = {
  eventId: NonEmptyString,
  /** Business time: a real instant with its offset. */
  occurredAt: Instant,
  actor: ActorCodec,
  tenantId: TenantId,
  correlationId: NonEmptyString,
  causationId: NonEmptyString,
  /** Assigned by the store. */
  recordedAt: Instant,
} as const;

export const OPTIONAL_EVENT_METADATA_FIELDS = {
  ruleSetVersion: NonEmptyString,
  idempotencyKey: NonEmptyString,
  commandHash: NonEmptyString,
  lateEntry: LateEntryCodec,
} as const;

/**
 * The metadata of a stored event, without its positions (the row's own columns). Exact: a key it
 * does not name is refused where it is decoded (`decodeExact`, `eventMetadataProblem`).
 */
export const EventMetadataCodec = t.intersection([t.type(EVENT_METADATA_FIELDS), t.partial(OPTIONAL_EVENT_METADATA_FIELDS)], 'EventMetadata');

const FIELD_CODECS: ReadonlyMap<string, t.Mixed> = new Map<string, t.Mixed>([...Object.entries(EVENT_METADATA_FIELDS), ...Object.entries(OPTIONAL_EVENT_METADATA_FIELDS)]);
const REQUIRED_COUNT = Object.keys(EVENT_METADATA_FIELDS).length;

/** A plain object with exactly two own keys (both required by its codec, which `is` checks). */
const twoKeys = (value: unknown): boolean => Object.keys(value as object).length === 2;

/**
 * How many of the required fields `m` holds, when every key it has is a field of the metadata with a
 * value its codec accepts (the object fields, the actor and the late entry, with their two keys only);
 * undefined otherwise. Told without building a decoding: the fast path of every append, which never
 * accepts what `EventMetadataCodec` refuses.
 */
const requiredFieldsOf = (m: Readonly<Record<string, unknown>>): number | undefined => {
  const prototype = Object.getPrototypeOf(m) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  let required = 0;
  for (const key of Object.keys(m)) {
    const codec = FIELD_CODECS.get(key);
    const value = m[key];
    if (codec === undefined || !codec.is(value)) return undefined;
    if ((key === 'actor' || key === 'lateEntry') && !twoKeys(value)) return undefined;
    if (Object.prototype.hasOwnProperty.call(EVENT_METADATA_FIELDS, key)) required++;
  }
  return required;
};

/** Whether `EventMetadataCodec` accepts metadata exactly. */
export const isEventMetadata = (m: Readonly<Record<string, unknown>>): boolean => requiredFieldsOf(m) === REQUIRED_COUNT;

/**
 * Whether a context given at append (the metadata without its `recordedAt`, which the store adds, and
 * with or without its `eventId`) gives metadata `EventMetadataCodec` accepts exactly.
 */
export const isEventContext = (context: Readonly<Record<string, unknown>>): boolean =>
  context.recordedAt === undefined && requiredFieldsOf(context) === REQUIRED_COUNT - (context.eventId === undefined ? 2 : 1);

/**
 * What is wrong with an event's metadata (without its positions), each field at fault with its path
 * from the event (`metadata.occurredAt`), or undefined when `EventMetadataCodec` accepts it exactly.
 */
export const eventMetadataIssues = (metadata: Readonly<Record<string, unknown>>): readonly InputIssue[] | undefined => {
  if (isEventMetadata(metadata)) return undefined;
  const decoded = decodeExact(EventMetadataCodec, metadata);
  if (!isLeft(decoded)) return undefined;
  return decoded.left.issues.map((issue) => ({ ...issue, field: issue.field ? `metadata.${issue.field}` : 'metadata' }));
};
