import Database from 'better-sqlite3';
import type { HashChainRow } from '@motcua/core';

/**
 * The rows of a SQLite event store file exactly as stored (JSON texts and hashes), in global order,
 * on a read-only connection of their own. An export built from them carries the store's own hashes.
 * With `tenantId`, only that province's rows (by `metadata.tenantId`).
 */
export async function* sqliteChainRows(file: string, pageSize = 1000, tenantId?: string): AsyncGenerator<HashChainRow> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const page = db
      .prepare(
        `SELECT global_position, stream_id, stream_version, type, data, metadata, previous_hash, hash, hashed_stream_id FROM events
         WHERE global_position > ? ${tenantId === undefined ? '' : "AND json_extract(metadata, '$.tenantId') = ?"} ORDER BY global_position LIMIT ?`,
      )
      .raw();
    const args = (after: number) => (tenantId === undefined ? [after, pageSize] : [after, tenantId, pageSize]);
    let after = 0;
    for (;;) {
      const rows = page.all(...args(after)) as [number, string, number, string, string, string, string, string, string | null][];
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

/** The number of events in the file (of one province, with `tenantId`), for a progress bar. */
export const sqliteEventCount = (file: string, tenantId?: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (tenantId !== undefined) return db.prepare("SELECT count(*) FROM events WHERE json_extract(metadata, '$.tenantId') = ?").pluck().get(tenantId) as number;
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};
