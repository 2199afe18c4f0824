import type Database from 'better-sqlite3';

/**
 * The projection tables, kept apart from the event log's migrations so a file written by an older
 * version gains them on first use (`IF NOT EXISTS`) without a log schema change.
 *
 * - `projections`: one row per copy, `slot` 'live' (what readers use) or 'shadow' (a rebuild in
 *   progress); `generation` counts promotions, so a reader can tell that the copy was swapped.
 * - `projection_state`: the copy's state as one JSON document, or a marker saying it is kept as rows in
 * - `projection_entries`: one row per entry of a table-shaped state (`Projection.changes`), so a commit
 *   writes only the entries it changed.
 */
export const ensureProjectionSchema = (db: Database.Database): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS projections (
      name       TEXT    NOT NULL,
      slot       TEXT    NOT NULL CHECK (slot IN ('live', 'shadow')),
      generation INTEGER NOT NULL,
      version    INTEGER NOT NULL,
      checkpoint INTEGER NOT NULL,
      status     TEXT    NOT NULL CHECK (status IN ('running', 'failed')),
      error      TEXT,
      updated_at TEXT    NOT NULL,
      PRIMARY KEY (name, slot)
    );
    CREATE TABLE IF NOT EXISTS projection_state (
      name  TEXT NOT NULL,
      slot  TEXT NOT NULL,
      state TEXT NOT NULL,
      PRIMARY KEY (name, slot)
    );
    CREATE TABLE IF NOT EXISTS projection_entries (
      name  TEXT NOT NULL,
      slot  TEXT NOT NULL,
      tbl   TEXT NOT NULL,
      key   TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (name, slot, tbl, key)
    ) WITHOUT ROWID;
  `);
};
