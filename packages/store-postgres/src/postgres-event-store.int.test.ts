import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { isLeft, isRight } from '@motcua/core';
import { openPostgresEventStore, PostgresStoreError, SCHEMA_VERSION } from './index.js';
import { counted, postgresDatabase } from './test-support.testkit.js';

const db = postgresDatabase('packages/store-postgres/src/postgres-event-store.int.test.ts');

describe.skipIf(db.skipped !== undefined)('PostgresEventStore', () => {
  it('appends issued together share one transaction, each checked against its own expected version', async () => {
    const store = await openPostgresEventStore({ connectionString: db.url(), schema: db.freshSchema('group') });
    await store.appendToStream('taken', [counted(0)]);
    const before = store.commitStats();
    // When twenty appends are issued at once, one of them with a stale expected version
    const results = await Promise.all([
      ...Array.from({ length: 19 }, (_, i) => store.appendToStream(`s-${i}`, [counted(i)], { expectedVersion: 'no-stream' })),
      store.appendToStream('taken', [counted(99)], { expectedVersion: 'no-stream' }),
    ]);
    // Then the conflicting one gets its Left and the others commit, in fewer transactions than appends
    expect(results.filter(isRight)).toHaveLength(19);
    expect(isLeft(results[19] as (typeof results)[number]) && (results[19] as { left: { _tag: string } }).left._tag).toBe('VersionConflict');
    const after = store.commitStats();
    expect(after.appends - before.appends).toBe(20);
    expect(after.transactions - before.transactions).toBeLessThan(20);
    expect(await store.verify()).toMatchObject({ ok: true, events: 20 });
    await store.close();
  });

  it('an append the database refuses fails alone; the others of its group commit', async () => {
    const store = await openPostgresEventStore({ connectionString: db.url(), schema: db.freshSchema('refused') });
    // PostgreSQL text cannot hold a NUL character
    const [good, bad, alsoGood] = await Promise.allSettled([
      store.appendToStream('a', [counted(1)]),
      store.appendToStream('nul\u0000stream', [counted(2)]),
      store.appendToStream('b', [counted(3)]),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(alsoGood.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    const error = (bad as PromiseRejectedResult).reason as PostgresStoreError;
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.message).toContain('nothing was written');
    expect((await store.readAll()).events.map((e) => e.metadata.streamId)).toEqual(['a', 'b']);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    // The group refused, each append was tried again in a transaction of its own
    expect(store.commitStats()).toEqual({ transactions: 3, appends: 3 });
    await store.close();
  });

  it('an expected version no stream can be at is a version conflict, not a database error', async () => {
    const store = await openPostgresEventStore({ connectionString: db.url(), schema: db.freshSchema('odd') });
    await store.appendToStream('a', [counted(1)]);
    // Given versions the function's integer argument cannot carry as they are, each alone and all in one group
    const odd = [-1, 1.5, 2 ** 31, 2 ** 40, Number.NaN];
    for (const expectedVersion of odd) {
      const result = await store.appendToStream('a', [counted(2)], { expectedVersion });
      expect(isLeft(result) && result.left._tag).toBe('VersionConflict');
    }
    const together = await Promise.all(odd.map((expectedVersion) => store.appendToStream('a', [counted(3)], { expectedVersion })));
    expect(together.map((result) => isLeft(result) && result.left._tag)).toEqual(odd.map(() => 'VersionConflict'));
    // Then nothing was written, and the stream's true version is still accepted
    expect(isRight(await store.appendToStream('a', [counted(4)], { expectedVersion: 1 }))).toBe(true);
    expect((await store.readStream('a')).currentVersion).toBe(2);
    await store.close();
  });

  it('a reader paging through a backlog gets every event once, in order, and the end is never served stale', async () => {
    const store = await openPostgresEventStore({ connectionString: db.url(), schema: db.freshSchema('ahead') });
    await store.appendToStream('a', Array.from({ length: 10 }, (_, i) => counted(i)));
    // When it pages three at a time while appends go on between its pages
    const seen: number[] = [];
    let after = 0;
    for (let page = 0; ; page++) {
      const read = await store.readAll({ after, maxCount: 3 });
      seen.push(...read.events.map((e) => e.metadata.globalPosition));
      after = read.nextPosition;
      if (page < 4) await store.appendToStream('b', [counted(100 + page)]);
      if (read.isEnd) break;
    }
    // Then it saw every position exactly once, in order, up to the head
    expect(seen).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    // And after the end, a new event is read at once, not a page read before it was appended
    await store.appendToStream('c', [counted(200)]);
    expect((await store.readAll({ after, maxCount: 3 })).events.map((e) => e.metadata.globalPosition)).toEqual([15]);
    await store.close();
  });

  it('the page after a full one is asked of the server before the full one is returned', async () => {
    const pool = new pg.Pool({ connectionString: db.url(), max: 3 });
    const store = await openPostgresEventStore({ pool, schema: db.freshSchema('sent') });
    await store.appendToStream('a', Array.from({ length: 7 }, (_, i) => counted(i)));
    let acquired = 0;
    pool.on('acquire', () => void acquired++);
    // When a reader gets a full page
    const first = await store.readAll({ after: 0, maxCount: 5 });
    // Then by the time it came back, a connection had been handed the query for the next one
    expect(acquired).toBe(2);
    const second = await store.readAll({ after: first.nextPosition, maxCount: 5 });
    expect([first.isEnd, second.isEnd]).toEqual([false, true]);
    expect([...first.events, ...second.events].map((e) => e.metadata.globalPosition)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await store.close();
    await pool.end();
  });

  it('a subscription hears of appends made through another pool (another process) by polling', async () => {
    const schema = db.freshSchema('poll');
    const one = await openPostgresEventStore({ connectionString: db.url(), schema, pollIntervalMs: 20 });
    const two = await openPostgresEventStore({ connectionString: db.url(), schema });
    const seen: number[] = [];
    const subscription = one.subscribe({ after: 0, handler: (event) => void seen.push(event.metadata.globalPosition) });
    await two.appendToStream('x', [counted(1), counted(2)]);
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([1, 2]);
    await subscription.close();
    await one.close();
    await two.close();
  });

  it('borrows a pool the application owns and leaves it open on close', async () => {
    const pool = new pg.Pool({ connectionString: db.url(), max: 2 });
    const store = await openPostgresEventStore({ pool, schema: db.freshSchema('borrowed') });
    await store.appendToStream('a', [counted(1)]);
    await store.close();
    expect((await pool.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
    await pool.end();
  });

  it('opening a schema twice, even at once, migrates it once', async () => {
    const schema = db.freshSchema('twice');
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresEventStore({ connectionString: db.url(), schema })));
    const { rows } = await db.admin().query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    expect(rows).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
    for (const store of stores) await store.close();
  });

  it('refuses a schema written by a newer version of the package', async () => {
    const schema = db.freshSchema('newer');
    await (await openPostgresEventStore({ connectionString: db.url(), schema })).close();
    await db.admin().query(`INSERT INTO "${schema}".schema_migrations VALUES ($1, 'from the future', 'later')`, [SCHEMA_VERSION + 1]);
    await expect(openPostgresEventStore({ connectionString: db.url(), schema })).rejects.toThrow(/newer than this version/);
  });

  it('a server that cannot be reached gives an error saying so', async () => {
    const error = await openPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect((error as PostgresStoreError).message).toMatch(/could not be reached.*ECONNREFUSED/);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openPostgresEventStore({ connectionString: db.url(), schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(TypeError);
  });
});
