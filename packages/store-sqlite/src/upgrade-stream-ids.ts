import type Database from 'better-sqlite3';
import { planStreamIdUpgrade } from '@motcua/core';

/**
 * Moves the streams of a file written before stream ids named the province (`dossier-<code>`) to
 * their province's ids (`dossier-<province>:<code>`), the province being each event's own
 * `tenantId`. Every moved row keeps the id its hash was computed over in `hashed_stream_id`, so
 * `verify()` still proves the chain and checks the move (docs/adr/0011-province-in-stream-ids.md).
 * Runs inside the migration's transaction: all streams move or none.
 */
export const upgradeStreamIds = (db: Database.Database): void => {
  const pairs = db
    .prepare(
      `SELECT DISTINCT stream_id, CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.tenantId') END FROM events`,
    )
    .raw()
    .all() as [string, unknown][];
  const rename = db.prepare('UPDATE events SET hashed_stream_id = stream_id, stream_id = ? WHERE stream_id = ?');
  for (const { from, to } of planStreamIdUpgrade(pairs)) rename.run(to, from);
};
