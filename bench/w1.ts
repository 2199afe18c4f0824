// pnpm bench:w1 --store memory|sqlite|postgres [--streams N] [--synchronous NORMAL|FULL]
//   [--single-seconds S] [--reads R] [--no-per-stream-read] [--concurrency N] [--dir DIR] [--keep]
//   [--pg-url URL]
// Runs workload W1 on one motcua store and prints one JSON line on stdout (see bench/README.md).
import { rmSync } from 'node:fs';
import type { StoreAdapter, AdapterOptions } from './stores/store-adapter.js';
import { runW1 } from './w1-driver.js';
import { loadW1 } from './w1-reference.js';

const STORES: Record<string, (options: AdapterOptions) => Promise<StoreAdapter>> = {
  memory: async () => (await import('./stores/memory.js')).memoryAdapter(),
  sqlite: async (options) => (await import('./stores/sqlite.js')).sqliteAdapter(options),
  postgres: async (options) => (await import('./stores/postgres.js')).postgresAdapter(options),
};

const main = async () => {
  const w1 = await loadW1();
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const opts = w1.parseArgs(argv, { store: 'sqlite', synchronous: 'FULL', concurrency: '0', 'pg-url': undefined });
  const storeName = String(opts.store);
  const synchronous = String(opts.synchronous).toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') throw new Error('--synchronous must be NORMAL or FULL');
  const makeAdapter = STORES[storeName];
  if (makeAdapter === undefined) throw new Error(`--store must be one of ${Object.keys(STORES).join(', ')}, not ${storeName}`);
  const concurrency = Number(opts.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 0) throw new Error('--concurrency must be a whole number');
  const dir = w1.makeTempDir(opts.dir, `motcua-${storeName}`);
  const pgUrl = (opts['pg-url'] as string | undefined) ?? process.env.MOTCUA_PG_URL;
  const adapter = await makeAdapter({ dir, synchronous, pgUrl }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const result = await runW1(w1, adapter, {
    streams: opts.streams,
    reads: opts.reads,
    singleSeconds: opts.singleSeconds,
    perStreamRead: opts.perStreamRead,
    concurrency,
    dir,
    keep: opts.keep,
  });
  console.log(JSON.stringify(opts.keep ? { ...result, extra: { ...result.extra, db_dir: dir } } : result));
};

main().catch((error: unknown) => {
  console.error(`bench:w1: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
