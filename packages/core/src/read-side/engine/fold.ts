import { isLeft, type t } from '../../fp.js';
import { toIssues } from '../../kernel/codec.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { inProvince } from '../vocabulary/document-key.js';
import { DESK_EVENT_CODECS } from './desk-events.js';
import { handlerOf, type DocumentProjection, type DocumentReader } from './document-projection.js';
import { documentText } from './document-text.js';
import { NO_FAILED_PROVINCES, type FailedProvinces, type ProvinceFailure } from './province-failures.js';

export * from './province-failures.js';

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));

/** Thrown by a session asked for a document it has not loaded and cannot load at once (an asynchronous store). */
export class DocumentNotLoaded extends Error {
  constructor(readonly key: string) {
    super(`document ${key} is not loaded`);
    this.name = 'DocumentNotLoaded';
  }
}

/** What a session's loader answers for a document it cannot give synchronously. */
export const NOT_LOADED: unique symbol = Symbol('not loaded');
export type DocumentLoader = (key: string) => unknown;

/** What the cache holds for a key known to have no document. */
const ABSENT: unique symbol = Symbol('absent');

/** A cached document: its key, its value (`ABSENT` for a key known to have none) and whether it changed since the last `take`. */
interface Entry<D> {
  readonly key: string;
  value: D | typeof ABSENT;
  changed: boolean;
}

/**
 * The documents of one projection while a batch of events is folded: a cache over the store (filled
 * by `loader`, or by `preload` for an asynchronous store) and the documents changed since the last
 * `take`. Every change goes through the fold, so nothing changed can be left out of a commit.
 * The cache is two generations: documents written or read lately, and those of the generation before
 * (read again, one moves back to the recent one); `trim` drops the older generation whole, but for
 * its changed documents. No entry is ever deleted one by one, which would make the maps rehash. A
 * document is one entry, shared by both generations, which notes its key and whether it changed:
 * setting a document already read costs no second lookup, and `take` looks up none.
 */
export class DocumentSession<D> implements DocumentReader<D> {
  private recent = new Map<string, Entry<D>>();
  private older = new Map<string, Entry<D>>();
  /** The entries changed since the last `take`, in the order of their first change. */
  private changedEntries: Entry<D>[] = [];
  /** The entry found last (always in the recent generation): an evolve's `set` follows its `get` of the same key. */
  private lastKey: string | undefined;
  private lastEntry: Entry<D> | undefined;
  /**
   * The documents an event touching several has evolved so far (see `foldEvent`), in order, as their
   * cache entries and next values: the first `stagedCount` of each array (the arrays are reused).
   */
  private stagedCount = 0;
  private readonly stagedDocuments: (D | undefined)[] = [];
  private readonly stagedEntries: Entry<D>[] = [];
  /** The cache entry of the key `evolving` read last: its next value is set there without a second lookup. */
  private evolvingEntry: Entry<D> | undefined;
  /** What an evolve reads while an event touching several documents is folded: its earlier keys, then the session. */
  readonly staged: DocumentReader<D> = {
    get: (key) => {
      for (let i = this.stagedCount - 1; i >= 0; i--) if ((this.stagedEntries[i] as Entry<D>).key === key) return this.stagedDocuments[i];
      return this.get(key);
    },
  };

  constructor(private readonly loader: DocumentLoader = () => NOT_LOADED) {}

  readonly get = (key: string): D | undefined => {
    const found = this.peek(key);
    if (found === NOT_LOADED) throw new DocumentNotLoaded(key);
    return found;
  };

  private entry(key: string): Entry<D> | undefined {
    if (key === this.lastKey) return this.lastEntry;
    let entry = this.recent.get(key);
    if (entry === undefined) {
      entry = this.older.get(key);
      if (entry === undefined) return undefined;
      this.recent.set(key, entry);
    }
    this.lastKey = key;
    this.lastEntry = entry;
    return entry;
  }

  private remember(key: string, entry: Entry<D>): void {
    this.recent.set(key, entry);
    this.lastKey = key;
    this.lastEntry = entry;
  }

  /** The cached entry of `key`, loaded when missing: `NOT_LOADED` when the loader cannot answer at once. */
  private load(key: string): Entry<D> | typeof NOT_LOADED {
    let entry = this.entry(key);
    if (entry === undefined) {
      const loaded = this.loader(key);
      if (loaded === NOT_LOADED) return NOT_LOADED;
      entry = { key, value: loaded === undefined ? ABSENT : (loaded as D), changed: false };
      this.remember(key, entry);
    }
    return entry;
  }

