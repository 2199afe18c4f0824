import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ReadModel } from '../../read-model.js';
import { readModelOver } from '../../read-model.testkit.js';
import { figuresOf, interleave, mergersOf, record, TENANT, world, worldOf } from './dossier-figures.testkit.js';

/**
 * The laws every read model with lineage figures keeps (docs/read-side.md, "Mergers: lineage
 * figures"), over generated worlds: without a merger, a lineage figure is the unit figure, explanation
 * and all (and no lineage key is listed); a merger anywhere in the log, before, after or among the
 * facts it rolls up, gives the same figures. `unitRoot` and `lineageRoot` are the figure-key prefixes
 * after the province (`sipas/unit/` and `sipas/lineage/`, `board/` and `board-lineage/`).
 */
export const lineageLaws = <D>(readModel: ReadModel<D>, roots: { readonly unitRoot: string; readonly lineageRoot: string }, numRuns = 20): void => {
  const unitPrefix = `${TENANT}/${roots.unitRoot}`;
  const lineagePrefix = `${TENANT}/${roots.lineageRoot}`;

  it('without a merger, a lineage figure is the unit figure, explanation and all', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
        const streams = worldOf(dossiers, feedback);
        const over = readModelOver(readModel, record(streams, interleave(streams, picks)));
        expect(await over.keys(lineagePrefix)).toEqual([]);
        for (const key of await over.keys(unitPrefix)) {
          const lineageKey = lineagePrefix + key.slice(unitPrefix.length);
          expect(await over.explain(lineageKey)).toEqual({ ...(await over.explain(key))!, key: lineageKey });
        }
      }),
      { numRuns },
    );
  });

  it('a merger anywhere in the log, before or after the facts it rolls up, gives the same figures', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 400 }), async ({ dossiers, feedback, picks }, otherPicks) => {
        const dossierStreams = worldOf(dossiers, feedback);
        const ordered = record(dossierStreams, interleave(dossierStreams, picks));
        const mergers = record(mergersOf(dossiers));
        // The mergers first, last, or interleaved with the rest.
        const first = record([...mergersOf(dossiers), ...dossierStreams]);
        const streams = [...dossierStreams, ...mergersOf(dossiers)];
        const mixed = record(streams, interleave(streams, otherPicks));
        const last = [...ordered, ...mergers].map((event, i) => ({ ...event, metadata: { ...event.metadata, globalPosition: i + 1 } }));
        const expected = await figuresOf(readModel, last);
        expect(await figuresOf(readModel, first)).toEqual(expected);
        expect(await figuresOf(readModel, mixed)).toEqual(expected);
      }),
      { numRuns },
    );
  });
};
