import type { RecordedEvent } from '../../kernel/envelope.js';
import type { AnyProjection } from './document-projection.js';
import type { DocumentStore, ProjectionHeader, SyncDocumentStore } from './document-store.js';
import { DocumentNotStorable } from './document-text.js';
import { DocumentSession, foldBatch, foldBatchAsync, type FoldedBatch } from './fold.js';
import { failedProvincesOf, provinceFailureList, type FailedProvinces } from './province-failures.js';

/** Events read per step when an inline projection is behind the log (appends of another process). */
export const INLINE_PAGE = 1000;

/**
 * Whether an append folds a projection inline: yes when its live copy is of the projection's version
 * and running (failed provinces or not: their events are skipped, docs/read-side.md), or when there is
 * none yet (it is built from position 0, unless the engine is building it in its shadow copy: then the
 * folds skip it until the shadow is promoted). A copy of another version waits for its rebuild
 * (`ProjectionEngine.rebuild`), a copy stopped whole by an earlier version for `retry`: readers keep
 * seeing it as it was, and the append still succeeds.
 */
export const foldsInline = (projection: AnyProjection, header: ProjectionHeader | undefined): boolean =>
  header === undefined || (header.version === projection.version && header.status === 'running');

/** The log as an inline fold reads it: events after a position, in order, inside the append's transaction. */
export interface SyncLog {
  readonly readAfter: (position: number, limit: number) => readonly RecordedEvent[];
}

export interface AsyncLog {
  readonly readAfter: (position: number, limit: number) => Promise<readonly RecordedEvent[]>;
}

/** The commit of a folded page: its documents and checkpoint, and the copy's failed provinces when the page failed any. */
const commitOf = (projection: AnyProjection, folded: FoldedBatch, session: DocumentSession<unknown>, fresh: boolean, failed: FailedProvinces) => ({
  version: projection.version,
  checkpoint: folded.checkpoint,
  documents: session.take(),
  fresh,
  ...(folded.failures === undefined ? {} : { provinceFailures: provinceFailureList(failed) }),
});

/** The failed provinces after a page: those before it and those it failed. */
const withFailures = (failed: FailedProvinces, folded: FoldedBatch): FailedProvinces => {
  if (folded.failures === undefined) return failed;
  const next = new Map(failed);
  for (const failure of folded.failures) next.set(failure.tenantId, failure);
  return next;
};

/** Documents an inline fold keeps per projection between transactions (`KeptSessions`), unless told otherwise. */
export const KEPT_DOCUMENTS = 2048;

/**
 * The sessions of a store's inline folds, kept from one transaction to the next: a projection's
 * session holds the documents its last fold read and wrote, so a document that consecutive appends
 * touch (a unit's day, a day list's head, an officer's month) is read and parsed once, not at every
 * append. A session is used again only while the store says the copy stands as that fold left it
 * (`SyncDocumentStore.copyState`): after a transaction that rolled back, a commit of another
 * connection or a rebuild, the fold starts a new one (a province failing leaves the session as the
 * store has it). Each keeps at most about `keep` documents between transactions.
 */
export class KeptSessions {
  private readonly kept = new Map<string, { state: string | undefined; readonly reader: { store: SyncDocumentStore }; readonly session: DocumentSession<unknown> }>();

  constructor(private readonly keep = KEPT_DOCUMENTS) {}

  /** The session of `name` for a fold in the transaction of `store`: the kept one if the copy is as it left it. */
  sessionFor(name: string, store: SyncDocumentStore): DocumentSession<unknown> {
    const entry = this.kept.get(name);
    const state = store.copyState?.(name);
    if (entry !== undefined && state !== undefined && entry.state === state) {
      entry.reader.store = store;
      // Until this fold commits (`folded`), the session is ahead of the store: a fold that throws leaves it unusable.
      entry.state = undefined;
      return entry.session;
    }
    const reader = { store };
    const session = new DocumentSession<unknown>((key) => reader.store.get(name, key));
    this.kept.set(name, { state: undefined, reader, session });
    return session;
  }

  /** After the fold of `name` committed in the transaction of `store`: the state its session matches, and the session trimmed. */
  folded(name: string, store: SyncDocumentStore): void {
    const entry = this.kept.get(name);
    if (entry === undefined) return;
    entry.state = store.copyState?.(name);
    if (entry.state === undefined) this.kept.delete(name);
    else entry.session.trim(this.keep);
  }

  /** Forgets the session of `name` (the projection is not folded inline now). */
  forget(name: string): void {
    this.kept.delete(name);
  }
}

