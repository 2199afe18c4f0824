import Database from 'better-sqlite3';
import { GENESIS_HASH, computeEventHash, type Clock, type HashChainRow, type NewEvent } from '@motcua/core';
import { MIGRATIONS } from './schema.js';

let ids = 0;
const fixedTime: Clock = { now: () => new Date('2026-03-02T02:00:00.000Z') };
const idGenerator = { next: () => `legacy-${++ids}` };

/**
 * An append serialised as earlier versions of the store did (the caller's context, its event id and
 * the recorded time), with no check of the metadata: earlier versions took keys of the caller's own
 * and values of any type, and a file they wrote must still read back.
 */
const legacyAppend = (events: readonly NewEvent[], clock: Clock) => {
  const recordedAt = clock.now().toISOString();
  const first = events[0]?.metadata;
  return {
    idempotencyKey: first?.idempotencyKey,
    commandHash: first?.commandHash,
    events: events.map((event) => {
      const metadata = Object.assign({}, event.metadata, { eventId: event.metadata.eventId ?? idGenerator.next(), recordedAt });
      return { type: event.type, dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(metadata) };
    }),
  };
};

/**
 * A file as an earlier version of the store wrote it: the schema of `version` (1 or 2), rows with the
 * data and metadata JSON texts in their own columns and hashes as hex text, appended stream by stream
 * as that version's writer did (same serialising, same hash chain). `clock` gives each append's
 * `recordedAt` (read once per append, as the store does).
 */
export const writeLegacyFile = (
  file: string,
  version: 1 | 2,
  appends: readonly (readonly [streamId: string, events: readonly NewEvent[]])[],
  clock: Clock = fixedTime,
): void => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.description, '2026-03-01T00:00:00.000Z');
  }
  const insert = db.prepare(
    `INSERT INTO events (global_position, stream_id, stream_version, type, data, metadata, idempotency_key, command_hash,
       idempotency_last_version, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const versions = new Map<string, number>();
  let position = 0;
  let previousHash = GENESIS_HASH;
  for (const [streamId, events] of appends) {
    const append = legacyAppend(events, clock);
    const current = versions.get(streamId) ?? 0;
    append.events.forEach((event, i) => {
      const row = { globalPosition: ++position, streamId, streamVersion: current + i + 1, type: event.type, dataJson: event.dataJson, metadataJson: event.metadataJson };
      const hash = computeEventHash(previousHash, row);
      const keyed = i === 0 && append.idempotencyKey !== undefined;
      insert.run(
        row.globalPosition,
        streamId,
        row.streamVersion,
        row.type,
        row.dataJson,
        row.metadataJson,
        keyed ? append.idempotencyKey : null,
        keyed ? (append.commandHash ?? null) : null,
        keyed ? current + events.length : null,
        previousHash,
        hash,
      );
      previousHash = hash;
    });
    versions.set(streamId, current + events.length);
  }
  db.close();
};

/** The rows of a file in the layout of versions 1 and 2, in global order, as their `SELECT *` gives them. */
export const legacyRows = (file: string): Record<string, string | number>[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY global_position').all() as Record<string, string | number>[];
  } finally {
    db.close();
  }
};

/** A row of that layout as the hash chain sees it (hex hashes, the texts as stored). */
export const legacyChainRow = (r: Record<string, string | number>): HashChainRow => ({
  globalPosition: r.global_position as number,
  streamId: r.stream_id as string,
  streamVersion: r.stream_version as number,
  type: r.type as string,
  dataJson: r.data as string,
  metadataJson: r.metadata as string,
  previousHash: r.previous_hash as string,
  hash: r.hash as string,
});
