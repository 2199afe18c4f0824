/**
 * Runs projections asynchronously, each on its own, behind the event log.
 *
 * Guarantees:
 * - Exactly once in effect: a projection's state and checkpoint are committed together (one
 *   `ProjectionStore.commit`, one transaction), up to `batchSize` events at a time (or as many as
 *   `commitCadence` allows while catching up); after a crash it
 *   resumes after the last committed event, so no event's effect is skipped or applied twice.
 * - Isolation: a handler that throws stops that projection alone. Its state and checkpoint stay at
 *   the event before; status `failed` is stored with the event's position, stream, version and the
 *   error message; the other projections go on to the head. A restart does not retry it: `retry(name)`
 *   does (after a fix), or a rebuild.
 * - Blue/green rebuild: `rebuild(name)` (or a new `version`) folds the log from position 0 into a
 *   shadow copy while the live copy keeps serving. When the shadow reaches the head, the live worker
 *   pauses, the shadow takes the last events, and `promoteShadow` swaps it in atomically. A rebuild
 *   interrupted by a crash resumes from the shadow's checkpoint at the next `start`.
 * - Lag: `report()` gives, per projection, head position − checkpoint.
 * Errors of the stores themselves (not of handlers) do not fail a projection: they are reported as
 * `lastError` and retried at the next append or `caughtUp()`, which rejects with them.
 */
import type { EventStore, Subscription } from '../../kernel/event-store.js';
import { headPosition } from './head-position.js';
import { errorMessage, type Projection, type ProjectionFailure, type ProjectionRecord } from './projection.js';
import type { ProjectionStore } from './projection-store.js';
import { ProjectionWorker, type CommitCadence } from './projection-worker.js';
import { SharedPages } from './shared-pages.js';

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  readonly projectionStore: ProjectionStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each projection has its own state type
  readonly projections: readonly Projection<any>[];
  /** Events read per page, and folded per commit unless `commitCadence` is given; default 500. */
  readonly batchSize?: number;
  /**
   * Fold several pages per commit while catching up: commit after `maxEvents` events or `maxMs`
   * milliseconds, and at the end of the log. Meant for read models with a big state.
   */
  readonly commitCadence?: { readonly maxEvents: number; readonly maxMs: number; readonly now?: () => number };
}

export interface ProjectionReport {
  readonly name: string;
  /** `rebuilding`: the live copy is of an older version and waits for its rebuild. */
  readonly status: 'running' | 'failed' | 'rebuilding' | 'stopped';
  readonly checkpoint: number;
  readonly head: number;
  /** Events appended that the live copy has not applied yet. */
  readonly lag: number;
  readonly failure?: ProjectionFailure;
  readonly rebuild?: { readonly checkpoint: number; readonly lag: number; readonly failure?: ProjectionFailure };
  readonly lastError?: string;
}

/** How a rebuild ended: promoted, or stopped by a failing event (the live copy is untouched then). */
export type RebuildOutcome =
  | { readonly promoted: true; readonly checkpoint: number }
  | { readonly promoted: false; readonly failure?: ProjectionFailure };

export class ProjectionRunner {
  private readonly eventStore: EventStore;
  /** Projections moving side by side (a rebuild of several, a catch-up) read each page once. */
  private readonly pages: SharedPages;
  private readonly store: ProjectionStore;
  private readonly projections = new Map<string, Projection<unknown>>();
  private readonly batchSize: number;
  private readonly cadence: CommitCadence | undefined;
  private readonly live = new Map<string, ProjectionWorker>();
  private readonly shadows = new Map<string, ProjectionWorker>();
  private readonly rebuilds = new Map<string, Promise<RebuildOutcome>>();
  private readonly rebuildErrors = new Map<string, unknown>();
  private subscription: Subscription | undefined;
  private state: 'new' | 'started' | 'stopped' = 'new';

