/**
 * The one engine that runs document projections (docs/read-side.md): it builds them, catches them up
 * and follows the log; inside an append's transaction the store folds them with the same fold
 * (`inline.ts`).
 *
 * Guarantees:
 * - Exactly once in effect: a copy's changed documents and its checkpoint are committed together
 *   (one `DocumentStore.commit`), after every page or as often as `commitCadence` says while a copy
 *   catches up; after a crash it resumes after the last committed event, so no event's effect is
 *   skipped or applied twice. A failed commit drops what the engine held in memory: the copy is read
 *   back from the store at the next wake.
 * - Shared reading: the copies standing at the same position read each page of the log once, with
 *   the union of their event types; a copy behind reads up to the next one's position, then they go
 *   on together.
 * - Isolation: a handler that throws stops the event's province in that copy alone (a province is a
 *   wall, docs/read-side.md "A province that fails"), and so does one evolving a document that cannot
 *   be stored (the store refuses the commit or the build's write whole with `DocumentNotStorable`; the
 *   copy is read back and those events are folded again, each document checked). The province's documents stay as they were
 *   before the event, its later events are skipped, and its failure (province, position, stream,
 *   version, type, message) is committed with the checkpoint, which moves on: every other province
 *   of the copy, and every other copy, goes on. A restart does not retry it: `retry(name)` rebuilds
 *   the copy (after a fix), as `rebuild(name)` does. A rebuild's shadow with failed provinces is
 *   promoted all the same, carrying them.
 * - Blue/green: a projection with no live copy, or a live copy of another version, is built from
 *   position 0 into its shadow copy while the live copy (if any) keeps serving, and the shadow is
 *   promoted when it reaches the head. A build interrupted by a crash resumes from the shadow's
 *   checkpoint at the next `start`. `rebuild(name)` does the same for one projection on demand.
 * - Builds in bulk: a shadow at checkpoint 0 over a store with `startBuild` writes its documents to
 *   the store's scratch area as its cache fills, without durability, and moves them into the shadow
 *   in one durable commit at the head (or when stopped or stopped by a failing event): each document
 *   is written durably once, in key order. A crash before that leaves the shadow at checkpoint 0, and
 *   the build starts over at the next `start`.
 * - `liveFoldedBy: 'store'`: the store folds live copies inside its append transaction; the engine
 *   never writes a live copy then (it would race with appends): it only builds shadows and promotes
 *   them, and the store's next inline fold reads the events appended since the shadow's checkpoint.
 * Errors of the stores themselves (not of handlers) fail no projection: they are reported as
 * `lastError`, retried at the next append or `caughtUp()`, which rejects with them. A build one stopped
 * is retried so too, and the `rebuild` waiting for it rejects with it once the engine's attempt has
 * ended (a `rebuild` asked for afterwards starts the build over).
 *
 * An engine runs the projections it is given and no others, so a group of projections can be built
 * by an engine of its own (in a worker thread, over its own connections).
 */
import type { EventStore, ReadAllPage, Subscription } from '../../kernel/event-store.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { eventTypesOf, handlerOf, type AnyProjection, type DocumentReader } from './document-projection.js';
import type { DocumentBuild, DocumentStore, ProjectionHeader, ProjectionSlot } from './document-store.js';
import { DocumentNotStorable } from './document-text.js';
import { KeyFilter } from './key-filter.js';
import { DocumentSession, NOT_LOADED, errorMessage, foldBatchAsync, type ProjectionFailure } from './fold.js';
import { failedProvincesOf, provinceFailureList, type ProvinceFailure } from './province-failures.js';

export { balanceBuildGroups } from './build-groups.js';

/**
 * How often a copy that catches up commits: after `maxEvents` events read or `maxMs` milliseconds
 * since its first uncommitted change, whichever comes first, and always at the head of the log.
 */
export interface CommitCadence {
  readonly maxEvents: number;
  readonly maxMs: number;
  /** Milliseconds from any origin; default `performance.now`. */
  readonly now?: () => number;
}

