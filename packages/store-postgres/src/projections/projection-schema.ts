import type { PoolClient } from 'pg';
import { quoteSchema } from '../schema.js';

/**
 * The projection tables, apart from the event log's migrations (like the SQLite store's): a database
 * written by an older version gains them on first use. One row per copy (`slot` 'live' or 'shadow'),
 * its state as one JSON document beside its checkpoint, so one statement writes both.
 */
export const ensureProjectionSchema = async (client: PoolClient, schema: string): Promise<void> => {
  const quoted = quoteSchema(schema);
  await client.query('BEGIN');
  try {
    // Two processes creating the tables at once would race on the catalogue: take turns.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`motcua.projections.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${quoted}.projections (
        name       text    NOT NULL,
        slot       text    NOT NULL CHECK (slot IN ('live', 'shadow')),
        generation integer NOT NULL,
        version    integer NOT NULL,
        checkpoint bigint  NOT NULL,
        status     text    NOT NULL CHECK (status IN ('running', 'failed')),
        error      text,
        state      text    NOT NULL,
        updated_at text    NOT NULL,
        PRIMARY KEY (name, slot)
      )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};
