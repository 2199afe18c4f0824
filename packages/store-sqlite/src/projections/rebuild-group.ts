import Database from 'better-sqlite3';
import { headPositionOf, ProjectionEngine, type AnyProjection, type RebuildOutcome } from '@motcua/core';
import { attachSqliteEventStore } from '../open.js';

export interface RebuildGroupOptions {
  /** The SQLite file of the log; the documents are built in its document tables. */
  readonly file: string;
  /** Documents each projection's build keeps in memory (the engine's `maxCachedDocuments`); default 15,000. */
  readonly maxCachedDocuments?: number;
  /** Events read per page; default 1000. */
  readonly batchSize?: number;
  /** How long to wait for another connection's write lock (another group finishing, an append); default 60 s. */
  readonly busyTimeoutMs?: number;
  /**
   * Default `'NORMAL'`: the WAL is fsynced at checkpoints only. A power loss can then undo the last
   * commits of a rebuild, never split one: a shadow nobody reads yet falls back to an earlier
   * checkpoint (0 before its build finished: built again), or a promotion is undone (the old copy
   * serves until the shadow is promoted at the next rebuild or engine start).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

export interface RebuildProgress {
  /** Events folded so far, summed over the group's projections (a promoted one counts the head). */
  readonly folded: number;
  /** Events to fold: the head times the group's projections. */
  readonly total: number;
}

/** How the rebuild of one projection ended. */
export interface RebuiltProjection {
  readonly name: string;
  readonly outcome: RebuildOutcome;
}

/** SQLite's page cache of a rebuild's connection, in KiB. */
const REBUILD_CACHE_KIB = 16_384;

/** Documents each projection's build keeps in memory unless told otherwise: a build of every projection stays near 1 GB. */
export const REBUILD_CACHED_DOCUMENTS = 15_000;

/**
 * Rebuilds `projections` from position 0 into their shadow copies in `file`, each promoted when it
 * reaches the head, by one `ProjectionEngine` on a connection of its own (folding live copies is left
 * to the stores that append: `liveFoldedBy: 'store'`, so it may run beside a server on the same file).
 * The connection maps no pages of the file (`mmap_size = 0`) and keeps a small page cache: the log is
 * read once, in order, and documents are appended in key order, so the memory goes to the documents
 * the builds keep in use instead. Resolves with each projection's outcome, in
 * the order given.
 */
export const rebuildSqliteProjections = async (
  projections: readonly AnyProjection[],
  options: RebuildGroupOptions,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<readonly RebuiltProjection[]> => {
  const busyTimeoutMs = options.busyTimeoutMs ?? 60_000;
  const db = new Database(options.file, { fileMustExist: true, timeout: busyTimeoutMs });
  let store: ReturnType<typeof attachSqliteEventStore>;
  try {
    store = attachSqliteEventStore(db, { file: options.file, pollIntervalMs: 0, busyTimeoutMs, synchronous: options.synchronous ?? 'NORMAL' });
    db.pragma('mmap_size = 0');
    // The log is read once in order and documents are appended in key order: a small page cache serves both.
    db.pragma(`cache_size = ${-REBUILD_CACHE_KIB}`);
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
  const engine = new ProjectionEngine({
    eventStore: store,
    documentStore: store.documents,
    projections,
    liveFoldedBy: 'store',
    maxCachedDocuments: options.maxCachedDocuments ?? REBUILD_CACHED_DOCUMENTS,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await engine.start();
    const head = await headPositionOf(store);
    // Every build starts at once: copies at the same position read each page of the log together.
    const rebuilt = Promise.all(projections.map((projection) => engine.rebuild(projection.name)));
    if (onProgress !== undefined) {
      const report = () =>
        void engine
          .report()
          .then((reports) => onProgress({ folded: reports.reduce((sum, r) => sum + (r.rebuild?.folded ?? (r.status === 'running' ? Math.min(r.checkpoint, head) : 0)), 0), total: head * projections.length }))
          .catch(() => undefined);
      timer = setInterval(report, 250);
      report();
    }
    const outcomes = await rebuilt;
    onProgress?.({ folded: head * projections.length, total: head * projections.length });
    return projections.map((projection, index) => ({ name: projection.name, outcome: outcomes[index] as RebuildOutcome }));
  } finally {
    if (timer !== undefined) clearInterval(timer);
    await engine.stop();
    await store.close();
  }
};
