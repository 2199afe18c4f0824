import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import {
  GENESIS_HASH,
  catchUpSubscription,
  computeEventHash,
  describeExpectedVersion,
  expectedVersionHolds,
  idempotencyKeyReused,
  left,
  right,
  verifyHashChain,
  versionConflict,
  type AppendError,
  type AppendResult,
  type Clock,
  type Either,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type HashChainRow,
  type IdGenerator,
  type IdempotencyRecord,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type VerifyReport,
} from '@motcua/core';
import { decodeRow } from './decode-row.js';
import { describeSqliteError, type StoreOperation } from './errors.js';
import { prepareAppend, type PreparedAppend } from './prepare-append.js';
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

export interface StoreSettings {
  readonly file: string;
  readonly groupCommit: GroupCommit;
  readonly pollIntervalMs: number;
  readonly busyTimeoutMs: number;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

interface Pending {
  readonly append: PreparedAppend;
  readonly resolve: (result: Either<AppendError, AppendResult>) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: Either<AppendError, AppendResult> } | { readonly error: unknown };

/** The last event of the log as this connection knows it: where the next event goes and what it chains to. */
interface Head {
  position: number;
  hash: string;
}

const UNKNOWN_HEAD = -1;

/**
 * `EventStore` on one SQLite file through better-sqlite3. Optimistic concurrency is checked inside a
 * `BEGIN IMMEDIATE` transaction, so several processes can share the file; every event carries the hash
 * of the one before it in global order. Open it with `openSqliteEventStore`.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private readonly head: Head = { position: UNKNOWN_HEAD, hash: GENESIS_HASH };
  private queue: Pending[] = [];
  private flushScheduled = false;
  private readonly listeners = new Set<() => void>();
  private pollTimer: NodeJS.Timeout | undefined;
  /** Highest position listeners were told about; polling compares it with the file. */
  private announcedPosition = 0;
  private closed = false;
  private readonly appendAlone: (append: PreparedAppend) => Either<AppendError, AppendResult>;
  private readonly appendInSavepoint: (append: PreparedAppend) => Either<AppendError, AppendResult>;
  private readonly appendGroup: (group: readonly Pending[]) => Outcome[];

