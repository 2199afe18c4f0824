import type { Pool, PoolClient, QueryResultRow } from 'pg';
import {
  prepareAppend,
  type RecordedEvent,
  catchUpSubscription,
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
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type ReadStreamResult,
  type SubscribeOptions,
  type Subscription,
  type VerifyReport,
  type PreparedAppend,
} from '@motcua/core';
import { chainRowOf, chainRowsAtPositions, chainRowsPage, type ChainRowRecord } from './chain-rows.js';
import { decodeRow } from './decode-row.js';
import { describePgError, statementRefused, type StoreOperation } from './errors.js';
import { commitGroup, type CommittedGroup } from './log-writer.js';
import { holdClient, type HeldClient } from './pool-client.js';
import { readStatements, type LogRow, type NamedStatement, type ReadStatements, type StreamRow } from './read-statements.js';
import { quoteSchema } from './schema.js';

export interface StoreSettings {
  readonly schema: string;
  /** Whether `close()` ends the pool (the store made it from a connection string). */
  readonly ownsPool: boolean;
  readonly pollIntervalMs: number;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** What appended events are checked against (`prepareAppend`). */
  readonly eventCodecs: EventCodecs;
  /** Runs inside each append's transaction after its inserts (inline projections). */
  readonly beforeCommit?: (client: PoolClient) => Promise<void>;
}

interface Pending {
  readonly append: PreparedAppend;
  readonly resolve: (result: Either<AppendError, AppendResult>) => void;
  readonly reject: (error: unknown) => void;
}

/** How appends were grouped into transactions since the store was opened (for operators and tests). */
export interface CommitStats {
  readonly transactions: number;
  readonly appends: number;
}

/**
 * How many characters of event text (data and metadata) one group of appends carries at most. A
 * group's events travel as a few joined texts, which must stay within V8's longest string and
 * PostgreSQL's largest message: appends queued together past this wait for the next group, so one
 * caller's large append never fails another's small one. A single append larger than this goes alone.
 */
export const GROUP_TEXT_LIMIT = 64 * 1024 * 1024;

/** The characters of event text an append carries. */
const textOf = (append: PreparedAppend): number => {
  let chars = 0;
  for (const event of append.events) chars += event.dataJson.length + 2 * event.metadataJson.length;
  return chars;
};

/** Takes from the front of `queue` the appends of the next group: at least one, at most `GROUP_TEXT_LIMIT` characters. */
const takeGroup = (queue: Pending[]): Pending[] => {
  let chars = 0;
  let count = 0;
  while (count < queue.length) {
    chars += textOf((queue[count] as Pending).append);
    if (count > 0 && chars > GROUP_TEXT_LIMIT) break;
    count++;
  }
  return queue.splice(0, count);
};

/**
 * `EventStore` on PostgreSQL through `pg`. Appends are serialised on the row lock of `log_head`, so
 * global positions commit in order (no reader ever skips a late commit) and every event carries the
 * hash of the one before it. Appends issued while a transaction is running share the next one. Open
 * it with `openPostgresEventStore`.
 */
