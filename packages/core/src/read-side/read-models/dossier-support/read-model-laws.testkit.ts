import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { DocumentProjection } from '../../engine/document-projection.js';
import { DocumentSession, foldBatchAsync } from '../../engine/fold.js';
import { InMemoryDocumentStore } from '../../engine/in-memory-document-store.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { reAddProblems } from '../../explain/re-add.js';
import type { ReadModel } from '../../read-model.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import { inOtherProvince, interleave, mergeLogs, OTHER_PROVINCE, record, TENANT, world, worldOf as dossierWorldOf, type DossierScenario, type Stream } from './dossier-events.testkit.js';
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

/**
 * The laws every dossier read model keeps, over generated worlds: rebuild equals incremental (sync and
 * async), any page size lists the same keys (under each of `keyTails` after the province), provinces
 * never touch each other's documents, any interleaving gives the same figures, and every explanation
 * re-adds to its figure, which is what `queried` (the read model's query for the figure key) answers.
 * `options.also` adds streams to every generated world (e.g. unit mergers, for lineage figures).
 */
export const dossierReadModelLaws = <D>(
  title: string,
  readModel: ReadModel<D>,
  keyTails: readonly string[],
  queried: (documents: DocumentQuery<D>, key: string) => Promise<unknown>,
  options: { readonly also?: (dossiers: readonly DossierScenario[]) => Stream[] } = {},
): void => {
  const { name } = readModel.projection;
  const worldOf = (dossiers: readonly DossierScenario[], feedback?: Parameters<typeof dossierWorldOf>[1]): Stream[] => [...dossierWorldOf(dossiers, feedback), ...(options.also?.(dossiers) ?? [])];
  describe(`${title}: laws`, () => {
    it('folding in any batches, through the store between them, gives the documents folding all at once gives', async () => {
      await fc.assert(
        fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 6 }), async ({ dossiers, feedback, picks }, cuts) => {
          const streams = worldOf(dossiers, feedback);
          const events = record(streams, interleave(streams, picks));
          const whole = await documentsUnder(foldIntoStore(readModel.projection, events), name, `${TENANT}/`);
          expect(await documentsUnder(foldInBatches(readModel.projection, events, cuts), name, `${TENANT}/`)).toEqual(whole);
        }),
        { numRuns: 40 },
      );
    });

    it('folding asynchronously, loading what a batch lacks from the store, gives the documents folding inline gives', async () => {
      await fc.assert(
        fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 6 }), async ({ dossiers, picks }, cuts) => {
          const streams = worldOf(dossiers);
          const events = record(streams, interleave(streams, picks));
          const inline = await documentsUnder(foldIntoStore(readModel.projection, events), name, `${TENANT}/`);
          expect(await documentsUnder(await foldAsyncInBatches(readModel.projection, events, cuts), name, `${TENANT}/`)).toEqual(inline);
        }),
        { numRuns: 30 },
      );
    });

    it('any page size lists the same keys, in key order', async () => {
      await fc.assert(
        fc.asyncProperty(world, fc.integer({ min: 1, max: 25 }), fc.constantFrom(...keyTails), async ({ dossiers, picks }, pageSize, tail) => {
          const streams = worldOf(dossiers);
          const over = readModelOver(readModel, record(streams, interleave(streams, picks)));
          const prefix = `${TENANT}/${tail}`;
          const all = await over.keys(prefix, 100_000);
          expect(all).toEqual([...all].sort());
          expect(all.every((key) => key.startsWith(prefix))).toBe(true);
          expect(await over.keys(prefix, pageSize)).toEqual(all);
        }),
        { numRuns: 40 },
      );
    });

    it("two provinces' events interleaved change no document of either because of the other", async () => {
      await fc.assert(
        fc.asyncProperty(world, world, fc.array(fc.nat(), { maxLength: 400 }), async (first, second, mix) => {
          const here = worldOf(first.dossiers);
          const there = inOtherProvince(worldOf(second.dossiers));
          const ours = record(here, interleave(here, first.picks));
          const theirs = record(there, interleave(there, second.picks), OTHER_PROVINCE);
          const log = mergeLogs(ours, theirs, mix);
          const merged = foldIntoStore(readModel.projection, log);
          for (const tenantId of [TENANT, OTHER_PROVINCE]) {
            // The province's own events, at the positions the merged log gave them
            const alone = foldIntoStore(readModel.projection, log.filter((event) => event.metadata.tenantId === tenantId));
            const prefix = documentPrefix(tenantId);
            expect(await documentsUnder(merged, name, prefix)).toEqual(await documentsUnder(alone, name, prefix));
          }
        }),
        { numRuns: 20 },
      );
    });

    it('any interleaving of the streams gives the same figures, each explained by the same events', async () => {
      await fc.assert(
        fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 400 }), async ({ dossiers, picks }, otherPicks) => {
          const streams = worldOf(dossiers);
          const one = await figuresOver(readModel, record(streams, interleave(streams, picks)), `${TENANT}/`);
          expect(await figuresOver(readModel, record(streams, interleave(streams, otherPicks)), `${TENANT}/`)).toEqual(one);
        }),
        { numRuns: 20 },
      );
    });

    it('every explanation re-adds to its figure, which is what the query answers', async () => {
      await fc.assert(
        fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
          const streams = worldOf(dossiers, feedback);
          const over = readModelOver(readModel, record(streams, interleave(streams, picks)));
          for (const key of await over.keys(`${TENANT}/`)) {
            const explained = await over.explain(key);
            expect(explained, key).toBeDefined();
            expect(reAddProblems(explained!), key).toEqual([]);
            if (explained!.value === null) expect(explained!.notMeasured, key).toBeTruthy();
            expect(await queried(over.documents, key), key).toBe(explained!.value);
          }
        }),
        { numRuns: 30 },
      );
    });
  });
};
