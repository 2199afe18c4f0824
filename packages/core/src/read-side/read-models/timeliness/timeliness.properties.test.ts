import { idOfKeyPart } from '../../vocabulary/document-key.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { figureOf, readFigure } from '../../read-model.js';
import { readModelOver } from '../../read-model.testkit.js';
import { depsWith, interleave, record, TENANT, world, worldOf } from '../dossier-support/dossier-events.testkit.js';
import { dossierReadModelLaws } from '../dossier-support/read-model-laws.testkit.js';
import { mergersOf } from '../satisfaction-support/dossier-figures.testkit.js';
import { createTimelinessReadModel } from './index.js';

const readModel = createTimelinessReadModel(depsWith());

dossierReadModelLaws(
  'timeliness',
  readModel,
  ['', 'timeliness/', 'timeliness/lineage/', 'timeliness/lineage/unit-a/', 'timeliness/unit/', 'timeliness/unit/unit-a/month/2026-0', 'timeliness/officer/officer-1/day/2026-03-1', 'dossier/'],
  async (documents, key) => {
    const [, , dimension, id, grain, period, metric] = key.split('/') as [string, string, 'unit' | 'lineage', string, 'month', string, 'resolved'];
    // A key holds the id as its key part: the query takes the id itself.
    return (await readModel.queries.timeliness(documents, TENANT, dimension, idOfKeyPart(id), grain, period))?.[metric];
  },
  // Units merged into others (unit-b into unit-a, then unit-a into unit-z), for the lineage figures.
  { also: mergersOf },
);

/** Receipts and apologies recorded under earlier rule sets, as `older` says by dossier, so figures rest on several. */
const underOlderRules = (events: readonly RecordedEvent[], older: readonly number[]): RecordedEvent[] =>
  events.map((event) => {
    if (event.type !== 'DossierReceived' && event.type !== 'ApologyIssued') return event;
    const data = event.data as { readonly dossierCode: string; readonly ruleSetId: string };
    const ruleSetId = OLDER[(older[Number(data.dossierCode.slice(-4)) % older.length] ?? 0) + (event.type === 'ApologyIssued' ? 1 : 0)];
    return ruleSetId === undefined ? event : ({ ...event, data: { ...data, ruleSetId } } as RecordedEvent);
  });
const OLDER = [undefined, 'decree-118-2025', 'decree-61-2018'];

describe('timeliness: a figure read from counters alone', () => {
  it('is the figure part of its explanation for every key, whatever the rule sets behind it and the notice they ask of an apology', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 4 }), async ({ dossiers, picks }, older, minWorkingDaysBeforeDue) => {
        const deps = depsWith();
        const rules = depsWith({ apology: { ...deps.rules.inForceAt('2026-03-02').apology, minWorkingDaysBeforeDue } }).rules;
        const judged = createTimelinessReadModel({ ...deps, rules });
        const streams = worldOf(dossiers);
        const over = readModelOver(judged, underOlderRules(record(streams, interleave(streams, picks)), older));
        const keys = await over.keys(`${TENANT}/`, 1000);
        for (const key of [...keys, `${TENANT}/timeliness/unit/unit-a/quarter/2026-Q4/resolved`, `${TENANT}/timeliness/unit/unit-a/month/2026-13/resolved`]) {
          const explained = await judged.explain(over.documents, key);
          expect(await readFigure(judged, over.documents, key), key).toEqual(explained === undefined ? undefined : figureOf(explained));
        }
      }),
      { numRuns: 30 },
    );
  });
});
