export {
  SqliteProjectionStore,
  openSqliteProjectionStore,
  type SqliteProjectionStoreOptions,
  type ProjectionHeader,
} from './sqlite-projection-store.js';
export { ensureProjectionSchema } from './projection-schema.js';
