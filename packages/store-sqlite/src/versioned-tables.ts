import type Database from 'better-sqlite3';

/** One step of a set of tables' schema, recorded in their own table of versions. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
  /** Rewrites rows after `sql`, in the same transaction. */
  readonly upgrade?: (db: Database.Database) => void;
}

/** A set of tables (the event log's, the documents') and the table recording their versions. */
export interface VersionedTables {
  readonly versionsTable: string;
  readonly migrations: readonly Migration[];
  /** What refuses tables a newer version wrote, given their version. */
  readonly newer: (version: number) => string;
}

const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

const lastVersion = (tables: VersionedTables): number => tables.migrations[tables.migrations.length - 1]?.version ?? 0;

/** The version the file's tables are at: 0 when their table of versions is missing. */
export const versionOf = (db: Database.Database, tables: VersionedTables): number =>
  tableExists(db, tables.versionsTable) ? ((db.prepare(`SELECT coalesce(max(version), 0) FROM ${tables.versionsTable}`).pluck().get() as number) ?? 0) : 0;

/**
 * Brings `tables` to their last migration inside one write transaction, so two processes opening the
 * file at once take turns, recording each step. A released migration is never edited: a change is a
 * new entry. Refuses tables a newer version wrote rather than misread them.
 */
export const applyMigrations = (db: Database.Database, tables: VersionedTables, now: () => string): void => {
  const last = lastVersion(tables);
  // At the last version (which is never 0: every set of tables has a first migration), nothing to do.
  if (versionOf(db, tables) === last) return;
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${tables.versionsTable} (
      version     INTEGER PRIMARY KEY,
      description TEXT    NOT NULL,
      applied_at  TEXT    NOT NULL
    )`);
    const from = versionOf(db, tables);
    if (from > last) throw new Error(tables.newer(from));
    const record = db.prepare(`INSERT INTO ${tables.versionsTable} (version, description, applied_at) VALUES (?, ?, ?)`);
    for (const migration of tables.migrations) {
      if (migration.version <= from) continue;
      db.exec(migration.sql);
      migration.upgrade?.(db);
      record.run(migration.version, migration.description, now());
    }
  }).immediate();
};
