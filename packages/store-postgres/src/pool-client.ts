import type { Pool, PoolClient, PoolConfig } from 'pg';
import { statementRefused } from './errors.js';

/**
 * The isolation level every transaction of the store runs at. The append statements wait for the
 * `log_head` row lock and then read the row as the commit before them left it, which only READ
 * COMMITTED does: at REPEATABLE READ or SERIALIZABLE, appends of different streams made at once fail
 * with serialization errors, and two processes creating a schema at once collide. So the store's
 * transactions name it, its own pools make it their connections' default (an append of one statement
 * runs in the default), and `checkIsolation` refuses a borrowed pool whose connections default to another.
 */
export const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';

/** The pool configuration of a pool the store makes: READ COMMITTED whatever the role's or database's default. */
export const ownPoolConfig = (connectionString: string, max: number): PoolConfig => ({
  connectionString,
  max,
  options: '-c default_transaction_isolation=read\\ committed',
});

/** Refuses a connection whose transactions default to another level than READ COMMITTED, saying how to fix it. */
export const checkIsolation = async (client: PoolClient, schema: string): Promise<void> => {
  const { rows } = await client.query<{ transaction_isolation: string }>('SHOW transaction_isolation');
  const level = rows[0]?.transaction_isolation;
  if (level === 'read committed') return;
  throw new Error(
    `the event store in schema "${schema}" needs transactions at READ COMMITTED, but the pool's connections default to ${JSON.stringify(level)} ` +
      `(default_transaction_isolation of the role or database): give the store a pool whose connections use READ COMMITTED, ` +
      `e.g. new pg.Pool({ ..., options: '-c default_transaction_isolation=read\\\\ committed' }), or let the store make its own from a connection string`,
  );
};

/** A client of the pool, held by the store until `release`. */
export interface HeldClient {
  readonly client: PoolClient;
  /** Gives the client back; `broken` (or a connection lost meanwhile) closes it instead of handing it out again. */
  release(broken?: boolean): void;
}

/**
 * A client of `pool`, listened to while the store holds it. `pg`'s pool stops listening for a client's
 * errors when it hands the client out, and a connection lost meanwhile (a server restart, a failover,
 * a reset) is emitted as an 'error' event: with no listener, Node ends the process. Here it is noted:
 * the query that was running fails on its own, and the client is closed when released.
 */
export const holdClient = async (pool: Pool): Promise<HeldClient> => {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error): void => {
    lost = error;
  };
  client.on('error', onError);
  return {
    client,
    release: (broken = false) => {
      client.removeListener('error', onError);
      client.release(lost ?? (broken ? true : undefined));
    },
  };
};

/**
 * Runs `use` on a held client and gives it back: closed when `use` failed otherwise than by the server
 * refusing a statement (after which the connection is usable), since it may be in any state.
 */
export const withClient = async <T>(pool: Pool, use: (client: PoolClient) => Promise<T>): Promise<T> => {
  const held = await holdClient(pool);
  let result: T;
  try {
    result = await use(held.client);
  } catch (error) {
    held.release(!statementRefused(error));
    throw error;
  }
  held.release();
  return result;
};

/** Runs `work` in one READ COMMITTED transaction on `client`, rolled back when it throws. */
export const inTransaction = async <T>(client: PoolClient, work: () => Promise<T>): Promise<T> => {
  await client.query(BEGIN);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
