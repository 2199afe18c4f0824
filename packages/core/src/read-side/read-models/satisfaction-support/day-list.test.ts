import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentReader } from '../../engine/document-projection.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { parsePeriod, type Period } from '../../vocabulary/period.js';
import { chunkKey, DAY_CHUNK, entriesIn, listed, membersOfList, unlisted, type DayEntry, type ListChanges } from './day-list.js';
import { Plan, planned, type SatisfactionDocument } from './documents.js';

const DAYS = ['2026-03-01', '2026-03-02', '2026-03-31', '2026-04-01'] as const;
/** Lists of neighbouring keys: a prefix that begins another's, days of two months. */
const LISTS = [...DAYS.map((day) => `tn/rated/unit/u1/${day}`), 'tn/rated/unit/u1x/2026-03-02', 'tn/rated/unit/u/2026-03-02'];

/** A change: list a new member on a list, or take off one listed earlier (by its index among the members ever listed). */
type Step = { readonly add: number } | { readonly remove: number };
const steps = (maxLength: number) =>
  fc.array(fc.oneof({ weight: 4, arbitrary: fc.record({ add: fc.nat(LISTS.length - 1) }) }, { weight: 1, arbitrary: fc.record({ remove: fc.nat() }) }), { maxLength, size: 'max' });

/** Documents in a map, read in key order a page at a time as a store lists them. */
const queryOver = (documents: ReadonlyMap<string, unknown>, pageSize: number): DocumentQuery<unknown> => ({
  get: (key) => Promise.resolve(documents.get(key)),
  list: ({ prefix, after, limit }) => {
    const found = [...documents.keys()].filter((key) => key.startsWith(prefix) && (after === undefined || key > after)).sort();
    const page = found.slice(0, Math.min(limit, pageSize));
    return Promise.resolve({
      documents: page.map((key) => [key, documents.get(key)] as const),
      ...(found.length > page.length ? { next: page[page.length - 1] as string } : {}),
    });
  },
});

const write = (documents: Map<string, unknown>, changes: ListChanges): void => {
  for (const [key, document] of changes) {
    if (document === undefined) documents.delete(key);
    else documents.set(key, document);
  }
};

/** The members of each list after each step, as plain arrays, and the documents the steps wrote. */
const run = (plan: readonly Step[], size: number) => {
  const documents = new Map<string, unknown>();
  const model = new Map<string, DayEntry[]>(LISTS.map((list) => [list, []]));
  const listOf = new Map<string, string>();
  const reader: DocumentReader<unknown> = { get: (key) => documents.get(key) };
  let added = 0;
  let largest = 0;
  for (const step of plan) {
    if ('add' in step) {
      const list = LISTS[step.add] as string;
      const entry: DayEntry = { ref: `d-${added}`, p: added++ };
      listOf.set(entry.ref, list);
      const changes = listed(reader, list, [entry], size);
      for (const [, document] of changes) largest = Math.max(largest, document?.entries.length ?? 0);
      write(documents, changes);
      (model.get(list) as DayEntry[]).push(entry);
    } else if (added > 0) {
      const ref = `d-${step.remove % added}`;
      const list = listOf.get(ref) as string;
      write(documents, unlisted(reader, list, new Set([ref])));
      model.set(list, (model.get(list) as DayEntry[]).filter((entry) => entry.ref !== ref));
    }
  }
  return { documents, model, reader, largest };
};

const periodOf = (key: string): Period => parsePeriod(key) as Period;

describe('a day list in a head and sealed chunks', () => {
  it('lists the members in the order listed, as a plain list does, whatever the adds and removals and the chunk size', () => {
    fc.assert(
      fc.property(steps(120), fc.integer({ min: 1, max: 9 }), (plan, size) => {
        const { model, reader, documents, largest } = run(plan, size);
        for (const list of LISTS) expect(membersOfList(reader, list)).toEqual(model.get(list));
        // Every document written holds at most a chunk's members, however long the list.
        expect(largest).toBeLessThanOrEqual(size);
        // A list left with no member and no sealed chunk leaves no document.
        for (const list of LISTS) if (!documents.has(list)) expect(model.get(list)).toEqual([]);
        for (const [key, document] of documents) expect((document as { kind: string }).kind).toBe(LISTS.includes(key) ? 'day' : 'chunk');
      }),
    );
  });

  it('reads every day of a period, heads and chunks together, in one key range, at any page size', async () => {
    await fc.assert(
      fc.asyncProperty(steps(80), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom('2026-03', '2026-Q1', '2026-Q2', '2026', '2026-03-02', '2026-04-01', 'all'), async (plan, size, pageSize, periodKey) => {
        const { model, documents } = run(plan, size);
        const period = periodOf(periodKey);
        const expected = DAYS.filter((day) => period.start <= day && day <= period.end).flatMap((day) => model.get(`tn/rated/unit/u1/${day}`) as DayEntry[]);
        expect(await entriesIn(queryOver(documents, pageSize), 'tn/rated/unit/u1/', period)).toEqual(expected);
      }),
    );
  });

  it('keeps chunk keys under their list, in order, before the next day', () => {
    expect(chunkKey('tn/rated/unit/u1/2026-03-02', 7)).toBe('tn/rated/unit/u1/2026-03-02/0007');
    const keys = ['tn/r/2026-03-03', chunkKey('tn/r/2026-03-02', 10), 'tn/r/2026-03-02', chunkKey('tn/r/2026-03-02', 2)].sort();
    expect(keys).toEqual(['tn/r/2026-03-02', 'tn/r/2026-03-02/0002', 'tn/r/2026-03-02/0010', 'tn/r/2026-03-03']);
  });
});

