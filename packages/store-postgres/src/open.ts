import pg from 'pg';
import { systemClock, uuidGenerator, type Clock, type IdGenerator } from '@motcua/core';
import { describePgError } from './errors.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { migrate, quoteSchema } from './schema.js';

interface CommonOptions {
  /** Schema holding the store's tables (created when missing); default `motcua`. */
  readonly schema?: string;
  /** How often subscriptions look for appends made by other processes; default 100 ms, 0 turns it off. */
  readonly pollIntervalMs?: number;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

export type PostgresEventStoreOptions = CommonOptions &
  (
    | {
        /** `postgres://user:password@host:port/database`; the store makes its own pool and ends it on close. */
        readonly connectionString: string;
        /** Size of that pool; default 10. */
        readonly poolSize?: number;
        readonly pool?: never;
      }
    | {
        /** A pool the application owns: the store borrows clients and never ends it. */
        readonly pool: pg.Pool;
        readonly connectionString?: never;
      }
  );

/** Connects, creates or migrates the store's schema, and returns the store. */
export const openPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<PostgresEventStore> => {
  const schema = options.schema ?? 'motcua';
  quoteSchema(schema);
  const clock = options.clock ?? systemClock;
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
  // An idle client losing its connection emits 'error' on the pool; without a listener Node exits.
  // The next query on that pool fails and reports it, so nothing is lost by listening.
  if (ownsPool) pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migrate(client, schema, () => clock.now().toISOString());
    } finally {
      client.release();
    }
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw describePgError(error, schema, 'opening');
  }
  return new PostgresEventStore(pool, {
    schema,
    ownsPool,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    clock,
    ids: options.ids ?? uuidGenerator,
  });
};
