import type { RecordedEvent } from '../packages/core/src/kernel/envelope.js';
import type { AnyProjection } from '../packages/core/src/read-side/engine/document-projection.js';
import { DocumentSession, foldBatch } from '../packages/core/src/read-side/engine/fold.js';

/**
 * Folds pages of the log, in order, into `projection` in memory with no store, every document kept,
 * its changes taken after each page as a build takes them: the fold alone, what any build of the
 * projection does before it writes or reads a document. Throws on a handler's failure.
 */
export const foldPages = (projection: AnyProjection, pages: readonly (readonly RecordedEvent[])[]): DocumentSession<unknown> => {
  const session = new DocumentSession<unknown>(() => undefined);
  let checkpoint = 0;
  for (const page of pages) {
    const folded = foldBatch(projection, session, checkpoint, page);
    if (folded.failure !== undefined) throw new Error(`${projection.name}: ${folded.failure.message}`);
    checkpoint = folded.checkpoint;
    session.take();
  }
  return session;
};