  /** `get` without throwing: `NOT_LOADED` for a document neither cached nor loadable at once. */
  peek(key: string): D | undefined | typeof NOT_LOADED {
    const entry = this.load(key);
    if (entry === NOT_LOADED) return NOT_LOADED;
    return entry.value === ABSENT ? undefined : entry.value;
  }

  /**
   * The document of `key` as the evolve about to run sees it (for an event touching several, after
   * the keys it evolved before), noting its cache entry for `evolved` or `stage`, which follow.
   */
  evolving(key: string): D | undefined {
    for (let i = this.stagedCount - 1; i >= 0; i--) {
      const staged = this.stagedEntries[i] as Entry<D>;
      if (staged.key === key) {
        this.evolvingEntry = staged;
        return this.stagedDocuments[i];
      }
    }
    const entry = this.load(key);
    if (entry === NOT_LOADED) throw new DocumentNotLoaded(key);
    this.evolvingEntry = entry;
    return entry.value === ABSENT ? undefined : entry.value;
  }

  /** `set` of the key `evolving` read last: its next value. */
  evolved(document: D | undefined): void {
    this.change(this.evolvingEntry as Entry<D>, document);
  }

  private change(entry: Entry<D>, document: D | undefined): void {
    entry.value = document === undefined ? ABSENT : document;
    if (!entry.changed) {
      entry.changed = true;
      this.changedEntries.push(entry);
    }
  }

  /** Documents read from the store (`undefined` for a key with none), for an asynchronous loader. */
  preload(documents: Iterable<readonly [string, unknown]>): void {
    for (const [key, document] of documents) {
      if (!this.recent.has(key) && !this.older.has(key)) this.recent.set(key, { key, value: document === undefined ? ABSENT : (document as D), changed: false });
    }
  }

  set(key: string, document: D | undefined): void {
    let entry = this.entry(key);
    if (entry === undefined) {
      entry = { key, value: ABSENT, changed: false };
      this.remember(key, entry);
    }
    this.change(entry, document);
  }

  /** Starts staging the documents of one event that touches several (`foldEvent`). */
  beginStaging(): void {
    this.stagedCount = 0;
  }

  /** Stages the next value of the key `evolving` read last. */
  stage(document: D | undefined): void {
    const i = this.stagedCount++;
    this.stagedDocuments[i] = document;
    this.stagedEntries[i] = this.evolvingEntry as Entry<D>;
  }

  /** The event's documents reach the session, in the order they were evolved. */
  commitStaging(): void {
    const count = this.stagedCount;
    this.stagedCount = 0;
    for (let i = 0; i < count; i++) {
      this.change(this.stagedEntries[i] as Entry<D>, this.stagedDocuments[i]);
      // The arrays are reused: they keep no document alive.
      this.stagedDocuments[i] = undefined;
    }
  }

  /** The documents changed since the last call (`undefined` for a deleted one), which are then settled. */
  take(): Map<string, D | undefined> {
    const changes = new Map<string, D | undefined>();
    for (const entry of this.changedEntries) {
      entry.changed = false;
      changes.set(entry.key, entry.value === ABSENT ? undefined : entry.value);
    }
    this.changedEntries = [];
    return changes;
  }

  get changes(): number {
    return this.changedEntries.length;
  }

  /** Documents held in memory (loaded or changed, counted once per generation): what `trim` bounds. */
  get cached(): number {
    return this.recent.size + this.older.size;
  }

  /**
   * Drops the older generation but its changed documents, which move to the recent one, and makes
   * the recent generation the older one once it holds more than `keep`, to bound memory during a
   * long build (documents untouched for a generation are read from the store again). Returns
   * whether any document was dropped.
   */
  trim(keep: number): boolean {
    if (this.cached <= keep) return false;
    this.lastKey = undefined;
    const dropped = this.older.size > 0;
    // A changed document is in one generation or the other: it stays (in the recent one).
    for (const entry of this.changedEntries) this.recent.set(entry.key, entry);
    this.older = new Map();
    if (this.recent.size > keep / 2 || !dropped) {
      // The recent generation ages; its changed documents stay recent.
      const aged = this.recent;
      this.recent = new Map();
      for (const entry of this.changedEntries) this.recent.set(entry.key, entry);
      this.older = aged;
    }
    return dropped;
  }

