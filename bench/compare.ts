// pnpm bench:compare [--streams N] [--synchronous NORMAL|FULL] [--single-seconds S] [--reads R]
//   [--concurrency N] [--skip-peers] [--postgres URL|auto] [--skip-sqlite] [--rounds N]
// One run, side by side: the peers of ../shared/peers (run-all.sh: raw better-sqlite3 limit and
// emmett-sqlite, plus the limit at synchronous=FULL) and motcua's W1 (sqlite at NORMAL and FULL, memory);
// with --postgres, also the PostgreSQL peers (raw pg limit, emmett-postgresql) and motcua's PostgreSQL
// line on that server (`auto`: a throwaway cluster with fsync=on, started and stopped here).
// Prints the JSON lines, then a table of ratios; with --rounds N, runs everything N times, every other
// round in the reverse order, and prints each round's ratios and those of each figure's median.
// See bench/README.md.
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
    rounds: { type: 'string', default: '1' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number of at least 1, got ${values.rounds}`);
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
/** The JSON lines of each round, in the order they came. */
const roundLines: Line[][] = [];
const sqlite = !values['skip-sqlite'];
const cluster = values.postgres === 'auto' ? await startPostgresCluster() : undefined;
const pgUrl = cluster?.url ?? values.postgres;
// Other work on the machine skews a run: the 1-minute load average before and after each one says when.
const loads: string[] = [];
const load = () => (loadavg()[0] ?? 0).toFixed(1);
interface Job {
  readonly label: string;
  readonly command: string;
  readonly args: string[];
  readonly cwd: string;
}
const run = ({ label, command, args, cwd }: Job, into: Line[]) => {
  process.stderr.write(`running ${label}\n`);
  const before = load();
  const child = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  if (child.status !== 0) throw new Error(`${label} failed (exit ${child.status})`);
  loads.push(`${label}: ${before} → ${load()}`);
  for (const text of child.stdout.split('\n').filter((l) => l.startsWith('{"system"'))) {
    console.log(text);
    into.push(JSON.parse(text) as Line);
  }
};

const peers = values['skip-peers'] ? undefined : preparePeers();
const motcua = (args: string[]): Job => ({
  label: `motcua ${args.join(' ')}`,
  command: process.execPath,
  args: ['--conditions=source', '--import', 'tsx', 'bench/w1.ts', ...args, ...common],
  cwd: repo,
});
/** Every run of one round, in order. */
const jobs: Job[] = [];
if (sqlite) {
  if (peers !== undefined) {
    jobs.push({ label: 'peers: run-all.sh', command: 'bash', args: [join(peers, 'run-all.sh'), ...common], cwd: peers });
    // The FULL line of the limit (run-all.sh --variants also runs Emmett's singleton variant: minutes more).
    if (only !== 'NORMAL') jobs.push({ label: 'peers: sqlite-limit --synchronous FULL', command: process.execPath, args: ['bench.mjs', ...common, '--synchronous', 'FULL'], cwd: join(peers, 'sqlite-limit') });
  }
  if (only !== 'FULL') jobs.push(motcua(['--store', 'sqlite', '--synchronous', 'NORMAL']));
  if (only !== 'NORMAL') jobs.push(motcua(['--store', 'sqlite', '--synchronous', 'FULL', '--concurrency', values.concurrency]));
  jobs.push(motcua(['--store', 'memory']));
}
if (pgUrl !== undefined) {
  // The three PostgreSQL lines back to back on one server, so they share its state and the machine's load.
  if (peers !== undefined) {
    for (const peer of ['pg-limit', 'emmett-postgresql']) jobs.push({ label: `peers: ${peer}`, command: process.execPath, args: ['bench.mjs', ...common, '--pg-url', pgUrl], cwd: join(peers, peer) });
  }
  jobs.push(motcua(['--store', 'postgres', '--pg-url', pgUrl, '--concurrency', values.concurrency]));
}
try {
  if (pgUrl !== undefined) await describeServer(pgUrl);
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) process.stderr.write(`round ${round} of ${rounds}\n`);
    // Every other round in the reverse order: a machine slowing down or speeding up during a round
    // favours the runs at one end of it, and then the other.
    const into: Line[] = [];
    roundLines.push(into);
    for (const job of round % 2 === 0 ? [...jobs].reverse() : jobs) run(job, into);
  }
} finally {
  await cluster?.stop();
}

// ---------------------------------------------------------------- ratios
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
const cell = (r: number | undefined, target?: { min?: number; max?: number }) => {
  if (r === undefined) return 'n/a';
  const text = `${r.toFixed(2)}×`;
  if (target === undefined) return text;
  const ok = (target.min === undefined || r >= target.min) && (target.max === undefined || r <= target.max);
  return `${text} ${ok ? 'ok' : 'MISS'} (${target.min !== undefined ? `≥ ${target.min}` : `≤ ${target.max}`})`;
};
interface Targets {
  readonly single?: number;
  readonly batch?: number;
  readonly readAll?: number;
  readonly p99?: number;
  readonly concurrent?: number;
}
const SQLITE_TARGETS: Targets = { single: 0.7, batch: 0.7, readAll: 1, p99: 2, concurrent: 5 };

/** The table of ratios of one set of lines (one per system). */
const ratioTable = (lines: readonly Line[]): string[] => {
  const find = (system: string) => lines.find((l) => l.system === system);
  const rows: string[][] = [];
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
  const postgres = find('motcua-postgres');
  compare('motcua-sqlite / better-sqlite3-limit (NORMAL)', normal, find('better-sqlite3-limit'), SQLITE_TARGETS);
  compare('motcua-sqlite-sync-full / better-sqlite3-limit-sync-full', full, find('better-sqlite3-limit-sync-full'), SQLITE_TARGETS);
  compare('motcua-sqlite-sync-full / emmett-sqlite (both FULL)', full, find('emmett-sqlite'));
  compare('motcua-sqlite (NORMAL) / emmett-sqlite', normal, find('emmett-sqlite'));
  compare('motcua-memory / better-sqlite3-limit', find('motcua-memory'), find('better-sqlite3-limit'));
  compare('motcua-postgres / pg-limit', postgres, find('pg-limit'), { single: 0.8, batch: 0.8, readAll: 1, p99: 1.5, concurrent: 5 });
  compare('motcua-postgres / emmett-postgresql', postgres, find('emmett-postgresql'), { single: 2, batch: 2 });
  return ['| comparison | append_single | append_batch | read_all | read p99 | append_concurrent |', '| --- | --- | --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)];
};

/** Each system's line with every figure the median of its rounds. */
const medianLines = (rounds: readonly (readonly Line[])[]): Line[] => {
  const median = (values: (number | undefined)[]): number | undefined => {
    const known = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    if (known.length === 0) return undefined;
    const middle = Math.floor(known.length / 2);
    return known.length % 2 === 1 ? known[middle] : ((known[middle - 1] as number) + (known[middle] as number)) / 2;
  };
  return (rounds[0] ?? []).map((first) => {
    const all = rounds.map((lines) => lines.find((l) => l.system === first.system)).filter((l): l is Line => l !== undefined);
    return {
      ...first,
      append_single_eps: median(all.map((l) => l.append_single_eps)) as number,
      append_batch_eps: median(all.map((l) => l.append_batch_eps)) as number,
      read_all_eps: median(all.map((l) => l.read_all_eps)) as number,
      read_p99_us: median(all.map((l) => l.read_p99_us)) as number,
      extra: { ...first.extra, append_concurrent_eps: median(all.map((l) => l.extra.append_concurrent_eps)) },
    };
  });
};

const lines = roundLines.flat();
const shas = new Set(lines.map((l) => l.extra.workload_sha256));
const folds = lines.every((l) => l.extra.fold_ok === true);
console.log('');
console.log(`ratios (ours / theirs; read p99 lower is better; append_concurrent = our ${values.concurrency} concurrent appenders / their one-at-a-time append_single)`);
console.log(`same workload everywhere: ${shas.size === 1 ? 'yes' : `NO (${[...shas].join(', ')})`}; every fold ok: ${folds ? 'yes' : 'NO'}`);
if (rounds > 1) {
  roundLines.forEach((round, i) => {
    console.log('');
    console.log(`round ${i + 1}${i % 2 === 1 ? ' (reverse order)' : ''}:`);
    for (const row of ratioTable(round)) console.log(row);
  });
  console.log('');
  console.log(`the median of the ${rounds} rounds, figure by figure:`);
}
console.log('');
for (const row of ratioTable(rounds > 1 ? medianLines(roundLines) : lines)) console.log(row);
console.log('');
if (serverSettings.length > 0) console.log(`PostgreSQL: ${serverSettings.join(' ')}${cluster === undefined ? '' : ' (throwaway cluster started by --postgres auto)'}`);
console.log(`1-minute load average before → after each run (${availableParallelism()} cores; above that the run shared the CPU, compare its ratios with care):`);
for (const line of loads) console.log(`- ${line}`);
