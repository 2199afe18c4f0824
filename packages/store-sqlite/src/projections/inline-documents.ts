import type Database from 'better-sqlite3';
import { foldInlineSync, type AnyProjection } from '@motcua/core';
import { eventsAfterReader } from '../read-events.js';
import type { SqliteDocumentStore } from './sqlite-document-store.js';

/**
 * Document projections folded inside the append's write transaction, on the same connection, after its
 * events are inserted (`project`, the store's `beforeCommit`). Each projection reads the events after
 * its own checkpoint, so also those appended by a process without inline projections, and writes only
 * the documents they touch. Documents, checkpoints and events commit together or roll back together;
 * a handler that throws marks its projection failed and the append still succeeds; an error of SQLite
 * itself aborts the append.
 */
export class SqliteInlineDocuments {
  private readonly log;

  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly AnyProjection[],
    private readonly store: SqliteDocumentStore,
  ) {
    this.log = { readAfter: eventsAfterReader(db) };
  }

  /** Brings every inline projection to the head of the log in one write transaction (at open). */
  catchUp(): void {
    this.db.transaction(() => this.project()).immediate();
  }

  /** Call inside the write transaction. */
  readonly project = (): void => {
    foldInlineSync(this.projections, this.store.sync, this.log);
  };
}
