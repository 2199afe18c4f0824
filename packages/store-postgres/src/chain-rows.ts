import pg from 'pg';
import type { HashChainRow } from '@motcua/core';
import { describePgError } from './errors.js';
import { quoteSchema } from './schema.js';
import { hashedMetadataJson } from './stored-metadata.js';

/** A row of the events table with what its hash covers, as `chainRowsPage` selects it. */
export interface ChainRowRecord {
  readonly global_position: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly previous_hash: string;
  readonly hash: string;
  readonly hashed_stream_id: string | null;
}

/** The columns of a `ChainRowRecord`. */
const CHAIN_COLUMNS = 'global_position, stream_id, stream_version, type, data, metadata, previous_hash, hash, hashed_stream_id';

/** One page of the chain after a position (`$1`), `$2` rows, in global order, from the schema `sql` (quoted). */
export const chainRowsPage = (sql: string): string =>
  `SELECT ${CHAIN_COLUMNS} FROM ${sql}.events
   WHERE global_position > $1 ORDER BY global_position LIMIT $2`;

/** The rows at the global positions given as one array (`$1`), from the schema `sql` (quoted). */
export const chainRowsAtPositions = (sql: string): string =>
  `SELECT ${CHAIN_COLUMNS} FROM ${sql}.events
   WHERE global_position = ANY($1::bigint[])`;

/** A stored row as the hash chain reads it: the JSON texts exactly as hashed (stored-metadata.ts). */
export const chainRowOf = (row: ChainRowRecord): HashChainRow => ({
  globalPosition: Number(row.global_position),
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  type: row.type,
  dataJson: row.data,
  metadataJson: hashedMetadataJson(row.metadata),
  previousHash: row.previous_hash,
  hash: row.hash,
  ...(row.hashed_stream_id === null ? {} : { hashedStreamId: row.hashed_stream_id }),
});

export interface PostgresChainRowsOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly connectionString: string;
  /** Schema holding the store's tables; default `motcua`. */
  readonly schema?: string;
  /** Start after this global position; default 0 (the whole log). */
  readonly after?: number;
  readonly pageSize?: number;
}

/**
 * The rows of a PostgreSQL event store exactly as hashed (the JSON texts and hashes of the chain), in
 * global order from `after`, on a connection of their own: what a copy to another store carries so
 * that the copy can be verified against them (the PostgreSQL side of `sqliteChainRows`).
 */
export async function* postgresChainRows(options: PostgresChainRowsOptions): AsyncGenerator<HashChainRow> {
  const schema = options.schema ?? 'motcua';
  const sql = quoteSchema(schema);
  const pageSize = options.pageSize ?? 1000;
  const client = new pg.Client({ connectionString: options.connectionString });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw describePgError(error, schema, 'reading');
  }
  try {
    for (let after = options.after ?? 0; ; ) {
      let rows: ChainRowRecord[];
      try {
        ({ rows } = await client.query(chainRowsPage(sql), [after, pageSize]));
      } catch (error) {
        throw describePgError(error, schema, 'reading');
      }
      for (const row of rows) yield chainRowOf(row);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]!.global_position);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The global position of the last event of a PostgreSQL event store (0 when empty), on a connection of its own. */
export const postgresHeadPosition = async (options: Pick<PostgresChainRowsOptions, 'connectionString' | 'schema'>): Promise<number> => {
  const schema = options.schema ?? 'motcua';
  const client = new pg.Client({ connectionString: options.connectionString });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ head: string }>(`SELECT coalesce(max(global_position), 0) AS head FROM ${quoteSchema(schema)}.events`);
    return Number(rows[0]?.head ?? 0);
  } catch (error) {
    throw describePgError(error, schema, 'reading');
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** What a database holds under a schema name, as `findPostgresEventStore` found it. */
export interface PostgresEventStoreLookup {
  /** The schema's version (its last migration applied), or undefined when the schema holds no event store. */
  readonly version: number | undefined;
  /** The database's schemas that hold an event store (a `schema_migrations` table), in name order. */
  readonly schemas: readonly string[];
}

/**
 * Whether a schema holds an event store, and of which version, by read-only queries on a connection
 * of its own: a copy's source is read where opening the store would create or upgrade its schema,
 * which a mistyped schema, a role allowed only to read or a standby must not see.
 */
export const findPostgresEventStore = async (options: Pick<PostgresChainRowsOptions, 'connectionString' | 'schema'>): Promise<PostgresEventStoreLookup> => {
  const schema = options.schema ?? 'motcua';
  const sql = quoteSchema(schema);
  try {
    const client = new pg.Client({ connectionString: options.connectionString });
    client.on('error', () => undefined);
    try {
      await client.connect();
      // The catalogue is readable by every role, whatever it may read of the schemas themselves.
      const { rows } = await client.query<{ nspname: string }>(
        `SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relname = 'schema_migrations' AND c.relkind IN ('r', 'p') ORDER BY n.nspname`,
      );
      const schemas = rows.map((row) => row.nspname);
      if (!schemas.includes(schema)) return { version: undefined, schemas };
      const versions = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0)::int AS version FROM ${sql}.schema_migrations`);
      return { version: versions.rows[0]?.version ?? 0, schemas };
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (error) {
    throw describePgError(error, schema, 'reading');
  }
};
