import Database from 'better-sqlite3';
import type { HashChainRow } from '@motcua/core';

/**
 * The rows of a SQLite event store file exactly as stored (JSON texts and hashes), in global order,
 * on a read-only connection of their own. An export built from them carries the store's own hashes.
 */
export async function* sqliteChainRows(file: string, pageSize = 1000): AsyncGenerator<HashChainRow> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const page = db
      .prepare(
        `SELECT global_position, stream_id, stream_version, type, data, metadata, previous_hash, hash, hashed_stream_id FROM events
         WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      )
      .raw();
    let after = 0;
    for (;;) {
      const rows = page.all(after, pageSize) as [number, string, number, string, string, string, string, string, string | null][];
      for (const [globalPosition, streamId, streamVersion, type, dataJson, metadataJson, previousHash, hash, hashedStreamId] of rows) {
        yield { globalPosition, streamId, streamVersion, type, dataJson, metadataJson, previousHash, hash, ...(hashedStreamId === null ? {} : { hashedStreamId }) };
      }
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]![0];
    }
  } finally {
    db.close();
  }
}

/** The number of events in the file, for a progress bar. */
export const sqliteEventCount = (file: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};
