import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { DocumentSession, foldBatchAsync } from '../../engine/fold.js';
import { InMemoryDocumentStore } from '../../engine/in-memory-document-store.js';
import { reAddProblems } from '../../explain/re-add.js';
import { foldIntoStore, readModelOver } from '../../read-model.testkit.js';
import type { ReadModel } from '../../read-model.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import { byStream, interleave, mergeLogs, inProvince, OTHER_PROVINCE } from './conduct.testkit.js';

/** Every document of a projection under `prefix`, by key. */
export const documentsOf = async (store: InMemoryDocumentStore, name: string, prefix = ''): Promise<Record<string, unknown>> => {
  const page = await store.list(name, { prefix, limit: Number.MAX_SAFE_INTEGER });
  return Object.fromEntries(page.documents);
};

/** `events` cut at `cuts` (positions in the list), in order. */
const chunks = (events: readonly RecordedEvent[], cuts: readonly number[]): RecordedEvent[][] => {
  const bounds = [...new Set(cuts)].sort((a, b) => a - b);
  const result: RecordedEvent[][] = [];
  let from = 0;
  for (const cut of [...bounds, events.length]) {
    result.push(events.slice(from, Math.max(from, cut)));
    from = Math.max(from, cut);
  }
  return result;
};

/** Folds chunk by chunk the way an asynchronous worker does: documents loaded from the store on demand, a commit per chunk. */
const foldAsync = async <D>(readModel: ReadModel<D>, parts: readonly (readonly RecordedEvent[])[]): Promise<InMemoryDocumentStore> => {
  const { projection } = readModel;
  const store = new InMemoryDocumentStore();
  let checkpoint = 0;
  let fresh = true;
  for (const part of parts) {
    const session = new DocumentSession<D>();
    const folded = await foldBatchAsync(projection, session, checkpoint, part, (keys) => store.getMany(projection.name, keys));
    if (folded.failure !== undefined) throw new Error(folded.failure.message);
    await store.commit(projection.name, { version: projection.version, checkpoint: folded.checkpoint, documents: session.take(), fresh });
    fresh = false;
    checkpoint = folded.checkpoint;
  }
  return store;
};

/** A read model's figures without positions, which differ between interleavings of the same streams. */
export const figures = async <D>(readModel: ReadModel<D>, events: readonly RecordedEvent[], prefix: string) => {
  const over = readModelOver(readModel, events);
  const result: Record<string, unknown> = {};
  for (const key of await over.keys(prefix)) {
    const e = await over.explain(key);
    if (e === undefined) throw new Error(`${key} is listed but not explained`);
    const contributions = e.contributions.map((ref) => `${ref.streamId}#${ref.streamVersion}`).sort();
    result[key] = { value: e.value, label: e.label, contributions, rules: [...e.ruleSetVersions].sort() };
  }
  return result;
};

/**
 * The laws every conduct read model obeys over a log made by the real deciders: rebuilding equals
 * folding in any split of batches through a store (synchronously and asynchronously), any page size
 * lists the same keys in key order, a province's documents do not change with another's events, the
 * interleaving of unrelated streams changes no figure, every figure explains and re-adds, and the
 * query answers what the explanation does (`figureOf`).
 */
export const readModelLaws = <D>(
  readModel: ReadModel<D>,
  log: () => readonly RecordedEvent[],
  figureOf?: (documents: DocumentQuery<D>, key: string) => Promise<number | null>,
): void => {
  const tenant = () => log()[0]!.metadata.tenantId;

  it('rebuild equals incremental: any split of batches through a store round trip, synchronous or asynchronous', async () => {
    const events = log();
    const { name } = readModel.projection;
    const whole = await documentsOf(foldIntoStore(readModel.projection, events), name);
    expect(Object.keys(whole).length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: events.length }), { maxLength: 8 }), async (cuts) => {
        const store = new InMemoryDocumentStore();
        for (const part of chunks(events, cuts)) foldIntoStore(readModel.projection, part, store);
        expect(await documentsOf(store, name)).toEqual(whole);
        expect(await documentsOf(await foldAsync(readModel, chunks(events, cuts)), name)).toEqual(whole);
      }),
      { numRuns: 8 },
    );
  });

  it('lists the same keys, in key order, at any page size, and for any prefix the keys starting with it', async () => {
    const over = readModelOver(readModel, log());
    const all = await over.keys(`${tenant()}/`, 10_000);
    expect(all.length).toBeGreaterThan(0);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.nat({ max: all.length - 1 }), fc.nat({ max: 60 }), async (pageSize, pick, cut) => {
        expect(await over.keys(`${tenant()}/`, pageSize)).toEqual(all);
        const prefix = all[pick]!.slice(0, Math.max(tenant().length + 1, all[pick]!.length - cut));
        expect(await over.keys(prefix, pageSize)).toEqual(all.filter((key) => key.startsWith(prefix)));
      }),
      { numRuns: 25 },
    );
  });

  it("changes no document of a province because of another province's events, in any interleaving", async () => {
    const first = log();
    const second = first.map((event) => inProvince(event, OTHER_PROVINCE));
    const { name } = readModel.projection;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 200 }), async (picks) => {
        const merged = mergeLogs(first, second, picks);
        const both = foldIntoStore(readModel.projection, merged);
        for (const province of [tenant(), OTHER_PROVINCE]) {
          const alone = foldIntoStore(readModel.projection, merged.filter((event) => event.metadata.tenantId === province));
          expect(await documentsOf(both, name, documentPrefix(province))).toEqual(await documentsOf(alone, name, documentPrefix(province)));
        }
      }),
      { numRuns: 8 },
    );
  });

  it('gives each of two provinces using the same codes exactly the figures it gets alone', async () => {
    const first = log();
    const second = first.map((event) => inProvince(event, OTHER_PROVINCE));
    const merged = mergeLogs(first, second, [0, 1, 1, 0, 1]);
    expect(await figures(readModel, merged, `${tenant()}/`)).toEqual(await figures(readModel, first, `${tenant()}/`));
    expect(await figures(readModel, merged, `${OTHER_PROVINCE}/`)).toEqual(await figures(readModel, second, `${OTHER_PROVINCE}/`));
  });

  it('gives the same figures for any interleaving of unrelated streams', async () => {
    const streams = byStream(log());
    const reference = await figures(readModel, log(), `${tenant()}/`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), async (picks) => {
        expect(await figures(readModel, await interleave(streams, picks), `${tenant()}/`)).toEqual(reference);
      }),
      { numRuns: 10 },
    );
  });

  it('explains every figure with arithmetic that re-adds, events in strictly increasing order, and the value its query gives', async () => {
    const over = readModelOver(readModel, log());
    const keys = await over.keys(`${tenant()}/`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const explanation = await over.explain(key);
      expect(explanation, key).toBeDefined();
      expect(reAddProblems(explanation!), key).toEqual([]);
      expect(explanation!.ruleSetVersions.length, key).toBeGreaterThan(0);
      if (figureOf !== undefined) expect(await figureOf(over.documents, key), key).toEqual(explanation!.value);
    }
  });
};
