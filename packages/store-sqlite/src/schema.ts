import type Database from 'better-sqlite3';
import { EVENTS_V3_TABLE, upgradeEventBodies } from './upgrade-event-bodies.js';
import { upgradeStreamIds } from './upgrade-stream-ids.js';

interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
  /** Rewrites rows after `sql`, in the same transaction. */
  readonly upgrade?: (db: Database.Database) => void;
}

/**
 * Schema changes in order. A released migration is never edited: a change is a new entry, so any file
 * written by an earlier version opens and moves forward.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events table with hash chain and idempotency keys',
    sql: `
      CREATE TABLE events (
        global_position          INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id                TEXT    NOT NULL,
        stream_version           INTEGER NOT NULL,
        type                     TEXT    NOT NULL,
        data                     TEXT    NOT NULL,
        metadata                 TEXT    NOT NULL,
        idempotency_key          TEXT,
        command_hash             TEXT,
        idempotency_last_version INTEGER,
        previous_hash            TEXT    NOT NULL,
        hash                     TEXT    NOT NULL,
        UNIQUE (stream_id, stream_version)
      );
      CREATE UNIQUE INDEX events_idempotency_key ON events (idempotency_key) WHERE idempotency_key IS NOT NULL;
    `,
  },
  {
    version: 2,
    description: 'stream ids name the province; a moved row keeps the id it was hashed under',
    sql: `ALTER TABLE events ADD COLUMN hashed_stream_id TEXT;`,
    upgrade: upgradeStreamIds,
  },
  {
    version: 3,
    description: 'data and metadata in one JSON body per event (metadata as values), hashes as 32 bytes',
    sql: EVENTS_V3_TABLE,
    upgrade: upgradeEventBodies,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

const MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  TEXT    NOT NULL
  )`;

const currentVersion = (db: Database.Database): number =>
  (db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number) ?? 0;

const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/**
 * Brings the file to the current schema inside one write transaction, so two processes opening a new
 * file at once cannot both create it. Refuses a file written by a newer version.
 */
export const migrate = (db: Database.Database, file: string, now: () => string): void => {
  if (tableExists(db, 'schema_migrations') && currentVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const from = currentVersion(db);
    checkNotNewer(from, file);
    const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      db.exec(migration.sql);
      migration.upgrade?.(db);
      record.run(migration.version, migration.description, now());
    }
  }).immediate();
};

/** For a read-only connection: the file must already be at the current schema. */
export const checkSchema = (db: Database.Database, file: string): void => {
  const version = tableExists(db, 'schema_migrations') ? currentVersion(db) : 0;
  checkNotNewer(version, file);
  if (version < SCHEMA_VERSION) {
    throw new Error(
      `the event store file ${file} is at schema version ${version}, this version of @motcua/store-sqlite needs ${SCHEMA_VERSION}: open it once without readonly to migrate it`,
    );
  }
};

const checkNotNewer = (version: number, file: string): void => {
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `the event store file ${file} has schema version ${version}, newer than this version of @motcua/store-sqlite knows (${SCHEMA_VERSION}): upgrade the package`,
    );
  }
};