export interface ProjectionEngineOptions {
  readonly eventStore: Pick<EventStore, 'readAll' | 'subscribe' | 'headPosition'>;
  readonly documentStore: DocumentStore;
  readonly projections: readonly AnyProjection[];
  /** Events read per page (of the types the projections moving together act on); default 1000. */
  readonly batchSize?: number;
  /** Without one, every page is committed. */
  readonly commitCadence?: CommitCadence;
  /** Who folds the live copies as events are appended: this engine (default), or the store inside its append. */
  readonly liveFoldedBy?: 'engine' | 'store';
  /** Documents a copy keeps in memory between commits before dropping the unchanged ones; default 50,000. */
  readonly maxCachedDocuments?: number;
}

export interface ProjectionReport {
  readonly name: string;
  /**
   * `rebuilding`: no live copy of this version yet, its shadow is being built; `failed`: the live copy
   * (or, with no live copy of this version, the shadow) stopped whole at `failure`, as a version
   * before failures per province left it. A copy with failed provinces is `running`.
   */
  readonly status: 'running' | 'failed' | 'rebuilding' | 'stopped';
  /** The live copy's checkpoint (0 without one). */
  readonly checkpoint: number;
  readonly head: number;
  /** Events appended that the live copy has not folded yet. */
  readonly lag: number;
  readonly failure?: ProjectionFailure;
  /** The live copy's provinces stopped at an event they could not fold (the events of the others are folded). */
  readonly provinceFailures?: readonly ProvinceFailure[];
  /**
   * The shadow being built: its stored `checkpoint`, the position it has `folded` (beyond the
   * checkpoint while a build in bulk has not reached the head), and its failed provinces so far.
   */
  readonly rebuild?: {
    readonly checkpoint: number;
    readonly folded: number;
    readonly lag: number;
    readonly failure?: ProjectionFailure;
    readonly provinceFailures?: readonly ProvinceFailure[];
  };
  readonly lastError?: string;
}

/**
 * How a build into the shadow ended: promoted (with the provinces that failed in it, if any: they are
 * the new live copy's failed provinces), or stopped by `stop` (or, for a shadow a version before
 * failures per province stopped whole, at its `failure`). A stopped build leaves the live copy as it was.
 */
export type RebuildOutcome =
  | { readonly promoted: true; readonly checkpoint: number; readonly provinceFailures?: readonly ProvinceFailure[] }
  | { readonly promoted: false; readonly failure?: ProjectionFailure };

/** `{ provinceFailures }` when there are any, for reports and outcomes. */
const withProvinceFailures = (failed: ReadonlyMap<string, ProvinceFailure>): { readonly provinceFailures?: readonly ProvinceFailure[] } =>
  failed.size === 0 ? {} : { provinceFailures: provinceFailureList(failed) };

/** One copy (live or shadow) of one projection as the engine moves it along the log. */
class Cursor {
  /** Position of the last event folded into the session. */
  checkpoint = 0;
  /** Checkpoint stored; undefined while the copy has no commit of this build. */
  committed: number | undefined;
  /** The next commit starts the copy over (a build from position 0). */
  fresh = true;
  /** The session holds every document of the copy: a key it lacks has no document (a build not trimmed yet). */
  complete = true;
  /** The keys this copy has written since it started empty (a build from position 0 in this engine). */
  written: KeyFilter | undefined;
  session: DocumentSession<unknown>;
  pendingEvents = 0;
  pendingSince = 0;
  /** The whole copy stopped (a copy a version before failures per province left so). */
  failure: ProjectionFailure | undefined;
  /** Its failed provinces, whose events it skips; committed with the checkpoint. */
  failed = new Map<string, ProvinceFailure>();
  /** A province failed since the last commit: the next commit is due now. */
  failedSinceCommit = false;
  /** A store error met; the copy is read back from the store before it moves again. */
  error: unknown;
  /**
   * Events up to this position are folded checking that each document evolved can be stored: a
   * commit or a build's write refused one (`DocumentNotStorable`) for an event at or before it.
   */
  storableUntil = 0;
  stale = false;
  /** Reached the end of the log at its last read. */
  atEnd = false;
  /** Reads of a shadow at the end that found the head moved on (`liveFoldedBy: 'store'`). */
  lastReads = 0;
  /** The store's scratch area while the copy is built in bulk from position 0. */
  build: DocumentBuild | undefined;

