import type { EventStore } from '../../kernel/event-store.js';
import { applyEvents, type Projection, type ProjectionFailure, type ProjectionRecord, type ProjectionSlot } from './projection.js';
import type { ProjectionStore } from './projection-store.js';

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
  /** The last error of the event store or projection store (not of the handler); the next wake retries. */
  lastError: unknown;

  constructor(
    readonly projection: Projection<State>,
    readonly slot: ProjectionSlot,
    private readonly eventStore: EventStore,
    private readonly projectionStore: ProjectionStore,
    private readonly batchSize: number,
    record?: ProjectionRecord<State>,
  ) {
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
    const { version } = this.projection;
    await this.projectionStore.commit(this.projection.name, { version, state: this.state, checkpoint: this.checkpoint }, this.slot);
    this.current = { ...this.current, failure: undefined };
  }

  /** Stops after the batch in progress; resolves when it is committed. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.tail;
  }

  private async drain(): Promise<void> {
    const { name, version } = this.projection;
    while (!this.stopped && this.current.failure === undefined) {
      try {
        const page = await this.eventStore.readAll({ after: this.checkpoint, maxCount: this.batchSize });
        const applied = applyEvents(this.projection, this.state, this.checkpoint, page.events);
        if (applied.checkpoint > this.checkpoint) {
          await this.projectionStore.commit(name, { version, state: applied.state, checkpoint: applied.checkpoint }, this.slot);
          this.current = { ...this.current, state: applied.state, checkpoint: applied.checkpoint };
        }
        if (applied.failure !== undefined) {
          await this.projectionStore.recordFailure(name, applied.failure, this.slot);
          this.current = { ...this.current, failure: applied.failure };
        }
        this.lastError = undefined;
        if (page.isEnd || page.events.length === 0) return;
      } catch (error) {
        this.lastError = error;
        return;
      }
    }
  }
}
