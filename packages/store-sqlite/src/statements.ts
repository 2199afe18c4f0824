import type Database from 'better-sqlite3';
import { CHAIN_COLUMNS, CHAIN_ROW_AT } from './chain-rows.js';

export interface Statements {
  readonly streamVersion: Database.Statement;
  readonly idempotencyKeyUsed: Database.Statement;
  readonly lastPosition: Database.Statement;
  readonly lastEvent: Database.Statement;
  readonly insert: Database.Statement;
  /** `insert` of `ROWS_PER_INSERT` rows at once, their values one after the other. */
  readonly insertMany: Database.Statement;
  readonly readStream: Database.Statement;
  readonly readStreamPage: Database.Statement;
  readonly readAll: Database.Statement;
  readonly readAllOfTypes: Database.Statement;
  readonly chainPage: Database.Statement;
  readonly chainRowAt: Database.Statement;
  readonly idempotencyRecord: Database.Statement;
}

/** Values of an inserted row (`insert`). */
export const INSERT_COLUMNS = 11;

/**
 * Rows per statement of a batch's multi-row INSERT: one statement and one call into SQLite for that
 * many rows, where a statement per row spent about as long in the call as in SQLite's insert.
 */
export const ROWS_PER_INSERT = 32;

const INSERTED_COLUMNS = `events (global_position, stream_id, stream_version, type, body, data_length,
       idempotency_key, command_hash, idempotency_last_version, previous_hash, hash)`;
const ROW_VALUES = `(${Array.from({ length: INSERT_COLUMNS }, () => '?').join(', ')})`;

/** Every statement the store runs, prepared once per connection. Reads return raw rows (arrays); `event-body.ts` says what `body` holds. */
export const createStatements = (db: Database.Database): Statements => ({
  streamVersion: db.prepare('SELECT max(stream_version) FROM events WHERE stream_id = ?').pluck(),
  idempotencyKeyUsed: db.prepare('SELECT 1 FROM events WHERE idempotency_key = ?').pluck(),
  lastPosition: db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck(),
  lastEvent: db.prepare('SELECT global_position, hash FROM events ORDER BY global_position DESC LIMIT 1').raw(),
  insert: db.prepare(`INSERT INTO ${INSERTED_COLUMNS} VALUES ${ROW_VALUES}`),
  // OR FAIL: a row the UNIQUE index refuses stops the statement without undoing the rows it already
  // wrote, so SQLite keeps no statement journal (a copy of every page the statement changes: 1.5-2 µs
  // of CPU per event of a province-year's batches, docs/operations/sizing.md). Only a batch runs it,
  // and a batch refused rolls back whole (`LogWriter.commitBatch`).
  insertMany: db.prepare(`INSERT OR FAIL INTO ${INSERTED_COLUMNS} VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => ROW_VALUES).join(', ')}`),
  // A whole stream without LIMIT: a bound `LIMIT -1` made every read ~10 µs slower (SQLite 3.53).
  readStream: db
    .prepare(
      `SELECT global_position, stream_version, type, body FROM events
       WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version`,
    )
    .raw(),
  readStreamPage: db
    .prepare(
      `SELECT global_position, stream_version, type, body FROM events
       WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`,
    )
    .raw(),
  readAll: db
    .prepare(
      `SELECT global_position, stream_id, stream_version, type, body FROM events
       WHERE global_position > ? ORDER BY global_position LIMIT ?`,
    )
    .raw(),
  // The types come as one JSON array: one prepared statement serves every filter.
  readAllOfTypes: db
    .prepare(
      `SELECT global_position, stream_id, stream_version, type, body FROM events
       WHERE global_position > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY global_position LIMIT ?`,
    )
    .raw(),
  chainPage: db
    .prepare(
      `SELECT ${CHAIN_COLUMNS} FROM events
       WHERE global_position > ? ORDER BY global_position LIMIT ?`,
    )
    .raw(),
  chainRowAt: db.prepare(CHAIN_ROW_AT).raw(),
  idempotencyRecord: db
    .prepare('SELECT stream_id, stream_version, command_hash, idempotency_last_version FROM events WHERE idempotency_key = ?')
    .raw(),
});