/**
 * Brings inline projections to the head of the log, inside the caller's transaction, on a store that
 * answers synchronously (SQLite on the append's connection). Each projection reads the events after
 * its own checkpoint (after an append, usually just the appended ones) and writes only the documents
 * they touch, so the cost of an append does not grow with history. A handler that throws fails the
 * event's province in that projection, in the same transaction (its later events are skipped, the
 * other provinces' folded), and so does one evolving a document that cannot be stored (the store
 * refuses the commit whole with `DocumentNotStorable`, and the page is folded again checking each
 * document); the append itself is never refused or undone for either, whichever province appends. With `kept`, the documents read and written stay in memory for the next transaction's
 * fold while the copy is unchanged (`KeptSessions`).
 */
export const foldInlineSync = (projections: readonly AnyProjection[], store: SyncDocumentStore, log: SyncLog, kept?: KeptSessions): void => {
  for (const projection of projections) {
    const { name } = projection;
    const header = store.header(name);
    if (!foldsInline(projection, header)) {
      kept?.forget(name);
      continue;
    }
    // With no live copy yet, a shadow is the engine building it from the log: not in this transaction.
    if (header === undefined && store.header(name, 'shadow') !== undefined) continue;
    let session = kept?.sessionFor(name, store) ?? new DocumentSession<unknown>((key) => store.get(name, key));
    let checkpoint = header?.checkpoint ?? 0;
    let fresh = header === undefined;
    let failed = failedProvincesOf(header?.provinceFailures);
    for (;;) {
      const events = log.readAfter(checkpoint, INLINE_PAGE);
      if (events.length === 0) break;
      let folded = foldBatch(projection, session, checkpoint, events, failed);
      try {
        store.commit(name, commitOf(projection, folded, session, fresh, withFailures(failed, folded)));
      } catch (error) {
        if (!(error instanceof DocumentNotStorable)) throw error;
        // The commit changed nothing: the page is folded again from the store, each document checked as
        // it is evolved, so the event that gave it fails its province alone (`foldBatch`).
        kept?.forget(name);
        session = new DocumentSession<unknown>((key) => store.get(name, key));
        folded = foldBatch(projection, session, checkpoint, events, failed, true);
        store.commit(name, commitOf(projection, folded, session, fresh, withFailures(failed, folded)));
      }
      failed = withFailures(failed, folded);
      fresh = false;
      checkpoint = folded.checkpoint;
      if (events.length < INLINE_PAGE) break;
      // More pages follow (a long catch-up, at open): keep only the next page's documents in memory.
      session.trim(0);
    }
    // A failing event left the session as the store has it: the failed province's documents as before it.
    kept?.folded(name, store);
  }
};

/** `foldInlineSync` for a store that answers asynchronously inside its transaction (PostgreSQL). */
export const foldInlineAsync = async (
  projections: readonly AnyProjection[],
  store: Pick<DocumentStore, 'header' | 'getMany' | 'commit'>,
  log: AsyncLog,
): Promise<void> => {
  for (const projection of projections) {
    const header = await store.header(projection.name);
    if (!foldsInline(projection, header)) continue;
    if (header === undefined && (await store.header(projection.name, 'shadow')) !== undefined) continue;
    let session = new DocumentSession<unknown>();
    const load = (keys: readonly string[]) => store.getMany(projection.name, keys);
    let checkpoint = header?.checkpoint ?? 0;
    let fresh = header === undefined;
    let failed = failedProvincesOf(header?.provinceFailures);
    for (;;) {
      const events = await log.readAfter(checkpoint, INLINE_PAGE);
      if (events.length === 0) break;
      let folded = await foldBatchAsync(projection, session, checkpoint, events, load, failed);
      try {
        await store.commit(projection.name, commitOf(projection, folded, session, fresh, withFailures(failed, folded)));
      } catch (error) {
        if (!(error instanceof DocumentNotStorable)) throw error;
        // As in `foldInlineSync`: the page again from the store, each document checked.
        session = new DocumentSession<unknown>();
        folded = await foldBatchAsync(projection, session, checkpoint, events, load, failed, true);
        await store.commit(projection.name, commitOf(projection, folded, session, fresh, withFailures(failed, folded)));
      }
      failed = withFailures(failed, folded);
      fresh = false;
      checkpoint = folded.checkpoint;
      if (events.length < INLINE_PAGE) break;
      // More pages follow (a long catch-up, at open): keep only the next page's documents in memory.
      session.trim(0);
    }
  }
};
