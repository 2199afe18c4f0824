import type Database from 'better-sqlite3';
import { applyMigrations, versionOf, type Migration, type VersionedTables } from './versioned-tables.js';
import { EVENTS_V3_TABLE, upgradeEventBodies } from './upgrade-event-bodies.js';
import { upgradeStreamIds } from './upgrade-stream-ids.js';


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

const EVENT_TABLES = (file: string): VersionedTables => ({
  versionsTable: 'schema_migrations',
  migrations: MIGRATIONS,
  newer: (version) =>
    `the event store file ${file} has schema version ${version}, newer than this version of @motcua/store-sqlite knows (${SCHEMA_VERSION}): upgrade the package`,
});

/**
 * Brings the file to the current schema inside one write transaction, so two processes opening a new
 * file at once cannot both create it. Refuses a file written by a newer version.
 */
export const migrate = (db: Database.Database, file: string, now: () => string): void => applyMigrations(db, EVENT_TABLES(file), now);

/** For a read-only connection: the file must already be at the current schema. */
export const checkSchema = (db: Database.Database, file: string): void => {
  const tables = EVENT_TABLES(file);
  const version = versionOf(db, tables);
  if (version > SCHEMA_VERSION) throw new Error(tables.newer(version));
  if (version < SCHEMA_VERSION) {
    throw new Error(
      `the event store file ${file} is at schema version ${version}, this version of @motcua/store-sqlite needs ${SCHEMA_VERSION}: open it once without readonly to migrate it`,
    );
  }
};
