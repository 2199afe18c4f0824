import type Database from 'better-sqlite3';
import { eventBodyOfTexts, hashBytes } from './event-body.js';

/**
 * The events table from schema version 3 on, created beside the old one as `events_v3` and renamed by
 * `upgradeEventBodies`. The columns a read needs come first, so SQLite decodes no further per row.
 */
export const EVENTS_V3_TABLE = `
  CREATE TABLE events_v3 (
    global_position          INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id                TEXT    NOT NULL,
    stream_version           INTEGER NOT NULL,
    type                     TEXT    NOT NULL,
    body                     TEXT    NOT NULL,
    data_length              INTEGER NOT NULL,
    idempotency_key          TEXT,
    command_hash             TEXT,
    idempotency_last_version INTEGER,
    hashed_stream_id         TEXT,
    previous_hash            BLOB    NOT NULL,
    hash                     BLOB    NOT NULL,
    UNIQUE (stream_id, stream_version)
  );`;

const PAGE = 1000;
const HEX_HASH = /^[0-9a-f]{64}$/;

/** A hash column of version 2 (hex text) as version 3 stores it; anything else is kept as it stands. */
const hashOf = (stored: unknown): unknown => (typeof stored === 'string' && HEX_HASH.test(stored) ? hashBytes(stored) : stored);

/** A JSON column of version 2 as text: what version 2's verifier hashed (`String` of the value). */
const textOf = (stored: unknown): string => (typeof stored === 'string' ? stored : String(stored));


/**
 * Rewrites every event of a version 2 file into the version 3 layout (`event-body.ts`): the data and
 * metadata texts go into one body, from which the verifier gets back exactly the texts they were hashed
 * as, so every hash, position and stream stays as it was and `verify()` gives the same report. The
 * AUTOINCREMENT counter is carried over: a position is never reused. Runs inside the migration's
 * transaction: every row moves or none.
 */
export const upgradeEventBodies = (db: Database.Database): void => {
  const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() as number | undefined;
  const page = db
    .prepare(
      `SELECT global_position, stream_id, stream_version, type, data, metadata, idempotency_key, command_hash,
         idempotency_last_version, hashed_stream_id, previous_hash, hash
       FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
    )
    .raw();
  const insert = db.prepare(
    `INSERT INTO events_v3 (global_position, stream_id, stream_version, type, body, data_length, idempotency_key,
       command_hash, idempotency_last_version, hashed_stream_id, previous_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let after = Number.MIN_SAFE_INTEGER; ; ) {
    const rows = page.all(after, PAGE) as unknown[][];
    for (const row of rows) {
      const [position, streamId, version, type, data, metadata, key, commandHash, lastVersion, hashedStreamId, previousHash, hash] = row;
      const dataJson = textOf(data);
      const metadataJson = textOf(metadata);
      const body = eventBodyOfTexts(dataJson, metadataJson);
      insert.run(position, streamId, version, type, body, dataJson.length, key, commandHash, lastVersion, hashedStreamId, hashOf(previousHash), hashOf(hash));
    }
    if (rows.length < PAGE) break;
    after = (rows[rows.length - 1] as unknown[])[0] as number;
  }
  db.exec(`
    DROP TABLE events;
    ALTER TABLE events_v3 RENAME TO events;
    CREATE UNIQUE INDEX events_idempotency_key ON events (idempotency_key) WHERE idempotency_key IS NOT NULL;
  `);
  if (sequence !== undefined) {
    db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'events'").run(sequence);
    db.prepare("INSERT INTO sqlite_sequence (name, seq) SELECT 'events', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events')").run(sequence);
  }
};
