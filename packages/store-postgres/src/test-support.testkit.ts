import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { postgresForTests } from '../../../tests/support/postgres-database.js';

/**
 * For an `*.int.test.ts` file: the run's PostgreSQL (or why it is missing), one database for the
 * file, and an admin pool on it for tampering behind the store's back.
 */
export const postgresDatabase = (file: string) => {
  const postgres = postgresForTests(file);
  const state = { url: '', admin: undefined as pg.Pool | undefined, schemas: 0 };
  if (postgres.skipped === undefined) {
    beforeAll(async () => {
      state.url = await postgres.createDatabase();
      state.admin = new pg.Pool({ connectionString: state.url, max: 2 });
    });
    afterAll(async () => {
      await state.admin?.end();
    });
  }
  return {
    skipped: postgres.skipped,
    url: () => state.url,
    admin: (): pg.Pool => {
      if (state.admin === undefined) throw new Error('no database yet');
      return state.admin;
    },
    /** A schema name not used yet in this file's database. */
    freshSchema: (prefix = 's') => `${prefix}_${++state.schemas}`,
  };
};

export { counted } from '../../core/src/kernel/counted-event.testkit.js';
