import {
  GENESIS_HASH,
  catchUpSubscription,
  nextRetryMs,
  computeEventHash,
  describeExpectedVersion,
  expectedVersionHolds,
  idempotencyKeyReused,
  left,
  prepareAppend,
  preparedAppendResult,
  right,
  verifyHashChain,
  versionConflict,
  type AppendError,
  type AppendResult,
  type Clock,
  type Either,
  type EventStore,
  type ExpectedVersion,
  type HashChainRow,
  type IdGenerator,
  type EventCodecs,
  type IdempotencyRecord,
  type NewEvent,
  type PreparedAppend,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type VerifyReport,
} from '@motcua/core';
import type { WireAllReader, WireConnection, WireEvent, WirePosition, WireRecord } from './client.js';
import {
  CHAIN_KEY,
  decodeWireRecord,
  esdbEventId,
  esdbStreamName,
  eventStreamPrefix,
  expectedRevisionAt,
  idempotencyStreamName,
  motcuaStreamId,
  versionOfCurrent,
  versionOfRevision,
  wireEventOf,
} from './mapping.js';
import { PositionIndex } from './position-index.js';
import { EventStoreDbStoreError, withRetries, type RetryPolicy, type StoreOperation } from './retries.js';

export interface StoreSettings {
  readonly namespace: string;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** What appended events are checked against (`prepareAppend`). */
  readonly eventCodecs: EventCodecs;
  readonly retry: RetryPolicy;
  /** How many times an append is tried again after another writer moved its stream; default 5. */
  readonly conflictRetries: number;
  /** Reads only: opening writes nothing and appends are refused. */
  readonly readonly?: boolean;
}

/** The end of motcua's log in the namespace: its last position and hash. */
interface Head {
  readonly position: number;
  readonly hash: string;
  /** Where the head event is in `$all`, when known (undefined for an empty namespace). */
  readonly at?: WirePosition;
}

const IDEMPOTENCY_EVENT = 'IdempotencyKeyUsed';
const KNOWN_STREAMS = 10_000;
const HEAD_SCAN_PAGE = 256;
const INDEX_EVERY = 256;

/**
 * `EventStore` on EventStoreDB (KurrentDB) through @eventstore/db-client. Each motcua stream is the
 * server stream `<namespace>.<streamId>` (the stream id carries the province); each event carries
 * its gap-free global position, the hash of the event before it and its own hash in its metadata,
 * assigned by this store's single writing loop (docs/adr/0014-eventstoredb-single-writer-chain.md).
 * Reads of the whole log go through `$all` with a server-side filter on the namespace. Open it with
 * `openEventStoreDbEventStore`.
 */
export class EventStoreDbEventStore implements EventStore {
  private head: Head | undefined;
  /** Versions of streams this store wrote or looked up: it is the namespace's only writer. */
  private readonly versions = new Map<string, number>();
  private readonly index = new PositionIndex();
  private writing: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private stopWatching: (() => Promise<void>) | undefined;
  /** Set while the live subscription waits to be opened again after it failed. */
  private rewatch: ReturnType<typeof setTimeout> | undefined;
  private rewatchMs = 0;
  private closed = false;

  constructor(
    private readonly wire: WireConnection,
    private readonly settings: StoreSettings,
  ) {}

