import { describe, expect, it } from 'vitest';
import { addCalendarDays, createVietnamCalendar } from '../../../calendar/index.js';
import { defaultRuleBook } from '../../../rules/index.js';
import { reAddProblems } from '../../explain/index.js';
import { readModelOver } from '../../read-model.testkit.js';
import { createOfficerRatingReadModel } from './index.js';
import { appoint, at, dossierCode, newDesk, readAllEvents, recordEvaluation, scriptDossier, TENANT, workedExample } from './officer-rating.testkit.js';

const readModel = createOfficerRatingReadModel({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });

const example = async () => {
  const desk = newDesk();
  await appoint(desk, 'OF-1', 'UNIT-A');
  await workedExample(desk, 'OF-1', '2025-03-03', (d) => addCalendarDays('2025-03-03', d));
  await workedExample(desk, 'OF-1', '2026-03-02', (d) => addCalendarDays('2026-03-02', d));
  await recordEvaluation(desk, 'OF-1', '2025-Q1', at('2025-04-02'), { level: 'good' });
  await recordEvaluation(desk, 'OF-1', '2026-Q1', at('2026-04-02'), { score: 75 });
  const events = await readAllEvents(desk.store);
  return { events, model: readModelOver(readModel, events) };
};

describe('officer rating proposal: the worked example', () => {
  it('returns two dossiers on time and one late, judged against the original due date', async () => {
    const { events } = await example();
    const returned = events.filter((e) => e.type === 'ResultReturned' && e.metadata.occurredAt.startsWith('2026'));
    expect(returned.map((e) => (e.data as { timelinessAgainstOriginal: string }).timelinessAgainstOriginal)).toEqual(['early', 'on-time', 'late']);
  });

  it('2026-Q1 on 100 points: 30 − 5 (minor C01) + 70 × 2/3 + 2 (praise) = 73.7 → good', async () => {
    const { model } = await example();
    const key = (measure: string) => `${TENANT}/officer-rating/officer/OF-1/quarter/2026-Q1/${measure}`;
    const points = (await model.explain(key('points')))!;
    expect(points.value).toBe(73.7);
    expect(points.ruleSetVersions).toEqual(['decree-118-2025-amended-2026', 'officer-rating-proposal-v1']);
    expect(points.steps.map((s) => [s.label, s.result])).toEqual([
      ['timeliness: 70 per dossier returned on time, 0 per late one', 140 / 3],
      ['satisfaction: 70 per satisfied rating, 0 per other', 140 / 3],
      ['task results (of 70)', 140 / 3],
      ['deductions for substantiated incidents', 5],
      ['general points: 30 less deductions', 25],
      ['general points, not below 0', 25],
      ['praise: 2 each', 2],
      ['praise, at most 5', 2],
      ['general + task + praise', 25 + 140 / 3 + 2],
      ['at most 100', 25 + 140 / 3 + 2],
      ['points', 73.7],
    ]);
    expect(reAddProblems(points)).toEqual([]);
    const level = (await model.explain(key('level')))!;
    expect(level).toMatchObject({ value: 73.7, label: 'good' });
    expect(level.steps.at(-1)).toMatchObject({ op: 'band', band: 'good' });
    // 3 dossiers × (receipt, return) + 3 ratings + 3 incident events + 1 praise.
    expect(level.contributions.map((ref) => ref.type).sort()).toEqual(
      [
        ...Array<string>(3).fill('DossierReceived'),
        ...Array<string>(3).fill('ResultReturned'),
        ...Array<string>(3).fill('DossierRated'),
        'IncidentReported',
        'IncidentAcknowledged',
        'IncidentConcluded',
        'FeedbackReceived',
      ].sort(),
    );
    expect((await model.explain(key('on-time-share')))?.value).toBe(66.7);
    expect((await model.explain(key('satisfied-share')))?.value).toBe(66.7);
    expect((await model.explain(key('substantiated-minor')))?.value).toBe(1);
    expect((await model.explain(key('substantiated-serious')))?.value).toBe(0);
    expect((await model.explain(key('praise')))?.value).toBe(1);
    expect(await model.explain(key('recorded'))).toMatchObject({ value: 75, label: 'good', ruleSetVersions: ['decree-118-2025-amended-2026'] });
  });

  it('2025-Q1 on four levels: min(66.7 %, 89 for a minor incident) + 2 = 68.7 → completed', async () => {
    const { model } = await example();
    const level = (await model.explain(`${TENANT}/officer-rating/officer/OF-1/quarter/2025-Q1/level`))!;
    expect(level).toMatchObject({ value: 68.7, label: 'completed', ruleSetVersions: ['decree-61-2018', 'officer-rating-proposal-v1'] });
    expect(level.steps.find((s) => s.label === 'ceiling set by substantiated incidents')).toMatchObject({ inputs: [100, 89], result: 89 });
    expect(reAddProblems(level)).toEqual([]);
    const proposal = (await readModel.queries.officerRatingProposal(model.documents, TENANT, 'OF-1', '2025-Q1'))!;
    expect(proposal).toMatchObject({
      scale: 'four-levels-decree-90-2020',
      unitId: 'UNIT-A',
      proposed: { points: 68.7, level: 'completed' },
      recorded: { level: 'good', ruleSetId: 'decree-61-2018' },
    });
    expect(proposal.figures).toMatchObject({ dossiers: 3, ratings: 3, praise: 1, 'substantiated-minor': 1 });
  });

  it('proposes per month and year too, and answers undefined for a kind that does not match the period', async () => {
    const { model } = await example();
    expect((await model.explain(`${TENANT}/officer-rating/officer/OF-1/month/2026-03/points`))?.value).toBe(73.7);
    expect((await model.explain(`${TENANT}/officer-rating/officer/OF-1/year/2026/level`))?.label).toBe('good');
    expect(await model.explain(`${TENANT}/officer-rating/officer/OF-1/month/2026-02/points`)).toMatchObject({ value: null });
    expect(await model.explain(`${TENANT}/officer-rating/officer/OF-1/month/2026-Q1/points`)).toBeUndefined();
    expect(await model.explain(`${TENANT}/officer-rating/officer/OF-1/quarter/2026-Q1/mood`)).toBeUndefined();
  });

  it('lists the keys of every period with facts, the recorded decisions and the unit at the end of each period', async () => {
    const { model } = await example();
    const keys = await model.keys(`${TENANT}/`);
    const periods = (scope: string) => [...new Set(keys.filter((k) => k.includes(`/${scope}/`)).map((k) => k.split('/').slice(4, 6).join('/')))];
    expect(periods('officer')).toEqual(['month/2025-03', 'month/2026-03', 'quarter/2025-Q1', 'quarter/2026-Q1', 'year/2025', 'year/2026']);
    expect(keys.filter((k) => k.endsWith('/recorded'))).toEqual([
      `${TENANT}/officer-rating/officer/OF-1/quarter/2025-Q1/recorded`,
      `${TENANT}/officer-rating/officer/OF-1/quarter/2026-Q1/recorded`,
    ]);
    expect(keys.filter((k) => k.includes('/unit/'))).toEqual(
      ['month/2025-03', 'month/2026-03', 'quarter/2025-Q1', 'quarter/2026-Q1', 'year/2025', 'year/2026'].map((p) => `${TENANT}/officer-rating/unit/UNIT-A/${p}/excellent-share`),
    );
    expect(keys).toEqual([...keys].sort());
  });
});

