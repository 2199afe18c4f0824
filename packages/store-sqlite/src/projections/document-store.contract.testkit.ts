// The behaviour every `DocumentStore` shares, written against the port alone so any store can run it:
// `describeDocumentStore('sqlite', async () => ({ store, close }))`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DocumentStore, ProvinceFailure } from '@motcua/core';

export interface OpenedDocumentStore {
  readonly store: DocumentStore;
  readonly close: () => Promise<void>;
}

const failure: ProvinceFailure = { globalPosition: 7, streamId: 'dossier-tn:D-1', streamVersion: 2, eventType: 'ResultReturned', message: 'no', tenantId: 'tn' };
const otherFailure: ProvinceFailure = { globalPosition: 9, streamId: 'dossier-hn:D-2', streamVersion: 1, eventType: 'DossierReceived', message: 'bad', tenantId: 'hn' };

/** Every key of `name` starting with `prefix`, read a page of `limit` at a time. */
export const listAll = async (store: DocumentStore, name: string, prefix: string, limit: number, slot: 'live' | 'shadow' = 'live') => {
  const documents: (readonly [string, unknown])[] = [];
  let after: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > 10_000) throw new Error('paging does not end');
    const page = await store.list(name, { prefix, limit, ...(after === undefined ? {} : { after }) }, slot);
    documents.push(...page.documents);
    if (page.next === undefined) return documents;
    expect(page.documents).toHaveLength(limit);
    after = page.next;
  }
};

/** Keys within a few provinces, some of which share a beginning (`tn`, `tnb`), with parts that sort near `/`. */
const keyArbitrary = fc
  .tuple(
    fc.constantFrom('tn', 'tnb', 'hn', 't'),
    fc.array(fc.stringMatching(/^[a-z0-9.\-_ đ]{1,4}$/), { minLength: 0, maxLength: 3 }),
  )
  .map(([tenant, parts]) => `${tenant}/${parts.join('/')}`);

