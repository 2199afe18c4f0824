import { afterAll, beforeAll, describe } from 'vitest';
import pg from 'pg';
import type { EventStore } from '@motcua/core';
import { openPostgresEventStore, PostgresEventStore } from '@motcua/store-postgres';
import { postgresForTests } from '../support/postgres-database.js';
import { describeEventStoreContract } from './event-store-contract.js';

const postgres = postgresForTests('tests/store-contract/postgres.test.ts');

describe.skipIf(postgres.skipped !== undefined)('PostgreSQL store', () => {
  let url = '';
  let admin: pg.Pool;
  let stores = 0;
  beforeAll(async () => {
    url = await postgres.createDatabase();
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await admin?.end();
  });

  // Every test gets a store in a schema of its own, in the file's database.
  const freshStore = async (): Promise<EventStore> =>
    openPostgresEventStore({ connectionString: url, schema: `contract_${++stores}`, poolSize: 4 });

  /** Rewrites the event's data with JSON that does not parse, behind the store's back. */
  const corrupt = async (store: EventStore, streamId: string, version: number) => {
    if (!(store instanceof PostgresEventStore)) throw new Error('not a PostgreSQL store');
    const { rowCount } = await admin.query(
      `UPDATE "${store.schema}".events SET data = '{"n": ' WHERE stream_id = $1 AND stream_version = $2`,
      [streamId, version],
    );
    if (rowCount !== 1) throw new Error(`no event ${streamId}@${version} to corrupt`);
  };

  describeEventStoreContract('postgres', freshStore, { corrupt });
});
