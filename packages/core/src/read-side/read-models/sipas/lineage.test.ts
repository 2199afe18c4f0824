import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { lineageLaws } from '../satisfaction-support/lineage-laws.testkit.js';
import { lineageOf } from '../../vocabulary/lineage.js';
import { parseAggregatePeriod } from '../../vocabulary/period.js';
import { depsWith, dossierStream, figuresOf, interleave, kit, mergerStream, mergersOf, record, satisfactionReadModelLaws, TENANT, world, worldOf, type Stream } from '../satisfaction-support/dossier-figures.testkit.js';
import { sipasCounts } from '../satisfaction-support/ratings.js';
import { createSipasReadModel } from './index.js';
import { SIPAS_METRICS } from './queries.js';

const { receive, transfer, complete, returnResult, rate } = kit;

/** A dossier of `unit` received on `received` (a day), returned three days later and rated on `rated` with every aspect at `level`. */
const ratedDossier = (n: number, unit: string, received: string, rated: string, level: number): Stream => {
  const all = { access: level, procedure: level, officers: level, result: level, feedbackHandling: level };
  return dossierStream(`000.21.15.H55-250601-${String(n).padStart(4, '0')}`, [
    receive(`${received}T09:00`, { receivingUnitId: unit }),
    transfer(`${received}T10:00`),
    complete(`${received}T15:00`),
    returnResult(`${received}T16:00`),
    rate(`${rated}T09:00`, { sipas: all }),
  ]);
};

const SUCCESSOR = 'tn-phuong-phan-dinh-phung';
const TRUNG_VUONG = 'tn-phuong-trung-vuong';
const HOANG_VAN_THU = 'tn-phuong-hoang-van-thu';

describe('SIPAS of a merged ward: the 2025 reform (docs/domain/org-chart.md §2)', () => {
  // Trưng Vương and Hoàng Văn Thụ wards are merged into Phan Đình Phùng ward on 1 July 2025. Dossiers
  // the old wards received in June are rated in the third quarter, after the merger; Phan Đình Phùng
  // receives and is rated on its own. The mergers are recorded after the ratings.
  const streams: Stream[] = [
    ratedDossier(1, TRUNG_VUONG, '2025-06-23', '2025-07-10', 5),
    ratedDossier(2, TRUNG_VUONG, '2025-06-24', '2025-07-15', 3),
    ratedDossier(3, HOANG_VAN_THU, '2025-06-25', '2025-08-04', 4),
    ratedDossier(4, SUCCESSOR, '2025-07-02', '2025-09-01', 2),
    ratedDossier(5, TRUNG_VUONG, '2025-03-03', '2025-03-20', 5),
    mergerStream(TRUNG_VUONG, SUCCESSOR, '2025-07-01'),
    mergerStream(HOANG_VAN_THU, SUCCESSOR, '2025-07-01'),
  ];
  const events = record(streams);
  const readModel = createSipasReadModel(depsWith());
  const over = readModelOver(readModel, events);
  const q3 = `${TENANT}/sipas/lineage/${SUCCESSOR}/quarter/2025-Q3/overall`;

  it("the successor's third quarter has the answers of the three wards: 2 satisfied of 4 on each aspect, 50.0%", async () => {
    // Each ward alone: Trưng Vương 1 of 2 (50.0%), Hoàng Văn Thụ 1 of 1 (100.0%), Phan Đình Phùng 0 of 1 (0.0%).
    const unit = (id: string) => readModel.queries.sipas(over.documents, TENANT, 'unit', id, 'quarter', '2025-Q3');
    expect(await unit(TRUNG_VUONG)).toEqual({ value: 50, satisfied: 5, answers: 10 });
    expect(await unit(HOANG_VAN_THU)).toEqual({ value: 100, satisfied: 5, answers: 5 });
    expect(await unit(SUCCESSOR)).toEqual({ value: 0, satisfied: 0, answers: 5 });
    expect(await readModel.queries.sipas(over.documents, TENANT, 'lineage', SUCCESSOR, 'quarter', '2025-Q3')).toEqual({ value: 50, satisfied: 10, answers: 20 });

    const explained = (await over.explain(q3))!;
    expect(explained.value).toBe(50);
    expect(reAddProblems(explained)).toEqual([]);
    // The four ratings of the quarter and the two mergers, in global order.
    expect(explained.contributions.map((ref) => `${ref.type} ${ref.streamId}`)).toEqual([
      `DossierRated dossier-${TENANT}:000.21.15.H55-250601-0001`,
      `DossierRated dossier-${TENANT}:000.21.15.H55-250601-0002`,
      `DossierRated dossier-${TENANT}:000.21.15.H55-250601-0003`,
      `DossierRated dossier-${TENANT}:000.21.15.H55-250601-0004`,
      `UnitDissolved unit-${TENANT}:${TRUNG_VUONG}`,
      `UnitDissolved unit-${TENANT}:${HOANG_VAN_THU}`,
    ]);
    const units = `${SUCCESSOR}, ${HOANG_VAN_THU}, ${TRUNG_VUONG}`;
    expect(explained.steps.slice(0, 2)).toEqual([
      { label: `access: answers of ${units}`, op: 'sum', inputs: [1, 1, 2], result: 4 },
      { label: `access: answers 4 or 5 of ${units}`, op: 'sum', inputs: [0, 1, 1], result: 2 },
    ]);
    expect(explained.steps.find((step) => step.op === 'mean')?.inputs).toEqual([50, 50, 50, 50, 50]);
  });

  it('before the merger the successor is alone; over 2025 it has the old wards from January', async () => {
    expect(await readModel.queries.sipas(over.documents, TENANT, 'lineage', SUCCESSOR, 'quarter', '2025-Q1')).toBeUndefined();
    expect(await readModel.queries.sipas(over.documents, TENANT, 'lineage', TRUNG_VUONG, 'quarter', '2025-Q1')).toEqual({ value: 100, satisfied: 5, answers: 5 });
    expect(await readModel.queries.sipas(over.documents, TENANT, 'lineage', SUCCESSOR, 'year', '2025')).toEqual({ value: 60, satisfied: 15, answers: 25 });
  });

  it('lists lineage keys for the successor, for the periods its lineage was rated in', async () => {
    const keys = await over.keys(`${TENANT}/sipas/lineage/`);
    const periods = [...new Set(keys.map((key) => key.split('/').slice(3, 6).join('/')))];
    expect(periods).toEqual([`${SUCCESSOR}/month/2025-07`, `${SUCCESSOR}/month/2025-08`, `${SUCCESSOR}/month/2025-09`, `${SUCCESSOR}/quarter/2025-Q3`, `${SUCCESSOR}/year/2025`]);
    expect(keys).toHaveLength(periods.length * SIPAS_METRICS.length);
    // Then the province and unit keys, as before.
    expect((await over.keys(`${TENANT}/sipas/`)).slice(keys.length, keys.length + 1)).toEqual([`${TENANT}/sipas/province/${TENANT}/month/2025-03/access`]);
  });

  it('the figures are the same whether the mergers are recorded before or after the ratings', async () => {
    const mergersFirst = record([...streams.slice(5), ...streams.slice(0, 5)]);
    expect(await figuresOf(readModel, mergersFirst)).toEqual(await figuresOf(readModel, events));
  });
});

