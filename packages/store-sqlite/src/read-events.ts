import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@motcua/core';
import { decodeRow } from './decode-row.js';

/**
 * Events after a global position, in order, decoded and checked (`decodeRow`), on a given connection:
 * what code running inside the store's own transaction reads (inline projections). The one place,
 * besides the store's reads, that knows how an event row is laid out.
 */
export const eventsAfterReader = (db: Database.Database): ((position: number, limit: number) => RecordedEvent[]) => {
  // One statement per page size, the limit written in its text: bound as a parameter, it made this read
  // of the few events an append just wrote slower (SQLite 3.53: 11 µs against 6 in a loop over a kept
  // file; 25-40 µs of an inline append's median with every read model, bench/README.md "Inline cost").
  const statements = new Map<number, Database.Statement>();
  const statementFor = (limit: number): Database.Statement => {
    let statement = statements.get(limit);
    if (statement === undefined) {
      if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`a page of events holds a whole number of them, not ${limit}`);
      statement = db.prepare(`SELECT global_position, stream_id, stream_version, type, body FROM events WHERE global_position > ? ORDER BY global_position LIMIT ${limit}`).raw();
      statements.set(limit, statement);
    }
    return statement;
  };
  return (position, limit) => {
    const rows = statementFor(limit).all(position) as unknown[][];
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as unknown[];
      events[i] = decodeRow(row[0], row[1], row[2], row[3], row[4]);
    }
    return events;
  };
};