  constructor(options: ProjectionRunnerOptions) {
    this.eventStore = options.eventStore;
    this.store = options.projectionStore;
    this.batchSize = Math.max(1, options.batchSize ?? 500);
    const cadence = options.commitCadence;
    this.cadence =
      cadence === undefined
        ? undefined
        : { maxEvents: Math.max(1, cadence.maxEvents), maxMs: Math.max(0, cadence.maxMs), now: cadence.now ?? (() => performance.now()) };
    for (const projection of options.projections) {
      if (this.projections.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
      this.projections.set(projection.name, projection as Projection<unknown>);
    }
    this.pages = new SharedPages(this.eventStore, options.projections.map((projection) => projection.eventTypes));
  }

  /** Loads every projection's checkpoint and sets them running; resumes interrupted rebuilds. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error('a projection runner starts once');
    this.state = 'started';
    for (const projection of this.projections.values()) {
      const live = await this.store.load(projection.name);
      const shadow = await this.store.load(projection.name, 'shadow');
      if (live === undefined || live.version === projection.version) {
        this.live.set(projection.name, this.worker(projection, 'live', live));
      }
      const resumable = shadow !== undefined && shadow.version === projection.version && shadow.status === 'running';
      if (shadow !== undefined && !resumable) await this.store.discardShadow(projection.name);
      if (resumable || (live !== undefined && live.version !== projection.version)) {
        // Its error is kept for `report()`; `caughtUp()` rejects with it while it runs.
        this.startRebuild(projection, resumable ? shadow : undefined).catch(() => undefined);
      }
    }
    const head = await headPosition(this.eventStore);
    this.subscription = this.eventStore.subscribe({ after: head, handler: () => this.wakeAll() });
    this.wakeAll();
  }

  /**
   * Resolves when every projection has applied the events appended before the call (or failed);
   * rebuilds in progress finish first. Rejects with a store error that kept one from moving.
   */
  async caughtUp(): Promise<void> {
    await Promise.all([...this.rebuilds.values()]);
    const head = await headPosition(this.eventStore);
    await Promise.all([...this.live.values()].map((worker) => this.runTo(worker, head)));
  }

  /** Rebuilds from position 0 into a shadow copy, then swaps it in; the live copy serves meanwhile. */
  rebuild(name: string): Promise<RebuildOutcome> {
    const running = this.rebuilds.get(name);
    if (running !== undefined) return running;
    return this.startRebuild(this.projection(name), undefined, true);
  }

  /** Lets a failed projection try its failing event again (after a fix that needs no rebuild). */
  async retry(name: string): Promise<void> {
    const worker = this.live.get(this.projection(name).name);
    if (worker === undefined) return;
    await worker.clearFailure();
    await worker.wake();
  }

  async report(): Promise<readonly ProjectionReport[]> {
    const head = await headPosition(this.eventStore);
    const reports: ProjectionReport[] = [];
    for (const projection of this.projections.values()) {
      const worker = this.live.get(projection.name);
      const stored = worker === undefined ? await this.store.load(projection.name) : undefined;
      const checkpoint = worker?.checkpoint ?? stored?.checkpoint ?? 0;
      const failure = worker?.failure;
      const shadow = this.shadows.get(projection.name);
      const lastError = worker?.lastError ?? shadow?.lastError ?? this.rebuildErrors.get(projection.name);
      const status =
        this.state === 'stopped' ? 'stopped' : worker === undefined ? 'rebuilding' : failure !== undefined ? 'failed' : 'running';
      reports.push({
        name: projection.name,
        status,
        checkpoint,
        head,
        lag: Math.max(0, head - checkpoint),
        ...(failure === undefined ? {} : { failure }),
        ...(shadow === undefined
          ? {}
          : {
              rebuild: {
                checkpoint: shadow.checkpoint,
                lag: Math.max(0, head - shadow.checkpoint),
                ...(shadow.failure === undefined ? {} : { failure: shadow.failure }),
              },
            }),
        ...(lastError === undefined ? {} : { lastError: errorMessage(lastError) }),
      });
    }
    return reports;
  }

  /** Lag of one projection's live copy: head position − checkpoint. */
  async lag(name: string): Promise<number> {
    const report = (await this.report()).find((r) => r.name === name);
    if (report === undefined) throw new Error(`no projection is named ${name}`);
    return report.lag;
  }

  /** Stops every projection after its current batch is committed. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await this.subscription?.close();
    await Promise.all([...this.live.values(), ...this.shadows.values()].map((worker) => worker.stop()));
    await Promise.all([...this.rebuilds.values()]);
  }

  private startRebuild(
    projection: Projection<unknown>,
    resumeFrom: ProjectionRecord | undefined,
    fresh = false,
  ): Promise<RebuildOutcome> {
    this.rebuildErrors.delete(projection.name);
    const outcome = this.runRebuild(projection, resumeFrom, fresh)
      .catch((error: unknown) => {
        this.rebuildErrors.set(projection.name, error);
        throw error;
      })
      .finally(() => {
        this.rebuilds.delete(projection.name);
        this.shadows.delete(projection.name);
      });
    this.rebuilds.set(projection.name, outcome);
    return outcome;
  }

  private async runRebuild(
    projection: Projection<unknown>,
    resumeFrom: ProjectionRecord | undefined,
    fresh: boolean,
  ): Promise<RebuildOutcome> {
    const { name } = projection;
    if (fresh) await this.store.discardShadow(name);
    const shadow = this.worker(projection, 'shadow', resumeFrom);
    this.shadows.set(name, shadow);
    // Catch up while the live copy serves; then pause it so the shadow can take the last events alone.
    await this.runTo(shadow, await headPosition(this.eventStore, shadow.checkpoint));
    if (shadow.failure !== undefined || shadow.isStopped) return { promoted: false, ...failureOf(shadow) };
    const live = this.live.get(name);
    await live?.stop();
    await shadow.wake();
    if (shadow.failure !== undefined || shadow.isStopped || shadow.lastError !== undefined) {
      if (live !== undefined && !shadow.isStopped) this.restartLive(projection, live);
      if (shadow.lastError !== undefined) throw shadow.lastError;
      return { promoted: false, ...failureOf(shadow) };
    }
    await this.store.promoteShadow(name);
    const promoted = this.worker(projection, 'live', {
      version: projection.version,
      state: shadow.state,
      checkpoint: shadow.checkpoint,
      status: 'running',
    });
    this.live.set(name, promoted);
    if (this.state === 'started') void promoted.wake();
    return { promoted: true, checkpoint: shadow.checkpoint };
  }

  private restartLive(projection: Projection<unknown>, stopped: ProjectionWorker): void {
    const worker = this.worker(projection, 'live', {
      version: projection.version,
      state: stopped.state,
      checkpoint: stopped.checkpoint,
      status: stopped.failure === undefined ? 'running' : 'failed',
      ...(stopped.failure === undefined ? {} : { failure: stopped.failure }),
    });
    this.live.set(projection.name, worker);
    if (this.state === 'started') void worker.wake();
  }

  /** Wakes `worker` until it reached `head`, failed or stopped; rejects with a store error. */
  private async runTo(worker: ProjectionWorker, head: number): Promise<void> {
    for (;;) {
      const before = worker.checkpoint;
      await worker.wake();
      if (worker.lastError !== undefined) throw worker.lastError;
      if (worker.failure !== undefined || worker.isStopped || worker.checkpoint >= head) return;
      if (worker.checkpoint === before) return; // the log ends before `head`: nothing more to read
    }
  }

  private wakeAll(): void {
    if (this.state !== 'started') return;
    for (const worker of this.live.values()) void worker.wake();
  }

  private worker(projection: Projection<unknown>, slot: 'live' | 'shadow', record: ProjectionRecord | undefined) {
    return new ProjectionWorker(projection, slot, this.pages, this.store, this.batchSize, record, this.cadence);
  }

  private projection(name: string): Projection<unknown> {
    const projection = this.projections.get(name);
    if (projection === undefined) throw new Error(`no projection is named ${name}`);
    return projection;
  }
}

const failureOf = (worker: ProjectionWorker): { failure?: ProjectionFailure } =>
  worker.failure === undefined ? {} : { failure: worker.failure };
