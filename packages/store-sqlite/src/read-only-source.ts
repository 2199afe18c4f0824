import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SqliteStoreError } from './errors.js';
import { openSqliteEventStore, type SqliteEventStoreWithDocuments } from './open.js';

/** An event store file opened for reading only, from where it is or from a private copy of it. */
export interface SqliteReadOnlySource {
  readonly store: SqliteEventStoreWithDocuments;
  /** The file read: the one asked for, or its copy (give it to `sqliteChainRows`). */
  readonly file: string;
  /** The folder of the copy, when the file could not be read where it is. */
  readonly copiedTo?: string;
  /** Closes the store and removes the copy, if any. */
  close(): Promise<void>;
}

/**
 * Codes of a read-only open that failed because SQLite could not make the write-ahead log's index
 * (the `-shm` file) beside the file: a read-only folder (`SQLITE_READONLY_DIRECTORY`), or one that even
 * root may not write to, e.g. immutable (`SQLITE_CANTOPEN`).
 */
const NO_INDEX_BESIDE = new Set(['SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_CANTINIT']);

export const cannotIndexBeside = (error: unknown): boolean => error instanceof SqliteStoreError && error.code !== undefined && NO_INDEX_BESIDE.has(error.code);

/**
 * Copies a SQLite file and its write-ahead log (`-wal`), if any, into a new private folder under
 * `parent`; the index (`-shm`) is rebuilt from them. A copy is consistent only when no process writes
 * to the file meanwhile.
 */
export const copySqliteFile = (file: string, parent: string = tmpdir()): { readonly file: string; readonly folder: string } => {
  const folder = mkdtempSync(join(parent, 'motcua-source-'));
  const copy = join(folder, basename(file));
  try {
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return { file: copy, folder };
};

/**
 * Opens an existing event store file for reading only, writing nothing beside it when it can. A file in
 * WAL mode needs its index (`-shm`) beside it, which a read-only folder cannot hold: SQLite's own way
 * round that (`immutable=1`, a URI filename) is not available in better-sqlite3's build (URI filenames
 * are off), so the file and its log are then copied into a private folder under `tmp` and read there.
 * Either way the file must not be written to meanwhile: stop its writers first.
 */
export const openSqliteReadOnly = (file: string, options: { readonly tmp?: string; readonly pollIntervalMs?: number } = {}): SqliteReadOnlySource => {
  const pollIntervalMs = options.pollIntervalMs ?? 0;
  try {
    const store = openSqliteEventStore({ file, readonly: true, pollIntervalMs });
    return { store, file, close: () => store.close() };
  } catch (error) {
    if (!cannotIndexBeside(error) || !existsSync(file)) throw error;
    let copy: { readonly file: string; readonly folder: string };
    try {
      copy = copySqliteFile(file, options.tmp);
    } catch (copyError) {
      throw new SqliteStoreError(`${(error as Error).message}; nor could it be copied to read it elsewhere: ${(copyError as Error).message}`, file, (error as SqliteStoreError).code, { cause: copyError });
    }
    const remove = () => rmSync(copy.folder, { recursive: true, force: true });
    let store: SqliteEventStoreWithDocuments;
    try {
      store = openSqliteEventStore({ file: copy.file, readonly: true, pollIntervalMs });
    } catch (copyError) {
      remove();
      throw copyError;
    }
    return {
      store,
      file: copy.file,
      copiedTo: copy.folder,
      close: async () => {
        try {
          await store.close();
        } finally {
          remove();
        }
      },
    };
  }
};
