import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import {
  prepareAppend,
  catchUpSubscription,
  deskEventCodecs,
  LogGrowth,
  verifyHashChain,
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
  type NewEventJson,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type VerifyReport,
  type PreparedAppend,
  uuidGenerator,
} from '@motcua/core';
import { decodeRow } from './decode-row.js';
import { decodedAppends, encodeBatch, isEncodedBatch, storedAppendOf, storedAppends, type EncodedBatch, type StoredAppend, type StoredAppends } from './encoded-batch.js';
import { chainRowOf, chainRowsAtWith } from './chain-rows.js';
import { describeSqliteError, type StoreOperation } from './errors.js';
import { GroupAborted, LogWriter, type BatchRefusal, type BatchResult, type CommitStats, type Outcome } from './log-writer.js';
import { createStatements, type Statements } from './statements.js';

/**
 * When appends issued close together share one transaction (and one fsync):
 * - `'microtask'` (default): appends issued before the current job yields (a `Promise.all` of
 *   commands, a burst from one handler) are flushed together right after it; a sequential caller
 *   waits for nothing;
 * - `'event-loop'`: appends are flushed once per turn of the event loop, so requests arriving in
 *   separate I/O callbacks share a commit too; each append waits for the end of the turn;
 * - `false`: every append is its own transaction, run at once.
 */
export type GroupCommit = 'microtask' | 'event-loop' | false;

export type { BatchRefusal, BatchResult, CommitStats } from './log-writer.js';
export type { EncodedBatch } from './encoded-batch.js';

/** One stream's events in a batch (`SqliteEventStore.appendBatch`), as `appendToStream` takes them. */
export interface BatchAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion?: ExpectedVersion;
}

/**
 * One stream's events for `SqliteEventStore.encodeBatch` with their data as JSON text already
 * (`NewEventJson`): encoded as it stands, and checked as JSON, as every encoded event is, when written.
 */
export interface BatchAppendOfTexts {
  readonly streamId: string;
  readonly texts: readonly NewEventJson[];
  readonly expectedVersion?: ExpectedVersion;
}

export interface StoreSettings {
  readonly file: string;
  readonly groupCommit: GroupCommit;
  readonly pollIntervalMs: number;
  readonly busyTimeoutMs: number;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** What appended events are checked against (`prepareAppend`). */
  readonly eventCodecs: EventCodecs;
  /** Runs inside each append's transaction, after the inserts: inline projections. */
  readonly beforeCommit?: () => void;
}

interface Pending {
  readonly append: PreparedAppend;
  readonly resolve: (result: Either<AppendError, AppendResult>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * `EventStore` on one SQLite file through better-sqlite3. Optimistic concurrency is checked inside a
 * `BEGIN IMMEDIATE` transaction, so several processes can share the file; every event carries the hash
 * of the one before it in global order. Open it with `openSqliteEventStore`.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private readonly writer: LogWriter;
  private readonly readOfTypes: (after: number, maxCount: number, types: string) => ReadAllPage;
  private queue: Pending[] = [];
  private flushScheduled = false;
  /** Wakes subscriptions after this store's commits and, polling the file, after other processes' appends. */
  private readonly growth: LogGrowth;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly settings: StoreSettings,
  ) {
    this.statements = createStatements(db);
    this.writer = new LogWriter(
      db,
      this.statements,
      (error) => this.describe(error, 'appending to'),
      settings.beforeCommit,
    );
    this.growth = new LogGrowth(() => this.writer.lastPosition(), settings.pollIntervalMs, this.writer.lastPosition());
    // The page and the head it ends at come from one snapshot, so no append can fall between them.
    this.readOfTypes = db.transaction((after: number, maxCount: number, types: string): ReadAllPage => {
      const page = pageOf(this.statements.readAllOfTypes.all(after, types, maxCount + 1) as unknown[][], after, maxCount);
      return page.isEnd ? { ...page, nextPosition: Math.max(page.nextPosition, this.writer.lastPosition()) } : page;
    });
  }

  /** How many transactions the appends so far took: with group commit, fewer than the appends. */
  commitStats(): CommitStats {
    return this.writer.commitStats();
  }

