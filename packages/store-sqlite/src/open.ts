import Database from 'better-sqlite3';
import { systemClock, uuidGenerator, type AnyProjection, type Clock, type IdGenerator, deskEventCodecs, type EventCodecs } from '@motcua/core';
import { describeSqliteError } from './errors.js';
import { documentSchemaProblem, hasDocumentSchema } from './projections/document-schema.js';
import { SqliteInlineDocuments } from './projections/inline-documents.js';
import { SqliteDocumentStore } from './projections/sqlite-document-store.js';
import { checkSchema, migrate } from './schema.js';
import { SqliteEventStore, type GroupCommit, type StoreSettings } from './sqlite-event-store.js';

export interface SqliteEventStoreOptions {
  /** Path of the database file (created when missing), or `':memory:'`. */
  readonly file: string;
  /**
   * `'FULL'` (default): every commit is fsynced, so an acknowledged append survives a power loss.
   * `'NORMAL'`: the WAL is fsynced at checkpoints only; an application crash loses nothing, a power
   * loss or OS crash can lose the last commits (never corrupt the file).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Let appends issued together share one transaction and one fsync; default `'microtask'` (`true` is the same). */
  readonly groupCommit?: GroupCommit | true;
  /** How often subscriptions look for appends made by other processes; default 100 ms, 0 turns it off. */
  readonly pollIntervalMs?: number;
  /** How long to wait for another connection's write lock before failing; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Open an existing file for reading (and `verify`) only; appends fail with a read-only error. */
  readonly readonly?: boolean;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /**
   * The codecs appended events must match exactly, by type (`EventCodecs`); an event that does not is
   * refused (`EventDataRefused`) with nothing of its append written. Default: the desk's
   * (`deskEventCodecs()`); an embedder with event types of its own gives `deskEventCodecs(ownCodecs)`.
   */
  readonly eventCodecs?: EventCodecs;
  /**
   * Document projections folded in each append's own transaction: documents, checkpoints and events
   * commit together. Caught up at open in one transaction; a handler that throws marks its projection
   * failed and the append still succeeds. Read them through the store's `documents`, or from another
   * connection with `openSqliteDocumentStore({ file })`. Ignored when `readonly`.
   */
  readonly projections?: readonly AnyProjection[];
  /**
   * Bytes per page of a file this call creates (a power of two from 512 to 65536; SQLite's default
   * 4096); ignored for a file that exists. A file loaded with millions of events at once
   * (`motcua generate`) is written with about a third less CPU at 16384.
   */
  readonly pageSize?: number;
}

/** The event store and the read side's documents on the same connection. */
export type SqliteEventStoreWithDocuments = SqliteEventStore & {
  /** The documents in this file (those of `projections` among them), on the store's own connection. */
  readonly documents: SqliteDocumentStore;
};

/** Opens (creating and migrating when needed) the event store in a SQLite file. */
export const openSqliteEventStore = (options: SqliteEventStoreOptions): SqliteEventStoreWithDocuments => {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  let db: Database.Database;
  try {
    db = new Database(options.file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      timeout: busyTimeoutMs,
    });
  } catch (error) {
    throw describeSqliteError(error, options.file, 'opening', busyTimeoutMs);
  }
  return attachSqliteEventStore(db, options);
};

/**
 * Sets up an already opened connection and builds the store on it. Internal: tests use it to open a
 * connection with limits of their own (a tiny `max_page_count` for disk full).
 */
export const attachSqliteEventStore = (db: Database.Database, options: SqliteEventStoreOptions): SqliteEventStoreWithDocuments => {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const clock = options.clock ?? systemClock;
  let documents: SqliteDocumentStore | undefined;
  // Why a read-only connection has no documents: the event log is read all the same (verify, migrate).
  let noDocuments = `${options.file} has no document tables yet: open it once for writing`;
  let inlineDocuments: SqliteInlineDocuments | undefined;
  try {
    if (options.pageSize !== undefined && !db.readonly) setPageSize(db, options.pageSize);
    configure(db, options.synchronous ?? 'FULL', busyTimeoutMs);
    if (db.readonly) checkSchema(db, options.file);
    else migrate(db, options.file, () => clock.now().toISOString());
    if (!db.readonly) documents = new SqliteDocumentStore(db, () => clock.now());
    else if (hasDocumentSchema(db)) {
      // Document tables of another version: the read side cannot use them read-only, the log can.
      const problem = documentSchemaProblem(db);
      if (problem === undefined) documents = new SqliteDocumentStore(db, () => clock.now());
      else noDocuments = `${options.file}: ${problem}`;
    }
    if (documents !== undefined && !db.readonly) {
      documents.purgeRetired();
      if (options.projections !== undefined && options.projections.length > 0) {
        inlineDocuments = new SqliteInlineDocuments(db, options.projections, documents);
        inlineDocuments.catchUp();
      }
    }
  } catch (error) {
    db.close();
    throw describeSqliteError(error, options.file, 'opening', busyTimeoutMs);
  }
  const settings: StoreSettings = {
    file: options.file,
    groupCommit: options.groupCommit === true || options.groupCommit === undefined ? 'microtask' : options.groupCommit,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    busyTimeoutMs,
    clock,
    ids: options.ids ?? uuidGenerator,
    eventCodecs: options.eventCodecs ?? deskEventCodecs(),
    ...(inlineDocuments === undefined ? {} : { beforeCommit: inlineDocuments.project }),
  };
  const store = new SqliteEventStore(db, settings);
  return Object.defineProperty(store, 'documents', {
    enumerable: true,
    get: (): SqliteDocumentStore => {
      if (documents === undefined) throw new Error(noDocuments);
      return documents;
    },
  }) as SqliteEventStoreWithDocuments;
};

/** Sets the page size of a new (still empty) file, before WAL mode fixes it; an existing file keeps its own. */
const setPageSize = (db: Database.Database, pageSize: number): void => {
  if (!Number.isInteger(pageSize) || pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new RangeError(`pageSize must be a power of two from 512 to 65536, not ${pageSize}`);
  }
  db.pragma(`page_size = ${pageSize}`);
};

/** The pragmas of the raw better-sqlite3 limit bench; the README says why each one. */
const configure = (db: Database.Database, synchronous: 'FULL' | 'NORMAL', busyTimeoutMs: number): void => {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('wal_autocheckpoint = 10000');
};
