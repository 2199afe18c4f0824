import { describe, expect, it } from 'vitest';
import { addCalendarDays, createVietnamCalendar } from '../../../calendar/index.js';
import { BUILT_IN_RULE_SETS, OFFICER_RATING_PROPOSAL_V1, SAMPLE_PROCEDURES, createRuleBook, defaultRuleBook, type RuleBook } from '../../../rules/index.js';
import { readModelOver } from '../../read-model.testkit.js';
import { createOfficerRatingReadModel } from './index.js';
import { appoint, at, newDesk, readAllEvents, recordEvaluation, run, TENANT, workedExample } from './officer-rating.testkit.js';

const calendar = createVietnamCalendar();
const readModelUnder = (rules: RuleBook = defaultRuleBook()) => createOfficerRatingReadModel({ calendar, rules });

const history = async () => {
  const desk = newDesk();
  await appoint(desk, 'OF-1', 'UNIT-A', '2025-01-02');
  await workedExample(desk, 'OF-1', '2026-03-02', (d) => addCalendarDays('2026-03-02', d));
  await run(desk.officers.handle, {
    type: 'ReassignOfficer',
    data: { officerId: 'OF-1', unitId: 'UNIT-B', deskLevel: 'province', role: 'approver', fields: ['Business'], effectiveDate: '2026-02-02', occurredAt: at('2026-02-02') },
  });
  await recordEvaluation(desk, 'OF-1', '2026-Q1', at('2026-04-02'), { score: 75 });
  await run(desk.officers.handle, {
    type: 'CorrectEvaluation',
    data: { officerId: 'OF-1', period: '2026-Q1', score: 72, reason: 'Complaint C01 confirmed after review', occurredAt: at('2026-04-10') },
  });
  return readAllEvents(desk.store);
};

describe('officer rating proposal under its rules', () => {
  it('derives points from the policy of the rule set in force, naming its version, from the same documents', async () => {
    const events = await history();
    const policy = { ...OFFICER_RATING_PROPOSAL_V1, version: 'officer-rating-proposal-test', praisePoints: 5 };
    const rules = createRuleBook(
      BUILT_IN_RULE_SETS.map((set) => ({ ...set, officerRatingProposal: policy })),
      SAMPLE_PROCEDURES,
    );
    const key = `${TENANT}/officer-rating/officer/OF-1/quarter/2026-Q1/points`;
    const built = readModelOver(readModelUnder(), events);
    // The other rule book reads the documents the default one built: no rebuild.
    const points = (await readModelUnder(rules).explain(built.documents, key))!;
    // 25 + 46.7 + 5: the same facts, a different setting.
    expect(points.value).toBe(76.7);
    expect(points.ruleSetVersions).toEqual(['decree-118-2025-amended-2026', 'officer-rating-proposal-test']);
    expect((await built.explain(key))?.value).toBe(73.7);
    expect((await readModelUnder(rules).queries.officerRatingProposal(built.documents, TENANT, 'OF-1', '2026-Q1'))?.proposed.points).toBe(76.7);
  });

  it('places the officer in the unit served on the last day of the period', async () => {
    const { documents } = readModelOver(readModelUnder(), await history());
    const { queries } = readModelUnder();
    expect((await queries.officerRatingProposal(documents, TENANT, 'OF-1', '2026-01'))?.unitId).toBe('UNIT-A');
    expect((await queries.officerRatingProposal(documents, TENANT, 'OF-1', '2026-Q1'))?.unitId).toBe('UNIT-B');
    expect((await queries.officerRatingProposal(documents, TENANT, 'OF-1', '2024'))?.unitId).toBeUndefined();
  });

  it('shows the latest recorded decision beside the proposal, correction included', async () => {
    const model = readModelOver(readModelUnder(), await history());
    expect(await readModelUnder().queries.officerRatingProposal(model.documents, TENANT, 'OF-1', '2026-Q1')).toMatchObject({
      proposed: { points: 73.7, level: 'good' },
      recorded: { level: 'good', score: 72 },
    });
    const recorded = (await model.explain(`${TENANT}/officer-rating/officer/OF-1/quarter/2026-Q1/recorded`))!;
    expect(recorded).toMatchObject({ value: 72, label: 'good' });
    expect(recorded.contributions.map((ref) => ref.type)).toEqual(['EvaluationCorrected']);
    expect(await model.explain(`${TENANT}/officer-rating/officer/OF-1/quarter/2025-Q4/recorded`)).toMatchObject({ value: null });
  });
});

describe('officer rating proposal on the scale of the officer\'s legal status (docs/domain/officers.md §2)', () => {
  it('proposes a public employee\'s 2026-Q1 on four levels by the criteria beside a civil servant\'s 100 points, and both on 100 points in 2026-Q3', async () => {
    const desk = newDesk();
    await appoint(desk, 'OF-CS', 'UNIT-A', '2025-01-02');
    await appoint(desk, 'OF-PE', 'UNIT-A', '2025-01-02', 'DEPT-PLANNING', 'public-employee');
    for (const officerId of ['OF-CS', 'OF-PE']) {
      await workedExample(desk, officerId, '2026-03-02', (d) => addCalendarDays('2026-03-02', d));
      await workedExample(desk, officerId, '2026-08-03', (d) => addCalendarDays('2026-08-03', d));
    }
    const model = readModelOver(readModelUnder(), await readAllEvents(desk.store));
    const { queries } = readModelUnder();
    expect(await queries.officerRatingProposal(model.documents, TENANT, 'OF-CS', '2026-Q1')).toMatchObject({
      scale: 'hundred-points-decree-335-2025',
      proposed: { points: 73.7, level: 'good' },
    });
    const spring = await queries.officerRatingProposal(model.documents, TENANT, 'OF-PE', '2026-Q1');
    expect(spring).toMatchObject({ scale: 'four-levels-decree-90-2020', criteriaVersion: 'decree-90-2020-criteria-v1', proposed: { points: null, level: 'completed' } });
    const level = (await model.explain(`${TENANT}/officer-rating/officer/OF-PE/quarter/2026-Q1/level`))!;
    expect(level).toMatchObject({ value: 33.3, label: 'completed', ruleSetVersions: ['decree-118-2025-amended-2026', 'officer-rating-proposal-v1', 'decree-90-2020-criteria-v1'] });
    // The agency counts levels whatever the scale: one good (OF-CS), none excellent; the criteria are among its versions.
    const share = (await model.explain(`${TENANT}/officer-rating/agency/DEPT-PLANNING/quarter/2026-Q1/excellent-share`))!;
    expect(share.ruleSetVersions).toContain('decree-90-2020-criteria-v1');
    expect(await queries.agencyExcellentCap(model.documents, TENANT, 'DEPT-PLANNING', '2026-Q1')).toMatchObject({ excellent: 0, goodOrBetter: 1 });
    for (const officerId of ['OF-CS', 'OF-PE']) {
      expect(await queries.officerRatingProposal(model.documents, TENANT, officerId, '2026-Q3')).toMatchObject({
        scale: 'hundred-points-decree-335-2025',
        ruleSetId: 'decree-118-2025-amended-2026-07',
        proposed: { points: 73.7, level: 'good' },
      });
    }
  });
});