  constructor(
    readonly projection: AnyProjection,
    /** `live` once a shadow is promoted. */
    public slot: ProjectionSlot,
    header: ProjectionHeader | undefined,
    /** Reads one document of the copy at once, when the store can (`DocumentStore.sync`). */
    private readonly readNow?: (name: string, key: string, slot: ProjectionSlot) => unknown,
    private readonly startBuild?: (name: string, slot: ProjectionSlot) => DocumentBuild,
  ) {
    this.session = this.newSession();
    this.resetTo(header);
  }

  get name(): string {
    return this.projection.name;
  }

  /** Takes the stored header back (undefined: none of this version, so the copy starts over). */
  resetTo(header: ProjectionHeader | undefined): void {
    this.endBuild();
    const usable = header !== undefined && header.version === this.projection.version;
    this.checkpoint = usable ? header.checkpoint : 0;
    this.committed = usable ? header.checkpoint : undefined;
    this.fresh = !usable;
    this.complete = !usable;
    this.written = usable ? undefined : new KeyFilter();
    this.failure = usable && header.status === 'failed' ? header.failure : undefined;
    this.failed = new Map(usable ? failedProvincesOf(header.provinceFailures) : undefined);
    this.failedSinceCommit = false;
    this.session = this.newSession();
    this.pendingEvents = 0;
    this.stale = false;
    if (usable && header.checkpoint === 0 && header.status === 'running') this.beginBuild();
  }

  /** A shadow stored empty at checkpoint 0 is built in the store's scratch area, if it has one. */
  beginBuild(): void {
    if (this.slot !== 'shadow' || this.startBuild === undefined || this.checkpoint !== 0 || this.build !== undefined) return;
    this.build = this.startBuild(this.name, this.slot);
    this.complete = true;
    this.written = new KeyFilter();
    this.session = this.newSession();
  }

  /** Drops the scratch area of a build that will not finish (a store error, a new build, a stop). */
  endBuild(): void {
    const { build } = this;
    this.build = undefined;
    try {
      build?.discard();
    } catch {
      // What it held is never read again.
    }
  }

  private newSession(): DocumentSession<unknown> {
    const { readNow } = this;
    return new DocumentSession<unknown>((key) => {
      if (this.complete) return undefined;
      // A key the copy never wrote since it started empty has no document: no need to ask the store.
      if (this.written !== undefined && !this.written.mayHold(key)) return undefined;
      if (this.build !== undefined) return this.build.get(key);
      return readNow === undefined ? NOT_LOADED : readNow(this.name, key, this.slot);
    });
  }
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

const deferred = <T>(): Deferred<T> => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A build started with the engine has nobody waiting for it until a `rebuild` asks: its rejection is not left unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
};

/** The global position of the last event: the store's `headPosition`, or found by paging `readAll`. */
export const headPositionOf = async (store: Pick<EventStore, 'readAll' | 'headPosition'>, hint = 0): Promise<number> => {
  if (store.headPosition !== undefined) return store.headPosition();
  for (let after = hint; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    after = page.nextPosition;
    if (page.isEnd || page.events.length === 0) return after;
  }
};

