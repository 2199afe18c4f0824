import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAll, readModelsWith } from '../../../projections/dossier-read-models.testkit.js';
import { readModelOver } from '../../read-model.testkit.js';
import { depsWith, interleave, record, TENANT, world, worldOf } from '../dossier-support/dossier-events.testkit.js';
import { createUnitBoardReadModel } from './index.js';

// Checks the read model against the one it replaces (projections/unit-board): delete with that code.
describe('unit board: the same figures as the shared dossier projection', () => {
  it('the same keys, values, steps and events', async () => {
    const old = readModelsWith();
    const readModel = createUnitBoardReadModel(depsWith());
    await fc.assert(
      fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
        const streams = worldOf(dossiers, feedback);
        const events = record(streams, interleave(streams, picks));
        const state = foldAll(old.projection, events);
        const over = readModelOver(readModel, events);
        const keys = [...old.readModels.unitBoard.keys(state)].sort();
        expect(keys.length).toBeGreaterThan(0);
        expect(await over.keys(`${TENANT}/`)).toEqual(keys);
        for (const key of keys) {
          const before = old.readModels.unitBoard.explain(state, key)!;
          const now = (await over.explain(key))!;
          const { contributions, ...rest } = now;
          const { contributions: oldContributions, ...oldRest } = before;
          expect(rest, key).toEqual(oldRest);
          expect(contributions, key).toEqual(oldContributions);
        }
        for (const unit of ['unit-a', 'unit-b', 'unit-c']) {
          for (const day of ['2026-03-01', '2026-03-15', '2026-04-02', '2026-05-20', '2026-07-01']) {
            expect(await readModel.queries.unitBoard(over.documents, TENANT, unit, day)).toEqual(old.queries.unitBoard(state, TENANT, unit, day));
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
