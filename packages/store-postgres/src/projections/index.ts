export {
  PostgresProjectionStore,
  openPostgresProjectionStore,
  type PostgresProjectionStoreOptions,
} from './postgres-projection-store.js';
export { ensureProjectionSchema } from './projection-schema.js';
export { PostgresDocumentStore, openPostgresDocumentStore, type PostgresDocumentStoreOptions } from './postgres-document-store.js';
export { ensureDocumentSchema } from './document-schema.js';
