import type { ProjectionFailure, ProvinceFailure } from './province-failures.js';

/** The copy readers use (`live`), or the one a rebuild fills until it replaces the live copy (`shadow`). */
export type ProjectionSlot = 'live' | 'shadow';

/** What a store keeps about one copy of a projection besides its documents. */
export interface ProjectionHeader {
  readonly version: number;
  /** Global position of the last event folded into the documents; 0 before any. */
  readonly checkpoint: number;
  /**
   * `failed`: the whole copy stopped at `failure`. Only a copy stored by a version that stopped a
   * projection for every province is so (docs/read-side.md, "A province that fails"); a failure now
   * stops its province alone and is in `provinceFailures`.
   */
  readonly status: 'running' | 'failed';
  readonly failure?: ProjectionFailure;
  /** The provinces whose documents stopped at an event they could not fold, one each, in province order; absent when none. */
  readonly provinceFailures?: readonly ProvinceFailure[];
}

/**
 * What one commit writes, in one transaction: changed documents (`undefined` deletes), the checkpoint
 * and, when given, the copy's failed provinces, so a province's failure and the checkpoint that moved
 * past its failing event are stored together or not at all.
 */
export interface DocumentCommit {
  readonly version: number;
  readonly checkpoint: number;
  readonly documents: ReadonlyMap<string, unknown>;
  /** The copy starts over: every document it held before is dropped first, and its failed provinces. */
  readonly fresh?: boolean;
  /** Every failed province of the copy after this commit (replacing those stored); absent: unchanged. */
  readonly provinceFailures?: readonly ProvinceFailure[];
}

/** A page of documents in key order; `next` is the key to pass as `after` for the following page. */
export interface DocumentPage<D = unknown> {
  readonly documents: readonly (readonly [key: string, document: D])[];
  readonly next?: string;
}

export interface ListQuery {
  /** Only keys starting with it; a reader's prefix always begins with its province (`<tenantId>/`). */
  readonly prefix: string;
  /** Only keys after it (exclusive), for the next page. */
  readonly after?: string;
  readonly limit: number;
}

/**
 * Where projections keep their documents and checkpoints: rows keyed by (projection, slot, key).
 * Each method is atomic; `commit` writes documents and checkpoint together, so after a crash a
 * projection resumes exactly after the last event whose effect is stored. Reads (`get`, `getMany`,
 * `list`) take the slot too; `live` is the default everywhere.
 */
export interface DocumentStore {
  header(name: string, slot?: ProjectionSlot): Promise<ProjectionHeader | undefined>;
  /** The documents stored under `keys`; a key with none is absent from the map. */
  getMany(name: string, keys: readonly string[], slot?: ProjectionSlot): Promise<ReadonlyMap<string, unknown>>;
  list(name: string, query: ListQuery, slot?: ProjectionSlot): Promise<DocumentPage>;
  /**
   * Writes the documents, the checkpoint and the failed provinces given together, and sets the status
   * to `running`. Each document is written as `documentText` gives it: one that is not JSON makes the
   * commit throw `DocumentNotStorable` and change nothing.
   */
  commit(name: string, commit: DocumentCommit, slot?: ProjectionSlot): Promise<void>;
  /** Atomically makes the shadow copy, with its failed provinces, the live one (the old live copy is dropped). Throws without a shadow. */
  promoteShadow(name: string): Promise<void>;
  /** Drops a copy and its documents. */
  drop(name: string, slot: ProjectionSlot): Promise<void>;
  /** Names of the projections with a live copy. */
  names(): Promise<readonly string[]>;
  /**
   * Reads of one document at once, for a store that can answer without waiting (SQLite, memory): the
   * engine then reads a document it does not hold when a handler asks for it, instead of naming the
   * documents of a page up front and reading them with `getMany`.
   */
  readonly sync?: Pick<SyncDocumentStore, 'get'>;
  /**
   * A scratch area for a copy built from position 0 (a shadow at checkpoint 0), for a store that can
   * answer it without waiting: the build writes its documents there without durability, as often as
   * its cache needs, and `finish` moves them into the copy in one durable commit. Optional: without
   * it a build commits its documents to the copy like any other copy.
   */
  readonly startBuild?: (name: string, slot: ProjectionSlot) => DocumentBuild;
}

/**
 * The documents of a copy being built from position 0, written where no reader sees them and nothing
 * is made durable, in the order the build wants (`DocumentStore.startBuild`). A crash loses them: the
 * copy stays as it was (at checkpoint 0) and its build starts over. `write` and `get` answer at once.
 */
export interface DocumentBuild {
  /**
   * Writes documents of the build (`undefined` deletes), replacing earlier writes of the same keys. A
   * write that throws may have written some of its documents: each reads as before or after it, and
   * writing the same documents again (or discarding the build) is what follows.
   */
  write(documents: ReadonlyMap<string, unknown>): void;
  /** A document written so far (undefined: none). */
  get(key: string): unknown;
  /**
   * Replaces the copy's documents with every document written, with the version, checkpoint and
   * failed provinces, in one durable commit (as `DocumentStore.commit` with `fresh`), and ends the build.
   */
  finish(commit: { readonly version: number; readonly checkpoint: number; readonly provinceFailures?: readonly ProvinceFailure[] }): Promise<void>;
  /** Drops what was written and ends the build. */
  discard(): void;
}

/** The same port without promises: for a store that commits inside its own append transaction (SQLite). */
export interface SyncDocumentStore {
  header(name: string, slot?: ProjectionSlot): ProjectionHeader | undefined;
  get(name: string, key: string, slot?: ProjectionSlot): unknown;
  commit(name: string, commit: DocumentCommit, slot?: ProjectionSlot): void;
  /**
   * What the live copy of `name` stands at, for a store that can tell (inline folds keep their
   * documents in memory while it stays the same: `KeptSessions`): the same value in a later
   * transaction means the copy is as it was when the value was read, with no change since by this
   * connection or any other and none rolled back. Undefined: no live copy, or the store cannot tell.
   */
  copyState?(name: string): string | undefined;
}

/** A read model's view of its projection's live documents. */
export interface DocumentQuery<D> {
  readonly get: (key: string) => Promise<D | undefined>;
  readonly list: (query: ListQuery) => Promise<DocumentPage<D>>;
}

/**
 * The live documents of `name` in `store`, as a read model queries them. The gets asked for in the
 * same turn (a read model's `Promise.all` over the dossiers of a figure) are read together, with one
 * `getMany` of their distinct keys, instead of one store round trip each; a get alone waits a
 * microtask for company. If that read fails, each of its gets fails with its error.
 */
export const documentQuery = <D>(store: DocumentStore, name: string): DocumentQuery<D> => {
  let pending: { readonly keys: string[]; readonly read: Promise<ReadonlyMap<string, unknown>> } | undefined;
  const batch = () => {
    const keys: string[] = [];
    const read = Promise.resolve().then(() => {
      pending = undefined;
      return store.getMany(name, keys);
    });
    return { keys, read };
  };
  return {
    get: async (key) => {
      const joined = (pending ??= batch());
      joined.keys.push(key);
      return (await joined.read).get(key) as D | undefined;
    },
    list: (query) => store.list(name, query) as Promise<DocumentPage<D>>,
  };
};
