import type Database from 'better-sqlite3';
import {
  preparedAppendResult,
  type PreparedAppend,
  GENESIS_HASH,
  computeEventHash,
  describeExpectedVersion,
  expectedVersionHolds,
  idempotencyKeyReused,
  left,
  right,
  versionConflict,
  type AppendError,
  type AppendResult,
  type Either,
} from '@motcua/core';
import { storedAppendOf, type StoredAppend, type StoredAppends } from './encoded-batch.js';
import { hashBytes, hashHex } from './event-body.js';
import { INSERT_COLUMNS, ROWS_PER_INSERT, type Statements } from './statements.js';

/** How appends were grouped into transactions since the store was opened (for operators and tests). */
export interface CommitStats {
  /** Write transactions committed. */
  readonly transactions: number;
  /** Append calls settled in those transactions (conflicts included). */
  readonly appends: number;
}

/** What became of one append of a group: its result, or the error that rolled back its savepoint. */
export type Outcome = { readonly ok: Either<AppendError, AppendResult> } | { readonly error: unknown };

/** Append `index` of a group made SQLite roll back the whole transaction: nothing of the group was written. */
export class GroupAborted extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`append ${index} of the group aborted the transaction`);
  }
}

/** What a committed batch wrote. */
export interface BatchResult {
  /** Appends of the batch (each one stream's events). */
  readonly appends: number;
  readonly events: number;
  /** Global position of the batch's last event (the log's head before it when it wrote none). */
  readonly lastGlobalPosition: number;
}

/** Why a batch wrote nothing: the first of its appends that was refused, and why. */
export interface BatchRefusal {
  readonly index: number;
  readonly error: AppendError;
}

/** Thrown inside a batch's transaction to roll it back when one of its appends is refused. */
class BatchRefused extends Error {
  constructor(readonly refusal: BatchRefusal) {
    super(`append ${refusal.index} of the batch was refused: ${refusal.error.message}`);
  }
}

const UNKNOWN = -1;

/**
 * Streams whose version this connection keeps in memory, so that appending to them again asks the
 * file nothing: about this many (the map is emptied when a transaction starts with it full, so a batch
 * knows every stream it wrote until it commits), and only while no other connection wrote and no
 * transaction of this one rolled back.
 */
const KNOWN_VERSIONS = 200_000;

/** SQLite's error when a row breaks a UNIQUE index: here, a stream version or an idempotency key already used. */
const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * The write side: checks and inserts appends inside `BEGIN IMMEDIATE` transactions and extends the
 * hash chain. It keeps the log's head (last position and hash) in memory and re-reads it inside each
 * transaction when the file moved on, since another process may share the file.
 */
export class LogWriter {
  /** The last event of the log as this connection knows it: where the next event goes, what it chains to. */
  private readonly head = { position: UNKNOWN, hash: GENESIS_HASH };
  private readonly stats = { transactions: 0, appends: 0 };
  /**
   * Versions of streams this connection wrote, as the file holds them: valid while the head is, so
   * forgotten whenever the head is (another process wrote, a transaction or savepoint rolled back).
   */
  private readonly versions = new Map<string, number>();
  private readonly appendAlone: (append: PreparedAppend) => Either<AppendError, AppendResult>;
  private readonly appendInSavepoint: (append: PreparedAppend) => Either<AppendError, AppendResult>;
  private readonly appendGroup: (group: readonly PreparedAppend[]) => Outcome[];
  private readonly appendBatch: (batch: StoredAppends, trusting: boolean) => number;
  /**
   * Rows of a batch not inserted yet, `INSERT_COLUMNS` values each: a batch inserts `ROWS_PER_INSERT`
   * rows per statement (docs/operations/sizing.md). Only a batch's transaction fills it.
   */
  private readonly rows: unknown[] = [];
  private batching = false;

