import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@motcua/core';
import { decodeRow } from './decode-row.js';

/**
 * Events after a global position, in order, decoded and checked (`decodeRow`), on a given connection:
 * what code running inside the store's own transaction reads (inline projections). The one place,
 * besides the store's reads, that knows how an event row is laid out.
 */
export const eventsAfterReader = (db: Database.Database): ((position: number, limit: number) => RecordedEvent[]) => {
  const statement = db
    .prepare('SELECT global_position, stream_id, stream_version, type, body FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?')
    .raw();
  return (position, limit) => {
    const rows = statement.all(position, limit) as unknown[][];
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as unknown[];
      events[i] = decodeRow(row[0], row[1], row[2], row[3], row[4]);
    }
    return events;
  };
};
