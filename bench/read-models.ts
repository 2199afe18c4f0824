// pnpm -s bench:read-models [--events 1000000] [--seed 42] [--units 60] [--dir DIR] [--keep] [--reuse]
//   [--batch 1000] [--commit-ms 10000] [--documents sqlite|memory] [--only name,name] [--max-cached 15000]
//   [--workers 1] [--bulk on|off] [--young-mb 64] [--costs] [--fold-sample N]
// Generates a province-year slice (untimed, the generator of bench:read-models), appends it to a SQLite
// event store in a temp dir (untimed), then, in the same process:
// - the floor: reading the whole log once with readAll pages of `--batch`, folding nothing;
// - the build: every document projection from position 0 through one ProjectionEngine (shadow copies
//   promoted at the head) into the SQLite document store of the same file (or memory), with events/s
//   beside the floor and the process's peak RSS;
// - then the fold alone: the log (or its first `--fold-sample` events; 0: none) folded into every
//   projection in memory, in this thread, with no store; its rate times the build's threads is the
//   ceiling of that build here.
// The projections are the registry's (`createReadModels`: every read model and the dossier list);
// `--only` keeps some by name. `--workers N` (SQLite documents only) rebuilds them as `motcua rebuild`
// does (`rebuildInWorkers` of @motcua/store-sqlite): N groups balanced by `BUILD_COSTS`, each built by
// the engine in a worker thread over its own connection. `--bulk off` builds without the store's scratch
// area (`startBuild`), in this thread.
// The event store and the documents are opened at synchronous=NORMAL (documents and checkpoint still
// commit together; the documents are rebuilt from the log).
// One JSON line per measurement on stdout.
// `--reuse` with `--dir` builds on the events a kept run left there (`--keep`), dropping their documents.
// `--costs` builds each projection alone instead, in this thread, and prints its CPU time as its entry of
// `BUILD_COSTS` (tenths of a CPU second per million events), which balances builds side by side.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { BUILD_COSTS, createReadModels, createVietnamCalendar, defaultRuleBook } from '@motcua/core';
import { openSqliteDocumentStore, openSqliteEventStore, rebuildInWorkers } from '@motcua/store-sqlite';
import type { AnyProjection } from '../packages/core/src/read-side/engine/document-projection.js';
import type { DocumentBuild, DocumentStore, ProjectionSlot } from '../packages/core/src/read-side/engine/document-store.js';
import type { RecordedEvent } from '../packages/core/src/kernel/envelope.js';
import { InMemoryDocumentStore } from '../packages/core/src/read-side/engine/in-memory-document-store.js';
import { ProjectionEngine, type ProjectionEngineOptions, type ProjectionReport } from '../packages/core/src/read-side/engine/projection-engine.js';
import { foldPages } from './fold-pages.js';
import { provinceYear } from './read-models-workload.js';
import { benchOptions } from './options.js';

const { args, option, integer } = benchOptions({ minimum: 0 });

const emit = (line: Record<string, unknown>) => {
  if (isMainThread) console.log(JSON.stringify({ bench: 'read-models', ...line }));
};

/** User and system CPU seconds of the whole process (every thread) since `start`. */
const cpuSeconds = (start: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(start);
  return Math.round((user + system) / 1000) / 1000;
};

/** The machine's load average over the last minute, beside each measurement (other processes share the cores). */
const load = () => ({ load_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100, cores: availableParallelism() });

/**
 * Peaks of the process's resident memory sampled every 100 ms from /proc (Linux; nothing elsewhere):
 * `RssAnon` (heaps and native allocations) and `RssFile` (file pages mapped, SQLite's `mmap_size`
 * among them), which `peak_rss_mb` counts together.
 */
const sampleMemory = () => {
  let anon = 0;
  let file = 0;
  const sample = () => {
    try {
      const status = readFileSync('/proc/self/status', 'utf8');
      anon = Math.max(anon, Number(/RssAnon:\s+(\d+) kB/.exec(status)?.[1] ?? 0));
      file = Math.max(file, Number(/RssFile:\s+(\d+) kB/.exec(status)?.[1] ?? 0));
    } catch {
      // Not Linux: no samples.
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return anon === 0 ? {} : { sampled_peak_rss_anon_mb: Math.round(anon / 1024), sampled_peak_rss_file_mb: Math.round(file / 1024) };
    },
  };
};

