import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { DocumentProjection } from '../../engine/document-projection.js';
import { DocumentSession, foldBatchAsync } from '../../engine/fold.js';
import { InMemoryDocumentStore } from '../../engine/in-memory-document-store.js';
import type { ReadModel } from '../../read-model.js';
import { foldIntoStore, readModelOver } from '../../read-model.testkit.js';

/** Every document of `name` under `prefix`, by key. */
export const documentsUnder = async (store: InMemoryDocumentStore, name: string, prefix: string): Promise<Record<string, unknown>> => {
  const page = await store.list(name, { prefix, limit: Number.MAX_SAFE_INTEGER });
  return Object.fromEntries(page.documents);
};

/** Folds `events` in batches cut at `cuts` (positions into the list), each committed to the store before the next. */
export const foldInBatches = <D>(projection: DocumentProjection<D>, events: readonly RecordedEvent[], cuts: readonly number[]): InMemoryDocumentStore => {
  const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
  const store = new InMemoryDocumentStore();
  let from = 0;
  for (const to of [...points, events.length]) {
    foldIntoStore(projection, events.slice(from, to), store);
    from = to;
  }
  return store;
};

/** Every figure of a read model under `prefix`: value, label, and its events named by stream and version. */
export const figuresOver = async <D>(readModel: ReadModel<D>, events: readonly RecordedEvent[], prefix: string): Promise<Record<string, unknown>> => {
  const over = readModelOver(readModel, events);
  const figures: Record<string, unknown> = {};
  for (const key of await over.keys(prefix)) {
    const explained = await over.explain(key);
    figures[key] = explained === undefined ? undefined : { value: explained.value, label: explained.label, events: explained.contributions.map((ref) => `${ref.streamId}#${ref.streamVersion}`).sort() };
  }
  return figures;
};

/**
 * Folds `events` as an asynchronous worker does: batches cut at `cuts`, each in a session that loads
 * the documents it lacks from the store (`foldBatchAsync`), committed with the checkpoint.
 */
export const foldAsyncInBatches = async <D>(projection: DocumentProjection<D>, events: readonly RecordedEvent[], cuts: readonly number[]): Promise<InMemoryDocumentStore> => {
  const points = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
  const store = new InMemoryDocumentStore();
  let from = 0;
  for (const to of [...points, events.length]) {
    const header = await store.header(projection.name);
    const session = new DocumentSession<D>();
    const folded = await foldBatchAsync(projection, session, header?.checkpoint ?? 0, events.slice(from, to), (keys) => store.getMany(projection.name, keys));
    if (folded.failure !== undefined) throw new Error(folded.failure.message);
    await store.commit(projection.name, { version: projection.version, checkpoint: folded.checkpoint, documents: session.take(), fresh: header === undefined });
    from = to;
  }
  return store;
};
