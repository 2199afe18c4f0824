import type { PoolClient } from 'pg';
import { quoteSchema } from '../schema.js';
import { applyMigrations, type Migration } from '../versioned-tables.js';
import { upgradeWholeCopyFailures } from './upgrade-copy-failures.js';


/**
 * The tables of projection documents, beside the event log's, with their own schema versions
 * (`document_schema_migrations`), so a database written by an older version gains them. A released
 * migration is never edited: a change is a new entry.
 *
 * - `document_copies`: one row per copy of a projection. `slot` is `live` (what readers see),
 *   `shadow` (what a rebuild fills) or `retired` (a copy replaced by a promotion or dropped, whose
 *   documents are deleted after the swap). At most one live and one shadow copy per projection.
 *   `copy_id` is what documents hang on, so a promotion moves no document: it only relabels two rows.
 *   From version 2, `province_failures` holds the copy's failed provinces (a JSON array, one per
 *   province, NULL for none; docs/read-side.md, "A province that fails"); `status = 'failed'` with
 *   `failure` is a copy a version before them stopped whole.
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
export const DOCUMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'document copies and documents (created when missing, as before versions were recorded)',
    sql: `
      CREATE TABLE IF NOT EXISTS $schema.document_copies (
        copy_id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        projection text        COLLATE "C" NOT NULL,
        slot       text        NOT NULL CHECK (slot IN ('live', 'shadow', 'retired')),
        version    integer     NOT NULL,
        checkpoint bigint      NOT NULL,
        status     text        NOT NULL CHECK (status IN ('running', 'failed')),
        failure    text,
        generation integer     NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS document_copies_slot ON $schema.document_copies (projection, slot)
      WHERE slot <> 'retired';
      CREATE TABLE IF NOT EXISTS $schema.documents (
        copy_id bigint NOT NULL,
        key     text   COLLATE "C" NOT NULL,
        body    text   NOT NULL,
        PRIMARY KEY (copy_id, key)
      );
      DROP TABLE IF EXISTS $schema.projections;
    `,
  },
  {
    version: 2,
    description: "failures per province: a copy's failed provinces, and a whole-copy failure moved to the province its stream names",
    sql: 'ALTER TABLE $schema.document_copies ADD COLUMN province_failures text;',
    upgrade: upgradeWholeCopyFailures,
  },
];

export const DOCUMENT_SCHEMA_VERSION = DOCUMENT_MIGRATIONS[DOCUMENT_MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Brings the document tables to the current version in one transaction; an advisory lock makes two
 * processes doing it at once take turns. Tables created before versions were recorded run version 1
 * again, which changes nothing there. Refuses tables written by a newer version.
 */
export const ensureDocumentSchema = async (client: PoolClient, schema: string, now: () => string = () => new Date().toISOString()): Promise<void> =>
  applyMigrations(
    client,
    quoteSchema(schema),
    {
      versionsTable: 'document_schema_migrations',
      // Two processes creating the tables at once would race on the catalogue: they take turns.
      lockName: `motcua.documents.${schema}`,
      migrations: DOCUMENT_MIGRATIONS,
      newer: (version) =>
        `the document tables in schema "${schema}" have schema version ${version}, newer than this version of @motcua/store-postgres knows (${DOCUMENT_SCHEMA_VERSION}): upgrade the package`,
    },
    now,
  );
