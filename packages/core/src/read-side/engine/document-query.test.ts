import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentQuery } from './document-store.js';
import { InMemoryDocumentStore } from './in-memory-document-store.js';

const NAME = 'p';
const key = fc.constantFrom('tn/a', 'tn/b', 'tn/c', 'tn/d', 'tn/e');

/** A store holding `documents`, counting the `getMany` calls made on it. */
const storeWith = async (documents: ReadonlyMap<string, number>) => {
  const store = new InMemoryDocumentStore();
  await store.commit(NAME, { version: 1, checkpoint: 1, documents });
  const reads: string[][] = [];
  const getMany = store.getMany.bind(store);
  store.getMany = (name, keys, slot) => {
    reads.push([...keys]);
    return getMany(name, keys, slot);
  };
  return { store, reads };
};

describe('documentQuery', () => {
  it('answers each get with the document of its key, and reads the gets of one turn with one getMany', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, fc.integer()), fc.array(fc.array(key, { maxLength: 6 }), { maxLength: 4 }), async (held, turns) => {
        const documents = new Map(Object.entries(held));
        const { store, reads } = await storeWith(documents);
        const query = documentQuery<number>(store, NAME);
        for (const keys of turns) {
          expect(await Promise.all(keys.map((k) => query.get(k)))).toEqual(keys.map((k) => documents.get(k)));
        }
        // One read per turn that asked for anything, holding exactly that turn's keys.
        expect(reads).toEqual(turns.filter((keys) => keys.length > 0));
      }),
    );
  });

  it('fails every get of a read that failed, and reads again afterwards', async () => {
    const { store } = await storeWith(new Map([['tn/a', 1]]));
    const getMany = store.getMany.bind(store);
    store.getMany = () => Promise.reject(new Error('disk gone'));
    const query = documentQuery<number>(store, NAME);
    const outcomes = await Promise.allSettled([query.get('tn/a'), query.get('tn/b')]);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).message : 'answered'))).toEqual(['disk gone', 'disk gone']);
    store.getMany = getMany;
    expect(await query.get('tn/a')).toBe(1);
  });
});
