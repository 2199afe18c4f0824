/** The stores' own failures (the names of their error classes, so that no store package is loaded to test for them). */
const STORE_ERRORS = new Set(['SqliteStoreError', 'PostgresStoreError', 'EventStoreDbStoreError']);

/**
 * Whether `error` is a store failing (a lost connection, a read-only file, a server gone) rather than
 * a refused row or a bug. gRPC errors that reach a command unwrapped carry a numeric status code, with
 * grpc-js's `details` or the EventStoreDB client's `type`.
 */
export const storeFailure = (error: unknown): error is Error => {
  if (!(error instanceof Error)) return false;
  if (STORE_ERRORS.has(error.name)) return true;
  const { code, details, type } = error as { code?: unknown; details?: unknown; type?: unknown };
  return typeof code === 'number' && (typeof details === 'string' || typeof type === 'string');
};
