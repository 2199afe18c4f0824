import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DossierCommand } from '../../../dossier/commands.js';
import { reAddProblems } from '../../explain/re-add.js';
import { figureOf, readFigure } from '../../read-model.js';
import { readModelOver } from '../../read-model.testkit.js';
import { lineageLaws } from '../satisfaction-support/lineage-laws.testkit.js';
import { lineageOf } from '../../vocabulary/lineage.js';
import { parsePeriodOf, type DatedGrain } from '../../vocabulary/period.js';
import { depsWith, dossierStream, figuresOf, interleave, kit, mergerStream, mergersOf, record, TENANT, world, worldOf, type Stream } from '../satisfaction-support/dossier-figures.testkit.js';
import { createTimelinessReadModel } from './index.js';
import { countsAt, figuresOf as figuresOfCounts, sumCounts, TIMELINESS_METRIC_NAMES } from './queries.js';

const { receive, transfer, complete, returnResult } = kit;

/** A dossier of `unit` received on `received` (09:00) and returned on `returned` (decided at 08:00 that day). */
const returned = (n: number, unit: string, received: string, returnedOn: string): Stream =>
  dossierStream(`000.21.15.H55-250601-${String(n).padStart(4, '0')}`, [
    receive(`${received}T09:00`, { receivingUnitId: unit }),
    transfer(`${received}T10:00`),
    complete(`${returnedOn}T08:00`),
    returnResult(`${returnedOn}T09:00`),
  ] as DossierCommand[]);

const SUCCESSOR = 'tn-xa-successor';
const EAST = 'tn-xa-east';
const WEST = 'tn-xa-west';