/** An event of a test projection: members to list and to take off several lists at once, then a document of its own. */
interface ListEvent {
  readonly adds: readonly (readonly [list: number, ref: string])[];
  readonly removes: readonly (readonly [list: number, ref: string])[];
}

const listsPlan = (event: ListEvent, documents: DocumentReader<SatisfactionDocument>): Plan => {
  const plan = new Plan();
  plan.count('tn/counts', 'events', 1);
  for (const [list, ref] of event.removes) plan.remove(LISTS[list] as string, ref);
  for (const [list, ref] of event.adds) plan.add(LISTS[list] as string, { ref });
  const seen = documents.get('tn/own');
  return plan.put('tn/own', { kind: 'counts', names: ['events'], counts: [(seen?.kind === 'counts' ? (seen.counts[0] as number) : 0) + 1] });
};

describe('a plan with day lists', () => {
  it('gives each key the change planned for it, made at once or made again from the documents the event changed before it', () => {
    // Removals one change in five; lists long enough to seal chunks.
    const change = fc.tuple(fc.nat(LISTS.length - 1), fc.nat(4).map((n) => n === 0));
    const batches = fc.array(fc.array(change, { minLength: 1, maxLength: 8 }), { minLength: 2 * DAY_CHUNK, maxLength: 4 * DAY_CHUNK });
    fc.assert(
      fc.property(batches, (events) => {
        const handler = planned(listsPlan);
        const documents = new Map<string, SatisfactionDocument>();
        const model = new Map<string, string[]>(LISTS.map((list) => [list, []]));
        let added = 0;
        for (const changes of events) {
          // Each list is changed once per event: members listed, or one listed before taken off.
          const adds: [number, string][] = [];
          const removes: [number, string][] = [];
          for (const [list, remove] of changes) {
            if (adds.some(([l]) => l === list) || removes.some(([l]) => l === list)) continue;
            const members = model.get(LISTS[list] as string) as string[];
            if (remove && members.length > 0) removes.push([list, members[(added * 7) % members.length] as string]);
            else adds.push([list, `d-${added++}`]);
          }
          const event: ListEvent = { adds, removes };
          const keys = handler.touches(event, { get: (key) => documents.get(key) });
          expect(new Set(keys).size).toBe(keys.length);
          // The engine's fold: each evolve sees the keys evolved before it.
          const staged = new Map(documents);
          const reader = { get: (key: string) => staged.get(key) };
          for (const key of keys) {
            const next = handler.evolve(staged.get(key), event, key, reader);
            // Made again (another handler has no plan in hand) from the same documents: the same change.
            expect(planned(listsPlan).evolve(staged.get(key), event, key, reader)).toEqual(next);
            if (next === undefined) staged.delete(key);
            else staged.set(key, next);
          }
          documents.clear();
          for (const [key, document] of staged) documents.set(key, document);
          for (const [list, ref] of removes) model.set(LISTS[list] as string, (model.get(LISTS[list] as string) as string[]).filter((member) => member !== ref));
          for (const [list, ref] of adds) (model.get(LISTS[list] as string) as string[]).push(ref);
        }
        const reader = { get: (key: string) => documents.get(key) };
        for (const list of LISTS) expect(membersOfList(reader, list).map((entry) => entry.ref)).toEqual(model.get(list));
      }),
    );
  });

  it('refuses to list and take off members of one list in one event', () => {
    const plan = new Plan().add('tn/l/2026-03-02', { ref: 'a' }).remove('tn/l/2026-03-02', 'b');
    expect(() => plan.done({ get: () => undefined })).toThrow(/both lists and takes off/);
  });
});
