export {
  SqliteProjectionStore,
  openSqliteProjectionStore,
  type SqliteProjectionStoreOptions,
  type ProjectionHeader,
} from './sqlite-projection-store.js';
export { ensureProjectionSchema } from './projection-schema.js';
export { SqliteDocumentStore, openSqliteDocumentStore, prefixUpperBound, type SqliteDocumentStoreOptions } from './sqlite-document-store.js';
export { ensureDocumentSchema } from './document-schema.js';
