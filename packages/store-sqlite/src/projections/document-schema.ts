import type Database from 'better-sqlite3';

/**
 * The tables of the read side's documents, beside the event log and created on first use
 * (`IF NOT EXISTS`), so a file written by an older version gains them without a log migration.
 *
 * - `document_copies`: one row per copy of a projection. `slot` is `live` (what readers use), `shadow`
 *   (a rebuild in progress) or `retired` (replaced or dropped, its documents still being deleted);
 *   `generation` counts promotions, so a reader can tell that the live copy was swapped.
 * - `documents`: one row per document, keyed by (copy, key), in key order: a prefix is one range of
 *   the primary key. A copy's documents hang off its id, not its name and slot, so promoting a shadow
 *   changes two rows of `document_copies` and none here.
 * The tables of the whole-state projections of earlier versions (`projections`, `projection_state`,
 * `projection_entries`) held only what the log rebuilds: they are dropped.
 */
export const ensureDocumentSchema = (db: Database.Database): void => {
  db.exec(`
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
  `);
};

/** Whether the document tables exist (a read-only connection cannot create them). */
export const hasDocumentSchema = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get() !== undefined;
