import { describe, expect, it } from 'vitest';
import { describeSqliteError, SqliteStoreError } from './errors.js';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('SQLite failures told as the store', () => {
  it('a folder SQLite cannot make the write-ahead log in is said to be read-only, not the file', () => {
    const error = describeSqliteError(sqliteError('SQLITE_READONLY_DIRECTORY', 'attempt to write a readonly database'), 'ro/w.db', 'opening', 5000);
    expect(error).toBeInstanceOf(SqliteStoreError);
    expect((error as Error).message).toBe(
      'the folder of the event store file ro/w.db is read-only: SQLite cannot make its write-ahead log (-wal, -shm) beside the file (SQLITE_READONLY_DIRECTORY: attempt to write a readonly database)',
    );
  });

  it('a file SQLite may not write is said to be read-only', () => {
    const error = describeSqliteError(sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), 'ro/w.db', 'appending to', 5000);
    expect((error as Error).message).toBe('the event store file ro/w.db is read-only (SQLITE_READONLY: attempt to write a readonly database); nothing was written');
  });
});
