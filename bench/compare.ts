// pnpm bench:compare [--streams N] [--synchronous NORMAL|FULL] [--single-seconds S] [--reads R]
//   [--concurrency N] [--skip-peers] [--postgres URL|auto] [--skip-sqlite]
// One run, side by side: the peers of ../shared/peers (run-all.sh: raw better-sqlite3 limit and
// emmett-sqlite, plus the limit at synchronous=FULL) and motcua's W1 (sqlite at NORMAL and FULL, memory);
// with --postgres, also the PostgreSQL peers (raw pg limit, emmett-postgresql) and motcua's PostgreSQL
// line on that server (`auto`: a throwaway cluster with fsync=on, started and stopped here).
// Prints the JSON lines, then a table of ratios. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgresCluster } from '../tests/support/postgres.js';
import { preparePeers } from './peers.js';

interface Line {
  system: string;
  append_single_eps: number;
  append_batch_eps: number;
  read_all_eps: number;
  read_p99_us: number;
  extra: { append_concurrent_eps?: number; fold_ok?: boolean; workload_sha256?: string };
}

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    streams: { type: 'string', default: '20000' },
    synchronous: { type: 'string' },
    'single-seconds': { type: 'string' },
    reads: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    'skip-peers': { type: 'boolean', default: false },
    postgres: { type: 'string' },
    'skip-sqlite': { type: 'boolean', default: false },
  },
});
const repo = fileURLToPath(new URL('../', import.meta.url));
const common = ['--streams', values.streams];
if (values['single-seconds'] !== undefined) common.push('--single-seconds', values['single-seconds']);
if (values.reads !== undefined) common.push('--reads', values.reads);
const only = values.synchronous?.toUpperCase();
if (only !== undefined && only !== 'NORMAL' && only !== 'FULL') throw new Error('--synchronous must be NORMAL or FULL');

// The server's durability, printed with the ratios: the comparison is meant at fsync=on, synchronous_commit=on.
const serverSettings: string[] = [];
const describeServer = async (url: string) => {
  type Client = { connect(): Promise<void>; query(sql: string): Promise<{ rows: Record<string, string>[] }>; end(): Promise<void> };
  const pg = createRequire(fileURLToPath(new URL('../packages/store-postgres/package.json', import.meta.url)))('pg') as {
    Client: new (options: { connectionString: string }) => Client;
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of ['server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers']) {
      serverSettings.push(`${name}=${(await client.query(`SHOW ${name}`)).rows[0]?.[name] ?? '?'}`);
    }
  } finally {
    await client.end();
  }
};
const lines: Line[] = [];
const sqlite = !values['skip-sqlite'];
const cluster = values.postgres === 'auto' ? await startPostgresCluster() : undefined;
const pgUrl = cluster?.url ?? values.postgres;
// Other work on the machine skews a run: the 1-minute load average before and after each one says when.
const loads: string[] = [];
const load = () => (loadavg()[0] ?? 0).toFixed(1);
const run = (label: string, command: string, args: string[], cwd: string) => {
  process.stderr.write(`running ${label}\n`);
  const before = load();
  const child = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  if (child.status !== 0) throw new Error(`${label} failed (exit ${child.status})`);
  loads.push(`${label}: ${before} → ${load()}`);
  for (const text of child.stdout.split('\n').filter((l) => l.startsWith('{"system"'))) {
    console.log(text);
    lines.push(JSON.parse(text) as Line);
  }
};

