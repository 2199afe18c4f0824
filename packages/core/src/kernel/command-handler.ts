import { createHash } from 'node:crypto';
import { isLeft, left, right, type Either, type t } from '../fp.js';
import { decodeExact } from './codec.js';
import { strayFields } from './exact.js';
import { fold, type DecisionMode, type Decider } from './decider.js';
import { idempotencyKeyReused, versionConflict, type DomainError } from './errors.js';
import type { Actor, DomainEvent, NewEvent, RecordedEvent } from './envelope.js';
import { describeExpectedVersion, expectedVersionHolds, type EventStore, type ExpectedVersion } from './event-store.js';
import { canonicalJson } from './canonical-json.js';
import { uuidGenerator, type IdGenerator } from './ports.js';
import { readDecodedStream } from './read-decoded-stream.js';
import { checkBusinessTimePolicy, judgeBusinessTime, type BusinessTimePolicy } from './business-time-policy.js';

/** Who asks, on whose behalf, and how the command relates to others. */
export interface CommandContext {
  readonly actor: Actor;
  readonly tenantId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Same key and same command: the first result again, no second append. */
  readonly idempotencyKey?: string;
  /**
   * The version the caller saw (HTTP If-Match). When given, a conflict is returned, never retried,
   * and a stream already past it is refused before deciding.
   */
  readonly expectedVersion?: ExpectedVersion;
  /** `record` appends a fact that already happened with the breaches it carries; default `refuse`. */
  readonly mode?: DecisionMode;
  /**
   * Access control on the stream as loaded, before deciding: an error returned is the command's
   * result. It runs again on every retry, so the decision always rests on the events it checked.
   */
  readonly authorize?: (loaded: {
    readonly events: readonly RecordedEvent[];
    readonly version: number;
    /** The state folded from `events`, and the decoded command: access reads their typed fields. */
    readonly state: unknown;
    readonly command: DomainEvent;
  }) => DomainError | undefined;
}

export interface CommandResult<Event extends DomainEvent, State> {
  readonly streamId: string;
  /** The stream's version after the command; the ETag an HTTP caller gets back. */
  readonly version: number;
  readonly events: readonly RecordedEvent<Event>[];
  readonly state: State;
  /** True when an idempotency key matched an earlier identical command and nothing was appended. */
  readonly replayed: boolean;
}

export interface CommandHandlerOptions<Command extends DomainEvent, Event extends DomainEvent, State> {
  readonly store: EventStore;
  readonly decider: Decider<Command, Event, State>;
  /** The stream a command goes to; the context says whose (its province). */
  readonly streamIdOf: (command: Command, context: CommandContext) => string;
  /** Decodes untrusted commands; bad input becomes `InvalidInput` naming the field. */
  readonly commandCodec: t.Type<Command, unknown, unknown>;
  /** Checks every event read back from the store; a stored event that fails is corruption. */
  readonly eventCodec: t.Type<Event, unknown, unknown>;
  /** Business time of the command, recorded as each event's `occurredAt`. */
  readonly occurredAtOf: (command: Command) => string;
  /**
   * Id of the rule set the decision is made under, recorded in each event's metadata. It sees the
   * state too: a dossier stays under the rule set in force when it was received.
   */
  readonly ruleSetVersionOf?: (command: Command, state: State, events: readonly Event[]) => string | undefined;
  /** How many times a conflict with a concurrent writer is retried on fresh state; default 3. */
  readonly maxRetries?: number;
  readonly ids?: IdGenerator;
  /** Holds `occurredAt` against the clock and the stream's last event; without it, any instant is taken. */
  readonly businessTime?: BusinessTimePolicy;
  /**
   * Checks what the command names outside its own stream (officers, units) against the world as it
   * stood at `occurredAt`; an error returned is the command's result. Runs once, after access is
   * checked (so a caller without access learns nothing of the province's officers) and business time
   * judged, and before deciding.
   */
  readonly checkReferences?: (command: Command, context: CommandContext) => Promise<DomainError | undefined>;
}

export type CommandHandler<Event extends DomainEvent, State> = (
  command: unknown,
  context: CommandContext,
) => Promise<Either<DomainError, CommandResult<Event, State>>>;

/**
 * Load, decide, append, with optimistic concurrency: a conflict with another writer is retried on
 * fresh state a bounded number of times; a conflict with the caller's own expected version is
 * returned as it is.
 */
