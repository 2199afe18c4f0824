import { Worker, type MessagePort } from 'node:worker_threads';
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
  /** Where to post the groups (the writer's thread); the thread that started it when absent. */
  readonly port?: MessagePort;
}

/** What a generator posts: a group, then `done` after the last. */
export type GeneratorMessage = AppendGroup | EncodedGroup | 'done';

const fromSources = import.meta.url.endsWith('.ts');

/** A worker's module beside this one (built). */
export const siblingModule = (name: string): URL => new URL(`./${name}.js`, import.meta.url);

/**
 * Whether a worker thread can load the generator: only when built, since a worker gets neither tsx's
 * loader nor a test runner's transform of the TypeScript sources.
 */
export const generatorThreadAvailable = (): boolean => !fromSources;

/**
 * The young generation of the generator's and the writer's threads: each allocates every event of a
 * group (tens of thousands), short-lived, and with a small one a collection promotes those still in
 * use and copies them again (docs/operations/sizing.md). 192 MB gives a thread the 128 MB new space
 * that `--max-semi-space-size=64` gives the main thread (64 gives 64 MB; the main thread's default is 32).
 */
export const THREAD_LIMITS = { maxYoungGenerationSizeMb: 192 } as const;

/**
 * Starts the generator on a worker thread, posting its groups to `port` (transferred to it) or, when
 * absent, to this thread.
 */
export const startGenerator = (data: Omit<GeneratorThreadData, 'port'>, port?: MessagePort): Worker =>
  new Worker(siblingModule('province-year-worker'), {
    workerData: { ...data, ...(port === undefined ? {} : { port }) } satisfies GeneratorThreadData,
    ...(port === undefined ? {} : { transferList: [port] }),
    resourceLimits: THREAD_LIMITS,
  });

/** Where groups arrive from: a generator's thread (with its failures), or a port a generator posts to. */
type GroupSource = Worker | MessagePort;

/**
 * The groups posted to `source`, in order, until its `done`: after each is handled (the loop resumes),
 * the shared count of groups written goes up and wakes the generator. A generator thread's failure or
 * early exit is thrown here.
 */
export async function* receivedGroups<G extends AppendGroup | EncodedGroup>(source: GroupSource, progress: SharedArrayBuffer): AsyncGenerator<G> {
  const counters = new Int32Array(progress);
  const queue: (G | 'done')[] = [];
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  source.on('message', (message: G | 'done') => {
    queue.push(message);
    notify();
  });
  if (source instanceof Worker) {
    source.on('error', (error: unknown) => {
      failure = { error };
      notify();
    });
    source.on('exit', (code: number) => {
      if (code !== 0 && failure === undefined) failure = { error: new Error(`the generator's thread stopped with exit code ${code}`) };
      queue.push('done');
      notify();
    });
  }
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
}

/**
 * The groups of `appendGroups`, generated on a worker thread: iterate and, after each group is
 * written, ask for the next. The thread stops when the iteration ends early, and its failure is
 * thrown here.
 */
export async function* groupsFromThread(workload: WorkloadOptions, perGroup: number, ahead: number): AsyncGenerator<AppendGroup> {
  const progress = new SharedArrayBuffer(4);
  const worker = startGenerator({ workload, perGroup, progress, ahead, encode: false });
  try {
    yield* receivedGroups<AppendGroup>(worker, progress);
  } finally {
    await worker.terminate();
  }
}
