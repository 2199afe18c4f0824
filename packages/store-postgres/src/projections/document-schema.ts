import type { PoolClient } from 'pg';
import { inTransaction } from '../pool-client.js';
import { quoteSchema } from '../schema.js';

/**
 * The tables of projection documents, beside the event log's (created on first use, so a database
 * written by an older version gains them):
 *
 * - `document_copies`: one row per copy of a projection. `slot` is `live` (what readers see),
 *   `shadow` (what a rebuild fills) or `retired` (a copy replaced by a promotion or dropped, whose
 *   documents are deleted after the swap). At most one live and one shadow copy per projection.
 *   `copy_id` is what documents hang on, so a promotion moves no document: it only relabels two rows.
 * - `documents`: one row per document, keyed by (copy, key). The key is compared byte-wise
 *   (`COLLATE "C"`), so key order is code-point order, the order of the in-memory store for every key
 *   below U+E000 (province ids and key parts are ASCII or Vietnamese letters), and a prefix is one
 *   range of the primary key. The body is JSON as `text`: written and read back as is, no jsonb
 *   conversion on either side, and checked when read (`JSON.parse`).
 *
 * The table of the whole-state projections of earlier versions (`projections`) held only what the
 * log rebuilds: it is dropped.
 *
 * No foreign key from documents to copies: it would cost a lookup per written document; the store
 * deletes a copy's documents itself.
 */
export const ensureDocumentSchema = async (client: PoolClient, schema: string): Promise<void> => {
  const quoted = quoteSchema(schema);
  await inTransaction(client, async () => {
    // Two processes creating the tables at once would race on the catalogue: take turns.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`motcua.documents.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${quoted}.document_copies (
        copy_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        projection text        COLLATE "C" NOT NULL,
        slot       text        NOT NULL CHECK (slot IN ('live', 'shadow', 'retired')),
        version    integer     NOT NULL,
        checkpoint bigint      NOT NULL,
        status     text        NOT NULL CHECK (status IN ('running', 'failed')),
        failure    text,
        generation integer     NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await client.query(`
      CREATE UNIQUE INDEX IF NOT EXISTS document_copies_slot ON ${quoted}.document_copies (projection, slot)
      WHERE slot <> 'retired'`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${quoted}.documents (
        copy_id bigint NOT NULL,
        key     text   COLLATE "C" NOT NULL,
        body    text   NOT NULL,
        PRIMARY KEY (copy_id, key)
      )`);
    await client.query(`DROP TABLE IF EXISTS ${quoted}.projections`);
  });
};
