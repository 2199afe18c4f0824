import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addEntry, DAY_CHUNK, entriesOf, removeEntry, type DayEntry, type SatisfactionDocument } from './documents.js';

/** Adds (a new ref) and removals (of a ref listed earlier, by its index among the refs added so far). */
const changes = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constant<'add'>('add') }, { weight: 1, arbitrary: fc.nat() }), { maxLength: 4 * DAY_CHUNK + 3 });

/** The members in order, after each change, with the document each change made. */
const fold = (steps: readonly ('add' | number)[]) => {
  let document: SatisfactionDocument | undefined;
  let members: DayEntry[] = [];
  let added = 0;
  const documents: (SatisfactionDocument | undefined)[] = [];
  /** Each document as it was made (a later change must leave it so). */
  const made: string[] = [];
  for (const step of steps) {
    if (step === 'add') {
      const entry = { ref: `d-${added++}`, p: added };
      document = addEntry(document, entry);
      members = [...members, entry];
    } else if (added > 0) {
      const ref = `d-${step % added}`;
      document = removeEntry(document, ref);
      members = members.filter((entry) => entry.ref !== ref);
    }
    documents.push(document);
    made.push(JSON.stringify(document));
  }
  return { document, members, documents, made };
};

describe('a day list in chunks', () => {
  it('lists its members in the order they were listed, whatever the adds and removals', () => {
    fc.assert(
      fc.property(changes, (steps) => {
        const { document, members } = fold(steps);
        expect(entriesOf(document)).toEqual(members);
        expect(document === undefined).toBe(members.length === 0);
      }),
    );
  });

  it('is the same document for the same members, however they came to be listed', () => {
    fc.assert(
      fc.property(changes, (steps) => {
        const { document, members } = fold(steps);
        // Listed one by one, with no removal: the chunks follow from the members alone.
        let listed: SatisfactionDocument | undefined;
        for (const entry of members) listed = addEntry(listed, entry);
        expect(document).toEqual(listed);
      }),
    );
  });

  it('keeps full chunks before a last one of 1 to DAY_CHUNK members, and never changes a list it was given', () => {
    fc.assert(
      fc.property(changes, (steps) => {
        const { documents, made } = fold(steps);
        for (const [i, document] of documents.entries()) {
          expect(JSON.stringify(document)).toBe(made[i]);
          if (document?.kind !== 'day') continue;
          expect(document.entries.length).toBeGreaterThanOrEqual(1);
          expect(document.entries.length).toBeLessThanOrEqual(DAY_CHUNK);
          for (const chunk of document.earlier ?? []) expect(chunk.length).toBe(DAY_CHUNK);
        }
      }),
    );
  });
});
