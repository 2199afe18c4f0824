import type Database from 'better-sqlite3';
import { applyEvents, type Projection, type RecordedEvent } from '@motcua/core';
import { eventsAfterReader } from '../read-events.js';
import { SqliteProjectionStore } from './sqlite-projection-store.js';

const PAGE = 1000;

/**
 * Inline projections for the SQLite store: `project()` runs inside the append's write transaction, on
 * the same connection, after its events are inserted, and folds every event after each projection's
 * checkpoint (so also appends made by a process without inline projections). State, checkpoint and
 * events commit together, or roll back together. A handler that throws marks its projection failed in
 * the same transaction and the append still succeeds; a projection stored under another version is
 * refolded from position 0. Errors of SQLite itself abort the append.
 */
export class SqliteInlineProjections {
  private readonly store: SqliteProjectionStore;
  private readonly readAfter: (position: number, limit: number) => RecordedEvent[];
  private readonly head: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each projection has its own state type
    private readonly projections: readonly Projection<any>[],
    now?: () => Date,
  ) {
    this.store = new SqliteProjectionStore(db, now);
    this.readAfter = eventsAfterReader(db);
    this.head = db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0)").pluck();
  }

  /** Brings every inline projection to the head in one write transaction (at open). */
  catchUp(): void {
    this.db.transaction(() => this.project()).immediate();
  }

  /** Call inside the write transaction. */
  readonly project = (): void => {
    const head = this.head.get() as number;
    for (const projection of this.projections as readonly Projection<unknown>[]) {
      const header = this.store.headerNow(projection.name);
      const current = header?.version === projection.version;
      if (current && (header.status === 'failed' || header.checkpoint >= head)) continue;
      const stored = current ? this.store.loadNow(projection.name) : undefined;
      let state = stored?.state ?? projection.initialState();
      let checkpoint = stored?.checkpoint ?? 0;
      for (;;) {
        const events = this.eventsAfter(checkpoint);
        const applied = applyEvents(projection, state, checkpoint, events);
        if (applied.failure !== undefined) {
          if (applied.checkpoint > checkpoint || stored === undefined) {
            this.store.commitNow(projection.name, { version: projection.version, state: applied.state, checkpoint: applied.checkpoint });
          }
          this.store.recordFailureNow(projection.name, applied.failure);
          break;
        }
        state = applied.state;
        checkpoint = applied.checkpoint;
        if (events.length < PAGE) {
          this.store.commitNow(projection.name, { version: projection.version, state, checkpoint });
          break;
        }
      }
    }
  };

  private eventsAfter(position: number): RecordedEvent[] {
    return this.readAfter(position, PAGE);
  }
}