  get namespace(): string {
    return this.settings.namespace;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion?: ExpectedVersion } = {},
  ): Promise<Either<AppendError, AppendResult>> {
    this.assertOpen();
    if (this.settings.readonly === true) {
      throw new EventStoreDbStoreError(`EventStoreDB, appending to namespace "${this.namespace}": the store was opened read-only`, this.namespace, 'other');
    }
    const append = prepareAppend(streamId, events, options.expectedVersion ?? 'any', this.settings.clock, this.settings.ids, this.settings.eventCodecs);
    const data = events.map((event) => event.data);
    const result = this.writing.then(() => this.write(append, data));
    this.writing = result.catch(() => undefined);
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const streamName = esdbStreamName(this.namespace, streamId);
    let currentVersion = await this.currentVersion(streamName, 'reading');
    if (currentVersion === 0) return { streamId, currentVersion: 0, streamExists: false, events: [] };
    const fromVersion = Math.max(1, options.fromVersion ?? 1);
    const maxCount = options.maxCount === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, options.maxCount);
    let events: RecordedEvent[] = [];
    if (maxCount > 0 && fromVersion <= currentVersion) {
      const records = await this.call('reading', () => this.wire.readStream(streamName, { fromRevision: BigInt(fromVersion - 1), maxCount }));
      events = (records ?? []).map((record) => decodeWireRecord(this.namespace, record).event);
      currentVersion = Math.max(currentVersion, events.at(-1)?.metadata.streamVersion ?? 0);
    }
    return { streamId, currentVersion, streamExists: true, events };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    this.assertOpen();
    const after = Math.max(0, options.after ?? 0);
    const maxCount = Math.max(0, options.maxCount ?? 1000);
    const types = options.types === undefined ? undefined : new Set(options.types);
    const events: RecordedEvent[] = [];
    let looked = after;
    let lookedAt: WirePosition | undefined;
    let isEnd = true;
    for await (const { record, position } of this.scan(after, 'reading')) {
      if (events.length >= maxCount) {
        isEnd = false;
        break;
      }
      looked = position;
      lookedAt = record.position;
      if (types === undefined || types.has(record.type)) events.push(decodeWireRecord(this.namespace, record).event);
    }
    if (lookedAt !== undefined) this.index.remember(looked, lookedAt);
    return { events, nextPosition: looked, isEnd };
  }

  /** Position of the namespace's last event (0 when empty), read from the server's end of `$all`. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    return (await this.findHead('reading')).position;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return catchUpSubscription(
      {
        readAll: (page) => this.readAll(page),
        onAppended: (listener) => {
          this.listeners.add(listener);
          this.watch();
          return () => {
            this.listeners.delete(listener);
            if (this.listeners.size === 0) void this.unwatch();
          };
        },
      },
      options,
    );
  }

  async findIdempotencyRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const records = await this.call('reading', () =>
      this.wire.readStream(idempotencyStreamName(this.namespace, idempotencyKey), { fromRevision: 'start', maxCount: 1 }),
    );
    const data = records?.[0]?.data as Partial<Omit<IdempotencyRecord, 'idempotencyKey'>> | undefined;
    if (data === undefined) return undefined;
    const { commandHash, streamId, firstVersion, lastVersion } = data;
    if (typeof commandHash !== 'string' || typeof streamId !== 'string' || typeof firstVersion !== 'number' || typeof lastVersion !== 'number') {
      throw new EventStoreDbStoreError(
        `EventStoreDB, reading namespace "${this.namespace}": the record of idempotency key ${JSON.stringify(idempotencyKey)} is damaged`,
        this.namespace,
        'other',
      );
    }
    return { idempotencyKey, commandHash, streamId, firstVersion, lastVersion };
  }

  /**
   * Walks the namespace's events through `$all` and checks the hash chain; names the first event that
   * was altered, removed or moved, or a position two writers both took.
   */
  async verify(): Promise<VerifyReport> {
    this.assertOpen();
    return verifyHashChain(this.rows(0, 'verifying'));
  }

  /** The namespace's events in global order as the chain verifier (and an export) sees them. */
  chainRows(after = 0): AsyncGenerator<HashChainRow> {
    return this.rows(after, 'reading');
  }

  /**
   * The namespace's rows at these global positions as hashed (`EventStore.chainRowsAt`): each run of
   * consecutive positions read through `$all` from the nearest position the store knows before it.
   */
  async chainRowsAt(positions: readonly number[]): Promise<ReadonlyMap<number, HashChainRow>> {
    this.assertOpen();
    const wanted = [...new Set(positions)].sort((a, b) => a - b);
    const rows = new Map<number, HashChainRow>();
    for (let first = 0; first < wanted.length; ) {
      let last = first;
      while (wanted[last + 1] === (wanted[last] as number) + 1) last++;
      const from = wanted[first] as number;
      const to = wanted[last] as number;
      for await (const { record, position } of this.scan(from - 1, 'reading')) {
        if (position > to) break;
        rows.set(position, decodeWireRecord(this.namespace, record).row);
      }
      first = last + 1;
    }
    return rows;
  }

  /** Finishes the appends under way, stops watching `$all` and closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    this.listeners.clear();
    await this.unwatch();
    await this.wire.close();
  }

  /**
   * Reads the namespace's head, so a server that cannot be reached fails the open. A read-only store
   * looks it up as a read does, which never records a missing idempotency key.
   */
  async ready(): Promise<this> {
    this.head = await this.findHead(this.settings.readonly === true ? 'reading' : 'opening');
    return this;
  }

  // ------------------------------------------------------------------ appends

  /**
   * One append, run by the store's single writing loop. The stream's expected revision is always
   * the exact one the chain was computed for, so the versions in the hashes are the ones the server
   * assigns: a caller's exact version (or no-stream) is sent as it is, and the server refusing it is
   * the domain's version conflict with the stream's true version; for `any` the store uses the
   * version it knows (or reads), and a refusal means another writer moved the stream: the store
   * reads the stream and the head again and tries again.
   */
  private async write(append: PreparedAppend, data: readonly unknown[]): Promise<Either<AppendError, AppendResult>> {
    const { streamId, expected, idempotencyKey } = append;
    const streamName = esdbStreamName(this.namespace, streamId);
    for (let attempt = 0; ; attempt++) {
      const head = this.head ?? (this.head = await this.findHead('appending to'));
      // An exact expectation (or no-stream) is the version the events follow: the server checks it, no read first.
      const claimed = append.events.length === 0 ? undefined : expected === 'no-stream' ? 0 : isVersion(expected) ? expected : undefined;
      const current = claimed ?? (await this.currentVersion(streamName, 'appending to'));
      if (claimed === undefined && !expectedVersionHolds(expected, current)) return left(versionConflict(streamId, describeExpectedVersion(expected), current));
      if (idempotencyKey !== undefined && (await this.findIdempotencyRecord(idempotencyKey)) !== undefined) {
        return left(idempotencyKeyReused(idempotencyKey));
      }
      if (append.events.length === 0) return right(preparedAppendResult(append, current + 1, head.position + 1));
      let previousHash = head.hash;
      const wireEvents = append.events.map((event, i): WireEvent => {
        const globalPosition = head.position + 1 + i;
        const hash = computeEventHash(previousHash, {
          globalPosition,
          streamId,
          streamVersion: current + 1 + i,
          type: event.type,
          dataJson: event.dataJson,
          metadataJson: event.metadataJson,
        });
        const wireEvent = wireEventOf(event, data[i], { globalPosition, previousHash, hash });
        previousHash = hash;
        return wireEvent;
      });
      let outcome;
      try {
        outcome = await this.call('appending to', () => this.wire.append(streamName, expectedRevisionAt(current), wireEvents));
      } catch (error) {
        // Whether the events were written is unknown: read the head and the stream again next time.
        this.forget(streamName);
        throw error;
      }
      if (!outcome.ok && claimed !== undefined) {
        const actual = versionOfCurrent(outcome.current);
        this.rememberVersion(streamName, actual);
        return left(versionConflict(streamId, describeExpectedVersion(expected), actual));
      }
      if (!outcome.ok) {
        this.forget(streamName);
        if (attempt >= this.settings.conflictRetries) {
          throw new EventStoreDbStoreError(
            `EventStoreDB, appending to namespace "${this.namespace}": stream ${streamName} kept moving under another writer (${attempt + 1} tries); one store must be the namespace's only writer`,
            this.namespace,
            'other',
          );
        }
        continue;
      }
      if (isBefore(outcome.position, head.at)) {
        // The server recognised the event ids of an earlier append at this revision and wrote nothing:
        // the stream has moved past the caller's expectation.
        return left(versionConflict(streamId, describeExpectedVersion(expected), await this.currentVersion(streamName, 'reading')));
      }
      const lastVersion = versionOfRevision(outcome.revision);
      this.rememberVersion(streamName, lastVersion);
      this.head = { position: head.position + append.events.length, hash: previousHash, ...(outcome.position === undefined ? {} : { at: outcome.position }) };
      if (outcome.position !== undefined) this.index.remember(this.head.position, outcome.position);
      if (idempotencyKey !== undefined) {
        try {
          await this.recordIdempotency(idempotencyKey, append.commandHash ?? '', streamId, current + 1, lastVersion);
        } catch (error) {
          // The events are written and their key is not: finding the head again records it first.
          this.head = undefined;
          throw error;
        }
      }
      this.notify();
      return right(preparedAppendResult(append, current + 1, head.position + 1));
    }
  }

  private async recordIdempotency(key: string, commandHash: string, streamId: string, firstVersion: number, lastVersion: number): Promise<void> {
    const event: WireEvent = {
      id: esdbEventId(`idempotency\n${this.namespace}\n${key}`),
      type: IDEMPOTENCY_EVENT,
      data: { commandHash, streamId, firstVersion, lastVersion },
      metadata: {},
    };
    // A retry after a lost reply finds its own event there (same id): the server answers success.
    await this.call('appending to', () => this.wire.append(idempotencyStreamName(this.namespace, key), 'no_stream', [event]));
  }

  /**
   * The namespace's last event, found by reading `$all` backwards (the client's reads take no
   * filter). When it was appended with an idempotency key whose record a crash left unwritten, the
   * record is written now, so the key cannot be used twice.
   */
  private async findHead(operation: StoreOperation): Promise<Head> {
    let before: WirePosition | undefined;
    for (;;) {
      const records = await this.call(operation, () => this.wire.readAllBackwards(before, HEAD_SCAN_PAGE));
      for (const record of records) {
        if (motcuaStreamId(this.namespace, record.streamName) === undefined) continue;
        const { event, row } = decodeWireRecord(this.namespace, { ...record, data: record.isJson && typeof record.data === 'string' ? null : record.data });
        if (record.position !== undefined) this.index.remember(row.globalPosition, record.position);
        if (operation !== 'reading') await this.repairIdempotency(record, event);
        return { position: row.globalPosition, hash: row.hash, ...(record.position === undefined ? {} : { at: record.position }) };
      }
      const last = records.at(-1);
      if (records.length < HEAD_SCAN_PAGE || last?.position === undefined) return { position: 0, hash: GENESIS_HASH };
      before = last.position;
    }
  }

  private async repairIdempotency(record: WireRecord, event: RecordedEvent): Promise<void> {
    const { idempotencyKey, commandHash } = event.metadata as { idempotencyKey?: unknown; commandHash?: unknown };
    if (typeof idempotencyKey !== 'string' || (await this.findIdempotencyRecord(idempotencyKey)) !== undefined) return;
    const lastVersion = event.metadata.streamVersion;
    const earlier = await this.call('opening', () =>
      this.wire.readStream(record.streamName, { fromRevision: record.revision, maxCount: 10_000, backwards: true }),
    );
    let firstVersion = lastVersion;
    for (const older of earlier ?? []) {
      const metadata = older.metadata as Record<string, unknown> | undefined;
      if (metadata?.idempotencyKey !== idempotencyKey) break;
      firstVersion = versionOfRevision(older.revision);
    }
    await this.recordIdempotency(idempotencyKey, typeof commandHash === 'string' ? commandHash : '', event.metadata.streamId, firstVersion, lastVersion);
  }

  private async currentVersion(streamName: string, operation: StoreOperation): Promise<number> {
    const known = this.versions.get(streamName);
    if (known !== undefined && operation === 'appending to') return known;
    const last = await this.call(operation, () => this.wire.readStream(streamName, { fromRevision: 'end', maxCount: 1, backwards: true }));
    const version = versionOfCurrent(last?.[0]?.revision ?? 'no_stream');
    if (operation === 'appending to') this.rememberVersion(streamName, version);
    return version;
  }

  private rememberVersion(streamName: string, version: number): void {
    this.versions.delete(streamName);
    this.versions.set(streamName, version);
    if (this.versions.size > KNOWN_STREAMS) this.versions.delete(this.versions.keys().next().value as string);
  }

  private forget(streamName: string): void {
    this.versions.delete(streamName);
    this.head = undefined;
  }

  // ------------------------------------------------------------------ reading $all

  private async *rows(after: number, operation: StoreOperation): AsyncGenerator<HashChainRow> {
    for await (const { record } of this.scan(after, operation)) yield decodeWireRecord(this.namespace, record).row;
  }

  /**
   * The namespace's events after motcua position `after`, through a catch-up read of `$all` filtered
   * by the server on the namespace's stream prefix, from the nearest `$all` position the store knows.
   * A read the client asks to retry is opened again after the last record it gave, so a long scan (a
   * verify, an export) goes on where it was; records at or before that one are skipped, by their
   * `$all` position rather than motcua's, so a position two writers both took still shows twice.
   */
  private async *scan(after: number, operation: StoreOperation): AsyncGenerator<{ readonly record: WireRecord; readonly position: number }> {
    const prefixes = [eventStreamPrefix(this.namespace)];
    let from: WirePosition | 'start' = this.index.nearest(after)?.at ?? 'start';
    let seenAt: WirePosition | undefined;
    let reader = undefined as WireAllReader | undefined;
    const next = () =>
      this.call(operation, async () => {
        reader ??= this.wire.readAllFiltered(from, prefixes);
        try {
          return await reader.next();
        } catch (error) {
          const failed = reader;
          reader = undefined;
          await failed.close().catch(() => undefined);
          throw error;
        }
      });
    try {
      let seen = 0;
      for (;;) {
        const record = await next();
        if (record === 'caught-up') return;
        if (isBefore(record.position, seenAt)) continue;
        if (record.position !== undefined) from = seenAt = record.position;
        const position = chainPositionOf(record);
        if (position === undefined) decodeWireRecord(this.namespace, record);
        const at = position as number;
        if (++seen % INDEX_EVERY === 0 && record.position !== undefined) this.index.remember(at, record.position);
        if (at <= after) continue;
        yield { record, position: at };
      }
    } finally {
      await reader?.close();
    }
  }

  // ------------------------------------------------------------------ subscriptions

  /**
   * Appends by other processes wake the subscriptions through a live, filtered `$all` subscription.
   * When it fails (a server restarting, a leader change), it is opened again after a pause while
   * subscriptions listen, and they are woken then: appends made while nothing watched woke no one.
   */
  private watch(): void {
    if (this.stopWatching !== undefined || this.closed) return;
    const resuming = this.rewatch !== undefined;
    clearTimeout(this.rewatch);
    this.rewatch = undefined;
    const stop = this.wire.watchAll(
      [eventStreamPrefix(this.namespace)],
      () => {
        this.rewatchMs = 0;
        this.notify();
      },
      () => {
        // A subscription stopped on purpose, or replaced, may still report its end.
        if (this.stopWatching === stop) this.watchFailed(stop);
      },
    );
    this.stopWatching = stop;
    // Opened before the catch-up reads, so an append is either in their pages or wakes them again.
    if (resuming) this.notify();
  }

  /** Opens the live subscription again after a pause that doubles while it keeps failing. */
  private watchFailed(stop: () => Promise<void>): void {
    this.stopWatching = undefined;
    void stop().catch(() => undefined);
    if (this.closed || this.listeners.size === 0) return;
    // The same pauses as a subscription's reads after a failure (`nextRetryMs`).
    this.rewatchMs = nextRetryMs(this.rewatchMs);
    // Not unref'd: while subscriptions listen, the live subscription is what keeps the process up.
    this.rewatch = setTimeout(() => this.watch(), this.rewatchMs);
  }

  private async unwatch(): Promise<void> {
    clearTimeout(this.rewatch);
    this.rewatch = undefined;
    const stop = this.stopWatching;
    this.stopWatching = undefined;
    await stop?.();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ------------------------------------------------------------------ helpers

  private call<A>(operation: StoreOperation, run: () => Promise<A>): Promise<A> {
    return withRetries(run, this.wire.classify, { namespace: this.namespace, operation, policy: this.settings.retry });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the EventStoreDB event store of namespace "${this.namespace}" is closed`);
  }
}

/** Whether `$all` position `a` is at or before `b` (false when either is unknown). */
const isBefore = (a: WirePosition | undefined, b: WirePosition | undefined): boolean =>
  a !== undefined && b !== undefined && (a.commit < b.commit || (a.commit === b.commit && a.prepare <= b.prepare));

const isVersion = (expected: ExpectedVersion): expected is number => typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0;

/** The motcua position a record carries, without decoding its data. */
const chainPositionOf = (record: WireRecord): number | undefined => {
  const metadata = record.metadata as Record<string, unknown> | undefined;
  const chain = metadata !== null && typeof metadata === 'object' ? (metadata[CHAIN_KEY] as { globalPosition?: unknown } | undefined) : undefined;
  const position = chain?.globalPosition;
  return typeof position === 'number' && Number.isSafeInteger(position) && position > 0 ? position : undefined;
};
