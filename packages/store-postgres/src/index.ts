export { openPostgresEventStore, type PostgresEventStoreOptions, type PostgresEventStoreWithDocuments } from './open.js';
export { PostgresEventStore, type CommitStats } from './postgres-event-store.js';
export { PostgresStoreError } from './errors.js';
export { SCHEMA_VERSION } from './schema.js';
export { postgresChainRows, postgresHeadPosition, type PostgresChainRowsOptions } from './chain-rows.js';
export type { VerifyReport, HashChainProblem } from '@motcua/core';
export * from './projections/index.js';