/** The registry's projections: every read model's and the dossier list's (what the build workers import). */
export const discoverProjections = async (): Promise<AnyProjection[]> => [
  ...createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() }).projections,
];

interface GroupSettings {
  readonly file: string;
  readonly batchSize: number;
  readonly commitMs: number;
  readonly maxCachedDocuments: number;
  /** Builds from position 0 write to the store's scratch area and move into the copy once (`startBuild`). */
  readonly bulk: boolean;
  /** The young generation of each worker's heap, in MB (0: V8's default; `rebuildInWorkers` takes 64). */
  readonly youngMb: number;
}

interface GroupResult {
  readonly reports: readonly ProjectionReport[];
  readonly commits: number;
  readonly commitMs: number;
}

/** One engine building `projections` from position 0, timing the store's commits. */
const buildGroup = async (
  eventStore: ProjectionEngineOptions['eventStore'],
  documentStore: DocumentStore,
  projections: readonly AnyProjection[],
  settings: GroupSettings,
): Promise<GroupResult> => {
  let commits = 0;
  let commitMsTotal = 0;
  const { bulk } = settings;
  const counted: DocumentStore = {
    header: (name, slot) => documentStore.header(name, slot),
    getMany: (name, keys, slot) => documentStore.getMany(name, keys, slot),
    list: (name, query, slot) => documentStore.list(name, query, slot),
    commit: async (name, commit, slot) => {
      const t = performance.now();
      await documentStore.commit(name, commit, slot);
      commitMsTotal += performance.now() - t;
      commits++;
    },
    promoteShadow: (name) => documentStore.promoteShadow(name),
    drop: (name, slot) => documentStore.drop(name, slot),
    names: () => documentStore.names(),
    ...(documentStore.sync === undefined ? {} : { sync: documentStore.sync }),
    ...(documentStore.startBuild === undefined || !bulk
      ? {}
      : {
          // A build's writes to its scratch area and its move into the copy count as commits.
          startBuild: (name: string, slot: ProjectionSlot): DocumentBuild => {
            const build = (documentStore.startBuild as NonNullable<DocumentStore['startBuild']>).call(documentStore, name, slot);
            const timed =
              <A extends unknown[], R>(work: (...args: A) => R) =>
              (...args: A): R => {
                const t = performance.now();
                try {
                  return work(...args);
                } finally {
                  commitMsTotal += performance.now() - t;
                  commits++;
                }
              };
            return {
              write: timed((documents) => build.write(documents)),
              get: (key) => build.get(key),
              finish: async (commit) => {
                const t = performance.now();
                await build.finish(commit);
                commitMsTotal += performance.now() - t;
                commits++;
              },
              discard: () => build.discard(),
            };
          },
        }),
  };
  const engine = new ProjectionEngine({
    eventStore,
    documentStore: counted,
    projections,
    batchSize: settings.batchSize,
    commitCadence: { maxEvents: Number.MAX_SAFE_INTEGER, maxMs: settings.commitMs },
    liveFoldedBy: 'store',
    maxCachedDocuments: settings.maxCachedDocuments,
  });
  await engine.start();
  await engine.caughtUp();
  const reports = await engine.report();
  await engine.stop();
  return { reports, commits, commitMs: commitMsTotal };
};

/** The projections rebuilt by `rebuildInWorkers`, as `motcua rebuild` does, in `workers` threads. */
const buildInWorkers = async (names: readonly string[], workers: number, settings: GroupSettings): Promise<GroupResult> => {
  const rebuilt = await rebuildInWorkers({
    file: settings.file,
    names,
    workers,
    costOf: (name) => BUILD_COSTS[name],
    projectionsFrom: { module: import.meta.url, export: 'discoverProjections' },
    maxCachedDocuments: settings.maxCachedDocuments,
    batchSize: settings.batchSize,
    synchronous: 'NORMAL',
    youngGenerationMb: settings.youngMb,
  });
  const documents = openSqliteDocumentStore({ file: settings.file });
  const eventStore = openSqliteEventStore({ file: settings.file, pollIntervalMs: 0 });
  try {
    const head = await eventStore.headPosition();
    const reports: ProjectionReport[] = [];
    for (const { name } of rebuilt) {
      const header = await documents.header(name);
      const checkpoint = header?.checkpoint ?? 0;
      const provinceFailures = header?.provinceFailures;
      reports.push({ name, status: header?.status === 'running' ? 'running' : 'failed', checkpoint, head, lag: head - checkpoint, ...(provinceFailures === undefined ? {} : { provinceFailures }) });
    }
    // The workers' writes are not timed one by one: `commits` counts none.
    return { reports, commits: 0, commitMs: 0 };
  } finally {
    documents.close();
    await eventStore.close();
  }
};

