import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { ProvidedPostgres } from './postgres-global-setup.js';

/**
 * For a test file: whether PostgreSQL is there (else why not, printed once), and a fresh database in
 * the run's cluster. Use with `describe.skipIf(postgres.skipped !== undefined)`.
 */
export const postgresForTests = (file: string) => {
  const provided = (inject('motcuaPostgres') as ProvidedPostgres | undefined) ?? {
    skipped: 'the vitest globalSetup tests/support/postgres-global-setup.ts did not run',
  };
  const skipped = 'skipped' in provided ? provided.skipped : undefined;
  if (skipped !== undefined) console.warn(`${file}: PostgreSQL tests skipped: ${skipped}`);
  return {
    skipped,
    /** Creates an empty database and returns its connection string. */
    createDatabase: async (): Promise<string> => {
      if (!('url' in provided)) throw new Error(`no PostgreSQL: ${skipped}`);
      const name = `motcua_test_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: provided.url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(provided.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
};
