export { SqliteDocumentStore, openSqliteDocumentStore, prefixUpperBound, type SqliteDocumentStoreOptions } from './sqlite-document-store.js';
export { ensureDocumentSchema } from './document-schema.js';
