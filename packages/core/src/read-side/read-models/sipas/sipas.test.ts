import { describe, expect, it } from 'vitest';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { code, depsWith, dossierStream, kit, satisfactionReadModelLaws, record, TENANT } from '../satisfaction-support/dossier-figures.testkit.js';
import { createSipasReadModel } from './index.js';

const { receive, transfer, complete, returnResult, rate } = kit;
const EARLY = [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-05T08:00'), returnResult('2026-03-05T09:00')];

describe('SIPAS index: the example of docs/domain/indices.md §4', () => {
  const all = (level: number) => ({ access: level, procedure: level, officers: level, result: level, feedbackHandling: level });
  const levels = [
    ...Array.from({ length: 70 }, () => all(5)),
    { access: 4, procedure: 4, officers: 3, result: 3, feedbackHandling: 3 },
    ...Array.from({ length: 9 }, (_, i) => all(i % 2 === 0 ? 2 : 3)),
  ];
  const events = record(levels.map((sipas, i) => dossierStream(code(i + 1), [...EARLY, rate('2026-03-20T09:00', { sipas })])));

  it('352 satisfied answers of 400 give 88.0%', async () => {
    const readModel = createSipasReadModel(depsWith());
    const { documents, explain } = readModelOver(readModel, events);
    expect(await readModel.queries.sipas(documents, TENANT, 'province', TENANT, 'month', '2026-03')).toEqual({ value: 88, satisfied: 352, answers: 400 });
    const explained = await explain(`${TENANT}/sipas/unit/unit-h12/quarter/2026-Q1/overall`);
    expect(explained?.value).toBe(88);
    expect(explained?.contributions).toHaveLength(80);
    expect(reAddProblems(explained!)).toEqual([]);
  });

  it('answers per aspect, and none for a scope or period never rated', async () => {
    const readModel = createSipasReadModel(depsWith());
    const { documents, keys } = readModelOver(readModel, events);
    // access: 70 at 5, one at 4, nine below.
    expect(await readModel.queries.sipas(documents, TENANT, 'unit', 'unit-h12', 'year', '2026', 'access')).toEqual({ value: 88.8, satisfied: 71, answers: 80 });
    expect(await readModel.queries.sipas(documents, TENANT, 'unit', 'unit-h12', 'month', '2026-04')).toBeUndefined();
    expect(await readModel.queries.sipas(documents, TENANT, 'unit', 'unit-h12', 'day', '2026-03-20')).toBeUndefined();
    expect(await keys(`${TENANT}/sipas/unit/unit-h12/month/`)).toEqual(
      ['access', 'dossierHandling', 'feedbackHandling', 'officers', 'overall', 'procedure', 'result'].map((m) => `${TENANT}/sipas/unit/unit-h12/month/2026-03/${m}`),
    );
  });

  it('a second rating of a dossier is not counted', async () => {
    const twice = record([dossierStream(code(1), [...EARLY, rate('2026-03-20T09:00', { sipas: all(5) })])]);
    const second = { ...twice.at(-1)!, metadata: { ...twice.at(-1)!.metadata, globalPosition: twice.length + 1, streamVersion: twice.length + 1 } };
    const readModel = createSipasReadModel(depsWith());
    const { documents } = readModelOver(readModel, [...twice, second]);
    expect((await readModel.queries.sipas(documents, TENANT, 'province', TENANT, 'month', '2026-03'))?.answers).toBe(5);
  });
});

describe('SIPAS over several aspects: the mean of the aspects, or the answers pooled (docs/domain/indices.md §4)', () => {
  // Ten ratings satisfied on the four dossier aspects; eight of them unsatisfied with feedback handling, two silent on it.
  const dossierAspects = { access: 5, procedure: 5, officers: 5, result: 5 };
  const levels = [...Array.from({ length: 8 }, () => ({ ...dossierAspects, feedbackHandling: 1 })), ...Array.from({ length: 2 }, () => dossierAspects)];
  const events = record(levels.map((sipas, i) => dossierStream(code(i + 1), [...EARLY, rate('2026-03-20T09:00', { sipas })])));
  const overall = `${TENANT}/sipas/province/${TENANT}/month/2026-03/overall`;

  it('the built-in rule sets average the five aspects: (100 + 100 + 100 + 100 + 0) / 5 = 80.0%', async () => {
    const readModel = createSipasReadModel(depsWith());
    const { documents, explain } = readModelOver(readModel, events);
    expect(await readModel.queries.sipas(documents, TENANT, 'province', TENANT, 'month', '2026-03')).toEqual({ value: 80, satisfied: 40, answers: 48 });
    const explained = await explain(overall);
    expect(explained?.value).toBe(80);
    expect(explained?.steps.find((step) => step.op === 'mean')?.inputs).toEqual([100, 100, 100, 100, 0]);
    expect(reAddProblems(explained!)).toEqual([]);
  });

  it('a rule set that pools the answers gives 40 satisfied of 48 = 83.3%, with no rebuild', async () => {
    const readModel = createSipasReadModel(depsWith({ sipasOverall: 'pooled-answers' }));
    const { documents, explain } = readModelOver(readModel, events);
    expect((await readModel.queries.sipas(documents, TENANT, 'province', TENANT, 'month', '2026-03'))?.value).toBe(83.3);
    const explained = await explain(overall);
    expect(explained?.value).toBe(83.3);
    expect(explained?.steps.some((step) => step.op === 'mean')).toBe(false);
    expect(reAddProblems(explained!)).toEqual([]);
  });

  it('one aspect is its own share either way', async () => {
    for (const sipasOverall of ['mean-of-aspects', 'pooled-answers'] as const) {
      const readModel = createSipasReadModel(depsWith({ sipasOverall }));
      const { documents } = readModelOver(readModel, events);
      expect((await readModel.queries.sipas(documents, TENANT, 'province', TENANT, 'month', '2026-03', 'feedbackHandling'))?.value).toBe(0);
    }
  });
});

satisfactionReadModelLaws('sipas', createSipasReadModel);
