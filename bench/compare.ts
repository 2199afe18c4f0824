// pnpm bench:compare [--streams N] [--synchronous NORMAL|FULL] [--single-seconds S] [--reads R]
//   [--concurrency N] [--skip-peers]
// One run, side by side: the peers of ../shared/peers (run-all.sh: raw better-sqlite3 limit and
// emmett-sqlite, plus the limit at synchronous=FULL) and motcua's W1 (sqlite at NORMAL and FULL, memory).
// Prints the JSON lines, then a table of ratios. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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
  },
});
const repo = fileURLToPath(new URL('../', import.meta.url));
const common = ['--streams', values.streams];
if (values['single-seconds'] !== undefined) common.push('--single-seconds', values['single-seconds']);
if (values.reads !== undefined) common.push('--reads', values.reads);
const only = values.synchronous?.toUpperCase();
if (only !== undefined && only !== 'NORMAL' && only !== 'FULL') throw new Error('--synchronous must be NORMAL or FULL');

const lines: Line[] = [];
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

if (!values['skip-peers']) {
  const peers = preparePeers();
  run('peers: run-all.sh', 'bash', [join(peers, 'run-all.sh'), ...common], peers);
  // The FULL line of the limit (run-all.sh --variants also runs Emmett's singleton variant: minutes more).
  if (only !== 'NORMAL') run('peers: sqlite-limit --synchronous FULL', process.execPath, ['bench.mjs', ...common, '--synchronous', 'FULL'], join(peers, 'sqlite-limit'));
}
const motcua = (args: string[]) =>
  run(`motcua ${args.join(' ')}`, process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/w1.ts', ...args, ...common], repo);
if (only !== 'FULL') motcua(['--store', 'sqlite', '--synchronous', 'NORMAL']);
if (only !== 'NORMAL') motcua(['--store', 'sqlite', '--synchronous', 'FULL', '--concurrency', values.concurrency]);
motcua(['--store', 'memory']);

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
const compare = (label: string, ours: Line | undefined, theirs: Line | undefined, targets: boolean) => {
  if (ours === undefined || theirs === undefined) return;
  rows.push([
    label,
    cell(ratio(ours.append_single_eps, theirs.append_single_eps), targets ? { min: 0.7 } : undefined),
    cell(ratio(ours.append_batch_eps, theirs.append_batch_eps), targets ? { min: 0.7 } : undefined),
    cell(ratio(ours.read_all_eps, theirs.read_all_eps), targets ? { min: 1 } : undefined),
    cell(ratio(ours.read_p99_us, theirs.read_p99_us), targets ? { max: 2 } : undefined),
    cell(ratio(ours.extra.append_concurrent_eps, theirs.append_single_eps), ours.extra.append_concurrent_eps !== undefined && targets ? { min: 5 } : undefined),
  ]);
};
const normal = find('motcua-sqlite');
const full = find('motcua-sqlite-sync-full');
const memory = find('motcua-memory');
compare('motcua-sqlite / better-sqlite3-limit (NORMAL)', normal, find('better-sqlite3-limit'), true);
compare('motcua-sqlite-sync-full / better-sqlite3-limit-sync-full', full, find('better-sqlite3-limit-sync-full'), true);
compare('motcua-sqlite-sync-full / emmett-sqlite (both FULL)', full, find('emmett-sqlite'), false);
compare('motcua-sqlite (NORMAL) / emmett-sqlite', normal, find('emmett-sqlite'), false);
compare('motcua-memory / better-sqlite3-limit', memory, find('better-sqlite3-limit'), false);

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
console.log(`1-minute load average before → after each run (${availableParallelism()} cores; above that the run shared the CPU, compare its ratios with care):`);
for (const line of loads) console.log(`- ${line}`);
