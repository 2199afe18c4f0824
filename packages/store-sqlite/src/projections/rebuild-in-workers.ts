import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { balanceBuildGroups } from '@motcua/core';
import { SqliteStoreError } from '../errors.js';
import type { RebuildGroupOptions, RebuildProgress, RebuiltProjection } from './rebuild-group.js';
import type { RebuildWorkerData, RebuildWorkerFailure } from './rebuild-worker.js';

export interface RebuildInWorkersOptions extends RebuildGroupOptions {
  /**
   * Where a worker thread gets the projections (functions cannot be handed to a thread): the URL of
   * a module (`import.meta.url`-relative, e.g. `new URL('./read-models.js', import.meta.url).href`) and
   * the name of its export, a function giving every projection (`() => createReadModels(deps).projections`).
   */
  readonly projectionsFrom: { readonly module: string; readonly export: string };
  /** The projections to rebuild, by name. */
  readonly names: readonly string[];
  /** Worker threads, each building one group of projections; default the cores available. */
  readonly workers?: number;
  /** The cost of building each projection, by which the groups are balanced (`BUILD_COSTS` for the built-in ones). */
  readonly costOf?: (name: string) => number | undefined;
  /**
   * Each worker's young generation in MB (`resourceLimits.maxYoungGenerationSizeMb`); default 64: a
   * fold's short-lived objects (decoded events, documents replaced) are collected at less cost in a
   * larger one (`bench:read-models --workers 2 --young-mb 64`: about 8% less CPU than V8's default,
   * which 0 keeps).
   */
  readonly youngGenerationMb?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/** The worker's module and how to start it: compiled, as it is; from TypeScript sources (tests, benchmarks), through tsx. */
const workerFor = (workerData: RebuildWorkerData, youngGenerationMb: number): Worker => {
  const resourceLimits = youngGenerationMb > 0 ? { maxYoungGenerationSizeMb: youngGenerationMb } : {};
  const source = import.meta.url.endsWith('.ts');
  const entry = new URL(`./rebuild-worker.${source ? 'ts' : 'js'}`, import.meta.url);
  if (!source) return new Worker(entry, { workerData, resourceLimits });
  // Node 20 does not hand a loader to worker threads: the worker registers tsx, then imports the entry.
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData, resourceLimits, execArgv: ['--conditions=source'] });
};

/**
 * The error of a worker that failed, as the worker met it: a store's failure (`SqliteStoreError`, a read-only
 * file, a full disk) stays one, with its code, so that it is told as such; the stack is the worker's.
 */
const failedIn = (file: string, group: readonly string[], failure: RebuildWorkerFailure): Error => {
  const message = `rebuilding ${group.join(', ')}: ${failure.message}`;
  const error = failure.name === 'SqliteStoreError' ? new SqliteStoreError(message, file, failure.code) : new Error(message);
  if (failure.stack !== undefined) error.stack = `${error.name}: ${error.message}\n${failure.stack.split('\n').slice(1).join('\n')}`;
  return error;
};

/**
 * Rebuilds projections of a SQLite file side by side: split into `workers` groups balanced by
 * `costOf`, each group rebuilt by the one projection engine in a worker thread of its own, over
 * connections of its own (`rebuildSqliteProjections`), each projection promoted when its shadow
 * reaches the head (docs/read-side.md, "Builds in bulk"). Resolves with every projection's outcome
 * in the order of `names`; a worker that fails rejects the whole (the others are stopped, their
 * shadows left for the next rebuild).
 */
export const rebuildInWorkers = async (options: RebuildInWorkersOptions): Promise<readonly RebuiltProjection[]> => {
  const { projectionsFrom, names, onProgress } = options;
  const groupOptions: RebuildGroupOptions = {
    file: options.file,
    ...(options.maxCachedDocuments === undefined ? {} : { maxCachedDocuments: options.maxCachedDocuments }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    ...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
  };
  const groups = balanceBuildGroups(names, options.workers ?? availableParallelism(), options.costOf ?? (() => undefined));
  const progress = groups.map(() => ({ folded: 0, total: 0 }));
  const workers: Worker[] = [];
  const run = (group: readonly string[], index: number) =>
    new Promise<readonly RebuiltProjection[]>((resolve, reject) => {
      const worker = workerFor({ projectionsModule: projectionsFrom.module, projectionsExport: projectionsFrom.export, names: group, options: groupOptions }, options.youngGenerationMb ?? 64);
      workers.push(worker);
      let settled = false;
      worker.on('message', (message: { kind: 'progress'; progress: RebuildProgress } | { kind: 'done'; rebuilt: readonly RebuiltProjection[] } | { kind: 'error'; failure: RebuildWorkerFailure }) => {
        if (message.kind === 'progress') {
          progress[index] = message.progress;
          onProgress?.(progress.reduce((sum, p) => ({ folded: sum.folded + p.folded, total: sum.total + p.total }), { folded: 0, total: 0 }));
        } else if (message.kind === 'done') {
          settled = true;
          resolve(message.rebuilt);
        } else {
          settled = true;
          reject(failedIn(options.file, group, message.failure));
        }
      });
      worker.once('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`the worker rebuilding ${group.join(', ')} stopped (exit code ${code})`));
      });
    });
  try {
    const rebuilt = (await Promise.all(groups.map(run))).flat();
    return names.map((name) => rebuilt.find((entry) => entry.name === name) as RebuiltProjection);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
};