  constructor(
    private readonly db: Database.Database,
    private readonly statements: Statements,
    /** Turns an error of one append in a group into what its caller gets. */
    private readonly describe: (error: unknown) => unknown,
    /** Runs inside each write transaction after its inserts (inline projections); throwing rolls it back. */
    private readonly beforeCommit?: () => void,
  ) {
    this.appendAlone = db.transaction((append: PreparedAppend) => {
      this.refreshHead();
      const result = this.insertAppend(append);
      this.beforeCommit?.();
      return result;
    }).immediate;
    // Called inside the group's transaction, better-sqlite3 runs it in a SAVEPOINT.
    this.appendInSavepoint = db.transaction((append: PreparedAppend) => this.insertAppend(append));
    this.appendGroup = db.transaction((group: readonly PreparedAppend[]) => {
      this.refreshHead();
      const outcomes = group.map((append, index) => this.appendOneOfGroup(append, index));
      this.beforeCommit?.();
      return outcomes;
    }).immediate;
    // No savepoints: a refused append throws, and the whole batch rolls back.
    this.appendBatch = db.transaction((batch: StoredAppends, trusting: boolean) => {
      this.refreshHead();
      this.rows.length = 0;
      this.batching = true;
      try {
        let events = 0;
        for (let index = 0; index < batch.length; index++) {
          const append = batch.at(index);
          const firstVersion = this.insertRows(append, trusting);
          if (typeof firstVersion !== 'number') {
            // An append before this one may have been taken on trust: its rows go in first, so that the
            // index refuses it (and the batch is checked again) rather than this one being named.
            this.insertBuffered();
            throw new BatchRefused({ index, error: firstVersion });
          }
          events += append.events.length;
        }
        this.insertBuffered();
        this.beforeCommit?.();
        return events;
      } finally {
        this.batching = false;
        this.rows.length = 0;
      }
    }).immediate;
  }

  /** One append, one transaction. Throws what SQLite throws; nothing is written then. */
  commitAlone(append: PreparedAppend): Either<AppendError, AppendResult> {
    try {
      const result = this.appendAlone(append);
      this.stats.transactions++;
      this.stats.appends++;
      return result;
    } catch (error) {
      this.forgetHead();
      throw error;
    }
  }

  /**
   * Several appends, one transaction, each in its own savepoint. Throws `GroupAborted` when one of
   * them made SQLite abandon the transaction, or what SQLite threw at BEGIN or COMMIT.
   */
  commitGroup(group: readonly PreparedAppend[]): Outcome[] {
    try {
      const outcomes = this.appendGroup(group);
      this.stats.transactions++;
      this.stats.appends += group.length;
      return outcomes;
    } catch (error) {
      this.forgetHead();
      throw error;
    }
  }

  /**
   * Many appends, one transaction, no savepoints: all of them are written, or none when one is refused
   * (its index and error come back). Throws what SQLite threw, or what reading an append threw (an
   * encoded batch checks each append as it is read, `decodedAppends`); nothing is written then.
   *
   * An append expecting no stream to a stream this connection does not know is first written without
   * asking the file for the stream's version: the stream's UNIQUE (stream_id, stream_version) index
   * refuses its first row when the stream exists. Then the whole batch rolls back and is written
   * again asking for every version, which names the append refused.
   */
  commitBatch(batch: StoredAppends): Either<BatchRefusal, BatchResult> {
    for (const trusting of [true, false]) {
      try {
        const events = this.appendBatch(batch, trusting);
        this.stats.transactions++;
        this.stats.appends += batch.length;
        return right({ appends: batch.length, events, lastGlobalPosition: this.head.position });
      } catch (error) {
        this.forgetHead();
        if (error instanceof BatchRefused) return left(error.refusal);
        if (!(trusting && isUniqueViolation(error))) throw error;
      }
    }
    throw new Error('unreachable: the second attempt returns or throws');
  }

  commitStats(): CommitStats {
    return { ...this.stats };
  }

  /** Highest position ever assigned (AUTOINCREMENT's counter: positions are never reused). */
  lastPosition(): number {
    return (this.statements.lastPosition.get() as number | undefined) ?? 0;
  }

  /** The last position this connection wrote or saw, without a query when it knows it. */
  knownLastPosition(): number {
    return this.head.position === UNKNOWN ? this.lastPosition() : this.head.position;
  }

  private appendOneOfGroup(append: PreparedAppend, index: number): Outcome {
    const { position, hash } = this.head;
    try {
      return { ok: this.appendInSavepoint(append) };
    } catch (error) {
      this.head.position = position;
      this.head.hash = hash;
      // The savepoint rolled back: what this append wrote is gone, and so may be what was known of its stream.
      this.versions.clear();
      if (!this.db.inTransaction) throw new GroupAborted(index, error);
      return { error: this.describe(error) };
    }
  }

