import { applyEvents, type Projection, type ProjectionFailure, type ProjectionRecord, type ProjectionSlot } from './projection.js';
import type { ProjectionStore } from './projection-store.js';
import type { PageSource } from './shared-pages.js';

/**
 * Moves one copy (live or shadow) of one projection along the log: reads a page after its checkpoint,
 * folds it in memory, commits state and checkpoint together, and repeats until the end of the log.
 * Its in-memory state only moves once a commit succeeded, so it always equals what is stored.
 */
export class ProjectionWorker<State = unknown> {
  private tail: Promise<void> = Promise.resolve();
  private queued = false;
  private stopped = false;
  private current: { state: State; checkpoint: number; failure: ProjectionFailure | undefined };
  /** A mutable projection's state moved past what is stored (a commit failed): reload before going on. */
  private stale = false;
  /** No stored copy of this version backs the state yet: an entries commit must replace the copy. */
  private fresh: boolean;
  /** The last error of the event store or projection store (not of the handler); the next wake retries. */
  lastError: unknown;

  constructor(
    readonly projection: Projection<State>,
    readonly slot: ProjectionSlot,
    private readonly pages: PageSource,
    private readonly projectionStore: ProjectionStore,
    private readonly batchSize: number,
    record?: ProjectionRecord<State>,
    private readonly cadence?: CommitCadence,
  ) {
    this.fresh = record === undefined;
    this.current = {
      state: record?.state ?? projection.initialState(),
      checkpoint: record?.checkpoint ?? 0,
      failure: record?.status === 'failed' ? record.failure : undefined,
    };
  }

  get state(): State {
    return this.current.state;
  }

  get checkpoint(): number {
    return this.current.checkpoint;
  }

  get failure(): ProjectionFailure | undefined {
    return this.current.failure;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Runs the projection to the end of the log as it is now. Resolves once every event appended before
   * the call is applied and committed, or the projection failed or stopped; never rejects.
   */
  wake(): Promise<void> {
    if (this.queued || this.stopped) return this.tail;
    this.queued = true;
    this.tail = this.tail.then(() => {
      this.queued = false;
      return this.drain();
    });
    return this.tail;
  }

  /** Clears a recorded failure (after a fix that needs no rebuild) so the next wake retries the event. */
  async clearFailure(): Promise<void> {
    await this.tail;
    if (this.current.failure === undefined) return;
    await this.commit(this.state, this.checkpoint);
    this.current = { ...this.current, failure: undefined };
  }

  /** Stops after the batch in progress; resolves when it is committed. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.tail;
  }

  private async drain(): Promise<void> {
    const { name } = this.projection;
    while (!this.stopped && this.current.failure === undefined) {
      try {
        if (this.stale) await this.reload();
        // Fold pages in memory up to the cadence's limits, then commit state and checkpoint together.
        let state = this.state;
        let checkpoint = this.checkpoint;
        let failure: ProjectionFailure | undefined;
        let end = false;
        let folded = 0;
        const started = this.cadence?.now() ?? 0;
        const types = this.projection.eventTypes;
        for (;;) {
          const page = await this.pages.readAll({ after: checkpoint, maxCount: this.batchSize, ...(types === undefined ? {} : { types }) });
          if (this.projection.mutable === true && page.events.length > 0) this.stale = true;
          const applied = applyEvents(this.projection, state, checkpoint, page.events);
          folded += page.events.length;
          const before = checkpoint;
          ({ state, failure } = applied);
          // Past the page's last event when the store skipped events of other types after it.
          checkpoint = failure === undefined ? Math.max(applied.checkpoint, page.nextPosition) : applied.checkpoint;
          end = page.isEnd || checkpoint <= before;
          if (failure !== undefined || end || this.stopped || !this.keepFolding(folded, started)) break;
        }
        if (checkpoint > this.checkpoint) {
          await this.commit(state, checkpoint);
          this.current = { ...this.current, state, checkpoint };
        }
        this.stale = false;
        if (failure !== undefined) {
          await this.projectionStore.recordFailure(name, failure, this.slot);
          this.current = { ...this.current, failure };
        }
        this.lastError = undefined;
        if (end) return;
      } catch (error) {
        this.lastError = error;
        return;
      }
    }
  }

  /** State and checkpoint in one store call: only the changed entries when both sides can. */
  private async commit(state: State, checkpoint: number): Promise<void> {
    const { name, version, changes } = this.projection;
    const commitEntries = this.projectionStore.commitEntries?.bind(this.projectionStore);
    if (changes === undefined || commitEntries === undefined || this.projection.mutable !== true) {
      await this.projectionStore.commit(name, { version, state, checkpoint }, this.slot);
      this.fresh = false;
      changes?.settle(state);
      return;
    }
    const tables = state as Record<string, Record<string, unknown> | undefined>;
    const entries: [string, string, unknown][] = [];
    if (this.fresh) {
      for (const [table, rows] of Object.entries(tables)) for (const [key, value] of Object.entries(rows ?? {})) entries.push([table, key, value]);
    } else {
      for (const [table, key] of changes.since(state)) entries.push([table, key, tables[table]?.[key]]);
    }
    await commitEntries(name, { version, checkpoint, entries, fresh: this.fresh }, this.slot);
    this.fresh = false;
    changes.settle(state);
  }

  private keepFolding(folded: number, started: number): boolean {
    const cadence = this.cadence;
    return cadence !== undefined && folded < cadence.maxEvents && cadence.now() - started < cadence.maxMs;
  }

  /** Takes the stored copy back: what a mutable projection resumes from after a failed commit. */
  private async reload(): Promise<void> {
    const record = await this.projectionStore.load<State>(this.projection.name, this.slot);
    const usable = record !== undefined && record.version === this.projection.version;
    this.current = {
      state: usable ? record.state : this.projection.initialState(),
      checkpoint: usable ? record.checkpoint : 0,
      failure: this.current.failure,
    };
    this.fresh = !usable;
    this.stale = false;
  }
}

/**
 * How often a worker commits while it catches up: after at most `maxEvents` events or `maxMs`
 * milliseconds of folding, whichever comes first, and always at the end of the log. Without one it
 * commits every page. Fewer commits make a big state cheap to keep; a crash still loses nothing but
 * work, since state and checkpoint are committed together.
 */
export interface CommitCadence {
  readonly maxEvents: number;
  readonly maxMs: number;
  /** Milliseconds from any origin (e.g. `performance.now`). */
  readonly now: () => number;
}
