import type { RecordedEvent } from '../../kernel/envelope.js';
import type { AnyProjection } from './document-projection.js';
import type { DocumentStore, ProjectionHeader, SyncDocumentStore } from './document-store.js';
import { DocumentSession, foldBatch, foldBatchAsync, type FoldedBatch } from './fold.js';

/** Events read per step when an inline projection is behind the log (appends of another process). */
export const INLINE_PAGE = 1000;

/**
 * Whether an append folds a projection inline: yes when its live copy is of the projection's version
 * and running, or when there is none yet (it is built from position 0, unless the engine is building
 * it in its shadow copy: then the folds skip it until the shadow is promoted). A copy of another version
 * waits for its rebuild (`ProjectionEngine.rebuild`), a failed one for `retry`: readers keep seeing
 * it as it was, and the append still succeeds.
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

const commitOf = (projection: AnyProjection, folded: FoldedBatch, session: DocumentSession<unknown>, fresh: boolean) => ({
  version: projection.version,
  checkpoint: folded.checkpoint,
  documents: session.take(),
  fresh,
});

/**
 * Brings inline projections to the head of the log, inside the caller's transaction, on a store that
 * answers synchronously (SQLite on the append's connection). Each projection reads the events after
 * its own checkpoint (after an append, usually just the appended ones) and writes only the documents
 * they touch, so the cost of an append does not grow with history. A handler that throws marks its
 * projection failed in the same transaction; the append itself is not undone.
 */
export const foldInlineSync = (projections: readonly AnyProjection[], store: SyncDocumentStore, log: SyncLog): void => {
  for (const projection of projections) {
    const header = store.header(projection.name);
    if (!foldsInline(projection, header)) continue;
    // With no live copy yet, a shadow is the engine building it from the log: not in this transaction.
    if (header === undefined && store.header(projection.name, 'shadow') !== undefined) continue;
    const session = new DocumentSession<unknown>((key) => store.get(projection.name, key));
    let checkpoint = header?.checkpoint ?? 0;
    let fresh = header === undefined;
    for (;;) {
      const events = log.readAfter(checkpoint, INLINE_PAGE);
      if (events.length === 0) break;
      const folded = foldBatch(projection, session, checkpoint, events);
      store.commit(projection.name, commitOf(projection, folded, session, fresh));
      fresh = false;
      if (folded.failure !== undefined) {
        store.recordFailure(projection.name, folded.failure);
        break;
      }
      checkpoint = folded.checkpoint;
      if (events.length < INLINE_PAGE) break;
      // More pages follow (a long catch-up, at open): keep only the next page's documents in memory.
      session.trim(0);
    }
  }
};

/** `foldInlineSync` for a store that answers asynchronously inside its transaction (PostgreSQL). */
export const foldInlineAsync = async (
  projections: readonly AnyProjection[],
  store: Pick<DocumentStore, 'header' | 'getMany' | 'commit' | 'recordFailure'>,
  log: AsyncLog,
): Promise<void> => {
  for (const projection of projections) {
    const header = await store.header(projection.name);
    if (!foldsInline(projection, header)) continue;
    if (header === undefined && (await store.header(projection.name, 'shadow')) !== undefined) continue;
    const session = new DocumentSession<unknown>();
    const load = (keys: readonly string[]) => store.getMany(projection.name, keys);
    let checkpoint = header?.checkpoint ?? 0;
    let fresh = header === undefined;
    for (;;) {
      const events = await log.readAfter(checkpoint, INLINE_PAGE);
      if (events.length === 0) break;
      const folded = await foldBatchAsync(projection, session, checkpoint, events, load);
      await store.commit(projection.name, commitOf(projection, folded, session, fresh));
      fresh = false;
      if (folded.failure !== undefined) {
        await store.recordFailure(projection.name, folded.failure);
        break;
      }
      checkpoint = folded.checkpoint;
      if (events.length < INLINE_PAGE) break;
      // More pages follow (a long catch-up, at open): keep only the next page's documents in memory.
      session.trim(0);
    }
  }
};
