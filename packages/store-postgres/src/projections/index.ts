export {
  PostgresProjectionStore,
  openPostgresProjectionStore,
  type PostgresProjectionStoreOptions,
} from './postgres-projection-store.js';
export { ensureProjectionSchema } from './projection-schema.js';
