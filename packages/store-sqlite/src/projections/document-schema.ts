import type Database from 'better-sqlite3';
import { applyMigrations, versionOf, type Migration, type VersionedTables } from '../versioned-tables.js';
import { upgradeWholeCopyFailures } from './upgrade-copy-failures.js';


/**
 * The tables of the read side's documents, beside the event log, with their own schema versions
 * (`document_schema_migrations`), so a file written by an older version gains them without a log
 * migration. A released migration is never edited: a change is a new entry.
 *
 * - `document_copies`: one row per copy of a projection. `slot` is `live` (what readers use), `shadow`
 *   (a rebuild in progress) or `retired` (replaced or dropped, its documents still being deleted);
 *   `generation` counts promotions, so a reader can tell that the live copy was swapped. From version
 *   2, `province_failures` holds the copy's failed provinces (a JSON array, one per province, NULL for
 *   none; docs/read-side.md, "A province that fails"); `status = 'failed'` with `failure` is a copy a
 *   version before them stopped whole.
 * - `documents`: one row per document, keyed by (copy, key), in key order: a prefix is one range of
 *   the primary key. A copy's documents hang off its id, not its name and slot, so promoting a shadow
 *   changes two rows of `document_copies` and none here.
 * The tables of the whole-state projections of earlier versions (`projections`, `projection_state`,
 * `projection_entries`) held only what the log rebuilds: they are dropped.
 */
export const DOCUMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'document copies and documents (created when missing, as before versions were recorded)',
    sql: `
    CREATE TABLE IF NOT EXISTS document_copies (
      copy_id    INTEGER PRIMARY KEY,
      name       TEXT    NOT NULL,
      slot       TEXT    NOT NULL CHECK (slot IN ('live', 'shadow', 'retired')),
      version    INTEGER NOT NULL,
      checkpoint INTEGER NOT NULL,
      status     TEXT    NOT NULL CHECK (status IN ('running', 'failed')),
      failure    TEXT,
      generation INTEGER NOT NULL,
      updated_at TEXT    NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS document_copies_by_slot ON document_copies (name, slot) WHERE slot <> 'retired';
    CREATE TABLE IF NOT EXISTS documents (
      copy_id  INTEGER NOT NULL,
      key      TEXT    NOT NULL,
      document TEXT    NOT NULL,
      PRIMARY KEY (copy_id, key)
    ) WITHOUT ROWID;
    DROP TABLE IF EXISTS projection_entries;
    DROP TABLE IF EXISTS projection_state;
    DROP TABLE IF EXISTS projections;
  `,
  },
  {
    version: 2,
    description: "failures per province: a copy's failed provinces, and a whole-copy failure moved to the province its stream names",
    sql: 'ALTER TABLE document_copies ADD COLUMN province_failures TEXT;',
    upgrade: upgradeWholeCopyFailures,
  },
];

export const DOCUMENT_SCHEMA_VERSION = DOCUMENT_MIGRATIONS[DOCUMENT_MIGRATIONS.length - 1]?.version ?? 0;

const DOCUMENT_TABLES: VersionedTables = {
  versionsTable: 'document_schema_migrations',
  migrations: DOCUMENT_MIGRATIONS,
  newer: (version) => `the document tables have schema version ${version}, newer than this version of @motcua/store-sqlite knows (${DOCUMENT_SCHEMA_VERSION}): upgrade the package`,
};

/**
 * Brings the document tables to the current version in one write transaction (two processes opening
 * the file at once take turns). A file whose tables were created before versions were recorded runs
 * version 1 again, which changes nothing there. Refuses tables written by a newer version.
 */
export const ensureDocumentSchema = (db: Database.Database, now: () => string = () => new Date().toISOString()): void => applyMigrations(db, DOCUMENT_TABLES, now);

/** Why a read-only connection cannot use the document tables (not at the current version), if it cannot. */
export const documentSchemaProblem = (db: Database.Database): string | undefined => {
  const version = versionOf(db, DOCUMENT_TABLES);
  return version === DOCUMENT_SCHEMA_VERSION
    ? undefined
    : `the document tables are at schema version ${version}, this version of @motcua/store-sqlite needs ${DOCUMENT_SCHEMA_VERSION}: open the file once without readonly to migrate them`;
};

/** For a read-only connection: the document tables must already be at the current version. */
export const checkDocumentSchema = (db: Database.Database): void => {
  const problem = documentSchemaProblem(db);
  if (problem !== undefined) throw new Error(problem);
};

/** Whether the document tables exist (a read-only connection cannot create them). */
export const hasDocumentSchema = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get() !== undefined;
