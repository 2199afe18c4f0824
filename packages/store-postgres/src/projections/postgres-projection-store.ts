import pg from 'pg';
import type { ProjectionCommit, ProjectionFailure, ProjectionRecord, ProjectionSlot, ProjectionStore } from '@motcua/core';
import { quoteSchema } from '../schema.js';
import { ensureProjectionSchema } from './projection-schema.js';

export type PostgresProjectionStoreOptions = {
  /** Schema of the tables (created when missing); default `motcua`, the event store's. */
  readonly schema?: string;
  readonly now?: () => Date;
} & (
  | { readonly connectionString: string; readonly poolSize?: number; readonly pool?: never }
  | { readonly pool: pg.Pool; readonly connectionString?: never }
);

interface Row {
  version: number;
  checkpoint: string;
  status: 'running' | 'failed';
  error: string | null;
  state: string;
}

const parseStored = <T>(json: string, what: string): T => {
  try {
    return JSON.parse(json) as T;
  } catch (error) {
    throw new Error(`${what} is not valid JSON (${error instanceof Error ? error.message : String(error)}); rebuild the projection`);
  }
};

/**
 * `ProjectionStore` in a PostgreSQL table. A commit is one `INSERT … ON CONFLICT` statement, so state
 * and checkpoint are written together or not at all; a promotion is one transaction.
 */
export class PostgresProjectionStore implements ProjectionStore {
  private readonly table: string;

  constructor(
    private readonly pool: pg.Pool,
    schema: string,
    private readonly ownsPool: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.table = `${quoteSchema(schema)}.projections`;
  }

  async load<State = unknown>(name: string, slot: ProjectionSlot = 'live'): Promise<ProjectionRecord<State> | undefined> {
    const { rows } = await this.pool.query<Row>(
      `SELECT version, checkpoint, status, error, state FROM ${this.table} WHERE name = $1 AND slot = $2`,
      [name, slot],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      version: row.version,
      checkpoint: Number(row.checkpoint),
      status: row.status,
      state: parseStored<State>(row.state, `projection ${name} (${slot}): its stored state`),
      ...(row.error === null ? {} : { failure: parseStored<ProjectionFailure>(row.error, `projection ${name} (${slot}): its stored failure`) }),
    };
  }

  async commit<State>(name: string, commit: ProjectionCommit<State>, slot: ProjectionSlot = 'live'): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (name, slot, generation, version, checkpoint, status, error, state, updated_at)
       VALUES ($1, $2, 0, $3, $4, 'running', NULL, $5, $6)
       ON CONFLICT (name, slot) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint,
         status = 'running', error = NULL, state = excluded.state, updated_at = excluded.updated_at`,
      [name, slot, commit.version, commit.checkpoint, JSON.stringify(commit.state) ?? 'null', this.now().toISOString()],
    );
  }

  async recordFailure(name: string, failure: ProjectionFailure, slot: ProjectionSlot = 'live'): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (name, slot, generation, version, checkpoint, status, error, state, updated_at)
       VALUES ($1, $2, 0, 0, 0, 'failed', $3, 'null', $4)
       ON CONFLICT (name, slot) DO UPDATE SET status = 'failed', error = excluded.error, updated_at = excluded.updated_at`,
      [name, slot, JSON.stringify(failure), this.now().toISOString()],
    );
  }

  async promoteShadow(name: string): Promise<void> {
    await this.transaction(async (client) => {
      // The live row's lock (or the shadow's when there is no live copy) serialises two promotions.
      const { rows } = await client.query<{ slot: ProjectionSlot; generation: number }>(
        `SELECT slot, generation FROM ${this.table} WHERE name = $1 FOR UPDATE`,
        [name],
      );
      if (!rows.some((row) => row.slot === 'shadow')) throw new Error(`projection ${name} has no shadow copy to promote`);
      const generation = (rows.find((row) => row.slot === 'live')?.generation ?? -1) + 1;
      await client.query(`DELETE FROM ${this.table} WHERE name = $1 AND slot = 'live'`, [name]);
      await client.query(
        `UPDATE ${this.table} SET slot = 'live', generation = $2, updated_at = $3 WHERE name = $1 AND slot = 'shadow'`,
        [name, generation, this.now().toISOString()],
      );
    });
  }

  async discardShadow(name: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE name = $1 AND slot = 'shadow'`, [name]);
  }

  async names(): Promise<readonly string[]> {
    const { rows } = await this.pool.query<{ name: string }>(`SELECT name FROM ${this.table} WHERE slot = 'live' ORDER BY name`);
    return rows.map((row) => row.name);
  }

  /** How many times the live copy was replaced by a rebuild; undefined without a live copy. */
  async generation(name: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ generation: number }>(
      `SELECT generation FROM ${this.table} WHERE name = $1 AND slot = 'live'`,
      [name],
    );
    return rows[0]?.generation;
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Connects, creates the projection table when missing, and returns the store. */
export const openPostgresProjectionStore = async (options: PostgresProjectionStoreOptions): Promise<PostgresProjectionStore> => {
  const schema = options.schema ?? 'motcua';
  quoteSchema(schema);
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4 });
  if (ownsPool) pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await ensureProjectionSchema(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }
  return new PostgresProjectionStore(pool, schema, ownsPool, options.now);
};