const main = async () => {
  const events = integer('events', 1_000_000);
  const seed = integer('seed', 42);
  const units = integer('units', 60);
  const batchSize = Math.max(1, integer('batch', 1000));
  const commitMs = integer('commit-ms', 10_000);
  const maxCachedDocuments = integer('max-cached', 15_000);
  const documentsIn = option('documents', 'sqlite');
  const keep = args.includes('--keep');
  const dir = option('dir', '') || mkdtempSync(join(tmpdir(), 'motcua-read-models-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'events.db');
  const tenantId = 'province-thai-nguyen';
  const only = option('only', '')
    .split(',')
    .filter((name) => name !== '');
  const projections = (await discoverProjections()).filter((projection) => only.length === 0 || only.includes(projection.name));
  if (projections.length === 0) throw new Error('no projection to build');
  try {
    // Untimed: generate and append, one transaction per group of concurrent appends.
    const loadStart = performance.now();
    const reuse = args.includes('--reuse') && existsSync(file);
    const eventStore = openSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 0 });
    let appended = reuse ? await eventStore.headPosition() : 0;
    for (const day of reuse ? [] : provinceYear({ events, seed, year: 2026, units, officersPerUnit: 10, procedures: 150, tenantId })) {
      for (let i = 0; i < day.length; i += 2000) {
        const results = await Promise.all(day.slice(i, i + 2000).map((batch) => eventStore.appendToStream(batch.streamId, batch.events)));
        for (const result of results) if (result._tag === 'Left') throw new Error(`append refused: ${JSON.stringify(result.left)}`);
      }
      appended += day.reduce((n, batch) => n + batch.events.length, 0);
    }
    emit({ measurement: 'load', events: appended, seconds: (performance.now() - loadStart) / 1000, timed: false, reused: reuse });

    // The floor of any build, in this run: reading and decoding the whole log once, folding nothing.
    const readStart = performance.now();
    const readCpu = process.cpuUsage();
    let read = 0;
    for (let after = 0; ; ) {
      const page = await eventStore.readAll({ after, maxCount: batchSize });
      read += page.events.length;
      after = page.nextPosition;
      if (page.isEnd) break;
    }
    const readSeconds = (performance.now() - readStart) / 1000;
    const floor = read / readSeconds;
    emit({ measurement: 'read-all', events: read, seconds: readSeconds, events_per_s: Math.round(floor), cpu_seconds: cpuSeconds(readCpu), batch_size: batchSize, ...load() });

    // Timed: every projection from position 0 into its shadow, promoted at the head.
    const sqliteDocuments = documentsIn === 'sqlite' ? openSqliteDocumentStore({ file, synchronous: 'NORMAL' }) : undefined;
    const documentStore: DocumentStore = sqliteDocuments ?? new InMemoryDocumentStore();
    for (const { name } of projections) {
      await documentStore.drop(name, 'live');
      await documentStore.drop(name, 'shadow');
    }
    const workers = Math.max(1, integer('workers', 1));
    const bulk = option('bulk', 'on') !== 'off';
    const youngMb = integer('young-mb', 64);
    const settings: GroupSettings = { file, batchSize, commitMs, maxCachedDocuments, bulk, youngMb };
    if (args.includes('--costs')) {
      // Each projection built alone in this thread: its CPU time is its entry in `BUILD_COSTS`.
      const costs: Record<string, number> = {};
      for (const projection of projections) {
        const cpu = process.cpuUsage();
        const [report] = (await buildGroup(eventStore, documentStore, [projection], settings)).reports;
        const seconds = cpuSeconds(cpu);
        // Tenths of a CPU second per million events, as `BUILD_COSTS` counts.
        costs[projection.name] = Math.round((seconds * 10 * 1_000_000) / appended);
        emit({ measurement: 'cost', projection: projection.name, cpu_seconds: seconds, build_cost: costs[projection.name], at_head: report?.lag === 0, ...load() });
      }
      emit({ measurement: 'build-costs', events: appended, build_costs: Object.fromEntries(Object.entries(costs).sort((a, b) => b[1] - a[1])) });
      sqliteDocuments?.close();
      await eventStore.close();
      return;
    }
    const inWorkers = workers > 1 && sqliteDocuments !== undefined && bulk;
    // With workers this thread builds nothing: its connections (and the pages SQLite maps for them) go.
    if (inWorkers) {
      sqliteDocuments.close();
      await eventStore.close();
    }
    const memory = sampleMemory();
    const buildStart = performance.now();
    const buildCpu = process.cpuUsage();
    const groups = !inWorkers
      ? [await buildGroup(eventStore, documentStore, projections, settings)]
      : [await buildInWorkers(projections.map((projection) => projection.name), workers, settings)];
    const buildSeconds = (performance.now() - buildStart) / 1000;
    const buildCpuSeconds = cpuSeconds(buildCpu);
    const memoryPeaks = memory.stop();
    const reports = groups.flatMap((group) => group.reports);
    const commits = groups.reduce((n, group) => n + group.commits, 0);
    const commitMsTotal = groups.reduce((n, group) => n + group.commitMs, 0);
    // A province a projection could not fold counts as behind: the build did not fold all it was given.
    const behind = reports.filter((report) => report.status !== 'running' || report.lag !== 0 || report.provinceFailures !== undefined);
    const eventsPerSecond = appended / buildSeconds;
    emit({
      measurement: 'build',
      events: appended,
      seconds: buildSeconds,
      events_per_s: Math.round(eventsPerSecond),
      of_read_all_floor: Math.round((eventsPerSecond / floor) * 100) / 100,
      workers,
      // CPU time of every thread of the process: what the build costs, whatever else the machine runs.
      cpu_seconds: buildCpuSeconds,
      events_per_cpu_s: Math.round(appended / buildCpuSeconds),
      commits,
      commit_seconds: Math.round(commitMsTotal) / 1000,
      batch_size: batchSize,
      commit_every_ms: commitMs,
      documents: documentsIn,
      bulk,
      young_mb: youngMb,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      ...memoryPeaks,
      ...load(),
      projections: projections.map((projection) => projection.name),
      ...(behind.length === 0 ? {} : { not_at_head: behind }),
    });
    if (!inWorkers) {
      sqliteDocuments?.close();
      await eventStore.close();
    }

    // The fold alone, after the build (its memory is not the build's): the log (or its first
    // `--fold-sample` events) folded into every projection in memory, in this thread, with no store. Its
    // rate times the threads the build ran on bounds that build on this machine now, whatever the store does.
    const sample = integer('fold-sample', appended);
    if (sample > 0) {
      const log = openSqliteEventStore({ file, readonly: true });
      const pages: RecordedEvent[][] = [];
      let taken = 0;
      for (let after = 0; taken < sample; ) {
        const page = await log.readAll({ after, maxCount: Math.min(batchSize, sample - taken) });
        pages.push([...page.events]);
        taken += page.events.length;
        after = page.nextPosition;
        if (page.isEnd) break;
      }
      await log.close();
      const foldCpu = process.cpuUsage();
      for (const projection of projections) foldPages(projection, pages);
      const foldSeconds = cpuSeconds(foldCpu);
      const threads = inWorkers ? workers : 1;
      const ceiling = (taken / foldSeconds) * threads;
      emit({
        measurement: 'fold-alone',
        events: taken,
        cpu_seconds: foldSeconds,
        events_per_cpu_s: Math.round(taken / foldSeconds),
        ceiling_events_per_s: Math.round(ceiling),
        threads,
        build_of_ceiling: Math.round((eventsPerSecond / ceiling) * 100) / 100,
        ...load(),
      });
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
};

// A build worker imports this file for its projections: only the main thread runs the benchmark.
if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(`bench:read-models: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