export class ProjectionEngine {
  private readonly eventStore: ProjectionEngineOptions['eventStore'];
  private readonly store: DocumentStore;
  private readonly projections = new Map<string, AnyProjection>();
  private readonly batchSize: number;
  private readonly cadence: Required<CommitCadence> | undefined;
  private readonly liveFoldedBy: 'engine' | 'store';
  private readonly maxCached: number;
  private readonly readNow: ((name: string, key: string, slot: ProjectionSlot) => unknown) | undefined;
  private readonly startBuild: ((name: string, slot: ProjectionSlot) => DocumentBuild) | undefined;
  private readonly live = new Map<string, Cursor>();
  private readonly shadows = new Map<string, Cursor>();
  private readonly rebuilds = new Map<string, Deferred<RebuildOutcome>>();
  private subscription: Subscription | undefined;
  private state: 'new' | 'started' | 'stopped' = 'new';
  private tail: Promise<void> = Promise.resolve();
  private queued = false;
  /** An append was notified while a drain ran: copies at the end read again. */
  private notified = false;
  private turn = 0;

  constructor(options: ProjectionEngineOptions) {
    this.eventStore = options.eventStore;
    this.store = options.documentStore;
    this.batchSize = Math.max(1, options.batchSize ?? 1000);
    const cadence = options.commitCadence;
    this.cadence =
      cadence === undefined
        ? undefined
        : { maxEvents: Math.max(1, cadence.maxEvents), maxMs: Math.max(0, cadence.maxMs), now: cadence.now ?? (() => performance.now()) };
    this.liveFoldedBy = options.liveFoldedBy ?? 'engine';
    this.maxCached = Math.max(0, options.maxCachedDocuments ?? 50_000);
    const sync = options.documentStore.sync;
    this.readNow = sync === undefined ? undefined : (name, key, slot) => sync.get(name, key, slot);
    const { startBuild } = options.documentStore;
    this.startBuild = startBuild === undefined ? undefined : (name, slot) => startBuild.call(options.documentStore, name, slot);
    for (const projection of options.projections) {
      if (this.projections.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
      this.projections.set(projection.name, projection);
    }
  }

  /**
   * Reads every projection's copies and sets them moving: catches up live copies of the current
   * version, builds the others into their shadow (resuming a shadow of this version), then follows
   * appends. Resolves once the copies are set up; `caughtUp()` waits for them to reach the head.
   */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error('a projection engine starts once');
    this.state = 'started';
    for (const projection of this.projections.values()) {
      const { name, version } = projection;
      const live = await this.store.header(name);
      let shadow = await this.store.header(name, 'shadow');
      if (shadow !== undefined && shadow.version !== version) {
        await this.store.drop(name, 'shadow');
        shadow = undefined;
      }
      const liveIsCurrent = live !== undefined && live.version === version;
      if (liveIsCurrent && this.liveFoldedBy === 'engine') this.live.set(name, new Cursor(projection, 'live', live, this.readNow, this.startBuild));
      if (shadow !== undefined) this.setShadow(projection, shadow);
      else if (!liveIsCurrent) await this.startShadow(projection);
    }
    if (this.liveFoldedBy === 'engine') {
      const head = await headPositionOf(this.eventStore);
      this.subscription = this.eventStore.subscribe({ after: head, handler: () => void this.wake() });
    }
    void this.wake();
  }

  /**
   * Resolves when every copy the engine moves has folded the events appended before the call (or
   * stopped at a failing event), and every build reached the head and was promoted. Rejects with a
   * store error that kept a copy from moving.
   */
  async caughtUp(): Promise<void> {
    if (this.state === 'new') throw new Error('start the projection engine first');
    await this.wake();
    const stuck = this.cursors().find((cursor) => cursor.error !== undefined);
    if (stuck !== undefined) throw stuck.error;
  }

  /** Rebuilds `name` alone from position 0 into its shadow while the live copy serves, then promotes it. */
  rebuild(name: string): Promise<RebuildOutcome> {
    const projection = this.projection(name);
    const running = this.rebuilds.get(name);
    if (running !== undefined) return running.promise;
    if (this.state !== 'started') return Promise.reject(new Error('start the projection engine first'));
    const outcome = deferred<RebuildOutcome>();
    this.rebuilds.set(name, outcome);
    this.exclusive(async () => {
      await this.store.drop(name, 'shadow');
      await this.startShadow(projection);
    }).then(
      () => void this.wake(),
      (error: unknown) => {
        this.rebuilds.delete(name);
        outcome.reject(error);
      },
    );
    return outcome.promise;
  }

