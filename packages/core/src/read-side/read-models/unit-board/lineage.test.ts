import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DossierCommand } from '../../../dossier/commands.js';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { lineageLaws } from '../satisfaction-support/lineage-laws.testkit.js';
import { lineageOf } from '../../vocabulary/lineage.js';
import { depsWith, dossierStream, figuresOf, interleave, kit, mergerStream, mergersOf, record, TENANT, world, worldOf, type Stream } from '../satisfaction-support/dossier-figures.testkit.js';
import { createUnitBoardReadModel } from './index.js';
import { UNIT_BOARD_METRICS, unitBoardDay } from './queries.js';

const { receive, transfer, complete, returnResult } = kit;

const dossierCode = (n: number) => `000.21.15.H55-250601-${String(n).padStart(4, '0')}`;
/** A dossier of `unit` received on `received` (09:00), returned on `returnedOn` when given. */
const dossier = (n: number, unit: string, received: string, returnedOn?: string): Stream =>
  dossierStream(dossierCode(n), [
    receive(`${received}T09:00`, { receivingUnitId: unit }),
    transfer(`${received}T10:00`),
    ...(returnedOn === undefined ? [] : [complete(`${returnedOn}T08:00`), returnResult(`${returnedOn}T09:00`)]),
  ] as DossierCommand[]);

const SUCCESSOR = 'tn-xa-successor';
const EAST = 'tn-xa-east';
const WEST = 'tn-xa-west';

describe('the board of a merged commune: the 2025 reform (docs/domain/org-chart.md §2)', () => {
  // East and West communes are merged into a successor commune on 1 July 2025. East received a dossier
  // on 7 July (due 14 July) that is still open on 15 July; West and the successor each receive one on
  // 15 July. The mergers are recorded last.
  const streams: Stream[] = [
    dossier(1, EAST, '2025-07-07'),
    dossier(2, WEST, '2025-07-15', '2025-07-17'),
    dossier(3, SUCCESSOR, '2025-07-15', '2025-07-16'),
    dossier(4, EAST, '2025-06-23', '2025-06-24'),
    mergerStream(EAST, SUCCESSOR, '2025-07-01'),
    mergerStream(WEST, SUCCESSOR, '2025-07-01'),
  ];
  const events = record(streams);
  const readModel = createUnitBoardReadModel(depsWith());
  const over = readModelOver(readModel, events);
  const { unitBoard, unitBoardLineage } = readModel.queries;

  it("the successor's board on 15 July has the dossiers of the three communes: 2 received, 1 overdue", async () => {
    expect(await unitBoard(over.documents, TENANT, SUCCESSOR, '2025-07-15')).toMatchObject({ received: 1, overdue: 0 });
    expect(await unitBoard(over.documents, TENANT, EAST, '2025-07-15')).toMatchObject({ received: 0, overdue: 1 });
    expect(await unitBoardLineage(over.documents, TENANT, SUCCESSOR, '2025-07-15')).toMatchObject({ unitId: SUCCESSOR, received: 2, overdue: 1 });

    const explained = (await over.explain(`${TENANT}/board-lineage/${SUCCESSOR}/2025-07-15/received`))!;
    expect(explained.value).toBe(2);
    expect(reAddProblems(explained)).toEqual([]);
    expect(explained.steps[0]).toEqual({ label: `dossiers received on 2025-07-15 of ${SUCCESSOR}, ${EAST}, ${WEST}`, op: 'sum', inputs: [1, 0, 1], result: 2 });
    expect(explained.contributions.map((ref) => `${ref.type} ${ref.streamId}`)).toEqual([
      `DossierReceived dossier-${TENANT}:${dossierCode(2)}`,
      `DossierReceived dossier-${TENANT}:${dossierCode(3)}`,
      `UnitDissolved unit-${TENANT}:${EAST}`,
      `UnitDissolved unit-${TENANT}:${WEST}`,
    ]);
    const overdue = (await over.explain(`${TENANT}/board-lineage/${SUCCESSOR}/2025-07-15/overdue`))!;
    expect(overdue.value).toBe(1);
    expect(reAddProblems(overdue)).toEqual([]);
  });

  it('before the merger the successor is alone: on 24 June its lineage board is its own (none)', async () => {
    expect(await unitBoardLineage(over.documents, TENANT, SUCCESSOR, '2025-06-24')).toEqual(await unitBoard(over.documents, TENANT, SUCCESSOR, '2025-06-24'));
    expect(await unitBoardLineage(over.documents, TENANT, EAST, '2025-06-24')).toMatchObject({ received: 0, returnedEarly: 1 });
  });

  it('lists lineage keys for the successor, for the days its lineage has counters on, before the units’ keys', async () => {
    // Receipts, returns, and the days dossiers fall due (14 July for East's, 22 July for those of 15 July).
    const keys = await over.keys(`${TENANT}/board-lineage/`);
    const days = [...new Set(keys.map((key) => key.split('/').slice(2, 4).join('/')))];
    expect(days).toEqual([`${SUCCESSOR}/2025-07-07`, `${SUCCESSOR}/2025-07-14`, `${SUCCESSOR}/2025-07-15`, `${SUCCESSOR}/2025-07-16`, `${SUCCESSOR}/2025-07-17`, `${SUCCESSOR}/2025-07-22`]);
    expect(keys).toHaveLength(days.length * UNIT_BOARD_METRICS.length);
    const all = await over.keys(`${TENANT}/`);
    expect(all.slice(0, keys.length)).toEqual(keys);
    expect(all).toEqual([...all].sort());
  });

  it('the figures are the same whether the mergers are recorded before or after the dossiers', async () => {
    const mergersFirst = record([...streams.slice(4), ...streams.slice(0, 4)]);
    expect(await figuresOf(readModel, mergersFirst)).toEqual(await figuresOf(readModel, events));
  });
});

describe('unit board lineage: properties', () => {
  const deps = depsWith();
  const readModel = createUnitBoardReadModel(deps);
  const days = ['2026-03-02', '2026-03-10', '2026-03-25', '2026-04-08', '2026-05-04'];

  it("a unit's lineage board has the counts of the units of its lineage that day, added up", async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
        const streams = [...worldOf(dossiers, feedback), ...mergersOf(dossiers)];
        const { documents } = readModelOver(readModel, record(streams, interleave(streams, picks)));
        for (const unit of ['unit-a', 'unit-b', 'unit-z']) {
          for (const day of days) {
            const { units } = await lineageOf(documents, TENANT, unit, day);
            const parts = (await Promise.all(units.map((member) => unitBoardDay(deps.rules, documents, TENANT, member, day)))).filter((part) => part !== undefined);
            const board = await readModel.queries.unitBoardLineage(documents, TENANT, unit, day);
            if (parts.length === 0) expect(board).toBeUndefined();
            else {
              for (const metric of ['received', 'dueToday', 'overdue', 'awaitingSupplement', 'withAgency', 'returnedEarly', 'returnedOnTime', 'returnedLate'] as const) {
                expect(board?.[metric]).toBe(parts.reduce((total, part) => total + part[metric], 0));
              }
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  lineageLaws(readModel, { unitRoot: 'board/', lineageRoot: 'board-lineage/' }, 15);
});
