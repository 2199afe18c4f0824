import type { TestProject } from 'vitest/node';
import { postgresUnavailableReason, startPostgresCluster } from './postgres.js';

export type ProvidedPostgres = { readonly url: string } | { readonly skipped: string };

declare module 'vitest' {
  export interface ProvidedContext {
    motcuaPostgres: ProvidedPostgres;
  }
}

/**
 * One PostgreSQL for the whole run, handed to test files through `inject('motcuaPostgres')`; each
 * file makes its own database in it. `MOTCUA_PG_URL` points at an existing server instead.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.MOTCUA_PG_URL;
  if (given !== undefined && given !== '') {
    project.provide('motcuaPostgres', { url: given });
    return undefined;
  }
  const reason = postgresUnavailableReason();
  if (reason !== undefined) {
    console.warn(`PostgreSQL tests will be skipped: ${reason}`);
    project.provide('motcuaPostgres', { skipped: reason });
    return undefined;
  }
  const started = Date.now();
  const cluster = await startPostgresCluster();
  if (process.env.MOTCUA_PG_TIMING !== undefined) console.info(`PostgreSQL cluster started in ${Date.now() - started} ms`);
  project.provide('motcuaPostgres', { url: cluster.url });
  return () => cluster.stop();
}
