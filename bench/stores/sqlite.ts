import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore } from '@motcua/core';
import { openSqliteEventStore, SqliteEventStore } from '@motcua/store-sqlite';
import { packageVersion, W1_EVENT_CODECS, type AdapterOptions, type StoreAdapter } from './store-adapter.js';

const familySize = (file: string, stat: (f: string) => number): number =>
  [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].reduce((sum, f) => sum + stat(f), 0);

/** `@motcua/store-sqlite` on one file per role, with its default group commit. */
export const sqliteAdapter = (options: AdapterOptions): StoreAdapter => {
  const fileOf = (role: string) => join(options.dir, `${role}.db`);
  const open = (role: string) => openSqliteEventStore({ file: fileOf(role), synchronous: options.synchronous, pollIntervalMs: 0, eventCodecs: W1_EVENT_CODECS });
  const memory = new Database(':memory:');
  const sqliteVersion = memory.prepare('select sqlite_version()').pluck().get() as string;
  memory.close();
  return {
    system: options.synchronous === 'NORMAL' ? 'motcua-sqlite' : `motcua-sqlite-sync-${options.synchronous.toLowerCase()}`,
    version: packageVersion('../packages/store-sqlite/package.json'),
    settings:
      `journal_mode=WAL synchronous=${options.synchronous} temp_store=MEMORY cache_size=64MiB mmap_size=256MiB ` +
      'wal_autocheckpoint=10000; groupCommit=microtask (appends issued together share one transaction, each in its own SAVEPOINT; ' +
      'a lone append is its own transaction); SHA-256 hash chain per event; pollIntervalMs=0',
    extra: { sqlite_version: sqliteVersion },
    async create(role) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${fileOf(role)}${suffix}`, { force: true });
      return open(role);
    },
    async reopen(role) {
      return open(role);
    },
    async release(_role, store) {
      await store.close();
    },
    async sizeBytes(role) {
      return familySize(fileOf(role), (f) => {
        try {
          return statSync(f).size;
        } catch {
          return 0;
        }
      });
    },
    commitStats(store: EventStore) {
      return store instanceof SqliteEventStore ? store.commitStats() : undefined;
    },
    async dispose() {},
  };
};