  /** The file this store writes to. */
  get file(): string {
    return this.settings.file;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion?: ExpectedVersion } = {},
  ): Promise<Either<AppendError, AppendResult>> {
    this.assertOpen();
    const append = prepareAppend(streamId, events, options.expectedVersion ?? 'any', this.settings.clock, this.settings.ids, this.settings.eventCodecs);
    if (this.settings.groupCommit === false) {
      const result = this.run('appending to', () => this.writer.commitAlone(append));
      this.announce();
      return result;
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      this.scheduleFlush();
    });
  }

  /**
   * Appends to many streams in one transaction: for a writer that loads a log (`motcua generate`, an
   * import). Each append is prepared and checked exactly as `appendToStream` does it and the hash
   * chain runs through them in order, but they share one transaction without a savepoint or a promise
   * each. All of them are written, or none: the first append refused (wrong expected version,
   * idempotency key used) comes back with its index. Appends already queued are committed first.
   *
   * The appends may come encoded (`SqliteEventStore.encodeBatch`, on another thread): the events are
   * then recorded at the time the batch was encoded, with the ids it assigned, and each one is checked
   * again as the write reads it (`encoded-batch.ts`), an event that is not one an append records
   * throwing a `TypeError`, with nothing written.
   */
  async appendBatch(appends: readonly BatchAppend[] | EncodedBatch): Promise<Either<BatchRefusal, BatchResult>> {
    this.assertOpen();
    let prepared: StoredAppends;
    if (isEncodedBatch(appends)) {
      prepared = decodedAppends(appends);
    } else {
      const { clock, ids, eventCodecs } = this.settings;
      const stored = new Array<StoredAppend>(appends.length);
      for (let i = 0; i < appends.length; i++) {
        const { streamId, events, expectedVersion } = appends[i] as BatchAppend;
        stored[i] = storedAppendOf(prepareAppend(streamId, events, expectedVersion ?? 'any', clock, ids, eventCodecs));
      }
      prepared = storedAppends(stored);
    }
    this.flush();
    const result = this.run('appending to', () => this.writer.commitBatch(prepared));
    this.announce();
    return result;
  }

  /**
   * Appends encoded for `appendBatch` as one text, to be written by a store on another thread: each is
   * prepared and checked as `appendToStream` does it (an event that cannot be stored throws here),
   * recorded at `clock.now()`, its events given ids by `ids` when they have none (default: random UUIDs,
   * as a store's) and checked against `eventCodecs` (default: the desk's, as a store's). The text is a
   * copy of the stored bodies, cheap to post to a worker or back.
   */
  static encodeBatch(
    appends: readonly (BatchAppend | BatchAppendOfTexts)[],
    options: { readonly clock: Clock; readonly ids?: IdGenerator; readonly eventCodecs?: EventCodecs },
  ): EncodedBatch {
    return encodeBatch(appends, options.clock, options.ids ?? uuidGenerator, options.eventCodecs ?? deskEventCodecs());
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const fromVersion = Math.max(1, options.fromVersion ?? 1);
    const limit = options.maxCount === undefined ? -1 : Math.max(0, options.maxCount);
    return this.run('reading', () => {
      for (;;) {
        const rows = (
          limit === -1 ? this.statements.readStream.all(streamId, fromVersion) : this.statements.readStreamPage.all(streamId, fromVersion, limit)
        ) as unknown[][];
        const events = new Array<RecordedEvent>(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i] as unknown[];
          events[i] = decodeRow(row[0], streamId, row[1], row[2], row[3]);
        }
        const lastRead = rows.length > 0 ? ((rows[rows.length - 1] as unknown[])[1] as number) : 0;
        const currentVersion =
          limit === -1 && rows.length > 0 ? lastRead : ((this.statements.streamVersion.get(streamId) as number | null) ?? 0);
        // Two statements, two snapshots: an append between them must not hide events from a full read.
        if (limit === -1 && currentVersion > Math.max(lastRead, fromVersion - 1)) continue;
        return { streamId, currentVersion, streamExists: currentVersion > 0, events };
      }
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    this.assertOpen();
    const after = Math.max(0, options.after ?? 0);
    const maxCount = Math.max(0, options.maxCount ?? 1000);
    const types = options.types;
    return this.run('reading', () => {
      if (types === undefined) return pageOf(this.statements.readAll.all(after, maxCount + 1) as unknown[][], after, maxCount);
      return this.readOfTypes(after, maxCount, JSON.stringify(types));
    });
  }


  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.run('reading', () => this.writer.lastPosition());
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return catchUpSubscription({ readAll: (o) => this.readAll(o), onAppended: this.growth.onAppended }, options);
  }

  async findIdempotencyRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const row = this.run('reading', () => this.statements.idempotencyRecord.get(idempotencyKey)) as unknown[] | undefined;
    if (row === undefined) return undefined;
    return {
      idempotencyKey,
      commandHash: (row[2] as string | null) ?? '',
      streamId: row[0] as string,
      firstVersion: row[1] as number,
      lastVersion: row[3] as number,
    };
  }

  /**
   * Walks the whole log in pages and checks the hash chain; names the first event that was altered,
   * removed or moved, and events removed from its end, which the file's position counter still
   * counts (`headPosition`, read before the walk). Appends may go on meanwhile: the report covers the
   * log up to where it reached.
   */
  async verify(): Promise<VerifyReport> {
    this.assertOpen();
    const head = await this.headPosition();
    return verifyHashChain(this.chainRows(), { head });
  }

  /** The rows at these global positions as hashed, by their primary key (`EventStore.chainRowsAt`). */
  async chainRowsAt(positions: readonly number[]): Promise<ReadonlyMap<number, HashChainRow>> {
    this.assertOpen();
    return this.run('reading', () => chainRowsAtWith(this.statements.chainRowAt, positions));
  }

  /** Flushes appends still queued, stops polling and closes the file. Calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.growth.close();
    this.db.close();
  }

  // ------------------------------------------------------------------ appends

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    if (this.settings.groupCommit === 'event-loop') setImmediate(this.flush);
    else queueMicrotask(this.flush);
  }

  private readonly flush = (): void => {
    this.flushScheduled = false;
    const group = this.queue;
    if (group.length === 0) return;
    this.queue = [];
    if (this.closed) {
      for (const pending of group) pending.reject(new Error(`the event store ${this.settings.file} is closed`));
      return;
    }
    this.settle(group);
    this.announce();
  };

  /** Commits the appends of a group and settles each one's promise only after the COMMIT. */
  private settle(group: readonly Pending[]): void {
    if (group.length === 1) {
      const [only] = group as [Pending];
      try {
        only.resolve(this.run('appending to', () => this.writer.commitAlone(only.append)));
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.run('appending to', () => this.writer.commitGroup(group.map((pending) => pending.append)));
    } catch (error) {
      if (error instanceof GroupAborted) {
        // One append made SQLite abandon the whole transaction: it fails, the others try again.
        (group[error.index] as Pending).reject(this.describe(error.cause, 'appending to'));
        const others = group.filter((_, index) => index !== error.index);
        if (others.length > 0) this.settle(others);
      } else {
        for (const pending of group) pending.reject(error);
      }
      return;
    }
    outcomes.forEach((outcome, index) => {
      const pending = group[index] as Pending;
      if ('ok' in outcome) pending.resolve(outcome.ok);
      else pending.reject(outcome.error);
    });
  }

  // ------------------------------------------------------------------ subscriptions

  /** Tells subscriptions that this store's commits made the log grow. */
  private announce(): void {
    this.growth.announce(this.writer.knownLastPosition());
  }

  // ------------------------------------------------------------------ helpers

  private async *chainRows(): AsyncGenerator<HashChainRow> {
    const pageSize = 1000;
    for (let after = 0; ; ) {
      if (this.closed) throw new Error(`the event store ${this.settings.file} was closed during verify`);
      const rows = this.run('verifying', () => this.statements.chainPage.all(after, pageSize)) as unknown[][];
      for (const row of rows) {
        yield chainRowOf(row);
      }
      if (rows.length < pageSize) return;
      after = (rows[rows.length - 1] as unknown[])[0] as number;
      await nextTurn();
    }
  }

  /** Runs database work, turning SQLite's errors into ones that name the file and the operation. */
  private run<T>(operation: StoreOperation, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw this.describe(error, operation);
    }
  }

  private describe(error: unknown, operation: StoreOperation): unknown {
    return describeSqliteError(error, this.settings.file, operation, this.settings.busyTimeoutMs);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the event store ${this.settings.file} is closed`);
  }
}

/**
 * Rows of a `readAll` query (one more than `maxCount` asked, telling whether it is the last page) as a
 * page. The rows' own array becomes the page's events, each row replaced by its event as it is
 * decoded: no second array, and a row is garbage as soon as it is read.
 */
const pageOf = (rows: unknown[][], after: number, maxCount: number): ReadAllPage => {
  const count = Math.min(rows.length, maxCount);
  const isEnd = rows.length <= maxCount;
  const nextPosition = count > 0 ? ((rows[count - 1] as unknown[])[0] as number) : after;
  const events = rows as unknown[] as RecordedEvent[];
  for (let i = 0; i < count; i++) {
    const row = rows[i] as unknown[];
    events[i] = decodeRow(row[0], row[1], row[2], row[3], row[4]);
  }
  events.length = count;
  return { events, nextPosition, isEnd };
};
