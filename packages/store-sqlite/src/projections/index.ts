export { SqliteDocumentStore, openSqliteDocumentStore, prefixUpperBound, type SqliteDocumentStoreOptions } from './sqlite-document-store.js';
export { ensureDocumentSchema } from './document-schema.js';
export {
  rebuildSqliteProjections,
  REBUILD_CACHED_DOCUMENTS,
  type RebuildGroupOptions,
  type RebuildProgress,
  type RebuiltProjection,
} from './rebuild-group.js';
export { rebuildInWorkers, type RebuildInWorkersOptions } from './rebuild-in-workers.js';
