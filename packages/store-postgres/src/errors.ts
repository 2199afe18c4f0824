import { CorruptEventError } from '@motcua/core';

/**
 * A failure of the database itself (not an expected outcome such as a version conflict): server
 * unreachable, permission denied, disk full, a statement timeout, a connection lost. `code` is
 * PostgreSQL's SQLSTATE, or Node's error code (`ECONNREFUSED`) when the server could not be reached.
 */
export class PostgresStoreError extends Error {
  /**
   * For an append: the connection was lost after the append was sent, so it may have been committed
   * or not. Read the stream before trying again, or try again with the same idempotency key.
   */
  readonly outcomeUnknown: boolean;

  constructor(
    message: string,
    readonly schema: string,
    readonly code: string | undefined,
    options?: { cause?: unknown; outcomeUnknown?: boolean },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'PostgresStoreError';
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }
}

export type StoreOperation = 'appending to' | 'reading' | 'opening' | 'verifying' | 'migrating';

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Whether the server answered an error for the statement, so its transaction rolled back and the
 * connection is usable: not a lost connection (whose commit may or may not have happened), a
 * shutdown, or an internal error.
 */
export const statementRefused = (error: unknown): boolean => {
  const code = codeOf(error);
  if (code === undefined || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return !['08', '57', '58', 'XX'].includes(code.slice(0, 2));
};

/** Node's codes of a server that could not be reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Node's codes of a file that could not be read: the driver reads the files the connection string
 * names (`sslrootcert`, `sslcert`, `sslkey`) before it connects, so nothing reached the server.
 */
const UNREADABLE_FILE = new Set(['ENOENT', 'EACCES', 'EISDIR', 'EPERM']);

/** What `pg` says, without a code, of a connection that ended under a query. */
const LOST_WITHOUT_CODE = /^Connection terminated|connection error and is not queryable/;

/** Whether `code` is the connection to the server ending (by the server, the network or a reset). */
const lostCode = (code: string): boolean =>
  code.startsWith('08') || code.startsWith('57P') || (code.startsWith('E') && !UNREACHABLE.has(code) && !UNREADABLE_FILE.has(code));

/** Whether `error` is the connection to the server ending, with a code or as `pg` words it without one. */
const connectionLost = (error: unknown): boolean => {
  const code = codeOf(error);
  return code === undefined ? error instanceof Error && LOST_WITHOUT_CODE.test(error.message) : lostCode(code);
};

/** SQLSTATE classes worth a sentence of their own; the rest get PostgreSQL's message. */
const explain = (code: string | undefined): string | undefined => {
  if (code === undefined) return 'the connection to the server was lost';
  if (code === '53100') return 'the server ran out of disk space';
  if (code === '57014') return 'the statement was cancelled (statement timeout?)';
  if (code === '25006') return 'the server is read-only (a standby?)';
  if (code.startsWith('28')) return 'the server refused the credentials';
  if (code.startsWith('42501')) return 'permission denied';
  if (UNREACHABLE.has(code)) return 'the server could not be reached';
  if (UNREADABLE_FILE.has(code)) return 'cannot read a file the connection string names (sslrootcert/sslcert/sslkey)';
  if (lostCode(code)) return 'the connection to the server was lost';
  return undefined;
};

/**
 * Turns an error of `pg` (or of the socket under it) into one that names the schema and the
 * operation. Other errors (bugs, corrupt events, bad input) pass through unchanged.
 *
 * Of a write, it says what became of it. Nothing was written when the server refused the statement
 * or when the write was never `sent`; a connection lost after it was sent leaves the outcome unknown
 * (`outcomeUnknown`): the commit may have happened before the connection ended.
 */
export const describePgError = (error: unknown, schema: string, operation: StoreOperation, sent = true): unknown => {
  if (error instanceof PostgresStoreError || error instanceof CorruptEventError) return error;
  const code = codeOf(error);
  if (code === undefined && !connectionLost(error)) return error;
  const writing = operation === 'appending to' || operation === 'migrating';
  // A lost connection is never a statement the server refused: the commit may have happened.
  const outcomeUnknown = writing && sent && connectionLost(error);
  const outcome = !writing
    ? ''
    : outcomeUnknown
      ? '; the outcome is unknown (the connection ended after the write was sent): read the stream before trying again, or try again with the same idempotency key'
      : '; nothing was written';
  const what = explain(code);
  const cause = (error as Error).message;
  const message = `PostgreSQL failed while ${operation} the event store in schema "${schema}"${outcome}: ${what === undefined ? '' : `${what} `}(${
    code === undefined ? cause : `${code}: ${cause}`
  })`;
  return new PostgresStoreError(message, schema, code, { cause: error, outcomeUnknown });
};