  /**
   * Lets a copy stopped by failing events try them again (after a fix that needs no new version). A
   * copy with failed provinces is rebuilt (`rebuild`): their events after the failure were skipped
   * while the checkpoint moved on, so only a fold from position 0 brings them back, and the live copy
   * serves meanwhile. A copy stopped whole (by a version before failures per province) goes on from
   * its checkpoint: the shadow if its build stopped, else the live copy; with `liveFoldedBy: 'store'`
   * the store folds the live copy's missing events at its next append.
   */
  async retry(name: string): Promise<void> {
    const projection = this.projection(name);
    const rebuild = await this.exclusive(async () => {
      const shadow = this.shadows.get(name);
      const cursor = shadow?.failure !== undefined ? shadow : this.live.get(name);
      if (cursor !== undefined) {
        if (cursor.failure === undefined) return cursor.failed.size > 0;
        const commit = { version: projection.version, checkpoint: cursor.committed ?? 0, documents: new Map(), fresh: cursor.fresh, ...withProvinceFailures(cursor.failed) };
        await this.store.commit(name, commit, cursor.slot);
        cursor.resetTo(await this.store.header(name, cursor.slot));
        if (cursor.slot === 'shadow' && !this.rebuilds.has(name)) this.rebuilds.set(name, deferred());
        return false;
      }
      const header = await this.store.header(name);
      if (header?.version !== projection.version) return false;
      if (this.liveFoldedBy === 'store' && header.status === 'failed') {
        await this.store.commit(name, { version: header.version, checkpoint: header.checkpoint, documents: new Map() });
        return false;
      }
      return (header.provinceFailures?.length ?? 0) > 0;
    });
    if (rebuild) await this.rebuild(name);
    else await this.wake();
  }

  async report(): Promise<readonly ProjectionReport[]> {
    const head = await headPositionOf(this.eventStore);
    const reports: ProjectionReport[] = [];
    for (const projection of this.projections.values()) {
      const { name } = projection;
      const cursor = this.live.get(name);
      const header = cursor === undefined ? await this.store.header(name) : undefined;
      const current = cursor !== undefined || header?.version === projection.version;
      const checkpoint = cursor?.committed ?? header?.checkpoint ?? 0;
      const failure = !current ? undefined : cursor === undefined ? (header?.status === 'failed' ? header.failure : undefined) : cursor.failure;
      const provinceFailures = !current ? undefined : cursor === undefined ? header?.provinceFailures : withProvinceFailures(cursor.failed).provinceFailures;
      const shadow = this.shadows.get(name);
      const lastError = [cursor, shadow].find((c) => c?.error !== undefined)?.error;
      const status =
        this.state === 'stopped'
          ? 'stopped'
          : current
            ? failure !== undefined
              ? 'failed'
              : 'running'
            : shadow?.failure !== undefined
              ? 'failed'
              : 'rebuilding';
      reports.push({
        name,
        status,
        checkpoint,
        head,
        lag: Math.max(0, head - checkpoint),
        ...(failure === undefined ? {} : { failure }),
        ...(provinceFailures === undefined ? {} : { provinceFailures }),
        ...(shadow === undefined
          ? {}
          : {
              rebuild: {
                checkpoint: shadow.committed ?? 0,
                folded: shadow.checkpoint,
                lag: Math.max(0, head - (shadow.committed ?? 0)),
                ...(shadow.failure === undefined ? {} : { failure: shadow.failure }),
                ...withProvinceFailures(shadow.failed),
              },
            }),
        ...(lastError === undefined ? {} : { lastError: errorMessage(lastError) }),
      });
    }
    return reports;
  }