  constructor(
    private readonly db: Database.Database,
    private readonly settings: StoreSettings,
  ) {
    this.statements = createStatements(db);
    this.appendAlone = db.transaction((append: PreparedAppend) => {
      this.refreshHead();
      return this.insertAppend(append);
    }).immediate;
    // Called inside the group's transaction, better-sqlite3 runs it in a SAVEPOINT.
    this.appendInSavepoint = db.transaction((append: PreparedAppend) => this.insertAppend(append));
    this.appendGroup = db.transaction((group: readonly Pending[]) => {
      this.refreshHead();
      return group.map(({ append }) => this.appendOneOfGroup(append));
    }).immediate;
    this.announcedPosition = this.lastPosition();
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
    const append = prepareAppend(streamId, events, options.expectedVersion ?? 'any', this.settings.clock, this.settings.ids);
    if (this.settings.groupCommit === false) {
      const result = this.run('appending to', () => this.commitAlone(append));
      this.announce();
      return result;
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const fromVersion = Math.max(1, options.fromVersion ?? 1);
    const limit = options.maxCount ?? -1;
    return this.run('reading', () => {
      for (;;) {
        const rows = this.statements.readStream.all(streamId, fromVersion, limit) as unknown[][];
        const events = new Array<RecordedEvent>(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i] as unknown[];
          events[i] = decodeRow(row[0], streamId, row[1], row[2], row[3], row[4]);
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
    return this.run('reading', () => {
      // One row more than asked tells whether this page is the last without a second query.
      const rows = this.statements.readAll.all(after, maxCount + 1) as unknown[][];
      const count = Math.min(rows.length, maxCount);
      const events = new Array<RecordedEvent>(count);
      for (let i = 0; i < count; i++) {
        const row = rows[i] as unknown[];
        events[i] = decodeRow(row[0], row[1], row[2], row[3], row[4], row[5]);
      }
      const nextPosition = count > 0 ? ((rows[count - 1] as unknown[])[0] as number) : after;
      return { events, nextPosition, isEnd: rows.length <= maxCount };
    });
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return catchUpSubscription(
      {
        readAll: (o) => this.readAll(o),
        onAppended: (listener) => {
          this.listeners.add(listener);
          this.startPolling();
          return () => {
            this.listeners.delete(listener);
            if (this.listeners.size === 0) this.stopPolling();
          };
        },
      },
      options,
    );
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
   * removed or moved. Appends may go on meanwhile: the report covers the log up to where it reached.
   */
  async verify(): Promise<VerifyReport> {
    this.assertOpen();
    return verifyHashChain(this.chainRows());
  }

  /** Flushes appends still queued, stops polling and closes the file. Calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.stopPolling();
    this.listeners.clear();
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
    if (group.length === 1) {
      const [only] = group as [Pending];
      try {
        only.resolve(this.run('appending to', () => this.commitAlone(only.append)));
      } catch (error) {
        only.reject(error);
      }
    } else {
      let outcomes: Outcome[];
      try {
        outcomes = this.run('appending to', () => this.commitGroup(group));
      } catch (error) {
        for (const pending of group) pending.reject(error);
        return;
      }
      outcomes.forEach((outcome, index) => {
        const pending = group[index] as Pending;
        if ('ok' in outcome) pending.resolve(outcome.ok);
        else pending.reject(outcome.error);
      });
    }
    this.announce();
  };

  private commitAlone(append: PreparedAppend): Either<AppendError, AppendResult> {
    try {
      return this.appendAlone(append);
    } catch (error) {
      this.head.position = UNKNOWN_HEAD;
      throw error;
    }
  }

  private commitGroup(group: readonly Pending[]): Outcome[] {
    try {
      return this.appendGroup(group);
    } catch (error) {
      this.head.position = UNKNOWN_HEAD;
      throw error;
    }
  }

  /** One append of a group, in its own savepoint: if it fails, it alone is rolled back. */
  private appendOneOfGroup(append: PreparedAppend): Outcome {
    const { position, hash } = this.head;
    try {
      return { ok: this.appendInSavepoint(append) };
    } catch (error) {
      this.head.position = position;
      this.head.hash = hash;
      // SQLite rolled the whole transaction back (disk full, I/O error): the group fails as one.
      if (!this.db.inTransaction) throw error;
      return { error: describeSqliteError(error, this.settings.file, 'appending to', this.settings.busyTimeoutMs) };
    }
  }

  /** Reads the log's head inside the write transaction: another process may have appended since. */
  private refreshHead(): void {
    const last = this.lastPosition();
    if (last === this.head.position) return;
    const row = this.statements.lastEvent.get() as [number, string] | undefined;
    this.head.position = last;
    this.head.hash = row?.[1] ?? GENESIS_HASH;
  }

  /** Highest position ever assigned (AUTOINCREMENT's counter: positions are never reused). */
  private lastPosition(): number {
    return (this.statements.lastPosition.get() as number | undefined) ?? 0;
  }

  /** Checks and inserts one append; runs inside a transaction that holds the write lock. */
  private insertAppend(append: PreparedAppend): Either<AppendError, AppendResult> {
    const { streamId, events } = append;
    const current = (this.statements.streamVersion.get(streamId) as number | null) ?? 0;
    if (!expectedVersionHolds(append.expected, current)) {
      return left(versionConflict(streamId, describeExpectedVersion(append.expected), current));
    }
    const key = append.idempotencyKey;
    if (key !== undefined && this.statements.idempotencyKeyUsed.get(key) !== undefined) {
      return left(idempotencyKeyReused(key));
    }
    if (events.length === 0) {
      return right({ streamId, nextExpectedVersion: current, lastGlobalPosition: this.head.position, events: [] });
    }
    let position = this.head.position;
    let previousHash = this.head.hash;
    const lastVersion = current + events.length;
    const recorded = new Array<RecordedEvent>(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as (typeof events)[number];
      const streamVersion = current + i + 1;
      position++;
      const hash = computeEventHash(previousHash, {
        globalPosition: position,
        streamId,
        streamVersion,
        type: event.type,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
      });
      const keyed = i === 0 && key !== undefined;
      this.statements.insert.run(
        position,
        streamId,
        streamVersion,
        event.type,
        event.dataJson,
        event.metadataJson,
        keyed ? key : null,
        keyed ? (append.commandHash ?? null) : null,
        keyed ? lastVersion : null,
        previousHash,
        hash,
      );
      previousHash = hash;
      recorded[i] = {
        type: event.type,
        data: JSON.parse(event.dataJson),
        metadata: { ...event.metadata, streamId, streamVersion, globalPosition: position } as unknown as EventMetadata,
      };
    }
    this.head.position = position;
    this.head.hash = previousHash;
    return right({ streamId, nextExpectedVersion: lastVersion, lastGlobalPosition: position, events: recorded });
  }

  // ------------------------------------------------------------------ subscriptions

  /** Tells subscriptions that the log grew (here or, seen by polling, in another process). */
  private announce(): void {
    if (this.listeners.size === 0) return;
    const last = this.head.position === UNKNOWN_HEAD ? this.lastPosition() : this.head.position;
    if (last <= this.announcedPosition) return;
    this.announcedPosition = last;
    for (const listener of [...this.listeners]) listener();
  }

  private startPolling(): void {
    if (this.pollTimer !== undefined || this.settings.pollIntervalMs <= 0) return;
    this.pollTimer = setInterval(() => {
      if (this.closed) return;
      try {
        const last = this.lastPosition();
        if (last <= this.announcedPosition) return;
        this.announcedPosition = last;
      } catch {
        // The subscriptions' own read reports the failure.
      }
      for (const listener of [...this.listeners]) listener();
    }, this.settings.pollIntervalMs);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    if (this.pollTimer === undefined) return;
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  // ------------------------------------------------------------------ helpers

  private async *chainRows(): AsyncGenerator<HashChainRow> {
    const pageSize = 1000;
    for (let after = 0; ; ) {
      if (this.closed) throw new Error(`the event store ${this.settings.file} was closed during verify`);
      const rows = this.run('verifying', () => this.statements.chainPage.all(after, pageSize)) as unknown[][];
      for (const row of rows) {
        yield {
          globalPosition: row[0] as number,
          streamId: String(row[1]),
          streamVersion: row[2] as number,
          type: String(row[3]),
          dataJson: String(row[4]),
          metadataJson: String(row[5]),
          previousHash: String(row[6]),
          hash: String(row[7]),
        };
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
      throw describeSqliteError(error, this.settings.file, operation, this.settings.busyTimeoutMs);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the event store ${this.settings.file} is closed`);
  }
}
