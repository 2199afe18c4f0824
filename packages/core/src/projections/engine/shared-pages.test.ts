import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import type { ReadAllOptions, ReadAllPage } from '../../kernel/event-store.js';
import { counted } from '../../kernel/counted-event.testkit.js';
import { SharedPages } from './shared-pages.js';

const TYPES = ['A', 'B', 'C'] as const;

const storeWith = async (types: readonly string[]) => {
  const store = new InMemoryEventStore();
  for (const [i, type] of types.entries()) await store.appendToStream(`s-${i % 3}`, [{ ...counted(i), type }]);
  const reads: ReadAllOptions[] = [];
  const source = {
    readAll: (options: ReadAllOptions): Promise<ReadAllPage> => {
      reads.push(options);
      return store.readAll(options);
    },
  };
  return { store, source, reads };
};

const readToEnd = async (pages: { readAll: (o: ReadAllOptions) => Promise<ReadAllPage> }, maxCount: number, types?: readonly string[]) => {
  const seen: number[] = [];
  let after = 0;
  for (;;) {
    const page = await pages.readAll({ after, maxCount, ...(types === undefined ? {} : { types }) });
    seen.push(...page.events.map((e) => e.metadata.globalPosition));
    if (page.isEnd) return { seen, end: page.nextPosition };
    after = page.nextPosition;
  }
};

describe('SharedPages', () => {
  it('gives each reader what the store would give it alone', async () => {
    const readers = fc.array(fc.option(fc.subarray([...TYPES]), { nil: undefined }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...TYPES), { maxLength: 40 }), readers, fc.integer({ min: 1, max: 6 }), async (log, wanted, maxCount) => {
        const { store, source } = await storeWith(log);
        const shared = new SharedPages(source, wanted);
        for (const types of wanted) {
          const alone = await readToEnd(store, 1000, types);
          const together = await readToEnd(shared, maxCount, types);
          expect(together.seen).toEqual(alone.seen);
          expect(together.end).toBe(log.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('readers moving side by side read each full page from the store once, with the union of their types', async () => {
    const { source, reads } = await storeWith(Array.from({ length: 30 }, (_, i) => TYPES[i % 3] as string));
    const shared = new SharedPages(source, [['A'], ['B']]);
    const [a, b] = await Promise.all([readToEnd(shared, 5, ['A']), readToEnd(shared, 5, ['B'])]);
    expect(a.seen).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    expect(b.seen).toEqual([2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
    expect(reads.every((r) => JSON.stringify(r.types) === '["A","B"]')).toBe(true);
    // 20 matching events in pages of 5, each read once (the last one too: both asked while it was read).
    expect(reads.length).toBe(4);
  });

  it('does not keep the page at the end of the log: a later read sees what was appended since', async () => {
    const { store, source } = await storeWith(['A', 'B']);
    const shared = new SharedPages(source, [['A']]);
    expect((await shared.readAll({ after: 0, maxCount: 10, types: ['A'] })).events).toHaveLength(1);
    await store.appendToStream('s-9', [{ ...counted(9), type: 'A' }]);
    const page = await shared.readAll({ after: 0, maxCount: 10, types: ['A'] });
    expect(page.events.map((e) => e.metadata.globalPosition)).toEqual([1, 3]);
  });

  it('a reader asking for a type nobody announced reads the store directly', async () => {
    const { source, reads } = await storeWith(['A', 'C', 'C']);
    const shared = new SharedPages(source, [['A']]);
    const page = await shared.readAll({ after: 0, maxCount: 10, types: ['C'] });
    expect(page.events.map((e) => e.type)).toEqual(['C', 'C']);
    expect(reads[0]?.types).toEqual(['C']);
  });
});
