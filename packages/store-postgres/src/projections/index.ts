export { PostgresDocumentStore, openPostgresDocumentStore, type PostgresDocumentStoreOptions } from './postgres-document-store.js';
export { ensureDocumentSchema } from './document-schema.js';
