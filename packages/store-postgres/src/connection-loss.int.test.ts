import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { defineProjection, documentKey, isRight } from '@motcua/core';
import { GROUP_TEXT_LIMIT } from './postgres-event-store.js';
import { openPostgresEventStore, PostgresStoreError } from './index.js';
import { counted, postgresDatabase } from './test-support.testkit.js';

const db = postgresDatabase('packages/store-postgres/src/connection-loss.int.test.ts');

/** Counts each province's returned results: with it, a store runs every append between BEGIN and COMMIT. */
const perProvince = defineProjection<{ readonly n: number }>({
  name: 'per-province',
  version: 1,
  handlers: {
    ResultReturned: {
      touches: (event) => [documentKey(event.metadata.tenantId, 'returned', 'all')],
      evolve: (document) => ({ n: (document?.n ?? 0) + 1 }),
    },
  },
});

/** The backends of this database waiting for a lock (a store's writer queued behind `locker`). */
const waitingBackends = async (admin: pg.Pool): Promise<number[]> => {
  for (let tries = 0; tries < 100; tries++) {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    if (rows.length > 0) return rows.map((row) => row.pid);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no backend came to wait for the log lock');
};

describe.skipIf(db.skipped !== undefined)('a PostgreSQL store losing its connection, and its transactions', () => {
  it('a writer whose connection the server ends mid-append fails those appends as of unknown outcome, and the process and the store go on', async () => {
    // Given a store with an inline projection (so its appends run between BEGIN and COMMIT), whose writer waits for the log lock
    const schema = db.freshSchema('lost');
    const store = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2, projections: [perProvince] });
    expect(isRight(await store.appendToStream('s-0', [counted(0)]))).toBe(true);
    const locker = await db.admin().connect();
    await locker.query('BEGIN');
    await locker.query(`SELECT * FROM "${schema}".log_head FOR UPDATE`);
    const waiting = Promise.allSettled([store.appendToStream('s-1', [counted(1)]), store.appendToStream('s-2', [counted(2)])]);
    // When the server ends the writer's connection (as a restart or a failover does)
    const [writer] = await waitingBackends(db.admin());
    await db.admin().query('SELECT pg_terminate_backend($1)', [writer]);
    await locker.query('ROLLBACK');
    locker.release();
    // Then the appends fail, saying their outcome is unknown, and nothing crashed
    for (const settled of await waiting) {
      expect(settled.status).toBe('rejected');
      const error = (settled as PromiseRejectedResult).reason as PostgresStoreError;
      expect(error).toBeInstanceOf(PostgresStoreError);
      expect(error.outcomeUnknown).toBe(true);
      expect(error.message).toMatch(/outcome is unknown.*read the stream before trying again/);
    }
    // And the next appends commit on a new connection, and the chain holds
    expect(isRight(await store.appendToStream('s-3', [counted(3)]))).toBe(true);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.close();
  });

  it('a store made from a connection string runs at READ COMMITTED whatever the database defaults to, and concurrent writers of different streams all commit', async () => {
    // Given a database whose transactions default to SERIALIZABLE
    const name = `serializable_${process.pid}`;
    await db.admin().query(`DROP DATABASE IF EXISTS ${name}`);
    await db.admin().query(`CREATE DATABASE ${name}`);
    await db.admin().query(`ALTER DATABASE ${name} SET default_transaction_isolation = 'serializable'`);
    const url = new URL(db.url());
    url.pathname = `/${name}`;
    // When four stores (as four processes would) open the same new schema at once and append to streams of their own
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresEventStore({ connectionString: url.toString(), schema: 'motcua', poolSize: 2 })));
    const results = await Promise.all(stores.flatMap((store, w) => Array.from({ length: 15 }, (_, i) => store.appendToStream(`w${w}-${i % 3}`, [counted(i)]))));
    // Then every append committed
    expect(results.filter(isRight)).toHaveLength(60);
    expect(await stores[0]!.verify()).toMatchObject({ ok: true, events: 60 });
    await Promise.all(stores.map((store) => store.close()));
    await db.admin().query(`DROP DATABASE ${name}`);
  });

  it('refuses a pool of its caller whose connections default to another isolation level, saying how to give one', async () => {
    const pool = new pg.Pool({ connectionString: db.url(), max: 1, options: '-c default_transaction_isolation=repeatable\\ read' });
    await expect(openPostgresEventStore({ pool, schema: db.freshSchema('iso') })).rejects.toThrow(/needs transactions at READ COMMITTED.*"repeatable read"/);
    await pool.end();
  });

  it(`appends queued together past ${GROUP_TEXT_LIMIT / 2 ** 20} MB of text commit in more than one transaction, each with its own outcome`, async () => {
    // Given a large append, another, and a small one issued together
    const schema = db.freshSchema('big');
    const store = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
    const large = 'x'.repeat(Math.ceil(GROUP_TEXT_LIMIT * 0.6));
    const results = await Promise.all([
      store.appendToStream('big-1', [counted(1, { large })]),
      store.appendToStream('big-2', [counted(2, { large })]),
      store.appendToStream('small', [counted(3)]),
    ]);
    // Then all three commit, the large ones in transactions of their own
    expect(results.every(isRight)).toBe(true);
    expect(store.commitStats().transactions).toBeGreaterThanOrEqual(2);
    expect(await store.verify()).toMatchObject({ ok: true, events: 3 });
    await store.close();
  });
});
