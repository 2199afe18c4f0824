import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnyProjection, Clock } from '@motcua/core';
import { openSqliteEventStore, type SqliteEventStoreWithDocuments } from '@motcua/store-sqlite';
import { CliError } from './cli-io.js';

export interface OpenOptions {
  /** Refuse a file that does not exist yet (every command but seed, import and serve). */
  readonly mustExist?: boolean;
  readonly clock?: Clock;
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** A server shares commits across requests (`'event-loop'`) and sees other processes' appends. */
  readonly serving?: boolean;
  /** Projections folded inside each append's transaction (and caught up at open). */
  readonly projections?: readonly AnyProjection[];
}

/** Opens the SQLite event store named by `--db`, with a message that says what to do when it fails. */
export const openStore = (file: string, options: OpenOptions = {}): SqliteEventStoreWithDocuments => {
  if (options.mustExist === true && !existsSync(file)) {
    throw new CliError(`no event store at ${resolve(file)}: run \`motcua seed --db ${file}\` first, or pass --db <file>`);
  }
  try {
    return openSqliteEventStore({
      file,
      // One-shot commands need no polling for other processes' appends; a server does.
      pollIntervalMs: options.serving === true ? 100 : 0,
      ...(options.serving === true ? { groupCommit: 'event-loop' as const } : {}),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
      ...(options.projections === undefined ? {} : { projections: options.projections }),
    });
  } catch (error) {
    throw new CliError(`cannot open the event store ${resolve(file)}: ${(error as Error).message}`);
  }
};
