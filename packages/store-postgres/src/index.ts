export { openPostgresEventStore, type PostgresEventStoreOptions, type PostgresEventStoreWithDocuments } from './open.js';
export { PostgresEventStore, type CommitStats } from './postgres-event-store.js';
export { PostgresStoreError } from './errors.js';
export { SCHEMA_VERSION } from './schema.js';
export {
  findPostgresEventStore,
  postgresChainRows,
  postgresHeadPosition,
  type PostgresChainRowsOptions,
  type PostgresEventStoreLookup,
} from './chain-rows.js';
export type { VerifyReport, HashChainProblem } from '@motcua/core';
export * from './projections/index.js';
