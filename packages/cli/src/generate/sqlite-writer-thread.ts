import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Clock } from '@motcua/core';
import { openSqliteEventStore, type SqliteEventStoreWithDocuments } from '@motcua/store-sqlite';
import { siblingModule, startGenerator, THREAD_LIMITS } from './generator-thread.js';
import type { WorkloadOptions } from './province-year.js';
import { groupsAhead, SQLITE_APPENDS_PER_GROUP, type GenerateSummary, type WriteOptions } from './write-province-year.js';

/**
 * The SQLite file `motcua generate` writes: created with 16 KiB pages, which a log of millions of
 * events is written into with about a third less CPU than SQLite's default 4 KiB, at
 * `synchronous=NORMAL`, without polling for other writers (docs/operations/sizing.md).
 */
export const openSqliteTarget = (file: string, clock: Clock): SqliteEventStoreWithDocuments =>
  openSqliteEventStore({ file, clock, synchronous: 'NORMAL', pollIntervalMs: 0, pageSize: 16384 });

/** What the writer's thread is started with. */
export interface WriterThreadData {
  readonly file: string;
  /** The store's clock before the first group (ms). */
  readonly startAt: number;
  /** Where the generator posts its encoded groups. */
  readonly groups: MessagePort;
  /** Shared counter (one Int32) of groups written, which paces the generator. */
  readonly progress: SharedArrayBuffer;
}

/** What the writer's thread posts: each day written, then the summary once its store is closed. */
export type WriterMessage =
  | { readonly kind: 'day'; readonly days: number; readonly events: number; readonly recordedAt: number }
  | { readonly kind: 'done'; readonly summary: GenerateSummary };

/**
 * Writes a province-year into the SQLite `file` (empty, made by `openSqliteTarget`) on two threads:
 * the generator encodes groups (`encodedGroups`) and posts them straight to the writer's thread, which
 * appends them (`writeGroups`) and reports each day. Both run with a large young generation
 * (`THREAD_LIMITS`), which the thread running the command cannot be given once started. A failure
 * of either thread stops both and is thrown here.
 */
export const writeProvinceYearOnThreads = (
  file: string,
  workload: WorkloadOptions,
  options: { readonly startAt: number; readonly onDay?: WriteOptions['onDay']; readonly appendsPerGroup?: number },
): Promise<GenerateSummary> =>
  new Promise((resolve, reject) => {
    const perGroup = options.appendsPerGroup ?? SQLITE_APPENDS_PER_GROUP;
    const progress = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const writer = new Worker(siblingModule('sqlite-writer-worker'), {
      workerData: { file, startAt: options.startAt, groups: port2, progress } satisfies WriterThreadData,
      transferList: [port2],
      resourceLimits: THREAD_LIMITS,
    });
    const generator = startGenerator({ workload, perGroup, progress, ahead: groupsAhead(perGroup), encode: true }, port1);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void Promise.allSettled([writer.terminate(), generator.terminate()]).then(outcome);
    };
    writer.on('message', (message: WriterMessage) => {
      if (message.kind === 'day') options.onDay?.(message.days, message.events, message.recordedAt);
      else settle(() => resolve(message.summary));
    });
    for (const [name, thread] of [['writer', writer], ['generator', generator]] as const) {
      thread.on('error', (error) => settle(() => reject(error)));
      thread.on('exit', (code) => {
        if (code !== 0) settle(() => reject(new Error(`the ${name}'s thread stopped with exit code ${code}`)));
      });
    }
  });
