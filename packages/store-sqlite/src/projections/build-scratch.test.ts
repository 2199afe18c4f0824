import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuildScratch } from './build-scratch.js';

/** SQLite's order of text keys (UTF-8 bytes): code point order. */
const byCodePoint = (a: string, b: string): number => {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
};

const keyArb = fc.oneof(fc.constantFrom('', 'a', 'a/b', 'a/b/c', 'b', 'é', '\u{1F600}', 'z'), fc.string({ maxLength: 6, unit: 'binary' }));
/** A write: keys and texts (null: deleted), each sorted by key as the store writes them. */
const writeArb = fc.uniqueArray(fc.tuple(keyArb, fc.option(fc.string({ maxLength: 12 }), { nil: null })), { selector: ([key]) => key, maxLength: 12 });

describe('BuildScratch', () => {
  it('answers the last write of each key and pages the documents in key order, two tables apart', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), writeArb), { maxLength: 8 }), fc.integer({ min: 1, max: 5 }), (writes, limit) => {
        const scratch = new BuildScratch();
        try {
          const tables = [scratch.table(), scratch.table()];
          const models = [new Map<string, string | null>(), new Map<string, string | null>()];
          for (const [second, rows] of writes) {
            const index = second ? 1 : 0;
            const sorted = [...rows].sort(([a], [b]) => byCodePoint(a, b));
            tables[index]?.write(sorted.flat());
            for (const [key, text] of sorted) models[index]?.set(key, text);
          }
          for (let index = 0; index < 2; index++) {
            const table = tables[index] as NonNullable<(typeof tables)[number]>;
            const model = models[index] as Map<string, string | null>;
            for (const [key, text] of model) expect(table.get(key)).toBe(text);
            expect(table.get('never written \u0000')).toBeUndefined();
            const paged: [string, string][] = [];
            for (let after: string | undefined; ; ) {
              const page = table.page(after, limit);
              if (page.length === 0) break;
              expect(page.length).toBeLessThanOrEqual(limit);
              paged.push(...page.map(([key, text]) => [key, text] as [string, string]));
              after = (page[page.length - 1] as readonly [string, string])[0];
            }
            const expected = [...model].filter((entry): entry is [string, string] => entry[1] !== null).sort(([a], [b]) => byCodePoint(a, b));
            expect(paged).toEqual(expected);
          }
        } finally {
          scratch.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('drops a table alone, closes with the last one, and opens again for the next build', () => {
    const scratch = new BuildScratch();
    const first = scratch.table();
    const second = scratch.table();
    first.write(['k', 'one']);
    second.write(['k', 'two']);
    first.drop();
    first.drop();
    expect(second.get('k')).toBe('two');
    second.drop();
    const third = scratch.table();
    expect(third.get('k')).toBeUndefined();
    third.write(['k', 'three']);
    expect(third.page(undefined, 10)).toEqual([['k', 'three']]);
    scratch.close();
    // A table of a closed scratch area is gone with it: dropping it again does nothing.
    third.drop();
  });
});
