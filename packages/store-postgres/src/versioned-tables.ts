import type { PoolClient } from 'pg';
import { inTransaction } from './pool-client.js';

/** One step of a set of tables' schema, recorded in their own table of versions. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  /** SQL with `$schema` standing for the quoted schema name. */
  readonly sql: string;
  /** Rewrites rows after `sql`, in the same transaction. */
  readonly upgrade?: (client: PoolClient, quotedSchema: string) => Promise<void>;
}

/**
 * Brings a set of tables (the event log's, the documents') to the last of `migrations` in one
 * transaction, recording each step in `versionsTable`. An advisory lock on `lockName` makes two
 * processes doing it at once take turns. A released migration is never edited: a change is a new
 * entry. Refuses tables a newer version wrote (`newer` says so) rather than misread them.
 */
export const applyMigrations = async (
  client: PoolClient,
  quoted: string,
  tables: { readonly versionsTable: string; readonly lockName: string; readonly migrations: readonly Migration[]; readonly newer: (version: number) => string },
  now: () => string,
): Promise<void> => {
  const last = tables.migrations[tables.migrations.length - 1]?.version ?? 0;
  await inTransaction(client, async () => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [tables.lockName]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.${tables.versionsTable} (
         version     integer PRIMARY KEY,
         description text    NOT NULL,
         applied_at  text    NOT NULL
       )`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0)::int AS version FROM ${quoted}.${tables.versionsTable}`);
    const from = rows[0]?.version ?? 0;
    if (from > last) throw new Error(tables.newer(from));
    for (const migration of tables.migrations) {
      if (migration.version <= from) continue;
      await client.query(migration.sql.replaceAll('$schema', quoted));
      await migration.upgrade?.(client, quoted);
      await client.query(`INSERT INTO ${quoted}.${tables.versionsTable} (version, description, applied_at) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.description,
        now(),
      ]);
    }
  });
};