describe('SIPAS lineage: properties', () => {
  const readModel = createSipasReadModel(depsWith());
  const periods = ['month/2026-03', 'month/2026-04', 'month/2026-05', 'quarter/2026-Q1', 'quarter/2026-Q2', 'year/2026'];

  it("a unit's lineage figure has the answers of the units of its lineage, summed", async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ dossiers, feedback, picks }) => {
        const streams = [...worldOf(dossiers, feedback), ...mergersOf(dossiers)];
        const { documents } = readModelOver(readModel, record(streams, interleave(streams, picks)));
        for (const unit of ['unit-a', 'unit-b', 'unit-z']) {
          for (const at of periods) {
            const [grain, key] = at.split('/') as [string, string];
            const period = parseAggregatePeriod(grain, key)!;
            const { units } = await lineageOf(documents, TENANT, unit, period.end);
            for (const metric of ['overall', 'officers'] as const) {
              const parts = await Promise.all(units.map((member) => sipasCounts(documents, TENANT, 'unit', member, period, metric)));
              const rated = parts.filter((part) => part !== undefined);
              const figure = await readModel.queries.sipas(documents, TENANT, 'lineage', unit, grain, key, metric);
              if (rated.length === 0) expect(figure).toBeUndefined();
              else {
                expect(figure?.answers).toBe(rated.reduce((sum, part) => sum + part.answers, 0));
                expect(figure?.satisfied).toBe(rated.reduce((sum, part) => sum + part.satisfied, 0));
              }
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  lineageLaws(readModel, { unitRoot: 'sipas/unit/', lineageRoot: 'sipas/lineage/' }, 20);
});

satisfactionReadModelLaws('sipas', createSipasReadModel, { mergers: true });