  /** Stops following the log; what was folded and not yet committed is committed first. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    const started = this.state === 'started';
    this.state = 'stopped';
    await this.subscription?.close();
    if (!started) return;
    await this.exclusive(async () => {
      for (const cursor of this.cursors()) {
        if (cursor.pendingEvents === 0 || cursor.stale || cursor.error !== undefined) continue;
        await this.commit(cursor).catch((error: unknown) => (cursor.error = error));
      }
      for (const cursor of this.cursors()) cursor.endBuild();
    });
    for (const [name, outcome] of this.rebuilds) {
      this.rebuilds.delete(name);
      outcome.resolve({ promoted: false });
    }
  }

  private setShadow(projection: AnyProjection, header: ProjectionHeader | undefined): Cursor {
    this.shadows.get(projection.name)?.endBuild();
    const cursor = new Cursor(projection, 'shadow', header, this.readNow, this.startBuild);
    this.shadows.set(projection.name, cursor);
    // A build that stopped at a failing event waits for `retry` or `rebuild`.
    if (cursor.failure === undefined && !this.rebuilds.has(projection.name)) this.rebuilds.set(projection.name, deferred());
    return cursor;
  }

  /**
   * Starts a build from position 0 with an empty shadow committed at once: a store folding inline
   * leaves alone a projection whose shadow is being built, even before it has a live copy.
   */
  private async startShadow(projection: AnyProjection): Promise<void> {
    const cursor = this.setShadow(projection, undefined);
    try {
      await this.store.commit(projection.name, { version: projection.version, checkpoint: 0, documents: new Map(), fresh: true }, 'shadow');
      cursor.committed = 0;
      cursor.fresh = false;
      cursor.beginBuild();
    } catch (error) {
      // The build's first commit starts the copy over anyway.
      cursor.error = error;
    }
  }

  private cursors(): Cursor[] {
    return [...this.live.values(), ...this.shadows.values()];
  }

  /** Runs `task` when no drain runs; drains and tasks run one at a time. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Moves every copy to the end of the log as it is now; resolves (never rejects) when none can move. */
  private wake(): Promise<void> {
    this.notified = true;
    if (this.queued || this.state !== 'started') return this.tail;
    this.queued = true;
    return this.exclusive(() => {
      this.queued = false;
      return this.drain();
    });
  }

  private async drain(): Promise<void> {
    for (const cursor of this.cursors()) cursor.error = undefined;
    for (;;) {
      if (this.state !== 'started') return;
      if (this.notified) {
        this.notified = false;
        for (const cursor of this.cursors()) cursor.atEnd = false;
      }
      for (const cursor of this.cursors()) if (cursor.stale && cursor.error === undefined) await this.reload(cursor);
      const active = this.cursors().filter((cursor) => cursor.failure === undefined && cursor.error === undefined && !cursor.atEnd);
      if (active.length === 0) return this.failStuckBuilds();
      // Copies at the same position move together; positions take turns, so a long build lets
      // the live copies fold new appends between its pages.
      const positions = [...new Set(active.map((cursor) => cursor.checkpoint))].sort((a, b) => a - b);
      const index = this.turn++ % positions.length;
      const from = positions[index] as number;
      await this.step(
        active.filter((cursor) => cursor.checkpoint === from),
        from,
        positions[index + 1],
      );
    }
  }

  private async reload(cursor: Cursor): Promise<void> {
    try {
      cursor.resetTo(await this.store.header(cursor.name, cursor.slot));
    } catch (error) {
      cursor.error = error;
    }
  }

  /** Reads one page after `from` for `group` (never past `limit`, where the next copies stand) and folds it into each. */
  private async step(group: readonly Cursor[], from: number, limit: number | undefined): Promise<void> {
    const types = [...new Set(group.flatMap((cursor) => eventTypesOf(cursor.projection)))].sort();
    let page: ReadAllPage;
    try {
      page = await this.eventStore.readAll({ after: from, maxCount: this.batchSize, types });
    } catch (error) {
      for (const cursor of group) cursor.error = error;
      return;
    }
    let { events, nextPosition: next, isEnd: end } = page;
    if (limit !== undefined && next > limit) {
      events = events.filter((event) => event.metadata.globalPosition <= limit);
      next = limit;
      end = false;
    }
    // A page that moves nothing ends the log as far as this read can tell.
    if (next <= from && events.length === 0) end = true;
    for (const cursor of group) await this.advance(cursor, events, Math.max(next, from), end);
  }

