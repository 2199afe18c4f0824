/** An event as a decider sees it: a past-tense fact with its payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** The people and systems that act on their own account: every role but a device's. */
export const ROLES_BUT_DEVICE = ['receptionist', 'processing-officer', 'unit-head', 'director', 'inspector', 'citizen', 'system'] as const;

/**
 * Who may act on a desk: a closed set, so no other role is ever written into the log. `device`: a
 * counter tablet or kiosk with a device credential, which records ratings only (docs/device-ratings.md).
 */
export const ACTOR_ROLES = [...ROLES_BUT_DEVICE, 'device'] as const;

export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Actor {
  readonly id: string;
  readonly role: ActorRole;
}

/**
 * Stamped on an event entered well after it happened (a paper form typed in days later, a sync from
 * another system): how long after, so read models and verdicts can show it.
 */
export interface LateEntry {
  /** Working days from the day it happened to the day it was recorded (the desk's calendar). */
  readonly workingDays: number;
  /** Minutes from `occurredAt` to the time it was recorded. */
  readonly minutes: number;
}

/** What the caller says about an event when appending it. */
export interface EventContext {
  /** Business time: when the fact happened at the desk, not when it was stored. */
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly tenantId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** Id of the rule set the decision was made under, e.g. `decree-118-2025`. */
  readonly ruleSetVersion?: string;
  readonly idempotencyKey?: string;
  /** Hash of the command behind an idempotent append, to tell a retry from a reused key. */
  readonly commandHash?: string;
  /** Present when the fact was recorded later than the desk's late-entry lag after it happened. */
  readonly lateEntry?: LateEntry;
}

/** Full metadata of a stored event. */
export interface EventMetadata extends EventContext {
  readonly eventId: string;
  readonly streamId: string;
  /** 1-based position of the event in its stream. */
  readonly streamVersion: number;
  /** 1-based position of the event in the whole log; strictly increasing. */
  readonly globalPosition: number;
  readonly recordedAt: string;
}

/** An event to append: payload plus the caller's context; the store assigns the rest. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: EventContext & { readonly eventId?: string };
}

/** A stored event: the domain event itself plus its metadata, so it can be passed to `evolve` as is. */
export type RecordedEvent<E extends DomainEvent = DomainEvent> = E & { readonly metadata: EventMetadata };
