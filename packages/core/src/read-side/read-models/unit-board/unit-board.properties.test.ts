import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentPrefix } from '../../vocabulary/document-key.js';
import { reAddProblems } from '../../explain/re-add.js';
import { foldIntoStore, readModelOver } from '../../read-model.testkit.js';
import { depsWith, inOtherProvince, interleave, mergeLogs, OTHER_PROVINCE, record, TENANT, world, worldOf } from '../dossier-support/dossier-events.testkit.js';
import { documentsUnder, figuresOver, foldAsyncInBatches, foldInBatches } from '../dossier-support/read-model-laws.testkit.js';
import { createUnitBoardReadModel } from './index.js';

const readModel = createUnitBoardReadModel(depsWith());
const { name } = readModel.projection;

describe('unit board: laws', () => {
  it('folding in any batches, through the store between them, gives the documents folding all at once gives', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 6 }), async ({ dossiers, feedback, picks }, cuts) => {
        const streams = worldOf(dossiers, feedback);
        const events = record(streams, interleave(streams, picks));
        const whole = await documentsUnder(foldIntoStore(readModel.projection, events), name, `${TENANT}/`);
        expect(await documentsUnder(foldInBatches(readModel.projection, events, cuts), name, `${TENANT}/`)).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('folding asynchronously, loading what a batch lacks from the store, gives the documents folding inline gives', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 6 }), async ({ dossiers, picks }, cuts) => {
        const streams = worldOf(dossiers);
        const events = record(streams, interleave(streams, picks));
        const inline = await documentsUnder(foldIntoStore(readModel.projection, events), name, `${TENANT}/`);
        expect(await documentsUnder(await foldAsyncInBatches(readModel.projection, events, cuts), name, `${TENANT}/`)).toEqual(inline);
      }),
      { numRuns: 30 },
    );
  });

  it('any page size lists the same keys, in key order', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.integer({ min: 1, max: 25 }), fc.constantFrom('', 'b', 'board/', 'board/unit-a/', 'board/unit-a/2026-03-1', 'board/unit-b/2026-04-01/', 'board-open/', 'dossier/'), async ({ dossiers, picks }, pageSize, tail) => {
        const streams = worldOf(dossiers);
        const over = readModelOver(readModel, record(streams, interleave(streams, picks)));
        const prefix = `${TENANT}/${tail}`;
        const all = await over.keys(prefix, 100_000);
        expect(all).toEqual([...all].sort());
        expect(all.every((key) => key.startsWith(prefix))).toBe(true);
        expect(await over.keys(prefix, pageSize)).toEqual(all);
      }),
      { numRuns: 40 },
    );
  });

  it("two provinces' events interleaved change no document of either because of the other", async () => {
    await fc.assert(
      fc.asyncProperty(world, world, fc.array(fc.nat(), { maxLength: 400 }), async (first, second, mix) => {
        const here = worldOf(first.dossiers);
        const there = inOtherProvince(worldOf(second.dossiers));
        const ours = record(here, interleave(here, first.picks));
        const theirs = record(there, interleave(there, second.picks), OTHER_PROVINCE);
        const log = mergeLogs(ours, theirs, mix);
        const merged = foldIntoStore(readModel.projection, log);
        for (const tenantId of [TENANT, OTHER_PROVINCE]) {
          // The province's own events, at the positions the merged log gave them
          const alone = foldIntoStore(readModel.projection, log.filter((event) => event.metadata.tenantId === tenantId));
          const prefix = documentPrefix(tenantId);
          expect(await documentsUnder(merged, name, prefix)).toEqual(await documentsUnder(alone, name, prefix));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('any interleaving of the streams gives the same figures, each explained by the same events', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.array(fc.nat(), { maxLength: 400 }), async ({ dossiers, picks }, otherPicks) => {
        const streams = worldOf(dossiers);
        const one = await figuresOver(readModel, record(streams, interleave(streams, picks)), `${TENANT}/`);
        expect(await figuresOver(readModel, record(streams, interleave(streams, otherPicks)), `${TENANT}/`)).toEqual(one);
      }),
      { numRuns: 20 },
    );
  });

  it('every explanation re-adds to its figure, which is what the query answers', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
        const streams = worldOf(dossiers, feedback);
        const over = readModelOver(readModel, record(streams, interleave(streams, picks)));
        for (const key of await over.keys(`${TENANT}/`)) {
          const explained = await over.explain(key);
          expect(explained, key).toBeDefined();
          expect(reAddProblems(explained!), key).toEqual([]);
          if (explained!.value === null) expect(explained!.notMeasured, key).toBeTruthy();
          const [, , unitId, date, metric] = key.split('/') as [string, string, string, string, 'received'];
          expect((await readModel.queries.unitBoard(over.documents, TENANT, unitId, date))?.[metric], key).toBe(explained!.value);
        }
      }),
      { numRuns: 30 },
    );
  });
});