export const commandHandler = <Command extends DomainEvent, Event extends DomainEvent, State>(
  options: CommandHandlerOptions<Command, Event, State>,
): CommandHandler<Event, State> => {
  const { store, decider, eventCodec } = options;
  if (options.businessTime !== undefined) checkBusinessTimePolicy(options.businessTime);
  const maxRetries = options.maxRetries ?? 3;
  const ids = options.ids ?? uuidGenerator;

  const load = (streamId: string) => readDecodedStream(store, streamId, eventCodec);

  const replay = async (streamId: string, firstVersion: number, lastVersion: number) => {
    const { events, version } = await load(streamId);
    return {
      streamId,
      version,
      events: events.slice(firstVersion - 1, lastVersion),
      state: fold(decider, events.slice(0, lastVersion)),
      replayed: true,
    };
  };

  return async (input, context) => {
    const decoded = decodeExact(options.commandCodec, input);
    if (isLeft(decoded)) return decoded;
    const command = decoded.right;
    const streamId = options.streamIdOf(command, context);
    const commandHash = context.idempotencyKey === undefined ? undefined : hashCommand(command);
    const occurredAt = options.occurredAtOf(command);
    let referencesHold = options.checkReferences === undefined;

    for (let attempt = 0; ; attempt++) {
      if (context.idempotencyKey !== undefined) {
        const record = await store.findIdempotencyRecord(context.idempotencyKey);
        if (record !== undefined) {
          if (record.commandHash !== commandHash || record.streamId !== streamId) {
            return left(idempotencyKeyReused(context.idempotencyKey));
          }
          return right(await replay(record.streamId, record.firstVersion, record.lastVersion));
        }
      }
      const { events: history, version } = await load(streamId);
      const state = fold(decider, history);
      const denied = context.authorize?.({ events: history, version, state, command });
      if (denied !== undefined) return left(denied);
      if (context.expectedVersion !== undefined && !expectedVersionHolds(context.expectedVersion, version)) {
        return left(versionConflict(streamId, describeExpectedVersion(context.expectedVersion), version));
      }
      // Business time is judged before references are looked up: a date nothing can judge asks nothing of the registry.
      const time = options.businessTime === undefined ? right(undefined) : judgeBusinessTime(options.businessTime, occurredAt, history.at(-1)?.metadata.occurredAt);
      if (isLeft(time)) return time;
      if (!referencesHold) {
        const missing = await options.checkReferences?.(command, context);
        if (missing !== undefined) return left(missing);
        referencesHold = true;
      }
      const decision = decider.decide(command, state, { mode: context.mode ?? 'refuse' });
      if (isLeft(decision)) return decision;
      assertExactEvents(eventCodec, decision.right);
      if (decision.right.length === 0) {
        return right({ streamId, version, events: [], state, replayed: false });
      }
      const correlationId = context.correlationId ?? ids.next();
      const causationId = context.causationId ?? correlationId;
      const ruleSetVersion = options.ruleSetVersionOf?.(command, state, decision.right);
      const newEvents: NewEvent[] = decision.right.map((event) => ({
        type: event.type,
        data: event.data,
        metadata: {
          eventId: ids.next(),
          occurredAt,
          actor: context.actor,
          tenantId: context.tenantId,
          correlationId,
          causationId,
          ...(ruleSetVersion === undefined ? {} : { ruleSetVersion }),
          ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey, commandHash }),
          ...(time.right === undefined ? {} : { lateEntry: time.right }),
        },
      }));
      const expectedVersion = context.expectedVersion ?? (version === 0 ? 'no-stream' : version);
      const appended = await store.appendToStream(streamId, newEvents, { expectedVersion });
      if (!isLeft(appended)) {
        return right({
          streamId,
          version: appended.right.nextExpectedVersion,
          events: appended.right.events as readonly RecordedEvent<Event>[],
          state: decision.right.reduce(decider.evolve, state),
          replayed: false,
        });
      }
      const error = appended.left;
      // A concurrent call with the same key won the race: the next turn finds its record.
      if (error._tag === 'IdempotencyKeyReused' && attempt < maxRetries) continue;
      if (error._tag === 'VersionConflict' && context.expectedVersion === undefined && attempt < maxRetries) continue;
      return left(error);
    }
  };
};

/** An event holds exactly its codec's fields (the log is evidence): a decider that adds others has a bug. */
const assertExactEvents = (codec: t.Mixed, events: readonly DomainEvent[]): void => {
  for (const event of events) {
    const strays = strayFields(codec, event);
    if (strays.length > 0) throw new Error(`${event.type} holds fields its codec does not name: ${strays.map((s) => s.path).join(', ')}`);
  }
};

/** Fingerprint of a command, to tell a retry (same key, same command) from a reused key. */
export const hashCommand = (command: unknown): string =>
  createHash('sha256').update(canonicalJson(command)).digest('hex');