  private async advance(cursor: Cursor, events: readonly RecordedEvent[], next: number, end: boolean): Promise<void> {
    const { name, slot } = cursor;
    try {
      if (!cursor.complete && this.readNow === undefined && cursor.build === undefined) await this.preload(cursor, events);
      const load = (keys: readonly string[]) => this.store.getMany(name, keys, slot);
      const storable = cursor.checkpoint < cursor.storableUntil;
      const folded = await foldBatchAsync(cursor.projection, cursor.session, cursor.checkpoint, events, load, cursor.failed, storable);
      if (cursor.pendingEvents === 0) cursor.pendingSince = this.cadence?.now() ?? 0;
      cursor.pendingEvents += events.length;
      if (folded.failures !== undefined) {
        // The province stopped; the page goes on for the others, and the failure is committed with the checkpoint.
        for (const failure of folded.failures) cursor.failed.set(failure.tenantId, failure);
        cursor.failedSinceCommit = true;
      }
      cursor.checkpoint = next;
      if (end || this.commitDue(cursor)) await this.commit(cursor, end || cursor.build === undefined);
      else this.trim(cursor);
      if (!end) return;
      cursor.atEnd = true;
      if (slot === 'shadow' && (await this.promotable(cursor))) await this.promote(cursor);
    } catch (error) {
      cursor.stale = true;
      // The store changed nothing for a document that cannot be stored, which an event before the
      // copy's position gave: the copy is read back and folds those events again, checking each
      // document, so that event fails its province alone as a throwing handler does.
      if (error instanceof DocumentNotStorable && cursor.checkpoint > cursor.storableUntil) cursor.storableUntil = cursor.checkpoint;
      else cursor.error = error;
    }
  }

  /** Loads at once the documents the page's events name (as far as `touches` tells before folding). */
  private async preload(cursor: Cursor, events: readonly RecordedEvent[]): Promise<void> {
    const { session } = cursor;
    const missing = new Set<string>();
    const probe = (key: string): unknown => {
      const found = session.peek(key);
      if (found !== NOT_LOADED) return found;
      missing.add(key);
      return undefined;
    };
    const reader: DocumentReader<unknown> = { get: probe };
    for (const event of events) {
      const handler = handlerOf(cursor.projection, event.type);
      if (handler === undefined) continue;
      try {
        for (const key of handler.touches(event, reader)) probe(key);
      } catch {
        // The fold meets the same error and reports it against the event.
      }
    }
    if (missing.size === 0) return;
    const keys = [...missing];
    const found = await this.store.getMany(cursor.name, keys, cursor.slot);
    session.preload(keys.map((key) => [key, found.get(key)] as const));
  }

  private commitDue(cursor: Cursor): boolean {
    // A build writes to its scratch area only what its cache drops (`trim`); it commits at the head.
    if (cursor.build !== undefined) return false;
    const cadence = this.cadence;
    return (
      cadence === undefined ||
      // A failed province is stored at once, so readers of its documents learn it.
      cursor.failedSinceCommit ||
      cursor.pendingEvents >= cadence.maxEvents ||
      // Changed documents stay in memory until committed: as many as the cache may hold at most.
      cursor.session.changes >= this.maxCached ||
      cadence.now() - cursor.pendingSince >= cadence.maxMs
    );
  }

