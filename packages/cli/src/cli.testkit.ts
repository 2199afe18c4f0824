import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import type { CliIo } from './cli-io.js';
import { runCli, type ProgramOptions } from './program.js';
import { seedDemoProvince, type SeedOptions } from './seed/index.js';
import { sqliteChainRows } from '@motcua/store-sqlite';

export const tempDir = (): { dir: string; file: (name: string) => string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Seeds a SQLite file directly (no child process), for tests that need a populated log. */
export const seededFile = async (file: string, options: SeedOptions = { months: 1 }) => {
  const store = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0 });
  try {
    return await seedDemoProvince(createDesk({ store }), options);
  } finally {
    await store.close();
  }
};

export const storedRows = async (file: string) => {
  const rows = [];
  for await (const row of sqliteChainRows(file)) rows.push(row);
  return rows;
};

/** Runs the CLI in this process with captured output. */
export const run = async (...args: string[]) => runWith({}, ...args);

export const runWith = async (options: ProgramOptions, ...args: string[]) => {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => void (out += text), err: (text) => void (err += text), interactive: false };
  const code = await runCli(['node', 'motcua', ...args], io, options);
  return { code, out, err };
};
