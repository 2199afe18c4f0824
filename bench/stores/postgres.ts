import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventCodecs, EventStore } from '@motcua/core';
import { W1_EVENT_CODECS, type AdapterOptions, type StoreAdapter } from './store-adapter.js';

// @motcua/store-postgres is loaded at run time: it may not be built yet, and the root package does not
// depend on it. Each role gets its own throwaway database (CREATE DATABASE through the `pg` client the
// package itself depends on), dropped at the end.
interface PostgresModule {
  openPostgresEventStore(options: { connectionString: string; eventCodecs: EventCodecs }): EventStore | Promise<EventStore>;
}
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
type PgClientClass = new (options: { connectionString: string }) => PgClient;

const packageDir = fileURLToPath(new URL('../../packages/store-postgres/', import.meta.url));

const loadModule = async (): Promise<PostgresModule> => {
  const attempts: string[] = [];
  for (const specifier of ['@motcua/store-postgres', pathToFileURL(`${packageDir}src/index.ts`).href]) {
    try {
      return (await import(specifier)) as PostgresModule;
    } catch (error) {
      attempts.push(`${specifier}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`--store postgres needs the package @motcua/store-postgres (packages/store-postgres), which could not be loaded:\n  ${attempts.join('\n  ')}`);
};

const loadPg = (): PgClientClass => {
  if (!existsSync(`${packageDir}package.json`)) throw new Error(`--store postgres: ${packageDir} does not exist`);
  try {
    const pg = createRequire(`${packageDir}package.json`)('pg') as { Client: PgClientClass; default?: { Client: PgClientClass } };
    return pg.Client ?? (pg.default as { Client: PgClientClass }).Client;
  } catch (error) {
    throw new Error(`--store postgres creates one database per phase with the 'pg' client of @motcua/store-postgres, which was not found: ${(error as Error).message}`);
  }
};

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

export const postgresAdapter = async (options: AdapterOptions): Promise<StoreAdapter> => {
  if (options.pgUrl === undefined || options.pgUrl === '') {
    throw new Error('--store postgres needs a server: pass --pg-url postgres://user@host:port/db or set MOTCUA_PG_URL');
  }
  const pgUrl = options.pgUrl;
  const module = await loadModule();
  const Client = loadPg();
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  const prefix = `motcua_w1_${process.pid}_`;
  const created = new Set<string>();
  const open = async (role: string) => await module.openPostgresEventStore({ connectionString: withDatabase(pgUrl, prefix + role), eventCodecs: W1_EVENT_CODECS });
  const version = (() => {
    try {
      return (createRequire(`${packageDir}package.json`)('./package.json') as { version: string }).version;
    } catch {
      return 'unknown';
    }
  })();
  const show = async (name: string) => String((await admin.query(`SHOW ${name}`)).rows[0]?.[name] ?? '?');
  const serverVersion = await show('server_version');
  const durability = ['fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers'];
  const server: string[] = [];
  for (const name of durability) server.push(`${name}=${await show(name)}`);
  return {
    system: 'motcua-postgres',
    version,
    settings: `PostgreSQL server as configured: ${server.join(' ')}; the store's pool (10 connections); appends in flight together go to one call of append_events (one prepared statement: one round trip, one transaction), one append (a group of one) is one plain statement (schema 6); reads are named statements, metadata stored as its values (schema 4) and parsed with the data in one JSON.parse per event, readAll asking for the next page as soon as a page's rows arrive; one database per phase`,
    extra: { postgres_version: serverVersion },
    async create(role) {
      await admin.query(`DROP DATABASE IF EXISTS ${prefix + role}`);
      await admin.query(`CREATE DATABASE ${prefix + role}`);
      created.add(prefix + role);
      return open(role);
    },
    reopen: open,
    async release(_role, store) {
      await store.close();
    },
    commitStats(store) {
      const withStats = store as EventStore & { commitStats?: () => { transactions: number; appends: number } };
      return typeof withStats.commitStats === 'function' ? withStats.commitStats() : undefined;
    },
    async sizeBytes(role) {
      const { rows } = await admin.query(`SELECT pg_database_size('${prefix + role}') AS size`);
      return Number(rows[0]?.size ?? 0);
    },
    async dispose(keep) {
      if (!keep) for (const db of created) await admin.query(`DROP DATABASE IF EXISTS ${db}`);
      await admin.end();
    },
  };
};
