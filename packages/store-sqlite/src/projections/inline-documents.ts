import type Database from 'better-sqlite3';
import { foldInlineSync, KeptSessions, type AnyProjection, type RecordedEvent, type SyncLog } from '@motcua/core';
import { eventsAfterReader } from '../read-events.js';
import type { SqliteDocumentStore } from './sqlite-document-store.js';

/**
 * Document projections folded inside the append's write transaction, on the same connection, after its
 * events are inserted (`project`, the store's `beforeCommit`). Each projection reads the events after
 * its own checkpoint, so also those appended by a process without inline projections, and writes only
 * the documents they touch. Documents, checkpoints and events commit together or roll back together;
 * a handler that throws marks its projection failed and the append still succeeds; an error of SQLite
 * itself aborts the append. The documents an append read and wrote stay in memory for the next one
 * (`KeptSessions`) while the copy is as that append left it (`copyState`: no rollback, no commit of
 * another connection, no rebuild since).
 */
export class SqliteInlineDocuments {
  private readonly readAfter: (position: number, limit: number) => readonly RecordedEvent[];
  private readonly kept = new KeptSessions();

  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly AnyProjection[],
    private readonly store: SqliteDocumentStore,
  ) {
    this.readAfter = eventsAfterReader(db);
  }

  /** Brings every inline projection to the head of the log in one write transaction (at open). */
  catchUp(): void {
    this.db.transaction(() => this.project()).immediate();
  }

  /** Call inside the write transaction. */
  readonly project = (): void => {
    foldInlineSync(this.projections, this.store.syncWithinTransaction(), this.sharedLog(), this.kept);
  };

  /**
   * The log as the projections of one transaction read it: projections at the same checkpoint (the
   * usual case) share the page read and decoded last. One page only, so a long catch-up holds no more
   * than a page in memory. Events are values no handler changes.
   */
  private sharedLog(): SyncLog {
    let last: { readonly position: number; readonly limit: number; readonly events: readonly RecordedEvent[] } | undefined;
    return {
      readAfter: (position, limit) => {
        if (last?.position !== position || last.limit !== limit) last = { position, limit, events: this.readAfter(position, limit) };
        return last.events;
      },
    };
  }
}
