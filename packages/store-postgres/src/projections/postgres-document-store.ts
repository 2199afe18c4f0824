import pg from 'pg';
import { documentText } from '@motcua/core';
import type { DocumentCommit, DocumentPage, DocumentStore, ListQuery, ProjectionFailure, ProjectionHeader, ProvinceFailure } from '@motcua/core';
import { checkIsolation, inTransaction, ownPoolConfig, withClient } from '../pool-client.js';
import { quoteSchema } from '../schema.js';
import { ensureDocumentSchema } from './document-schema.js';

// Named through the port: `@motcua/core` also exports the older engine's types of the same names.
type ProjectionSlot = NonNullable<Parameters<DocumentStore['header']>[1]>;

/** What runs a statement: the pool (each statement its own transaction) or a client inside one. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const statementNames = new Map<string, string>();

/**
 * A named statement: each connection parses and plans it once, then only binds and runs it (reads
 * by key cost a round trip and an index probe, not a parse and a plan each time).
 */
export const prepared = (text: string, values: unknown[]): pg.QueryConfig => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `motcua_documents_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
};

export type PostgresDocumentStoreOptions = {
  /** Schema of the tables (created when missing); default `motcua`, the event store's. */
  readonly schema?: string;
} & (
  | { readonly connectionString: string; readonly poolSize?: number; readonly pool?: never }
  | { readonly pool: pg.Pool; readonly connectionString?: never }
);

interface HeaderRow {
  projection: string;
  version: number;
  checkpoint: string;
  status: 'running' | 'failed';
  failure: string | null;
  province_failures: string | null;
}

interface DocumentRow {
  key: string;
  body: string;
}

const where = (name: string, slot: ProjectionSlot) => `projection ${name} (${slot})`;

const parseStored = (json: string, what: string): unknown => {
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new Error(`${what} is not valid JSON (${error instanceof Error ? error.message : String(error)}); rebuild the projection`);
  }
};

const headerOf = (row: HeaderRow, name: string, slot: ProjectionSlot): ProjectionHeader => {
  const failures = row.province_failures === null ? [] : (parseStored(row.province_failures, `${where(name, slot)}: its stored province failures`) as ProvinceFailure[]);
  return {
    version: row.version,
    checkpoint: Number(row.checkpoint),
    status: row.status,
    ...(row.failure === null ? {} : { failure: parseStored(row.failure, `${where(name, slot)}: its stored failure`) as ProjectionFailure }),
    ...(failures.length === 0 ? {} : { provinceFailures: failures }),
  };
};

/** A copy's failed provinces as stored: a JSON array, NULL for none. */
const failuresText = (failures: readonly ProvinceFailure[] | undefined): string | null =>
  failures === undefined || failures.length === 0 ? null : JSON.stringify(failures);

/**
 * The smallest string above every string that starts with `prefix`, in code-point order (the order
 * of a `COLLATE "C"` column in UTF-8): the prefix with its last code point raised by one. Undefined
 * when there is none (an empty prefix, or one of U+10FFFF only).
 */
export const prefixEnd = (prefix: string): string | undefined => {
  const points = [...prefix];
  while (points.length > 0) {
    let next = (points.pop() as string).codePointAt(0)! + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= 0x10ffff) return points.join('') + String.fromCodePoint(next);
  }
  return undefined;
};

/**
 * The statements of the document tables, on whatever runs them (pool or transaction). Each method
 * is one statement unless said otherwise.
 */
export class DocumentTables {
  readonly copies: string;
  readonly documents: string;

  constructor(readonly schema: string) {
    const quoted = quoteSchema(schema);
    this.copies = `${quoted}.document_copies`;
    this.documents = `${quoted}.documents`;
  }

  private copyId(slotParam: string) {
    return `(SELECT copy_id FROM ${this.copies} WHERE projection = $1 AND slot = ${slotParam})`;
  }

  /**
   * The copy's header. With `lock`, the copy's row is locked until the transaction ends (`FOR UPDATE`):
   * whoever commits to the copy meanwhile waits.
   */
  async header(q: Queryable, name: string, slot: ProjectionSlot, lock = false): Promise<ProjectionHeader | undefined> {
    const text = `SELECT projection, version, checkpoint, status, failure, province_failures FROM ${this.copies} WHERE projection = $1 AND slot = $2${lock ? ' FOR UPDATE' : ''}`;
    let { rows } = await q.query<HeaderRow>(prepared(text, [name, slot]));
    // A row locked while a promotion relabelled it is skipped, and the copy that took its place was
    // not in the statement's snapshot: a second statement sees it.
    if (rows.length === 0 && lock) ({ rows } = await q.query<HeaderRow>(prepared(text, [name, slot])));
    const row = rows[0];
    return row === undefined ? undefined : headerOf(row, name, slot);
  }

  /** The live headers of `names`, locked until the transaction ends; a projection without a live copy is absent. */
  async lockLive(q: Queryable, names: readonly string[]): Promise<Map<string, ProjectionHeader>> {
    const { rows } = await q.query<HeaderRow>(
      prepared(`SELECT projection, version, checkpoint, status, failure, province_failures FROM ${this.copies} WHERE projection = ANY($1::text[]) AND slot = 'live' FOR UPDATE`, [
        names,
      ]),
    );
    return new Map(rows.map((row) => [row.projection, headerOf(row, row.projection, 'live')]));
  }

  async getMany(q: Queryable, name: string, keys: readonly string[], slot: ProjectionSlot): Promise<ReadonlyMap<string, unknown>> {
    const found = new Map<string, unknown>();
    if (keys.length === 0) return found;
    const { rows } = await q.query<DocumentRow>(
      prepared(`SELECT key, body FROM ${this.documents} WHERE copy_id = ${this.copyId('$2')} AND key = ANY($3::text[])`, [name, slot, keys]),
    );
    for (const row of rows) found.set(row.key, parseStored(row.body, `${where(name, slot)}: document ${row.key}`));
    return found;
  }

  /**
   * Documents of several live copies at once, by (projection, key): one statement for what the
   * appended events touch in every inline projection. A pair with no document is absent.
   */
  async getLive(q: Queryable, pairs: readonly (readonly [name: string, key: string])[]): Promise<Map<string, Map<string, unknown>>> {
    const found = new Map<string, Map<string, unknown>>();
    if (pairs.length === 0) return found;
    const { rows } = await q.query<DocumentRow & { projection: string }>(
      prepared(
        `SELECT c.projection, d.key, d.body FROM unnest($1::text[], $2::text[]) AS u(projection, key)
         JOIN ${this.copies} c ON c.projection = u.projection AND c.slot = 'live'
         JOIN ${this.documents} d ON d.copy_id = c.copy_id AND d.key = u.key`,
        [pairs.map(([name]) => name), pairs.map(([, key]) => key)],
      ),
    );
    for (const row of rows) {
      let documents = found.get(row.projection);
      if (documents === undefined) found.set(row.projection, (documents = new Map()));
      documents.set(row.key, parseStored(row.body, `${where(row.projection, 'live')}: document ${row.key}`));
    }
    return found;
  }

  /** One range scan of the primary key: from the prefix (or after `after`) to the end of the prefix. */
  async list(q: Queryable, name: string, { prefix, after, limit }: ListQuery, slot: ProjectionSlot): Promise<DocumentPage> {
    const size = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : undefined;
    if (size === 0) return { documents: [] };
    const values: unknown[] = [name, slot, prefix];
    const conditions = [`copy_id = ${this.copyId('$2')}`, 'key >= $3'];
    const end = prefixEnd(prefix);
    if (end !== undefined) conditions.push(`key < $${values.push(end)}`);
    if (after !== undefined) conditions.push(`key > $${values.push(after)}`);
    // One row more than asked tells whether another page follows.
    const limitClause = size === undefined ? '' : ` LIMIT $${values.push(size + 1)}`;
    const { rows } = await q.query<DocumentRow>(prepared(`SELECT key, body FROM ${this.documents} WHERE ${conditions.join(' AND ')} ORDER BY key${limitClause}`, values));
    const page = size === undefined ? rows : rows.slice(0, size);
    const documents = page.map((row) => [row.key, parseStored(row.body, `${where(name, slot)}: document ${row.key}`)] as const);
    const last = page[page.length - 1];
    return rows.length > page.length && last !== undefined ? { documents, next: last.key } : { documents };
  }

  /**
   * Writes the changed documents (one multi-row upsert, one delete) and the header (with the failed
   * provinces, when the commit names them or starts the copy over) in ONE statement, creating the
   * copy if there is none. With `fresh`, a statement before it drops the copy's documents: run both
   * in one transaction.
   */
  async commit(q: Queryable, name: string, commit: DocumentCommit, slot: ProjectionSlot): Promise<void> {
    const removed: string[] = [];
    const keys: string[] = [];
    const bodies: string[] = [];
    for (const [key, document] of commit.documents) {
      if (document === undefined) {
        removed.push(key);
        continue;
      }
      keys.push(key);
      bodies.push(documentText(name, key, document));
    }
    // The copy's row is locked before its documents, as every writer does, so two writers never deadlock.
    if (commit.fresh === true) {
      await q.query(
        `DELETE FROM ${this.documents} WHERE copy_id = (SELECT copy_id FROM ${this.copies} WHERE projection = $1 AND slot = $2 FOR UPDATE)`,
        [name, slot],
      );
    }
    await q.query(
      prepared(
        `WITH copy AS (
           INSERT INTO ${this.copies} AS stored (projection, slot, version, checkpoint, status, failure, generation, updated_at, province_failures)
           VALUES ($1, $2, $3, $4, 'running', NULL, 0, now(), $9)
           ON CONFLICT (projection, slot) WHERE slot <> 'retired'
           DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint, status = 'running', failure = NULL, updated_at = excluded.updated_at,
             province_failures = CASE WHEN $8::boolean THEN excluded.province_failures ELSE stored.province_failures END
           RETURNING copy_id
         ), removed AS (
           DELETE FROM ${this.documents} d USING copy WHERE d.copy_id = copy.copy_id AND d.key = ANY($5::text[])
         ), written AS (
           INSERT INTO ${this.documents} (copy_id, key, body)
           SELECT copy.copy_id, u.key, u.body FROM copy, unnest($6::text[], $7::text[]) AS u(key, body)
           ON CONFLICT (copy_id, key) DO UPDATE SET body = excluded.body
         )
         SELECT 1`,
        [
          name,
          slot,
          commit.version,
          commit.checkpoint,
          removed,
          keys,
          bodies,
          commit.provinceFailures !== undefined || commit.fresh === true,
          failuresText(commit.provinceFailures),
        ],
      ),
    );
  }

  /**
   * Inside a transaction: the shadow copy becomes the live one and the live one is retired, two rows
   * relabelled whatever the number of documents. Its documents go with `purgeRetired`.
   */
  async promote(q: Queryable, name: string): Promise<void> {
    // The rows' locks serialise two promotions, and a promotion with commits to either copy.
    const { rows } = await q.query<{ slot: ProjectionSlot; generation: number }>(
      `SELECT slot, generation FROM ${this.copies} WHERE projection = $1 AND slot <> 'retired' FOR UPDATE`,
      [name],
    );
    if (!rows.some((row) => row.slot === 'shadow')) throw new Error(`projection ${name} has no shadow copy to promote`);
    const generation = (rows.find((row) => row.slot === 'live')?.generation ?? -1) + 1;
    await q.query(`UPDATE ${this.copies} SET slot = 'retired', updated_at = now() WHERE projection = $1 AND slot = 'live'`, [name]);
    await q.query(`UPDATE ${this.copies} SET slot = 'live', generation = $2, updated_at = now() WHERE projection = $1 AND slot = 'shadow'`, [
      name,
      generation,
    ]);
  }

  async retire(q: Queryable, name: string, slot: ProjectionSlot): Promise<void> {
    await q.query(`UPDATE ${this.copies} SET slot = 'retired', updated_at = now() WHERE projection = $1 AND slot = $2`, [name, slot]);
  }

  /** Deletes retired copies and their documents (one statement). */
  async purgeRetired(q: Queryable): Promise<void> {
    await q.query(
      `WITH gone AS (DELETE FROM ${this.copies} WHERE slot = 'retired' RETURNING copy_id)
       DELETE FROM ${this.documents} WHERE copy_id IN (SELECT copy_id FROM gone)`,
    );
  }

  async names(q: Queryable): Promise<readonly string[]> {
    const { rows } = await q.query<{ projection: string }>(`SELECT projection FROM ${this.copies} WHERE slot = 'live' ORDER BY projection`);
    return rows.map((row) => row.projection);
  }

  async generation(q: Queryable, name: string): Promise<number | undefined> {
    const { rows } = await q.query<{ generation: number }>(`SELECT generation FROM ${this.copies} WHERE projection = $1 AND slot = 'live'`, [name]);
    return rows[0]?.generation;
  }
}

/**
 * `DocumentStore` in PostgreSQL: documents as rows keyed by (copy, key), a row per copy with its
 * version, checkpoint and status (see `ensureDocumentSchema`). A commit writes documents and
 * checkpoint in one statement (two in one transaction when `fresh`); a promotion relabels two rows in
 * one transaction; `list` is a range scan of the primary key. Documents read back are checked.
 */
export class PostgresDocumentStore implements DocumentStore {
  readonly tables: DocumentTables;

  constructor(
    private readonly pool: pg.Pool,
    schema: string,
    private readonly ownsPool: boolean,
  ) {
    this.tables = new DocumentTables(schema);
  }

  header(name: string, slot: ProjectionSlot = 'live'): Promise<ProjectionHeader | undefined> {
    return this.tables.header(this.pool, name, slot);
  }

  getMany(name: string, keys: readonly string[], slot: ProjectionSlot = 'live'): Promise<ReadonlyMap<string, unknown>> {
    return this.tables.getMany(this.pool, name, keys, slot);
  }

  list(name: string, query: ListQuery, slot: ProjectionSlot = 'live'): Promise<DocumentPage> {
    return this.tables.list(this.pool, name, query, slot);
  }

  async commit(name: string, commit: DocumentCommit, slot: ProjectionSlot = 'live'): Promise<void> {
    if (commit.fresh === true) await this.transaction((client) => this.tables.commit(client, name, commit, slot));
    else await this.tables.commit(this.pool, name, commit, slot);
  }

  async promoteShadow(name: string): Promise<void> {
    await this.transaction((client) => this.tables.promote(client, name));
    await this.tables.purgeRetired(this.pool);
  }

  async drop(name: string, slot: ProjectionSlot): Promise<void> {
    await this.tables.retire(this.pool, name, slot);
    await this.tables.purgeRetired(this.pool);
  }

  names(): Promise<readonly string[]> {
    return this.tables.names(this.pool);
  }

  /** How many times the live copy was replaced by a promotion; undefined without a live copy. */
  generation(name: string): Promise<number | undefined> {
    return this.tables.generation(this.pool, name);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    return withClient(this.pool, (client) => inTransaction(client, () => work(client)));
  }
}

/** Connects, creates the document tables when missing, deletes copies left retired by a crash, and returns the store. */
export const openPostgresDocumentStore = async (options: PostgresDocumentStoreOptions): Promise<PostgresDocumentStore> => {
  const schema = options.schema ?? 'motcua';
  quoteSchema(schema);
  const ownsPool = options.pool === undefined;
  const pool = options.pool ?? new pg.Pool(ownPoolConfig(options.connectionString, options.poolSize ?? 4));
  if (ownsPool) pool.on('error', () => undefined);
  const store = new PostgresDocumentStore(pool, schema, ownsPool);
  try {
    await withClient(pool, async (client) => {
      await checkIsolation(client, schema);
      await ensureDocumentSchema(client, schema);
    });
    await store.tables.purgeRetired(pool);
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }
  return store;
};