describe('timeliness of a merged commune: the 2025 reform (docs/domain/org-chart.md §2)', () => {
  // Two communes, East and West, are merged into a successor commune on 1 July 2025. East returns one
  // dossier early and one late in the third quarter, West one on its due day, the successor one early.
  // East also returned one in the second quarter, before the merger. The mergers are recorded last.
  const streams: Stream[] = [
    returned(1, EAST, '2025-07-07', '2025-07-09'),
    returned(2, EAST, '2025-07-07', '2025-07-21'),
    returned(3, WEST, '2025-08-04', '2025-08-11'),
    returned(4, SUCCESSOR, '2025-09-08', '2025-09-09'),
    returned(5, EAST, '2025-04-07', '2025-04-08'),
    mergerStream(EAST, SUCCESSOR, '2025-07-01'),
    mergerStream(WEST, SUCCESSOR, '2025-07-01'),
  ];
  const events = record(streams);
  const readModel = createTimelinessReadModel(depsWith());
  const over = readModelOver(readModel, events);
  const { timeliness } = readModel.queries;
  const q3 = `${TENANT}/timeliness/lineage/${SUCCESSOR}/quarter/2025-Q3/onTimeRate`;

  it("the successor's third quarter has the returns of the three communes: 3 on time of 4, 75.0%", async () => {
    // Each commune alone: East 1 of 2 (50.0%), West 1 of 1, the successor 1 of 1 (100.0%).
    const unit = async (id: string) => (await timeliness(over.documents, TENANT, 'unit', id, 'quarter', '2025-Q3'))?.onTimeRate;
    expect(await unit(EAST)).toBe(50);
    expect(await unit(WEST)).toBe(100);
    expect(await unit(SUCCESSOR)).toBe(100);
    expect(await timeliness(over.documents, TENANT, 'lineage', SUCCESSOR, 'quarter', '2025-Q3')).toMatchObject({ resolved: 4, earlyShare: 50, onDayShare: 25, lateShare: 25, onTimeRate: 75 });

    const explained = (await over.explain(q3))!;
    expect(explained.value).toBe(75);
    expect(reAddProblems(explained)).toEqual([]);
    // The four returned dossiers' events and the two mergers.
    const mergers = explained.contributions.filter((ref) => ref.type === 'UnitDissolved').map((ref) => ref.streamId);
    expect(mergers).toEqual([`unit-${TENANT}:${EAST}`, `unit-${TENANT}:${WEST}`]);
    expect(explained.contributions.filter((ref) => ref.type === 'ResultReturned')).toHaveLength(4);
    // Each count is the sum of the communes' own, the successor first, then the merged communes by date and name.
    const units = `${SUCCESSOR}, ${EAST}, ${WEST}`;
    expect(explained.steps.filter((step) => step.op === 'sum' && step.label.endsWith(units))).toEqual([
      { label: `dossiers early of ${units}`, op: 'sum', inputs: [1, 1, 0], result: 2 },
      { label: `dossiers onDay of ${units}`, op: 'sum', inputs: [0, 0, 1], result: 1 },
      { label: `dossiers resolved of ${units}`, op: 'sum', inputs: [1, 2, 1], result: 4 },
    ]);
    expect(explained.steps.at(-1)?.result).toBe(75);
  });

  it('before the merger the successor is alone; over 2025 it has the old communes from January', async () => {
    expect(await timeliness(over.documents, TENANT, 'lineage', SUCCESSOR, 'quarter', '2025-Q2')).toBeUndefined();
    expect((await timeliness(over.documents, TENANT, 'lineage', EAST, 'quarter', '2025-Q2'))?.resolved).toBe(1);
    expect(await timeliness(over.documents, TENANT, 'lineage', SUCCESSOR, 'year', '2025')).toMatchObject({ resolved: 5, onTimeRate: 80 });
  });

  it('lists lineage keys for the successor, for the periods its lineage returned dossiers in', async () => {
    const keys = await over.keys(`${TENANT}/timeliness/lineage/`);
    const periods = [...new Set(keys.map((key) => key.split('/').slice(3, 6).join('/')))];
    expect(periods).toEqual([
      `${SUCCESSOR}/day/2025-07-09`,
      `${SUCCESSOR}/day/2025-07-21`,
      `${SUCCESSOR}/day/2025-08-11`,
      `${SUCCESSOR}/day/2025-09-09`,
      `${SUCCESSOR}/month/2025-07`,
      `${SUCCESSOR}/month/2025-08`,
      `${SUCCESSOR}/month/2025-09`,
      `${SUCCESSOR}/quarter/2025-Q3`,
      `${SUCCESSOR}/year/2025`,
    ]);
    expect(keys).toHaveLength(periods.length * TIMELINESS_METRIC_NAMES.length);
    // Then the other keys, in key order.
    const all = await over.keys(`${TENANT}/timeliness/`);
    expect(all.slice(0, keys.length)).toEqual(keys);
    expect(all).toEqual([...all].sort());
    for (const key of keys) expect(await readFigure(readModel, over.documents, key), key).toEqual(figureOf((await readModel.explain(over.documents, key))!));
  });

  it('the figures are the same whether the mergers are recorded before or after the returns', async () => {
    const mergersFirst = record([...streams.slice(5), ...streams.slice(0, 5)]);
    expect(await figuresOf(readModel, mergersFirst)).toEqual(await figuresOf(readModel, events));
  });
});

describe('timeliness lineage: properties', () => {
  const deps = depsWith();
  const readModel = createTimelinessReadModel(deps);
  const periods = ['day/2026-03-10', 'month/2026-03', 'month/2026-04', 'month/2026-05', 'quarter/2026-Q1', 'quarter/2026-Q2', 'year/2026'];

  it("a unit's lineage figure has the counts of the units of its lineage, summed", async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
        const streams = [...worldOf(dossiers, feedback), ...mergersOf(dossiers)];
        const { documents } = readModelOver(readModel, record(streams, interleave(streams, picks)));
        for (const unit of ['unit-a', 'unit-b', 'unit-z']) {
          for (const at of periods) {
            const [grain, key] = at.split('/') as [DatedGrain, string];
            const { units } = await lineageOf(documents, TENANT, unit, parsePeriodOf(grain, key)!.end);
            const parts = (await Promise.all(units.map((member) => countsAt(documents, TENANT, 'unit', member, grain, key)))).filter((part) => part !== undefined);
            const figure = await readModel.queries.timeliness(documents, TENANT, 'lineage', unit, grain, key);
            if (parts.length === 0) expect(figure).toBeUndefined();
            else {
              // The units' counters added up, then made into figures as for a unit.
              expect(figure).toEqual(figuresOfCounts(deps.rules, sumCounts(parts)!, grain, key));
              expect(figure?.resolved).toBe(parts.reduce((total, part) => total + part.resolved, 0));
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  lineageLaws(readModel, { unitRoot: 'timeliness/unit/', lineageRoot: 'timeliness/lineage/' }, 20);
});
