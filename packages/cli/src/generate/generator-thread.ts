import { Worker } from 'node:worker_threads';
import type { AppendGroup, EncodedGroup } from './append-groups.js';
import type { WorkloadOptions } from './province-year.js';

/** What the generator's thread is started with. */
export interface GeneratorThreadData {
  readonly workload: WorkloadOptions;
  readonly perGroup: number;
  /** Shared counter (one Int32) of groups written; the thread waits on it. */
  readonly progress: SharedArrayBuffer;
  /** How many groups the thread may post before the writer has written them. */
  readonly ahead: number;
  /** Post groups encoded for a SQLite store (`encodedGroups`) rather than as appends. */
  readonly encode: boolean;
}

const fromSources = import.meta.url.endsWith('.ts');

/** The worker's module beside this one (built). */
const workerUrl = (): URL => new URL('./province-year-worker.js', import.meta.url);

/**
 * Whether a worker thread can load the generator: only when built, since a worker gets neither tsx's
 * loader nor a test runner's transform of the TypeScript sources.
 */
export const generatorThreadAvailable = (): boolean => !fromSources;

/**
 * The groups of `appendGroups`, generated on a worker thread (and encoded there for a SQLite store
 * when `encode`): iterate and, after each group is written, ask for the next. The thread stops when the
 * iteration ends early, and its failure is thrown here.
 */
export function groupsFromThread(workload: WorkloadOptions, perGroup: number, encode: true, ahead?: number): AsyncGenerator<EncodedGroup>;
export function groupsFromThread(workload: WorkloadOptions, perGroup: number, encode: false, ahead?: number): AsyncGenerator<AppendGroup>;
export async function* groupsFromThread(workload: WorkloadOptions, perGroup: number, encode: boolean, ahead = 16): AsyncGenerator<AppendGroup | EncodedGroup> {
  const progress = new SharedArrayBuffer(4);
  const counters = new Int32Array(progress);
  const worker = new Worker(workerUrl(), {
    workerData: { workload, perGroup, progress, ahead, encode } satisfies GeneratorThreadData,
    // A young generation of 64 MB: the thread allocates the events of every open dossier, most of them short-lived.
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
  });
  const queue: (AppendGroup | EncodedGroup | 'done')[] = [];
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: AppendGroup | EncodedGroup | 'done') => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = { error };
    notify();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && failure === undefined) failure = { error: new Error(`the generator's thread stopped with exit code ${code}`) };
    queue.push('done');
    notify();
  });
  try {
    for (;;) {
      if (queue.length === 0 && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== undefined) throw failure.error;
      const next = queue.shift();
      if (next === undefined) continue;
      if (next === 'done') return;
      yield next;
      Atomics.add(counters, 0, 1);
      Atomics.notify(counters, 0);
    }
  } finally {
    await worker.terminate();
  }
}