export const describeDocumentStore = (label: string, open: () => Promise<OpenedDocumentStore>): void => {
  const using = async (test: (store: DocumentStore) => Promise<void>) => {
    const { store, close } = await open();
    try {
      await test(store);
    } finally {
      await close();
    }
  };

  describe(`DocumentStore contract: ${label}`, () => {
    it('knows nothing of a projection never committed', () =>
      using(async (store) => {
        expect(await store.header('none')).toBeUndefined();
        expect(await store.getMany('none', ['tn/a'])).toEqual(new Map());
        expect(await store.list('none', { prefix: 'tn/', limit: 10 })).toEqual({ documents: [] });
        expect(await store.names()).toEqual([]);
      }));

    it('commits documents with the checkpoint, reads them by key, and deletes the ones committed as undefined', () =>
      using(async (store) => {
        // Given two commits, the second changing one document and deleting another
        await store.commit('counts', { version: 2, checkpoint: 5, documents: new Map<string, unknown>([['tn/a', { n: 1 }], ['tn/b', [1, 'x', null]], ['tn/c', 'text']]), fresh: true });
        await store.commit('counts', { version: 2, checkpoint: 9, documents: new Map<string, unknown>([['tn/a', { n: 2 }], ['tn/c', undefined]]) });
        // Then the header has the last checkpoint and the documents are as committed
        expect(await store.header('counts')).toEqual({ version: 2, checkpoint: 9, status: 'running' });
        expect(await store.getMany('counts', ['tn/a', 'tn/b', 'tn/c', 'tn/zz'])).toEqual(
          new Map<string, unknown>([['tn/a', { n: 2 }], ['tn/b', [1, 'x', null]]]),
        );
        expect(await store.names()).toEqual(['counts']);
      }));

    it('keeps documents as values: changing an object after its commit or read changes nothing stored', () =>
      using(async (store) => {
        const document = { list: [1] };
        await store.commit('values', { version: 1, checkpoint: 1, documents: new Map([['tn/a', document]]), fresh: true });
        document.list.push(2);
        const read = (await store.getMany('values', ['tn/a'])).get('tn/a') as { list: number[] };
        read.list.push(3);
        expect((await store.getMany('values', ['tn/a'])).get('tn/a')).toEqual({ list: [1] });
      }));

    it('a fresh commit drops every document the copy held', () =>
      using(async (store) => {
        await store.commit('p', { version: 1, checkpoint: 3, documents: new Map([['tn/a', 1], ['tn/b', 2]]), fresh: true });
        await store.commit('p', { version: 2, checkpoint: 1, documents: new Map([['tn/c', 3]]), fresh: true });
        expect(await store.header('p')).toEqual({ version: 2, checkpoint: 1, status: 'running' });
        expect(await listAll(store, 'p', '', 10)).toEqual([['tn/c', 3]]);
      }));

    it('stores failed provinces with the commit that names them, keeps them through commits that do not, and drops them with a fresh commit', () =>
      using(async (store) => {
        // Given a commit that fails province tn with its checkpoint
        await store.commit('p', { version: 1, checkpoint: 6, documents: new Map([['tn/a', 1]]), fresh: true });
        await store.commit('p', { version: 1, checkpoint: 8, documents: new Map([['hn/a', 1]]), provinceFailures: [failure] });
        expect(await store.header('p')).toEqual({ version: 1, checkpoint: 8, status: 'running', provinceFailures: [failure] });
        expect(await store.getMany('p', ['tn/a', 'hn/a'])).toEqual(new Map([['tn/a', 1], ['hn/a', 1]]));
        // When a commit names no failures, they stay; when one names them, they are replaced
        await store.commit('p', { version: 1, checkpoint: 9, documents: new Map([['hn/b', 2]]) });
        expect(await store.header('p')).toEqual({ version: 1, checkpoint: 9, status: 'running', provinceFailures: [failure] });
        await store.commit('p', { version: 1, checkpoint: 10, documents: new Map(), provinceFailures: [otherFailure, failure] });
        expect((await store.header('p'))?.provinceFailures).toEqual([otherFailure, failure]);
        await store.commit('p', { version: 1, checkpoint: 11, documents: new Map(), provinceFailures: [] });
        expect(await store.header('p')).toEqual({ version: 1, checkpoint: 11, status: 'running' });
        // And a fresh commit starts the copy over without them, unless it names some
        await store.commit('p', { version: 1, checkpoint: 12, documents: new Map(), provinceFailures: [failure] });
        await store.commit('p', { version: 2, checkpoint: 1, documents: new Map(), fresh: true });
        expect(await store.header('p')).toEqual({ version: 2, checkpoint: 1, status: 'running' });
        await store.commit('q', { version: 1, checkpoint: 7, documents: new Map(), fresh: true, provinceFailures: [failure] }, 'shadow');
        expect(await store.header('q', 'shadow')).toEqual({ version: 1, checkpoint: 7, status: 'running', provinceFailures: [failure] });
      }));

    it('promotes a shadow with its failed provinces, and a build in bulk finishes with them', () =>
      using(async (store) => {
        await store.commit('p', { version: 1, checkpoint: 4, documents: new Map([['tn/a', 'old']]), fresh: true });
        await store.commit('p', { version: 2, checkpoint: 5, documents: new Map([['hn/a', 'new']]), fresh: true, provinceFailures: [failure] }, 'shadow');
        await store.promoteShadow('p');
        expect(await store.header('p')).toEqual({ version: 2, checkpoint: 5, status: 'running', provinceFailures: [failure] });
        if (store.startBuild === undefined) return;
        await store.commit('p', { version: 3, checkpoint: 0, documents: new Map(), fresh: true }, 'shadow');
        const build = store.startBuild('p', 'shadow');
        build.write(new Map([['hn/b', 1]]));
        await build.finish({ version: 3, checkpoint: 9, provinceFailures: [otherFailure] });
        expect(await store.header('p', 'shadow')).toEqual({ version: 3, checkpoint: 9, status: 'running', provinceFailures: [otherFailure] });
        expect(await store.getMany('p', ['hn/b'], 'shadow')).toEqual(new Map([['hn/b', 1]]));
      }));

    it('keeps the slots apart; promoting the shadow replaces the live copy, dropping removes one', () =>
      using(async (store) => {
        await store.commit('p', { version: 1, checkpoint: 4, documents: new Map([['tn/a', 'old'], ['tn/b', 'old']]), fresh: true });
        await store.commit('p', { version: 2, checkpoint: 2, documents: new Map([['tn/a', 'new']]), fresh: true }, 'shadow');
        expect(await store.getMany('p', ['tn/a', 'tn/b'])).toEqual(new Map([['tn/a', 'old'], ['tn/b', 'old']]));
        expect(await store.getMany('p', ['tn/a', 'tn/b'], 'shadow')).toEqual(new Map([['tn/a', 'new']]));
        expect(await store.names()).toEqual(['p']);
        // When the shadow is promoted
        await store.promoteShadow('p');
        // Then readers of the live copy see the shadow's documents only, and there is no shadow left
        expect(await store.header('p')).toEqual({ version: 2, checkpoint: 2, status: 'running' });
        expect(await listAll(store, 'p', 'tn/', 1)).toEqual([['tn/a', 'new']]);
        expect(await store.header('p', 'shadow')).toBeUndefined();
        await expect(store.promoteShadow('p')).rejects.toThrow(/no shadow/);
        // And a copy dropped is gone with its documents
        await store.drop('p', 'live');
        expect(await store.header('p')).toBeUndefined();
        expect(await store.getMany('p', ['tn/a'])).toEqual(new Map());
        expect(await store.names()).toEqual([]);
      }));

    it('lists a prefix in key order at any page size, never crossing into another prefix', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(keyArbitrary, { maxLength: 60 }),
          fc.constantFrom('tn/', 'tnb/', 't/', 'tn/a', ''),
          fc.integer({ min: 1, max: 25 }),
          async (keys, prefix, limit) =>
            using(async (store) => {
              await store.commit('keys', { version: 1, checkpoint: 1, documents: new Map(keys.map((key, i) => [key, i])), fresh: true });
              const expected = keys
                .filter((key) => key.startsWith(prefix))
                .sort()
                .map((key) => [key, keys.indexOf(key)] as const);
              expect(await listAll(store, 'keys', prefix, limit)).toEqual(expected);
            }),
        ),
        { numRuns: 40 },
      );
    });

    it('pages after a key that is not stored, and gives no page for a limit of 0', () =>
      using(async (store) => {
        await store.commit('p', { version: 1, checkpoint: 1, documents: new Map([['tn/a', 1], ['tn/c', 3], ['tn/e', 5]]), fresh: true });
        expect(await store.list('p', { prefix: 'tn/', after: 'tn/b', limit: 1 })).toEqual({ documents: [['tn/c', 3]], next: 'tn/c' });
        expect(await store.list('p', { prefix: 'tn/', after: 'tn/c', limit: 5 })).toEqual({ documents: [['tn/e', 5]] });
        expect(await store.list('p', { prefix: 'tn/', limit: 0 })).toEqual({ documents: [] });
      }));
  });
};
