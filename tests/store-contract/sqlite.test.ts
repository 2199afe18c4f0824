import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import Database from 'better-sqlite3';
import type { EventStore } from '@motcua/core';
import { openSqliteEventStore, SqliteEventStore } from '@motcua/store-sqlite';
import { describeEventStoreContract } from './event-store-contract.js';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const freshStore = (synchronous: 'FULL' | 'NORMAL') => async (): Promise<EventStore> => {
  const directory = mkdtempSync(join(tmpdir(), 'motcua-store-contract-'));
  directories.push(directory);
  return openSqliteEventStore({ file: join(directory, 'events.db'), synchronous });
};

/** A second connection to the store's file rewrites the event's stored body with JSON that does not parse. */
const corrupt = (store: EventStore, streamId: string, version: number) => {
  if (!(store instanceof SqliteEventStore)) throw new Error('not a SQLite store');
  const db = new Database(store.file);
  try {
    const changed = db
      .prepare(`UPDATE events SET body = '[{"n": ' WHERE stream_id = ? AND stream_version = ?`)
      .run(streamId, version).changes;
    if (changed !== 1) throw new Error(`no event ${streamId}@${version} to corrupt`);
  } finally {
    db.close();
  }
};

describeEventStoreContract('sqlite, synchronous=FULL', freshStore('FULL'), { corrupt });
describeEventStoreContract('sqlite, synchronous=NORMAL', freshStore('NORMAL'), { corrupt });