  /**
   * Changed documents and checkpoint in one store commit (nothing when nothing moved). A copy built in
   * bulk writes its changed documents to its scratch area, and at the head of the log (`durable`)
   * moves them all into the store with its checkpoint.
   */
  private async commit(cursor: Cursor, durable = true): Promise<void> {
    const { projection, session, build } = cursor;
    if (build !== undefined) {
      if (!durable) return this.trim(cursor);
      const documents = session.take();
      const { written } = cursor;
      if (written !== undefined) for (const key of documents.keys()) written.add(key);
      cursor.stale = true;
      build.write(documents);
      await build.finish({ version: projection.version, checkpoint: cursor.checkpoint, ...withProvinceFailures(cursor.failed) });
      cursor.failedSinceCommit = false;
      cursor.build = undefined;
      cursor.committed = cursor.checkpoint;
      cursor.fresh = false;
      cursor.pendingEvents = 0;
      cursor.stale = false;
      this.trim(cursor);
      return;
    }
    if (session.changes === 0 && cursor.committed === cursor.checkpoint && !cursor.fresh && !cursor.failedSinceCommit) {
      cursor.pendingEvents = 0;
      return;
    }
    const documents = session.take();
    const { written } = cursor;
    if (written !== undefined) for (const key of documents.keys()) written.add(key);
    // What the session held is now ahead of the store until the commit lands.
    cursor.stale = true;
    const commit = { version: projection.version, checkpoint: cursor.checkpoint, documents, fresh: cursor.fresh, provinceFailures: provinceFailureList(cursor.failed) };
    await this.store.commit(projection.name, commit, cursor.slot);
    cursor.stale = false;
    cursor.failedSinceCommit = false;
    cursor.committed = cursor.checkpoint;
    cursor.fresh = false;
    cursor.pendingEvents = 0;
    this.trim(cursor);
  }

  /**
   * Keeps the cache within `maxCachedDocuments` (changed documents aside), dropping the documents
   * longest untouched. A build drops changed documents too, after writing them to its scratch area.
   */
  private trim(cursor: Cursor): void {
    const { build, session, written } = cursor;
    if (build !== undefined) {
      const evicted = session.evict(this.maxCached);
      if (evicted === undefined) return;
      cursor.complete = false;
      if (evicted.size === 0) return;
      if (written !== undefined) for (const key of evicted.keys()) written.add(key);
      cursor.stale = true;
      build.write(evicted);
      cursor.stale = false;
      return;
    }
    // Before its first commit a copy written afresh has no documents in the store to read back.
    if (cursor.session.cached <= this.maxCached || cursor.fresh) return;
    if (cursor.session.trim(this.maxCached)) cursor.complete = false;
  }

  /**
   * Whether a shadow at the end of its read may be promoted: with live copies folded by the store,
   * only while no event was appended since (the store would fold the gap only at its next append),
   * unless appends keep coming after a few more reads.
   */
  private async promotable(shadow: Cursor): Promise<boolean> {
    if (this.liveFoldedBy === 'engine' || shadow.lastReads >= 3) return true;
    if ((await headPositionOf(this.eventStore, shadow.checkpoint)) <= shadow.checkpoint) return true;
    shadow.lastReads += 1;
    shadow.atEnd = false;
    return false;
  }

  /** The shadow reached the head: it becomes the live copy. */
  private async promote(shadow: Cursor): Promise<void> {
    const { name } = shadow;
    await this.store.promoteShadow(name);
    this.shadows.delete(name);
    if (this.liveFoldedBy === 'engine') {
      shadow.slot = 'live';
      this.live.set(name, shadow);
    } else this.live.delete(name);
    if (shadow.failure === undefined) this.settle(name, { promoted: true, checkpoint: shadow.checkpoint, ...withProvinceFailures(shadow.failed) });
  }

  /** The builds a store error stopped in this drain: whoever waits for them learns the error. */
  private failStuckBuilds(): void {
    for (const shadow of this.shadows.values()) {
      if (shadow.error === undefined) continue;
      const waiting = this.rebuilds.get(shadow.name);
      this.rebuilds.delete(shadow.name);
      waiting?.reject(shadow.error);
    }
  }

  private settle(name: string, outcome: RebuildOutcome): void {
    const waiting = this.rebuilds.get(name);
    this.rebuilds.delete(name);
    waiting?.resolve(outcome);
  }

  private projection(name: string): AnyProjection {
    const projection = this.projections.get(name);
    if (projection === undefined) throw new Error(`no projection is named ${name}`);
    return projection;
  }
}