  /** Reads the log's head inside the write transaction when the file moved on since this connection wrote. */
  private refreshHead(): void {
    if (this.versions.size >= KNOWN_VERSIONS) this.versions.clear();
    const last = this.lastPosition();
    if (last === this.head.position) return;
    this.versions.clear();
    const row = this.statements.lastEvent.get() as [number, unknown] | undefined;
    this.head.position = last;
    this.head.hash = row === undefined ? GENESIS_HASH : hashHex(row[1]);
  }

  /** After a rollback, or an error that may have been one: the head and the streams' versions are read again. */
  private forgetHead(): void {
    this.head.position = UNKNOWN;
    this.versions.clear();
  }

  /** Checks and inserts one append; runs inside a transaction that holds the write lock. */
  private insertAppend(append: PreparedAppend): Either<AppendError, AppendResult> {
    const firstVersion = this.insertRows(storedAppendOf(append), false);
    if (typeof firstVersion !== 'number') return left(firstVersion);
    if (append.events.length === 0) {
      return right({ streamId: append.streamId, nextExpectedVersion: firstVersion - 1, lastGlobalPosition: this.head.position, events: [] });
    }
    return right(preparedAppendResult(append, firstVersion, this.head.position - append.events.length + 1));
  }

  /** The stream's version in the file: remembered when this connection wrote it last, else asked. */
  private streamVersion(streamId: string): number {
    const known = this.versions.get(streamId);
    if (known !== undefined) return known;
    return (this.statements.streamVersion.get(streamId) as number | null) ?? 0;
  }

  /**
   * Checks one append and inserts its events with their hashes: the version its first event got, or
   * why it was refused (then it wrote nothing). Runs inside a transaction that holds the write lock.
   * `trusting` (a batch's first attempt, `commitBatch`): a stream expected not to exist, and not known
   * here, is taken to be at version 0, which its UNIQUE index enforces when the append has events.
   */
  private insertRows(append: StoredAppend, trusting: boolean): number | AppendError {
    const { streamId, events } = append;
    // Without events there is no first row for the index to refuse: the version is asked.
    const current = trusting && append.expected === 'no-stream' && events.length > 0 ? (this.versions.get(streamId) ?? 0) : this.streamVersion(streamId);
    if (!expectedVersionHolds(append.expected, current)) {
      return versionConflict(streamId, describeExpectedVersion(append.expected), current);
    }
    const key = append.idempotencyKey;
    if (key !== undefined) {
      // A key used earlier in this batch may still wait in the buffer.
      this.insertBuffered();
      if (this.statements.idempotencyKeyUsed.get(key) !== undefined) return idempotencyKeyReused(key);
    }
    if (events.length === 0) return current + 1;
    const firstPosition = this.head.position + 1;
    let previousHash = this.head.hash;
    let previousBytes = hashBytes(previousHash);
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as (typeof events)[number];
      const streamVersion = current + i + 1;
      const globalPosition = firstPosition + i;
      const hash = computeEventHash(previousHash, {
        globalPosition,
        streamId,
        streamVersion,
        type: event.type,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
      });
      const keyed = i === 0 && key !== undefined;
      const hashed = hashBytes(hash);
      const idempotencyKey = keyed ? key : null;
      const commandHash = keyed ? (append.commandHash ?? null) : null;
      const lastVersion = keyed ? current + events.length : null;
      if (this.batching) {
        this.rows.push(globalPosition, streamId, streamVersion, event.type, event.body, event.dataJson.length, idempotencyKey, commandHash, lastVersion, previousBytes, hashed);
        if (this.rows.length === ROWS_PER_INSERT * INSERT_COLUMNS) {
          this.statements.insertMany.run(this.rows);
          this.rows.length = 0;
        }
      } else {
        this.statements.insert.run(globalPosition, streamId, streamVersion, event.type, event.body, event.dataJson.length, idempotencyKey, commandHash, lastVersion, previousBytes, hashed);
      }
      previousHash = hash;
      previousBytes = hashed;
    }
    this.head.position = firstPosition + events.length - 1;
    this.head.hash = previousHash;
    this.versions.set(streamId, current + events.length);
    return current + 1;
  }

  /** Inserts the rows a batch buffered, one statement each (fewer than `ROWS_PER_INSERT`). */
  private insertBuffered(): void {
    const rows = this.rows;
    for (let at = 0; at < rows.length; at += INSERT_COLUMNS) this.statements.insert.run(rows.slice(at, at + INSERT_COLUMNS));
    rows.length = 0;
  }
}