  /**
   * `trim` for a session that writes documents back only when it drops them (a build in bulk): the
   * older generation is dropped whole, its changed documents (but those read again since) returned
   * to be written, and the recent generation ages once it holds more than `keep / 2`, changed or
   * not. So a document changed by many events is written once while it stays in use, and the cache
   * never holds more than about `keep` documents. Returns undefined when nothing was dropped.
   */
  evict(keep: number): Map<string, D | undefined> | undefined {
    if (this.cached <= keep) return undefined;
    this.lastKey = undefined;
    const dropped = this.older.size > 0;
    let evicted: Map<string, D | undefined> | undefined;
    if (dropped) {
      evicted = new Map();
      const { recent } = this;
      for (const entry of this.older.values()) {
        if (!entry.changed || recent.has(entry.key)) continue;
        entry.changed = false;
        evicted.set(entry.key, entry.value === ABSENT ? undefined : entry.value);
      }
      if (evicted.size > 0) this.changedEntries = this.changedEntries.filter((entry) => entry.changed);
      this.older = new Map();
    }
    if (this.recent.size > keep / 2 || !dropped) {
      this.older = this.recent;
      this.recent = new Map();
    }
    return evicted ?? (dropped ? new Map() : undefined);
  }
}

/** Events already found to match their codec: projections folding the same page check each event once. */
const checked = new WeakSet<RecordedEvent>();

/** Whether a stored event matches its type's codec (false too for a type without one); noted in `checked`. */
const matches = (event: RecordedEvent, codec: t.Mixed | undefined): boolean => {
  if (checked.has(event)) return true;
  if (codec === undefined) return false;
  const value = { type: event.type, data: event.data };
  if (!codec.is(value) && isLeft(codec.decode(value))) return false;
  checked.add(event);
  return true;
};

/** Checks a stored event against its type's codec: a projection is never handed an event its types do not describe. */
export const checkEvent = (event: RecordedEvent, codecs: ReadonlyMap<string, t.Mixed> = DESK_EVENT_CODECS): void => {
  const codec = codecs.get(event.type);
  if (matches(event, codec)) return;
  if (codec === undefined) throw new Error(`${event.type} is not an event type ${codecs === DESK_EVENT_CODECS ? 'of the desk' : 'the projection has a codec for'}`);
  const result = codec.decode({ type: event.type, data: event.data });
  if (!isLeft(result)) return;
  const reason = toIssues(result.left)
    .map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message))
    .join('; ');
  throw new Error(`${event.type} does not match its codec: ${reason}`);
};

/**
 * Pages already checked, by the codecs they were checked against: how many of a page's first events
 * match their codecs. The projections folding one page (the engine hands each the same array) check
 * it once, with one look-up per projection instead of one per event.
 */
const checkedPages = new WeakMap<ReadonlyMap<string, t.Mixed>, WeakMap<readonly RecordedEvent[], number>>();

/** How many of the first `events` match their type's codec in `codecs` (checked once per page and codecs). */
const checkedPrefix = (events: readonly RecordedEvent[], codecs: ReadonlyMap<string, t.Mixed>): number => {
  let pages = checkedPages.get(codecs);
  if (pages === undefined) checkedPages.set(codecs, (pages = new WeakMap()));
  let count = pages.get(events);
  if (count === undefined) {
    count = 0;
    while (count < events.length && matches(events[count] as RecordedEvent, codecs.get((events[count] as RecordedEvent).type))) count++;
    pages.set(events, count);
  }
  return count;
};

/**
 * Folds one event into the session: the handler of its type names the documents it touches, each of
 * which must belong to the event's province, and evolves them one at a time. The event's changes reach
 * the session only when every document evolved, so a throwing handler leaves the session as it was.
 * Throws `DocumentNotLoaded` when an asynchronous session lacks a document: load it and fold again.
 * With `storable`, each document evolved is serialised as its store would (`documentText`), so one
 * that cannot be stored throws here, against its event, instead of at the commit.
 */
