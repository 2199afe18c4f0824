/**
 * A failure of the database itself (not an expected outcome such as a version conflict): read-only
 * file, disk full, lock held too long, damaged file. `code` is SQLite's extended code when there is one.
 */
export class SqliteStoreError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SqliteStoreError';
  }
}

export type StoreOperation = 'appending to' | 'reading' | 'opening' | 'verifying' | 'migrating' | 'writing documents to';

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

/**
 * Turns a better-sqlite3 error into one that says what happened and to which file. Errors that are
 * not SQLite's (bugs, corrupt-event errors) pass through unchanged.
 */
export const describeSqliteError = (
  error: unknown,
  file: string,
  operation: StoreOperation,
  busyTimeoutMs: number,
): unknown => {
  const code = codeOf(error);
  if (code === undefined || error instanceof SqliteStoreError) return error;
  const cause = (error as Error).message;
  const nothingWritten = operation === 'appending to' || operation === 'migrating' ? '; nothing was written' : '';
  let message: string;
  if (code === 'SQLITE_READONLY_DIRECTORY') {
    message = `the folder of the event store file ${file} is read-only: SQLite cannot make its write-ahead log (-wal, -shm) beside the file (${code}: ${cause})${nothingWritten}`;
  } else if (code.startsWith('SQLITE_READONLY')) {
    message = `the event store file ${file} is read-only (${code}: ${cause})${nothingWritten}`;
  } else if (code === 'SQLITE_FULL') {
    message = `disk full while ${operation} ${file}${nothingWritten} (${cause})`;
  } else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    message = `the event store file ${file} stayed locked by another connection for more than the busy timeout (${busyTimeoutMs} ms) while ${operation} it${nothingWritten} (${code})`;
  } else if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    message = `the event store file ${file} is damaged or is not a SQLite database (${code}: ${cause})`;
  } else if (code.startsWith('SQLITE_CANTOPEN')) {
    message = `cannot open the event store file ${file} (${code}: ${cause})`;
  } else if (code.startsWith('SQLITE_IOERR')) {
    message = `I/O error while ${operation} ${file}${nothingWritten} (${code}: ${cause})`;
  } else {
    message = `SQLite failed while ${operation} ${file}${nothingWritten} (${code}: ${cause})`;
  }
  return new SqliteStoreError(message, file, code, { cause: error });
};
