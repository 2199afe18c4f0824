import { left, right, type Either } from '../fp.js';
import { idempotencyKeyReused, versionConflict } from './errors.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import {
  describeExpectedVersion,
  expectedVersionHolds,
  type AppendError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type IdempotencyRecord,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type ReadStreamResult,
  type SubscribeOptions,
  type Subscription,
} from './event-store.js';
import { catchUpSubscription } from './catch-up-subscription.js';
import { systemClock, uuidGenerator, type Clock, type IdGenerator } from './ports.js';
import { NO_EVENT_CODECS, type EventCodecs } from './append-checks.js';
import { prepareAppend } from './prepared-append.js';

export interface InMemoryEventStoreOptions {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /**
   * The codecs appended events must match (`EventCodecs`). Default here: none, as the kernel knows no
   * event type; the class `@motcua/core` exports (desk/in-memory-store.ts) defaults to the desk's.
   */
  readonly eventCodecs?: EventCodecs;
}

/**
 * A complete `EventStore` in memory: for tests, examples and embedders that keep their own
 * persistence. An append is prepared and checked as the SQLite and PostgreSQL stores do it
 * (`prepareAppend`: the same refusals, thrown before anything is stored) and each event is kept as
 * those stores give it back, its data parsed back from the JSON text they store. Stored events are
 * deep-frozen, so no caller can change history.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly listeners = new Set<() => void>();
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly codecs: EventCodecs;
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? uuidGenerator;
    this.codecs = options.eventCodecs ?? NO_EVENT_CODECS;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion?: ExpectedVersion } = {},
  ): Promise<Either<AppendError, AppendResult>> {
    this.assertOpen();
    const append = prepareAppend(streamId, events, options.expectedVersion ?? 'any', this.clock, this.ids, this.codecs);
    const expected = append.expected;
    const stream = this.streams.get(streamId) ?? [];
    if (!expectedVersionHolds(expected, stream.length)) {
      return left(versionConflict(streamId, describeExpectedVersion(expected), stream.length));
    }
    const key = append.idempotencyKey;
    if (key !== undefined && this.idempotency.has(key)) return left(idempotencyKeyReused(key));
    if (events.length === 0) {
      return right({ streamId, nextExpectedVersion: stream.length, lastGlobalPosition: this.log.length, events: [] });
    }
    const recorded = append.events.map((event, index): RecordedEvent =>
      deepFreeze({
        type: event.type,
        data: JSON.parse(event.dataJson) as unknown,
        metadata: Object.assign({}, event.metadata, {
          streamId,
          streamVersion: stream.length + index + 1,
          globalPosition: this.log.length + index + 1,
        }) as unknown as RecordedEvent['metadata'],
      }),
    );
    stream.push(...recorded);
    this.streams.set(streamId, stream);
    this.log.push(...recorded);
    const last = recorded[recorded.length - 1] as RecordedEvent;
    if (key !== undefined) {
      this.idempotency.set(key, {
        idempotencyKey: key,
        commandHash: append.commandHash ?? '',
        streamId,
        firstVersion: recorded[0]?.metadata.streamVersion ?? 0,
        lastVersion: last.metadata.streamVersion,
      });
    }
    for (const listener of this.listeners) listener();
    return right({
      streamId,
      nextExpectedVersion: stream.length,
      lastGlobalPosition: last.metadata.globalPosition,
      events: recorded,
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const from = Math.max(1, options.fromVersion ?? 1);
    const end = options.maxCount === undefined ? stream.length : from - 1 + options.maxCount;
    return {
      streamId,
      currentVersion: stream.length,
      streamExists: stream.length > 0,
      events: stream.slice(from - 1, end),
    };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    this.assertOpen();
    const after = Math.max(0, options.after ?? 0);
    const maxCount = options.maxCount ?? 1000;
    if (options.types !== undefined) return this.readAllOfTypes(after, maxCount, new Set(options.types));
    // Global positions are 1..n with no gaps, so position p sits at index p - 1.
    const events = this.log.slice(after, after + maxCount);
    const last = events[events.length - 1];
    return {
      events,
      nextPosition: last ? last.metadata.globalPosition : after,
      isEnd: after + events.length >= this.log.length,
    };
  }

  private readAllOfTypes(after: number, maxCount: number, types: ReadonlySet<string>): ReadAllPage {
    const events: RecordedEvent[] = [];
    let index = after;
    for (; index < this.log.length && events.length < maxCount; index++) {
      const event = this.log[index] as RecordedEvent;
      if (types.has(event.type)) events.push(event);
    }
    while (index < this.log.length && !types.has((this.log[index] as RecordedEvent).type)) index++;
    const isEnd = index >= this.log.length;
    const last = events[events.length - 1];
    return { events, nextPosition: isEnd ? Math.max(after, this.log.length) : (last?.metadata.globalPosition ?? after), isEnd };
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.log.length;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return catchUpSubscription(
      {
        readAll: (o) => this.readAll(o),
        onAppended: (listener) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
      },
      options,
    );
  }

  async findIdempotencyRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    return this.idempotency.get(idempotencyKey);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};
