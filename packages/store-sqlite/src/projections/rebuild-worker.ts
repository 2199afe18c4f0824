/**
 * The worker thread of `rebuildInWorkers`: takes the projections from the module it is told, keeps
 * those of its group and rebuilds them (`rebuildSqliteProjections`), posting progress and outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnyProjection } from '@motcua/core';
import { rebuildSqliteProjections, type RebuildGroupOptions } from './rebuild-group.js';

/** What the parent hands a worker. */
export interface RebuildWorkerData {
  readonly projectionsModule: string;
  readonly projectionsExport: string;
  readonly names: readonly string[];
  readonly options: RebuildGroupOptions;
}

/** What a worker posts when its rebuild fails: enough for the parent to fail as the store did (`SqliteStoreError` and its `code`). */
export interface RebuildWorkerFailure {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
}

const codeOf = (error: Error): { readonly code?: string } => {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? { code } : {};
};

const run = async (): Promise<void> => {
  const { projectionsModule, projectionsExport, names, options } = workerData as RebuildWorkerData;
  const exported = ((await import(projectionsModule)) as Record<string, unknown>)[projectionsExport];
  if (typeof exported !== 'function') throw new Error(`${projectionsModule} exports no function ${projectionsExport} giving the projections`);
  const all = (await (exported as () => readonly AnyProjection[] | Promise<readonly AnyProjection[]>)()) ?? [];
  const projections = names.map((name) => {
    const projection = all.find((candidate) => candidate.name === name);
    if (projection === undefined) throw new Error(`${projectionsModule}: ${projectionsExport}() gives no projection named ${name}`);
    return projection;
  });
  const rebuilt = await rebuildSqliteProjections(projections, options, (progress) => parentPort?.postMessage({ kind: 'progress', progress }));
  parentPort?.postMessage({ kind: 'done', rebuilt });
};

run().catch((error: unknown) => {
  const failure: RebuildWorkerFailure =
    error instanceof Error
      ? { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }), ...codeOf(error) }
      : { name: 'Error', message: String(error) };
  parentPort?.postMessage({ kind: 'error', failure });
});
