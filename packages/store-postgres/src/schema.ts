import type { PoolClient } from 'pg';
import { applyMigrations, type Migration } from './versioned-tables.js';
import { GENESIS_HASH } from '@motcua/core';
import { APPEND_EVENT_FUNCTION, APPEND_EVENTS_FUNCTION, APPEND_EVENTS_FUNCTION_V4, APPEND_EVENTS_FUNCTION_V6 } from './append-events-function.js';
import { upgradeStoredMetadata } from './upgrade-stored-metadata.js';
import { upgradeStreamIds } from './upgrade-stream-ids.js';


/**
 * Schema changes in order. A released migration is never edited: a change is a new entry, so a
 * database written by an earlier version opens and moves forward.
 *
 * `data` and `metadata` are `text`, not `jsonb`: the hash chain covers the JSON exactly as written,
 * and jsonb would reorder keys and drop whitespace. From version 4 `metadata` holds the metadata's
 * values where they give back that text (stored-metadata.ts). `log_head` is the one-row counter that hands out
 * global positions; its row lock is what serialises appenders (see the README).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events table with hash chain and idempotency keys, log head',
    sql: `
      CREATE TABLE $schema.events (
        global_position          bigint  PRIMARY KEY,
        stream_id                text    NOT NULL,
        stream_version           integer NOT NULL,
        type                     text    NOT NULL,
        data                     text    NOT NULL,
        metadata                 text    NOT NULL,
        idempotency_key          text,
        command_hash             text,
        idempotency_last_version integer,
        previous_hash            text    NOT NULL,
        hash                     text    NOT NULL,
        UNIQUE (stream_id, stream_version)
      );
      CREATE UNIQUE INDEX events_idempotency_key ON $schema.events (idempotency_key) WHERE idempotency_key IS NOT NULL;
      CREATE TABLE $schema.log_head (
        singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_position bigint  NOT NULL,
        last_hash     text    NOT NULL
      );
      INSERT INTO $schema.log_head (last_position, last_hash) VALUES (0, '${GENESIS_HASH}');
    `,
  },
  {
    version: 2,
    description: 'stream ids name the province; a moved row keeps the id it was hashed under',
    sql: `ALTER TABLE $schema.events ADD COLUMN hashed_stream_id text;`,
    upgrade: upgradeStreamIds,
  },
  {
    version: 3,
    description: 'append_events: a group of appends checked, hashed and inserted by one statement',
    sql: APPEND_EVENTS_FUNCTION,
  },
  {
    version: 4,
    description: 'metadata stored as its values (compact form) where that gives back the hashed text; append_events takes the stored form',
    sql: APPEND_EVENTS_FUNCTION_V4,
    upgrade: upgradeStoredMetadata,
  },
  {
    version: 5,
    description: 'append_event: one append of one event with scalar arguments (rows and hashes as append_events writes them)',
    sql: APPEND_EVENT_FUNCTION,
  },
  {
    version: 6,
    description: 'append_events takes the data, metadata and stored metadata of its events as three texts joined by U+001F instead of three arrays; append_event is dropped (a lone event is one plain statement)',
    sql: APPEND_EVENTS_FUNCTION_V6,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name, checked and quoted for use in SQL text (it cannot be a bind parameter). */
export const quoteSchema = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(`schema must be a lower-case SQL identifier (letters, digits, _), got ${JSON.stringify(schema)}`);
  }
  return `"${schema}"`;
};

/**
 * Brings the schema to the current version in one transaction. An advisory lock keyed by the schema
 * name makes two processes opening a new database at once take turns. Refuses a schema written by a
 * newer version of this package rather than misread it.
 */
export const migrate = async (client: PoolClient, schema: string, now: () => string): Promise<void> =>
  applyMigrations(
    client,
    quoteSchema(schema),
    {
      versionsTable: 'schema_migrations',
      lockName: `motcua.migrate.${schema}`,
      migrations: MIGRATIONS,
      newer: (version) =>
        `the event store in schema "${schema}" has schema version ${version}, newer than this version of @motcua/store-postgres knows (${SCHEMA_VERSION}): upgrade the package`,
    },
    now,
  );