const peers = values['skip-peers'] ? undefined : preparePeers();
const motcua = (args: string[]) =>
  run(`motcua ${args.join(' ')}`, process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/w1.ts', ...args, ...common], repo);
try {
  if (pgUrl !== undefined) await describeServer(pgUrl);
  if (sqlite) {
    if (peers !== undefined) {
      run('peers: run-all.sh', 'bash', [join(peers, 'run-all.sh'), ...common], peers);
      // The FULL line of the limit (run-all.sh --variants also runs Emmett's singleton variant: minutes more).
      if (only !== 'NORMAL') run('peers: sqlite-limit --synchronous FULL', process.execPath, ['bench.mjs', ...common, '--synchronous', 'FULL'], join(peers, 'sqlite-limit'));
    }
    if (only !== 'FULL') motcua(['--store', 'sqlite', '--synchronous', 'NORMAL']);
    if (only !== 'NORMAL') motcua(['--store', 'sqlite', '--synchronous', 'FULL', '--concurrency', values.concurrency]);
    motcua(['--store', 'memory']);
  }
  if (pgUrl !== undefined) {
    // The three PostgreSQL lines back to back on one server, so they share its state and the machine's load.
    if (peers !== undefined) {
      for (const peer of ['pg-limit', 'emmett-postgresql']) run(`peers: ${peer}`, process.execPath, ['bench.mjs', ...common, '--pg-url', pgUrl], join(peers, peer));
    }
    motcua(['--store', 'postgres', '--pg-url', pgUrl, '--concurrency', values.concurrency]);
  }
} finally {
  await cluster?.stop();
}

// ---------------------------------------------------------------- ratios
const find = (system: string) => lines.find((l) => l.system === system);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
const cell = (r: number | undefined, target?: { min?: number; max?: number }) => {
  if (r === undefined) return 'n/a';
  const text = `${r.toFixed(2)}×`;
  if (target === undefined) return text;
  const ok = (target.min === undefined || r >= target.min) && (target.max === undefined || r <= target.max);
  return `${text} ${ok ? 'ok' : 'MISS'} (${target.min !== undefined ? `≥ ${target.min}` : `≤ ${target.max}`})`;
};
const rows: string[][] = [];
interface Targets {
  readonly single?: number;
  readonly batch?: number;
  readonly readAll?: number;
  readonly p99?: number;
  readonly concurrent?: number;
}
const SQLITE_TARGETS: Targets = { single: 0.7, batch: 0.7, readAll: 1, p99: 2, concurrent: 5 };
const compare = (label: string, ours: Line | undefined, theirs: Line | undefined, targets: Targets = {}) => {
  if (ours === undefined || theirs === undefined) return;
  const min = (value: number | undefined) => (value === undefined ? undefined : { min: value });
  rows.push([
    label,
    cell(ratio(ours.append_single_eps, theirs.append_single_eps), min(targets.single)),
    cell(ratio(ours.append_batch_eps, theirs.append_batch_eps), min(targets.batch)),
    cell(ratio(ours.read_all_eps, theirs.read_all_eps), min(targets.readAll)),
    cell(ratio(ours.read_p99_us, theirs.read_p99_us), targets.p99 === undefined ? undefined : { max: targets.p99 }),
    cell(ratio(ours.extra.append_concurrent_eps, theirs.append_single_eps), ours.extra.append_concurrent_eps === undefined ? undefined : min(targets.concurrent)),
  ]);
};
const normal = find('motcua-sqlite');
const full = find('motcua-sqlite-sync-full');
const memory = find('motcua-memory');
const postgres = find('motcua-postgres');
compare('motcua-sqlite / better-sqlite3-limit (NORMAL)', normal, find('better-sqlite3-limit'), SQLITE_TARGETS);
compare('motcua-sqlite-sync-full / better-sqlite3-limit-sync-full', full, find('better-sqlite3-limit-sync-full'), SQLITE_TARGETS);
compare('motcua-sqlite-sync-full / emmett-sqlite (both FULL)', full, find('emmett-sqlite'));
compare('motcua-sqlite (NORMAL) / emmett-sqlite', normal, find('emmett-sqlite'));
compare('motcua-memory / better-sqlite3-limit', memory, find('better-sqlite3-limit'));
compare('motcua-postgres / pg-limit', postgres, find('pg-limit'), { single: 0.8, batch: 0.8, readAll: 1, p99: 1.5, concurrent: 5 });
compare('motcua-postgres / emmett-postgresql', postgres, find('emmett-postgresql'), { single: 2, batch: 2 });

const shas = new Set(lines.map((l) => l.extra.workload_sha256));
const folds = lines.every((l) => l.extra.fold_ok === true);
console.log('');
console.log(`ratios (ours / theirs; read p99 lower is better; append_concurrent = our ${values.concurrency} concurrent appenders / their one-at-a-time append_single)`);
console.log(`same workload everywhere: ${shas.size === 1 ? 'yes' : `NO (${[...shas].join(', ')})`}; every fold ok: ${folds ? 'yes' : 'NO'}`);
console.log('');
console.log('| comparison | append_single | append_batch | read_all | read p99 | append_concurrent |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log('');
if (serverSettings.length > 0) console.log(`PostgreSQL: ${serverSettings.join(' ')}${cluster === undefined ? '' : ' (throwaway cluster started by --postgres auto)'}`);
console.log(`1-minute load average before → after each run (${availableParallelism()} cores; above that the run shared the CPU, compare its ratios with care):`);
for (const line of loads) console.log(`- ${line}`);
