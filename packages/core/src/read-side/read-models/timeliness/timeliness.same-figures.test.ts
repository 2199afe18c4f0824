import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAll, readModelsWith } from '../../../projections/dossier-read-models.testkit.js';
import { readModelOver } from '../../read-model.testkit.js';
import { depsWith, interleave, record, TENANT, world, worldOf } from '../dossier-support/dossier-events.testkit.js';
import { createTimelinessReadModel } from './index.js';

// Checks the read model against the one it replaces (projections/timeliness): delete with that code.
describe('timeliness: the same figures as the shared dossier projection', () => {
  it('the same keys, values and events (the share of three or more trips also shows the visits)', async () => {
    const old = readModelsWith();
    const readModel = createTimelinessReadModel(depsWith());
    await fc.assert(
      fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
        const streams = worldOf(dossiers, feedback);
        const events = record(streams, interleave(streams, picks));
        const state = foldAll(old.projection, events);
        const over = readModelOver(readModel, events);
        const keys = [...old.readModels.timeliness.keys(state)].sort();
        expect(await over.keys(`${TENANT}/`)).toEqual(keys);
        for (const key of keys) {
          const before = old.readModels.timeliness.explain(state, key)!;
          const now = (await over.explain(key))!;
          expect({ value: now.value, notMeasured: now.notMeasured, steps: now.steps, ruleSetVersions: now.ruleSetVersions }, key).toEqual({
            value: before.value,
            notMeasured: before.notMeasured,
            steps: before.steps,
            ruleSetVersions: before.ruleSetVersions,
          });
          if (!key.endsWith('/threeOrMoreTripsShare')) expect(now.contributions, key).toEqual(before.contributions);
        }
      }),
      { numRuns: 40 },
    );
  });
});