describe('officer rating proposal: the excellent cap per unit', () => {
  /** Excellent: one early dossier, rated 5. Good: one early and one late dossier, the early one rated 5 (82.5). */
  const unit = async (excellent: number, good: number) => {
    const desk = newDesk();
    for (let i = 0; i < excellent + good; i++) {
      const officerId = `OF-C${i}`;
      await appoint(desk, officerId, 'UNIT-C');
      await scriptDossier(desk, { code: dossierCode('2026-03-02'), officerId, receivedAt: at('2026-03-02'), returnedAt: at('2026-03-04'), rating: { at: at('2026-03-04', '11:00'), sipasOfficers: 5 } });
      if (i >= excellent) await scriptDossier(desk, { code: dossierCode('2026-03-02'), officerId, receivedAt: at('2026-03-02'), returnedAt: at('2026-03-10') });
    }
    return readModelOver(readModel, await readAllEvents(desk.store));
  };

  it('flags 3 excellent of 10 good or better (30% > 20%)', async () => {
    const model = await unit(3, 7);
    const { queries } = readModel;
    expect((await queries.officerRatingProposal(model.documents, TENANT, 'OF-C0', '2026-Q1'))?.proposed).toEqual({ points: 100, level: 'excellent' });
    expect((await queries.officerRatingProposal(model.documents, TENANT, 'OF-C9', '2026-Q1'))?.proposed).toEqual({ points: 82.5, level: 'good' });
    const share = (await model.explain(`${TENANT}/officer-rating/unit/UNIT-C/quarter/2026-Q1/excellent-share`))!;
    expect(share).toMatchObject({ value: 30, label: 'cap-exceeded' });
    expect(share.steps.slice(0, 2).map((s) => s.result)).toEqual([3, 10]);
    expect(reAddProblems(share)).toEqual([]);
    expect(await queries.unitExcellentCap(model.documents, TENANT, 'UNIT-C', '2026-Q1')).toMatchObject({ excellentShare: 30, exceeded: true, quotaPercent: 20 });
    expect((await queries.proposalsInUnit(model.documents, TENANT, 'UNIT-C', '2026-Q1'))?.map((p) => p.level)).toEqual([
      ...Array<string>(3).fill('excellent'),
      ...Array<string>(7).fill('good'),
    ]);
  });

  it('accepts 2 excellent of 10 (exactly 20%)', async () => {
    const model = await unit(2, 8);
    expect(await model.explain(`${TENANT}/officer-rating/unit/UNIT-C/quarter/2026-Q1/excellent-share`)).toMatchObject({ value: 20, label: 'within-cap' });
  });
});

describe('officer rating: ids that cannot be a key part as they are', () => {
  it('keeps an officer and a unit whose ids hold "/" under escaped document keys, with the figure keys of today', async () => {
    const desk = newDesk();
    await appoint(desk, 'OF/9', 'UNIT/9');
    await scriptDossier(desk, { code: dossierCode('2026-03-02'), officerId: 'OF/9', receivedAt: at('2026-03-02'), returnedAt: at('2026-03-04') });
    const model = readModelOver(readModel, await readAllEvents(desk.store));
    const keys = await model.keys(`${TENANT}/`, 3);
    expect(keys).toContain(`${TENANT}/officer-rating/officer/OF/9/month/2026-03/dossiers`);
    expect(keys).toContain(`${TENANT}/officer-rating/unit/UNIT/9/quarter/2026-Q1/excellent-share`);
    expect(await model.keys(`${TENANT}/officer-rating/officer/OF/9/quarter/`)).toHaveLength(10);
    expect((await model.explain(`${TENANT}/officer-rating/officer/OF/9/quarter/2026-Q1/dossiers`))?.value).toBe(1);
    expect(await model.explain(`${TENANT}/officer-rating/unit/UNIT/9/quarter/2026-Q1/excellent-share`)).toMatchObject({ value: 100, label: 'cap-exceeded' });
    expect((await readModel.queries.officerRatingProposal(model.documents, TENANT, 'OF/9', '2026-Q1'))?.unitId).toBe('UNIT/9');
  });
});
