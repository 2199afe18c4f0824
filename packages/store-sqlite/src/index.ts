export { openSqliteEventStore, type SqliteEventStoreOptions, type SqliteEventStoreWithDocuments } from './open.js';
export { SqliteEventStore, type BatchAppend, type BatchRefusal, type BatchResult, type CommitStats, type EncodedBatch, type GroupCommit } from './sqlite-event-store.js';
export { SqliteStoreError } from './errors.js';
export { SCHEMA_VERSION } from './schema.js';
export { sqliteChainRows, sqliteEventCount } from './chain-rows.js';
export { copySqliteFile, openSqliteReadOnly, type SqliteReadOnlySource } from './read-only-source.js';
export type { VerifyReport, HashChainProblem } from '@motcua/core';
export * from './projections/index.js';
