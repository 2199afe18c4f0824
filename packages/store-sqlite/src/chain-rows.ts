import Database from 'better-sqlite3';
import type { HashChainRow } from '@motcua/core';
import { hashedTexts, hashHex } from './event-body.js';

/** The columns `chainRowOf` reads, in its order. */
export const CHAIN_COLUMNS = 'global_position, stream_id, stream_version, type, body, data_length, previous_hash, hash, hashed_stream_id';

/** A stored row (the `CHAIN_COLUMNS`, raw) as the hash chain sees it: the texts it hashed and its hashes in hex. */
export const chainRowOf = (row: readonly unknown[]): HashChainRow => {
  const { dataJson, metadataJson } = hashedTexts(row[4], row[5]);
  return {
    globalPosition: row[0] as number,
    streamId: String(row[1]),
    streamVersion: row[2] as number,
    type: String(row[3]),
    dataJson,
    metadataJson,
    previousHash: hashHex(row[6]),
    hash: hashHex(row[7]),
    ...(row[8] === null ? {} : { hashedStreamId: String(row[8]) }),
  };
};

/** The province of a stored body in SQL, for either form of `event-body.ts`. */
const TENANT_OF_BODY = "CASE WHEN json_valid(body) THEN (CASE WHEN json_type(body, '$[1]') = 'object' THEN json_extract(body, '$[1].tenantId') ELSE json_extract(body, '$[6]') END) END";

/**
 * The rows of a SQLite event store file exactly as hashed (the JSON texts and hashes of the chain), in
 * global order, on a read-only connection of their own: what an export carries so that another store
 * can verify it. With `tenantId`, only that province's rows (by the metadata's `tenantId`). With
 * `after`, the rows after that global position only (a resumed copy), found by the primary key.
 */
export async function* sqliteChainRows(file: string, pageSize = 1000, tenantId?: string, after = 0): AsyncGenerator<HashChainRow> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const page = db
      .prepare(
        `SELECT ${CHAIN_COLUMNS} FROM events
         WHERE global_position > ? ${tenantId === undefined ? '' : `AND ${TENANT_OF_BODY} = ?`} ORDER BY global_position LIMIT ?`,
      )
      .raw();
    const args = (last: number) => (tenantId === undefined ? [last, pageSize] : [last, tenantId, pageSize]);
    for (let last = after; ; ) {
      const rows = page.all(...args(last)) as unknown[][];
      for (const row of rows) yield chainRowOf(row);
      if (rows.length < pageSize) return;
      last = (rows[rows.length - 1] as unknown[])[0] as number;
    }
  } finally {
    db.close();
  }
}

/** The row at one global position (`?`), as `chainRowOf` reads it. */
export const CHAIN_ROW_AT = `SELECT ${CHAIN_COLUMNS} FROM events WHERE global_position = ?`;

/** The rows at `positions` through `at` (a raw `CHAIN_ROW_AT`), those the log holds. */
export const chainRowsAtWith = (at: Database.Statement, positions: Iterable<number>): ReadonlyMap<number, HashChainRow> => {
  const rows = new Map<number, HashChainRow>();
  for (const position of positions) {
    const row = at.get(position) as unknown[] | undefined;
    if (row !== undefined) rows.set(position, chainRowOf(row));
  }
  return rows;
};

/** The number of events in the file (of one province, with `tenantId`), for a progress bar. */
export const sqliteEventCount = (file: string, tenantId?: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (tenantId !== undefined) return db.prepare(`SELECT count(*) FROM events WHERE ${TENANT_OF_BODY} = ?`).pluck().get(tenantId) as number;
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};
