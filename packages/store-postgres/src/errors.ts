import { CorruptEventError } from '@motcua/core';

/**
 * A failure of the database itself (not an expected outcome such as a version conflict): server
 * unreachable, permission denied, disk full, a statement timeout. `code` is PostgreSQL's SQLSTATE, or
 * Node's error code (`ECONNREFUSED`) when the server could not be reached.
 */
export class PostgresStoreError extends Error {
  constructor(
    message: string,
    readonly schema: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PostgresStoreError';
  }
}

export type StoreOperation = 'appending to' | 'reading' | 'opening' | 'verifying' | 'migrating';

/** SQLSTATE classes worth a sentence of their own; the rest get PostgreSQL's message. */
const explain = (code: string): string | undefined => {
  if (code === '53100') return 'the server ran out of disk space';
  if (code === '57014') return 'the statement was cancelled (statement timeout?)';
  if (code === '25006') return 'the server is read-only (a standby?)';
  if (code.startsWith('28')) return 'the server refused the credentials';
  if (code.startsWith('42501')) return 'permission denied';
  if (code.startsWith('08') || code.startsWith('57P')) return 'the connection to the server was lost';
  if (code.startsWith('E')) return 'the server could not be reached';
  return undefined;
};

/**
 * Turns an error of `pg` (or of the socket under it) into one that names the schema and the
 * operation. Other errors (bugs, corrupt events, bad input) pass through unchanged.
 */
export const describePgError = (error: unknown, schema: string, operation: StoreOperation): unknown => {
  if (error instanceof PostgresStoreError || error instanceof CorruptEventError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  const nothingWritten = operation === 'appending to' || operation === 'migrating' ? '; nothing was written' : '';
  const what = explain(code);
  const cause = (error as Error).message;
  const message = `PostgreSQL failed while ${operation} the event store in schema "${schema}"${nothingWritten}: ${
    what === undefined ? '' : `${what} `
  }(${code}: ${cause})`;
  return new PostgresStoreError(message, schema, code, { cause: error });
};
