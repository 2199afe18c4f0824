import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { AnyProjection, Clock } from '@motcua/core';
import { openSqliteEventStore, openSqliteReadOnly, SqliteStoreError, type SqliteEventStoreWithDocuments, type SqliteReadOnlySource } from '@motcua/store-sqlite';
import { CliError, type CliIo } from './cli-io.js';

export interface OpenOptions {
  /** Refuse a file that does not exist yet (every command but seed, import and serve). */
  readonly mustExist?: boolean;
  readonly clock?: Clock;
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** A server shares commits across requests (`'event-loop'`) and sees other processes' appends. */
  readonly serving?: boolean;
  /** Projections folded inside each append's transaction (and caught up at open). */
  readonly projections?: readonly AnyProjection[];
}

/**
 * The tables of a SQLite file that is not an event store, if it has any: opening it as one would add
 * the store's tables beside another application's. Empty when the file is new, empty, or an event store.
 */
const foreignTables = (file: string): string[] => {
  if (!existsSync(file) || statSync(file).size === 0) return [];
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return tables.includes('schema_migrations') ? [] : tables;
  } catch {
    // Not readable as SQLite: opening the store says why.
    return [];
  } finally {
    db?.close();
  }
};

/** Refuses a file that is missing (when it must exist) or that holds another application's tables. */
const checkStoreFile = (file: string, mustExist: boolean): void => {
  if (mustExist && !existsSync(file)) {
    throw new CliError(`no event store at ${resolve(file)}: run \`motcua seed --db ${file}\` first, or pass --db <file>`);
  }
  const foreign = foreignTables(file);
  if (foreign.length > 0) {
    const shown = foreign.length > 5 ? `${foreign.slice(0, 5).join(', ')}, …` : foreign.join(', ');
    throw new CliError(`${resolve(file)} is a SQLite database of another application (tables ${shown}), not an event store: give the store a file of its own`);
  }
};

/** What a command says when it reads a store from a private copy (`openSqliteReadOnly`). */
export const readFromCopy = (display: string, copiedTo: string): string =>
  `${display} is in a folder SQLite cannot write its index (-shm) to: read from a copy in ${copiedTo}, removed at the end`;

/**
 * Opens the existing SQLite event store named by `--db` for reading only (the commands that only
 * read: verify, export, dossier, replay, explain --as-of, explain on a store it may not write
 * (`isReadOnlyStore`), the audit verdicts and audit bundle), writing nothing to the file or beside it: a
 * file in a folder SQLite cannot write its index (`-shm`) to is read from a private copy, removed at
 * close (`openSqliteReadOnly`, as `migrate` reads its source), and `io` is told so; a command reading
 * rows from the file itself reads `file` of the answer, the copy then. A file at an older schema is
 * opened for writing once, which migrates it, as every command did before.
 */
export const openStoreToRead = (file: string, io: CliIo): SqliteReadOnlySource => {
  checkStoreFile(file, true);
  let source: SqliteReadOnlySource;
  try {
    source = openSqliteReadOnly(file);
  } catch (error) {
    if (error instanceof SqliteStoreError) throw new CliError(`cannot open the event store ${resolve(file)}: ${error.message}`);
    // Not a failure of the file: a schema to migrate first (or one too new, which the opening says).
    const store = openStore(file, { mustExist: true });
    return { store, file, close: () => store.close() };
  }
  if (source.copiedTo !== undefined) io.err(`${readFromCopy(file, source.copiedTo)}\n`);
  return source;
};

const mayWrite = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether this process may not write the existing store `file`: the file itself, or its folder, where
 * SQLite keeps the write-ahead log and its index (`-wal`, `-shm`) beside it. A read-only mode, an
 * immutable file or folder (which binds root too) and a read-only mount all count; a missing file does
 * not (opening it says it is missing).
 */
export const isReadOnlyStore = (file: string): boolean => existsSync(file) && !(mayWrite(file) && mayWrite(dirname(resolve(file))));

/** Opens the SQLite event store named by `--db`, with a message that says what to do when it fails. */
export const openStore = (file: string, options: OpenOptions = {}): SqliteEventStoreWithDocuments => {
  checkStoreFile(file, options.mustExist === true);
  try {
    return openSqliteEventStore({
      file,
      // One-shot commands need no polling for other processes' appends; a server does.
      pollIntervalMs: options.serving === true ? 100 : 0,
      ...(options.serving === true ? { groupCommit: 'event-loop' as const } : {}),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
      ...(options.projections === undefined ? {} : { projections: options.projections }),
    });
  } catch (error) {
    throw new CliError(`cannot open the event store ${resolve(file)}: ${(error as Error).message}`);
  }
};