export class PostgresEventStore implements EventStore {
  private readonly sql: string;
  private readonly statements: ReadStatements;
  private queue: Pending[] = [];
  private writing: Promise<void> | undefined;
  private readonly stats = { transactions: 0, appends: 0 };
  /** Wakes subscriptions after this store's commits and, polling `log_head`, after other processes' appends. */
  private readonly growth: LogGrowth;
  /** The highest position this store wrote; its subscriptions hear of it without waiting for a poll. */
  private lastWrittenPosition = 0;
  private closed = false;
  /** The rows of the page after the last full page `readAll` returned, read while its caller decodes and works on that one. */
  private readAhead: { readonly after: number; readonly maxCount: number; readonly rows: Promise<LogRow[]> } | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly settings: StoreSettings,
  ) {
    this.sql = quoteSchema(settings.schema);
    this.statements = readStatements(this.sql);
    this.growth = new LogGrowth(() => this.lastHandedOut(), settings.pollIntervalMs);
  }

  /** The last position the log handed out (`log_head`): 0 for an empty log. */
  private async lastHandedOut(): Promise<number> {
    const { rows } = await this.query<{ last_position: string }>('reading', `SELECT last_position FROM ${this.sql}.log_head`, []);
    return Number(rows[0]?.last_position ?? 0);
  }

  /** The schema holding this store's tables. */
  get schema(): string {
    return this.settings.schema;
  }

  /** How many transactions the appends so far took: with group commit, fewer than the appends. */
  commitStats(): CommitStats {
    return { ...this.stats };
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion?: ExpectedVersion } = {},
  ): Promise<Either<AppendError, AppendResult>> {
    this.assertOpen();
    const append = prepareAppend(streamId, events, options.expectedVersion ?? 'any', this.settings.clock, this.settings.ids, this.settings.eventCodecs);
    return new Promise((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      this.writing ??= this.writeQueued();
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const fromVersion = Math.max(1, options.fromVersion ?? 1);
    const limit = options.maxCount === undefined ? null : Math.max(0, options.maxCount);
    if (fromVersion === 1 && limit === null) {
      // The whole stream: versions run 1, 2, … without gaps, so the last row's is the current one.
      const { rows } = await this.query<StreamRow>('reading', this.statements.wholeStream, [streamId]);
      const events = rows.map((row) => decodeRow(Number(row[0]), streamId, row[1], row[2], row[3], row[4]));
      const currentVersion = rows.length === 0 ? 0 : (rows[rows.length - 1] as StreamRow)[1];
      return { streamId, currentVersion, streamExists: currentVersion > 0, events };
    }
    // One statement, one snapshot: the current version always matches the events returned.
    const { rows } = await this.query<[current: number, ...StreamRow]>('reading', this.statements.streamFrom, [streamId, fromVersion, limit]);
    const currentVersion = rows[0]?.[0] ?? 0;
    const events = rows
      .filter((row) => row[1] !== null)
      .map((row) => decodeRow(Number(row[1]), streamId, row[2], row[3], row[4], row[5]));
    return { streamId, currentVersion, streamExists: currentVersion > 0, events };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    this.assertOpen();
    const after = Math.max(0, options.after ?? 0);
    const maxCount = Math.max(0, options.maxCount ?? 1000);
    if (options.types !== undefined) return this.pageOf(await this.pageRows(after, maxCount, options.types), after, maxCount, options.types);
    const ahead = this.readAhead;
    this.readAhead = undefined;
    let rows: LogRow[] | undefined;
    if (ahead !== undefined && ahead.after === after && ahead.maxCount === maxCount) {
      // A full page read ahead is the one a read now would return: positions are gap-free and become
      // visible in order, so the maxCount events after a position never change once they exist. A
      // page that reached the end is read again, since events may have been appended since.
      const read = await ahead.rows.catch(() => undefined);
      if (read !== undefined && read.length > maxCount) rows = read;
    }
    rows ??= await this.pageRows(after, maxCount, undefined);
    // A reader paging through a backlog asks next for the page after this one: the server reads it
    // while this one is decoded and used. The pool hands an idle connection out on the next tick, so
    // the query would leave only once the caller, done with this page, waits for the next one: this
    // read yields for that tick first, and the query is on its way before the page is decoded.
    if (rows.length > maxCount && maxCount > 0 && !this.closed) {
      const next = Number((rows[maxCount - 1] as LogRow)[0]);
      const nextRows = this.pageRows(next, maxCount, undefined);
      nextRows.catch(() => undefined);
      this.readAhead = { after: next, maxCount, rows: nextRows };
      await new Promise<void>((resolve) => process.nextTick(resolve));
    }
    return this.pageOf(rows, after, maxCount, undefined);
  }

  /** The rows of the log after `after`: one more than asked tells whether the page is the last without a second query. */
  private async pageRows(after: number, maxCount: number, types: readonly string[] | undefined): Promise<LogRow[]> {
    const { rows } =
      types === undefined
        ? await this.query<LogRow>('reading', this.statements.page, [after, maxCount + 1])
        : // One statement, one snapshot: the head it reports is the one the filtered page ends at.
          await this.query<LogRow>('reading', this.statements.pageOfTypes, [after, maxCount + 1, types]);
    return rows;
  }

  /**
   * Decodes the rows of a page, letting go of each row once decoded: the texts of the rows already
   * decoded are garbage, not live data that the young generation's collections copy and promote
   * while the rest of the page is decoded.
   */
  private pageOf(rows: (LogRow | undefined)[], after: number, maxCount: number, types: readonly string[] | undefined): ReadAllPage {
    const found = rows[0]?.[0] === null ? 0 : rows.length;
    const count = Math.min(found, maxCount);
    const last = count > 0 ? Number((rows[count - 1] as LogRow)[0]) : after;
    const isEnd = found <= maxCount;
    const head = Number(rows[0]?.[6] ?? 0);
    const events = new Array<RecordedEvent>(count);
    for (let i = 0; i < count; i++) {
      const row = rows[i] as LogRow;
      rows[i] = undefined;
      events[i] = decodeRow(Number(row[0]), row[1], row[2], row[3], row[4], row[5]);
    }
    return { events, nextPosition: isEnd && types !== undefined ? Math.max(last, head) : last, isEnd };
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return catchUpSubscription({ readAll: (o) => this.readAll(o), onAppended: this.growth.onAppended }, options);
  }

  async findIdempotencyRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    this.assertOpen();
    const { rows } = await this.query<{ stream_id: string; stream_version: number; command_hash: string | null; idempotency_last_version: number }>(
      'reading',
      `SELECT stream_id, stream_version, command_hash, idempotency_last_version FROM ${this.sql}.events WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      idempotencyKey,
      commandHash: row.command_hash ?? '',
      streamId: row.stream_id,
      firstVersion: row.stream_version,
      lastVersion: row.idempotency_last_version,
    };
  }

  /**
   * Walks the whole log in pages and checks the hash chain; names the first event that was altered,
   * removed or moved, and events removed from its end, which `log_head` still counts (read before the
   * walk). Appends may go on meanwhile: the report covers the log up to where it reached.
   */
  async verify(): Promise<VerifyReport> {
    this.assertOpen();
    const head = await this.lastHandedOut();
    return verifyHashChain(this.chainRows(), { head });
  }

  /** The rows at these global positions as hashed, by the primary key (`EventStore.chainRowsAt`). */
  async chainRowsAt(positions: readonly number[]): Promise<ReadonlyMap<number, HashChainRow>> {
    this.assertOpen();
    const { rows } = await this.query<ChainRowRecord>('reading', chainRowsAtPositions(this.sql), [positions.map(String)]);
    return new Map(rows.map((row) => [Number(row.global_position), chainRowOf(row)]));
  }

  /** Commits appends still queued, stops polling and ends the pool if the store made it. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.growth.close();
    const ahead = this.readAhead;
    this.readAhead = undefined;
    await Promise.all([this.writing, ahead?.rows.catch(() => undefined)]);
    if (this.settings.ownsPool) await this.pool.end();
  }

  // ------------------------------------------------------------------ appends

  /**
   * The store's one writing loop: whatever was queued while the previous transaction ran goes into
   * the next one, up to `GROUP_TEXT_LIMIT` characters of events. A single loop per store loses
   * nothing, since the log lock admits one writer at a time anyway, and it turns waiting for the lock
   * into group commit.
   */
  private async writeQueued(): Promise<void> {
    // Let the appends issued in the current job (a Promise.all of commands) join the first group.
    await Promise.resolve();
    try {
      while (this.queue.length > 0) {
        const group = takeGroup(this.queue);
        await this.settle(group);
        this.announce();
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async settle(group: readonly Pending[]): Promise<void> {
    let committed: CommittedGroup;
    let held: HeldClient;
    try {
      held = await holdClient(this.pool);
    } catch (error) {
      // Nothing was sent: nothing was written.
      const described = describePgError(error, this.settings.schema, 'appending to', false);
      for (const pending of group) pending.reject(described);
      return;
    }
    try {
      committed = await commitGroup(held.client, this.sql, group.map((pending) => pending.append), this.settings.beforeCommit);
    } catch (error) {
      // A statement the server refused was rolled back and leaves the connection usable; after any
      // other failure the client may be in any state: do not hand it out again.
      held.release(!statementRefused(error));
      const described = describePgError(error, this.settings.schema, 'appending to');
      for (const pending of group) pending.reject(described);
      return;
    }
    const { outcomes } = committed;
    held.release(outcomes.some((outcome) => 'error' in outcome && !statementRefused(outcome.error)));
    this.stats.transactions += committed.transactions;
    this.stats.appends += group.length;
    outcomes.forEach((outcome, index) => {
      const pending = group[index] as Pending;
      if ('ok' in outcome) {
        pending.resolve(outcome.ok);
        if (outcome.ok._tag === 'Right') this.lastWrittenPosition = Math.max(this.lastWrittenPosition, outcome.ok.right.lastGlobalPosition);
      } else pending.reject(describePgError(outcome.error, this.settings.schema, 'appending to'));
    });
  }

  // ------------------------------------------------------------------ subscriptions

  private announce(): void {
    this.growth.announce(this.lastWrittenPosition);
  }

  // ------------------------------------------------------------------ helpers

  private async *chainRows(): AsyncGenerator<HashChainRow> {
    const pageSize = 1000;
    for (let after = 0; ; ) {
      if (this.closed) throw new Error(`the event store in schema "${this.settings.schema}" was closed during verify`);
      const { rows } = await this.query<ChainRowRecord>('verifying', chainRowsPage(this.sql), [after, pageSize]);
      for (const row of rows) yield chainRowOf(row);
      if (rows.length < pageSize) return;
      after = Number((rows[rows.length - 1] as ChainRowRecord).global_position);
    }
  }

  private async query<Row extends object>(
    operation: StoreOperation,
    statement: string | NamedStatement,
    values: unknown[],
  ): Promise<{ rows: Row[] }> {
    try {
      return typeof statement === 'string'
        ? await this.pool.query<Row & QueryResultRow>(statement, values)
        : await this.pool.query<Row & unknown[]>({ ...statement, values, rowMode: 'array' });
    } catch (error) {
      throw describePgError(error, this.settings.schema, operation);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the event store in schema "${this.settings.schema}" is closed`);
  }
}
