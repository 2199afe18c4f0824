import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixedClock, type HashChainRow } from '@motcua/core';
import { sqliteChainRows } from '@motcua/store-sqlite';
import { tempDir } from '../cli.testkit.js';
import type { WorkloadOptions } from './province-year.js';
import { openSqliteTarget } from './sqlite-writer-thread.js';
import { writeProvinceYear } from './write-province-year.js';

const exec = promisify(execFile);

// The writer's and the generator's threads load the built modules (generator-thread.ts), so the
// command is run as built: `pnpm run build` comes before the tests in `npm test`.
const builtCli = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/generate/sqlite-writer-worker.js', import.meta.url)));

/** A stored row without what a run draws afresh (event ids) and what follows from them (hashes). */
const comparable = (row: HashChainRow) => {
  const { eventId, ...metadata } = JSON.parse(row.metadataJson) as Record<string, unknown>;
  expect(typeof eventId).toBe('string');
  return [row.globalPosition, row.streamId, row.streamVersion, row.type, row.dataJson, JSON.stringify(metadata)];
};

const rowsOf = async (file: string) => {
  const rows: unknown[][] = [];
  for await (const row of sqliteChainRows(file)) rows.push(comparable(row));
  return rows;
};

describe.skipIf(!built)('motcua generate into SQLite on a writer thread (needs the built CLI: pnpm run build)', () => {
  it('writes the log that writing on one thread writes, whose chain verifies', async () => {
    const tmp = tempDir();
    try {
      const threaded = tmp.file('threaded.db');
      const { stdout } = await exec(process.execPath, [builtCli, 'generate', '--to', `sqlite:${threaded}`, '--units', '3', '--dossiers-per-day', '6', '--days', '8', '--officers-per-unit', '3', '--procedures', '20', '--seed', '7']);
      expect(stdout).toMatch(/^generated \d+ events/);
      const verified = await exec(process.execPath, [builtCli, '--db', threaded, 'verify']);
      expect(verified.stdout).toMatch(/^ok: \d+ events verified/);

      // The same workload written on this thread, as the command does it without worker threads.
      const single = tmp.file('single.db');
      const clock = fixedClock(new Date(Date.UTC(2025, 11, 1)));
      const store = openSqliteTarget(single, clock);
      const workload: WorkloadOptions = {
        seed: 7, year: 2026, units: 3, officersPerUnit: 3, procedures: 20, tenantId: 'demo-province-year',
        dossiersPerUnitPerDay: 6, workingDays: 8, organisation: true, inBusinessTimeOrder: true,
      };
      try {
        await writeProvinceYear(store, workload, { clock });
      } finally {
        await store.close();
      }
      const [written, expected] = [await rowsOf(threaded), await rowsOf(single)];
      expect(written.length).toBeGreaterThan(500);
      expect(written).toEqual(expected);
    } finally {
      tmp.remove();
    }
  }, 60_000);
});
