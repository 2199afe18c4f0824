import type { RecordedEvent } from '../kernel/envelope.js';
import type { DocumentProjection } from './engine/document-projection.js';
import { documentQuery, type DocumentQuery } from './engine/document-store.js';
import { DocumentSession, foldBatch } from './engine/fold.js';
import { InMemoryDocumentStore } from './engine/in-memory-document-store.js';
import type { Explanation } from './explain/explanation.js';
import { resolveExplanation, type KeyPage, type ReadModel } from './read-model.js';
import { eventRef, type EventRefResolver } from './vocabulary/event-ref.js';

/** Folds `events` into a fresh in-memory store; throws if a handler fails. */
export const foldIntoStore = <D>(projection: DocumentProjection<D>, events: readonly RecordedEvent[], store = new InMemoryDocumentStore()) => {
  const header = store.sync.header(projection.name);
  const session = new DocumentSession<D>((key) => store.sync.get(projection.name, key));
  const folded = foldBatch(projection, session, header?.checkpoint ?? 0, events);
  if (folded.failure !== undefined) throw new Error(`${projection.name} failed at ${folded.failure.globalPosition}: ${folded.failure.message}`);
  store.sync.commit(projection.name, { version: projection.version, checkpoint: folded.checkpoint, documents: session.take(), fresh: header === undefined });
  return store;
};

/** Resolves positions against the events given (what a test folded). */
export const resolverOver =
  (events: readonly RecordedEvent[]): EventRefResolver =>
  (positions) => {
    const byPosition = new Map(events.map((event) => [event.metadata.globalPosition, event]));
    return Promise.resolve(
      [...new Set(positions)]
        .sort((a, b) => a - b)
        .map((position) => {
          const event = byPosition.get(position);
          if (event === undefined) throw new Error(`no event at global position ${position}`);
          return eventRef(event);
        }),
    );
  };

/** A read model over `events`, folded in memory: its documents, every figure key, and explanations with their references. */
export const readModelOver = <D>(readModel: ReadModel<D>, events: readonly RecordedEvent[]) => {
  const store = foldIntoStore(readModel.projection, events);
  const documents: DocumentQuery<D> = documentQuery<D>(store, readModel.projection.name);
  const resolve = resolverOver(events);
  return {
    store,
    documents,
    /** Every figure key starting with `prefix`, reading pages of `pageSize`. */
    keys: async (prefix: string, pageSize = 100): Promise<string[]> => {
      const keys: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page: KeyPage = await readModel.keys(documents, { prefix, limit: pageSize, ...(after === undefined ? {} : { after }) });
        keys.push(...page.keys);
        if (page.next === undefined) return keys;
        after = page.next;
      }
    },
    explain: async (key: string): Promise<Explanation | undefined> => {
      const figure = await readModel.explain(documents, key);
      return figure === undefined ? undefined : resolveExplanation(figure, resolve);
    },
  };
};