export const foldEvent = <D>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any event type the projection handles
  projection: DocumentProjection<D, any>,
  session: DocumentSession<D>,
  event: RecordedEvent,
  checked = false,
  storable = false,
): void => {
  const handler = handlerOf(projection, event.type);
  if (handler === undefined) return;
  if (!checked) checkEvent(event, projection.codecs);
  const { tenantId } = event.metadata;
  // Nothing is staged while `touches` runs: it reads the session itself (an event that threw left nothing staged).
  session.beginStaging();
  const keys = handler.touches(event, session);
  if (keys.length === 1) {
    const key = keys[0] as string;
    if (!inProvince(key, tenantId)) throw outOfProvince(projection, key, tenantId);
    const next = handler.evolve(session.evolving(key), event, key, session);
    if (storable && next !== undefined) documentText(projection.name, key, next);
    session.evolved(next);
    return;
  }
  // Several documents: each evolve sees the keys evolved before it, the session sees none until all did.
  const reader = session.staged;
  for (const key of keys) {
    if (!inProvince(key, tenantId)) throw outOfProvince(projection, key, tenantId);
    const next = handler.evolve(session.evolving(key), event, key, reader);
    if (storable && next !== undefined) documentText(projection.name, key, next);
    session.stage(next);
  }
  session.commitStaging();
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any projection
const outOfProvince = (projection: DocumentProjection<any, any>, key: string, tenantId: string): Error =>
  new Error(`${projection.name}: key ${JSON.stringify(key)} is not a document of province ${tenantId}`);

/**
 * The outcome of folding a batch: the last position folded, and the provinces that failed in it, in
 * the order of their failing events (`failure` is the first of them).
 */
export interface FoldedBatch {
  readonly checkpoint: number;
  readonly failure?: ProvinceFailure;
  readonly failures?: readonly ProvinceFailure[];
}

const failureAt = (event: RecordedEvent, error: unknown): ProvinceFailure => ({
  globalPosition: event.metadata.globalPosition,
  streamId: event.metadata.streamId,
  streamVersion: event.metadata.streamVersion,
  eventType: event.type,
  message: errorMessage(error),
  tenantId: event.metadata.tenantId,
});

/**
 * The provinces a batch skips: those failed before it, and those failing in it (noted as they fail).
 * A province is a wall (docs/read-side.md, "A province that fails"): an event a handler throws on
 * stops its province's documents alone, the others' events are folded on.
 */
class Skipped {
  failures: ProvinceFailure[] | undefined;

  constructor(private readonly before: FailedProvinces) {}

  has(tenantId: string): boolean {
    return this.before.has(tenantId) || (this.failures !== undefined && this.failures.some((failure) => failure.tenantId === tenantId));
  }

  add(failure: ProvinceFailure): void {
    (this.failures ??= []).push(failure);
  }

  outcome(checkpoint: number): FoldedBatch {
    const { failures } = this;
    return failures === undefined ? { checkpoint } : { checkpoint, failure: failures[0] as ProvinceFailure, failures };
  }
}

/**
 * Folds events after `checkpoint` in order (a replayed event is skipped). An event a handler throws on
 * fails its province: the session keeps that province's documents as they were before it, and the
 * province's later events, like those of the provinces in `failed`, are skipped; every other event is
 * folded, and the checkpoint moves past them all. With `storable`, an event evolving a document that
 * cannot be stored fails the same way (`foldEvent`): what a fold does again after a commit refused
 * one (`DocumentNotStorable`). Synchronous: the session's loader must answer every key (memory, SQLite
 * inside its transaction).
 */
export const foldBatch = <D>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any event type the projection handles
  projection: DocumentProjection<D, any>,
  session: DocumentSession<D>,
  checkpoint: number,
  events: readonly RecordedEvent[],
  failed: FailedProvinces = NO_FAILED_PROVINCES,
  storable = false,
): FoldedBatch => {
  let position = checkpoint;
  const skipped = new Skipped(failed);
  const checked = checkedPrefix(events, projection.codecs ?? DESK_EVENT_CODECS);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as RecordedEvent;
    const { globalPosition, tenantId } = event.metadata;
    if (globalPosition <= position) continue;
    position = globalPosition;
    if (skipped.has(tenantId)) continue;
    try {
      foldEvent(projection, session, event, i < checked, storable);
    } catch (error) {
      if (error instanceof DocumentNotLoaded) throw error;
      skipped.add(failureAt(event, error));
    }
  }
  return skipped.outcome(position);
};

/**
 * `foldBatch` for a session over an asynchronous store: a document the session lacks is loaded with
 * `load` and the event is folded again.
 */
export const foldBatchAsync = async <D>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any event type the projection handles
  projection: DocumentProjection<D, any>,
  session: DocumentSession<D>,
  checkpoint: number,
  events: readonly RecordedEvent[],
  load: (keys: readonly string[]) => Promise<ReadonlyMap<string, unknown>>,
  failed: FailedProvinces = NO_FAILED_PROVINCES,
  storable = false,
): Promise<FoldedBatch> => {
  let position = checkpoint;
  const skipped = new Skipped(failed);
  const checked = checkedPrefix(events, projection.codecs ?? DESK_EVENT_CODECS);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as RecordedEvent;
    const { globalPosition, tenantId } = event.metadata;
    if (globalPosition <= position) continue;
    position = globalPosition;
    if (skipped.has(tenantId)) continue;
    for (;;) {
      try {
        foldEvent(projection, session, event, i < checked, storable);
        break;
      } catch (error) {
        if (!(error instanceof DocumentNotLoaded)) {
          skipped.add(failureAt(event, error));
          break;
        }
        const loaded = await load([error.key]);
        session.preload([[error.key, loaded.get(error.key)]]);
      }
    }
  }
  return skipped.outcome(position);
};
