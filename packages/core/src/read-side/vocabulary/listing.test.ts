import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { DocumentQuery } from '../engine/document-store.js';
import { addCounts, sumCounts } from './counters.js';
import { datedDocumentsIn, datedDocumentsWithParts, listAll } from './listing.js';
import { daysOf, parsePeriod } from './period.js';

const queryOver = <D>(entries: Readonly<Record<string, D>>): DocumentQuery<D> => {
  const keys = Object.keys(entries).sort();
  return {
    get: (key) => Promise.resolve(Object.hasOwn(entries, key) ? entries[key] : undefined),
    list: ({ prefix, after, limit }) => {
      const found = keys.filter((key) => key.startsWith(prefix) && (after === undefined || key > after));
      const page = found.slice(0, limit);
      return Promise.resolve({
        documents: page.map((key) => [key, entries[key] as D] as const),
        ...(found.length > limit ? { next: page[page.length - 1] as string } : {}),
      });
    },
  };
};

const days2026 = daysOf(parsePeriod('2026') ?? { key: '2026', grain: 'year', start: '2026-01-01', end: '2026-12-31' });

describe('datedDocumentsIn', () => {
  test.prop([fc.uniqueArray(fc.constantFrom(...days2026, '2025-12-31', '2027-01-01'), { maxLength: 40 }), fc.constantFrom('2026', '2026-Q2', '2026-03', '2026-03-02', 'all')])(
    'gives the day documents in the period, in day order, whatever the grain',
    async (days, periodKey) => {
      const period = parsePeriod(periodKey);
      if (period === undefined) throw new Error(periodKey);
      const documents = queryOver(Object.fromEntries([...days.map((day) => [`tn/day/${day}`, day]), ['tn/dayx/2026-03-02', 'other']]));
      const expected = [...days].sort().filter((day) => period.start <= day && day <= period.end);
      expect((await datedDocumentsIn(documents, 'tn/day/', period, 'day')).map(([day, document]) => [day, document])).toEqual(expected.map((day) => [day, day]));
    },
  );

  it('gives dated documents alone, and with the documents kept under them when asked', async () => {
    const documents = queryOver({ 'tn/d/2026-03-01': 'a', 'tn/d/2026-03-01/0000': 'a0', 'tn/d/2026-03-01/0001': 'a1', 'tn/d/2026-03-02': 'b', 'tn/d/2026-03-02x': 'x', 'tn/d/2026-04-01/0000': 'c0' });
    const march = parsePeriod('2026-03') as NonNullable<ReturnType<typeof parsePeriod>>;
    expect(await datedDocumentsIn(documents, 'tn/d/', march, 'day')).toEqual([['2026-03-01', 'a'], ['2026-03-02', 'b']]);
    const withParts: (readonly [string, string, string])[] = [];
    for await (const found of datedDocumentsWithParts(documents, 'tn/d/', march, 'day')) withParts.push(found);
    expect(withParts).toEqual([['2026-03-01', '', 'a'], ['2026-03-01', '0000', 'a0'], ['2026-03-01', '0001', 'a1'], ['2026-03-02', '', 'b']]);
  });

  it('gives the month documents of a period', async () => {
    const documents = queryOver({ 'tn/m/2025-12': 1, 'tn/m/2026-01': 2, 'tn/m/2026-04': 3, 'tn/m/2026-04-01': 9, 'tn/m/2027-01': 4 });
    const at = async (key: string) => (await datedDocumentsIn(documents, 'tn/m/', parsePeriod(key) as NonNullable<ReturnType<typeof parsePeriod>>, 'month')).map(([m]) => m);
    expect(await at('2026')).toEqual(['2026-01', '2026-04']);
    expect(await at('2026-Q2')).toEqual(['2026-04']);
    expect(await at('2026-04')).toEqual(['2026-04']);
    expect(await at('all')).toEqual(['2025-12', '2026-01', '2026-04', '2027-01']);
  });

  it('lists every document under a prefix, page by page', async () => {
    const documents = queryOver(Object.fromEntries(Array.from({ length: 950 }, (_, i) => [`tn/x/${String(i).padStart(4, '0')}`, i])));
    expect((await listAll(documents, 'tn/x/', 7)).map(([, n]) => n)).toEqual(Array.from({ length: 950 }, (_, i) => i));
  });
});

describe('counters', () => {
  it('adds deltas, leaving out counters that come to 0, and sums documents', () => {
    expect(addCounts<Record<string, number>>({ a: 1, b: 2 }, [['a', -1], ['c', 3], ['c', 1]])).toEqual({ b: 2, c: 4 });
    expect(sumCounts<Record<string, number>>([{ a: 1 }, { a: 2, b: 1 }])).toEqual({ a: 3, b: 1 });
    expect(sumCounts<Record<string, number>>([])).toBeUndefined();
  });
});
