import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../../../calendar/dates.js';
import { isRight } from '../../../fp.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { createOfficerRatingReadModel } from '../../../read-side/read-models/officer-rating/index.js';
import { readModelOver } from '../../../read-side/read-model.testkit.js';
import { asOfOfVerdict } from '../../as-of.js';
import type { AsOf, Verdict } from '../../verdict.js';
import { computeVerdictFromStore } from '../registry.js';
import { scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdict.testkit.js';
import { computeOfficerVerdict, type OfficerVerdictOutcome } from './compute.js';

/**
 * Given officer OF-1, seconded by DEPT-PLANNING, with the same quarter of work in 2025 and in 2026
 * (three dossiers received on a Monday, returned Wednesday, Thursday and the next Tuesday, one late;
 * rated 5, 4 and 2; a substantiated minor incident; one praise), her 2025-Q1 rating synced in as
 * excellent, above what the criteria leave open though she was disciplined in it (a recorded breach), and her 2026-Q1 score typed in a
 * week late (a late entry); and OF-2 of the same agency with one dossier returned early in 2026.
 * When their verdicts are asked, Then each names the scale in force on the period's last day, the
 * proposal of the officer-rating read model, the decision recorded and the agency's quota.
 */
let scenario: ScenarioDesk;
let events: readonly RecordedEvent[] = [];
let sequence = 0;

type Aggregate = 'incidents' | 'feedback' | 'dossiers';
const send = (aggregate: Aggregate | 'officers', type: string, occurredAt: string, data: Record<string, unknown>, options: { recordedAt?: string; as?: 'sync' } = {}) =>
  scenario.record(aggregate as Aggregate, { type, data: { occurredAt, ...data } }, options);

const appoint = (officerId: string, legalStatus = 'civil-servant', secondingAgencyId = 'DEPT-PLANNING', unitId = 'UNIT-A') =>
  send('officers', 'AppointOfficer', vn('2024-01-02'), {
    officerId, unitId, deskLevel: 'province', role: 'receiving-officer', fields: ['Business'], effectiveDate: '2024-01-02', legalStatus, secondingAgencyId,
  });

const dossier = async (officerId: string, monday: string, returned: string, sipasOfficers: number) => {
  const dossierCode = `000.00.15.H55-${monday.slice(2, 4)}${monday.slice(5, 7)}${monday.slice(8, 10)}-${String(++sequence).padStart(4, '0')}`;
  const common = { dossierCode, officerId };
  await send('dossiers', 'ReceiveDossier', vn(monday), {
    ...common, receivingUnitId: 'UNIT-A', procedureCode: '1.001612', channel: 'counter', applicantId: 'SUBJ-1', priorityGroup: 'none', documents: ['Giấy đề nghị đăng ký hộ kinh doanh'], feeDong: 0,
  });
  await send('dossiers', 'TransferDossier', vn(monday, '10:00'), common);
  await send('dossiers', 'CompleteProcessing', vn(returned, '09:00'), { ...common, decision: 'approved' });
  await send('dossiers', 'ReturnResult', vn(returned, '10:00'), { ...common, via: 'counter' });
  await send('dossiers', 'RateDossier', vn(returned, '10:05'), { dossierCode, channel: 'counter-device', sipas: { officers: sipasOfficers }, circular01: { '1': 2 } });
};

const quarter = async (officerId: string, monday: string) => {
  const next = (days: number) => addCalendarDays(monday, days);
  for (const [returned, rating] of [[next(2), 5], [next(3), 4], [next(8), 2]] as const) await dossier(officerId, monday, returned, rating);
  const incidentId = `INC-${officerId}-${monday}`;
  await send('incidents', 'ReportIncident', vn(next(7)), { incidentId, source: 'camera', category: 'C01', officerId, unitId: 'UNIT-A', description: 'Raised voice at the counter.' });
  await send('incidents', 'AcknowledgeIncident', vn(next(7), '11:00'), { incidentId, severity: 'minor' });
  await send('incidents', 'StartInvestigation', vn(next(8)), { incidentId });
  await send('incidents', 'ConcludeIncident', vn(next(9)), { incidentId, outcome: 'substantiated' });
  await send('feedback', 'ReceiveFeedback', vn(next(10)), { feedbackId: `PRAISE-${officerId}-${monday}`, channel: 'online', kind: 'khen', summary: 'Helpful.', officerId, unitId: 'UNIT-A' });
};

beforeAll(async () => {
  scenario = scenarioDesk();
  await appoint('OF-1');
  await appoint('OF-2');
  await quarter('OF-1', '2025-03-03');
  await quarter('OF-1', '2026-03-02');
  // OF-3, a public employee of another agency and unit, with the same quarter of work in 2026 and in its third quarter.
  await appoint('OF-3', 'public-employee', 'DEPT-HEALTH', 'UNIT-B');
  await quarter('OF-3', '2026-03-02');
  await quarter('OF-3', '2026-08-03');
  await dossier('OF-2', '2026-03-09', '2026-03-10', 5);
  await send('officers', 'RecordDiscipline', vn('2025-03-20'), {
    officerId: 'OF-1', form: 'reprimand', violationDate: '2025-03-10', decisionDate: '2025-03-20', decisionRef: '12/QĐ-SKHĐT', incidentId: 'INC-OF-1-2025-03-03',
  });
  await send('officers', 'RecordEvaluation', vn('2025-04-02'), { officerId: 'OF-1', period: '2025-Q1', level: 'excellent' }, { as: 'sync' });
  await send('officers', 'RecordEvaluation', vn('2026-04-02'), { officerId: 'OF-1', period: '2026-Q1', score: 75 }, { recordedAt: '2026-04-10T03:00:00Z' });
  events = (await scenario.desk.store.readAll({ maxCount: 10_000 })).events;
});

const verdictOf = async (subject: string, asOf?: AsOf) => {
  const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'officer', tenantId: TENANT, subject, ...(asOf === undefined ? {} : { asOf }) }, scenario.deps, {
    now: () => new Date('2026-06-01T00:00:00Z'),
  });
  if (!isRight(result)) throw new Error(result.left.message);
  return { verdict: result.right.verdict as Verdict<OfficerVerdictOutcome>, events: result.right.events };
};
const step = (verdict: Verdict, id: string) => verdict.steps.find((s) => s.id === id);
const readModel = () => createOfficerRatingReadModel({ calendar: scenario.deps.calendar, rules: scenario.deps.rules });

describe('an officer verdict', () => {
  it('Then 2025-Q1 is on four levels by the Decree 90/2020 criteria: disciplined in it, proposed not completed; recorded excellent, with its breach', async () => {
    const { verdict } = await verdictOf('OF-1/2025-Q1');
    expect(verdict.outcome).toMatchObject({
      status: 'proposed',
      scale: 'four-levels-decree-90-2020',
      ruleSetId: 'decree-61-2018',
      unitId: 'UNIT-A',
      ratingAgencyId: 'DEPT-PLANNING',
      facts: { returned: 3, onTime: 2, late: 1, ratings: 3, satisfied: 2, praise: 1, substantiated: { minor: 1, serious: 0, 'very-serious': 0 }, disciplines: 1 },
      proposed: { points: null, level: 'not-completed' },
      recorded: { level: 'excellent', scale: 'four-levels-decree-90-2020', ruleSetId: 'decree-61-2018' },
      decision: 'differs',
    });
    expect(verdict.outcome.breaches).toBe(1);
    expect(step(verdict, 'scale')).toMatchObject({ rule: { field: 'evaluationScale, fourLevelCriteria', source: 'docs/domain/officers.md §2; docs/domain/rules-in-time.md §3' } });
    expect(step(verdict, 'proposal')).toMatchObject({ rule: { source: 'docs/domain/officers.md §3' } });
    expect(step(verdict, 'proposal')?.finding).toMatch(/tasks below standard \(%\): the larger share = 33\.333/);
    expect(step(verdict, 'recorded-breaches')).toMatchObject({ values: { rules: 'OFFICER_EVALUATION_ABOVE_CRITERIA' } });
    expect(verdict.ruleSetVersions).toEqual(['decree-61-2018', 'officer-rating-proposal-v1', 'decree-90-2020-criteria-v1']);
  });

  it('Then 2026-Q1, after the change of scale, is on 100 points: 73.7 proposed, good; 75 recorded a week late, good', async () => {
    const { verdict } = await verdictOf('OF-1/2026-Q1');
    expect(verdict.outcome).toMatchObject({
      scale: 'hundred-points-decree-335-2025',
      ruleSetId: 'decree-118-2025-amended-2026',
      proposed: { points: 73.7, level: 'good' },
      recorded: { level: 'good', score: 75, scale: 'hundred-points-decree-335-2025' },
      decision: 'agrees',
      lateEntries: 1,
    });
    expect(step(verdict, 'decision')?.finding).toMatch(/with 75 points against the 73\.7 proposed/);
    expect(step(verdict, 'late-entries')?.finding).toMatch(/EvaluationRecorded of 2026-04-02T09:00:00\+07:00 was entered 2026-04-10/);
    // The agency's quota: OF-1 good, OF-2 proposed from one early dossier rated 5.
    expect(verdict.outcome.quota).toMatchObject({ agencyId: 'DEPT-PLANNING', percent: 20, rounding: 'down' });
    expect(step(verdict, 'quota')?.rule?.source).toBe('docs/domain/officers.md §4');
  });

  it('Then a public employee\'s 2026-Q1 is still on four levels by the criteria, and 2026-Q3 on 100 points, as the read model proposes (docs/domain/officers.md §2)', async () => {
    const model = readModelOver(readModel(), events);
    const { verdict: spring } = await verdictOf('OF-3/2026-Q1');
    expect(spring.outcome).toMatchObject({ scale: 'four-levels-decree-90-2020', ruleSetId: 'decree-118-2025-amended-2026', proposed: { points: null, level: 'completed' }, ratingAgencyId: 'DEPT-HEALTH' });
    expect(step(spring, 'scale')).toMatchObject({ rule: { field: 'evaluationScaleByStatus.public-employee, fourLevelCriteria' } });
    expect(step(spring, 'decision')).toMatchObject({ rule: { field: 'evaluationScaleByStatus.public-employee' } });
    expect(step(spring, 'scale')?.finding).toMatch(/in force on its last day, for a public-employee: four levels \(Decree 90\/2020\) by the criteria/);
    expect(spring.ruleSetVersions).toEqual(['decree-118-2025-amended-2026', 'officer-rating-proposal-v1', 'decree-90-2020-criteria-v1']);
    const { verdict: summer } = await verdictOf('OF-3/2026-Q3');
    expect(summer.outcome).toMatchObject({ scale: 'hundred-points-decree-335-2025', ruleSetId: 'decree-118-2025-amended-2026-07', proposed: { points: 73.7, level: 'good' } });
    expect(step(summer, 'scale')).toMatchObject({ rule: { field: 'evaluationScale' } });
    for (const [period, verdict] of [['2026-Q1', spring], ['2026-Q3', summer]] as const) {
      const live = (await readModel().queries.officerRatingProposal(model.documents, TENANT, 'OF-3', period))!;
      expect({ period, scale: live.scale, ...live.proposed }).toEqual({ period, scale: verdict.outcome.scale, points: verdict.outcome.proposed.points, level: verdict.outcome.proposed.level });
    }
    // The civil servant of the same quarter is on 100 points.
    expect((await verdictOf('OF-1/2026-Q1')).verdict.outcome.scale).toBe('hundred-points-decree-335-2025');
  });

  it('Then its proposal and quota are what the officer-rating read model says over the same log', async () => {
    const model = readModelOver(readModel(), events);
    for (const period of ['2025-Q1', '2026-Q1', '2026-03']) {
      const { verdict } = await verdictOf(`OF-1/${period}`);
      const live = (await readModel().queries.officerRatingProposal(model.documents, TENANT, 'OF-1', period))!;
      expect({ period, ...verdict.outcome.proposed }).toEqual({ period, points: live.proposed.points, level: live.proposed.level ?? null });
      expect({ period, scale: verdict.outcome.scale, returned: verdict.outcome.facts.returned, praise: verdict.outcome.facts.praise }).toEqual({ period, scale: live.scale, returned: live.figures.dossiers, praise: live.figures.praise });
      expect(verdict.outcome.recorded?.level).toBe(live.recorded?.level);
      const cap = (await readModel().queries.agencyExcellentCap(model.documents, TENANT, 'DEPT-PLANNING', period))!;
      expect({ period, ...verdict.outcome.quota }).toMatchObject({ period, excellent: cap.excellent, goodOrBetter: cap.goodOrBetter, allowed: cap.allowed, exceeded: cap.exceeded });
    }
  });

  it('Then as of any global position its proposal, decision and quota are what the read model said then, and it recomputes from its own events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom('OF-1', 'OF-2'), fc.constantFrom('2025', '2025-Q1', '2026-Q1', '2026-03'), async (cutAt, officerId, period) => {
        const prefix = events.slice(0, (cutAt % events.length) + 1);
        const position = prefix.at(-1)!.metadata.globalPosition;
        const subject = `${officerId}/${period}`;
        const verdict = computeOfficerVerdict(prefix, { tenantId: TENANT, subject, asOf: { globalPosition: position } }, scenario.deps);
        const model = readModelOver(readModel(), prefix);
        const live = (await readModel().queries.officerRatingProposal(model.documents, TENANT, officerId, period))!;
        expect({ points: verdict.outcome.proposed.points, level: verdict.outcome.proposed.level, recorded: verdict.outcome.recorded?.level }).toEqual({
          points: live.proposed.points,
          level: live.proposed.level ?? null,
          recorded: live.recorded?.level,
        });
        if (live.ratingAgencyId !== undefined) {
          const cap = (await readModel().queries.agencyExcellentCap(model.documents, TENANT, live.ratingAgencyId, period))!;
          expect(verdict.outcome.quota).toMatchObject({ excellent: cap.excellent, goodOrBetter: cap.goodOrBetter, allowed: cap.allowed, exceeded: cap.exceeded });
        }
        const own = prefix.filter((e) => verdict.events.includes(e.metadata.globalPosition));
        expect(computeOfficerVerdict(own, { tenantId: TENANT, subject, asOf: asOfOfVerdict(verdict) }, scenario.deps)).toEqual(verdict);
      }),
      { numRuns: 60 },
    );
  });

  it('Then as of a position before the 2026 score was typed in, nothing was recorded; recomputed from its own events each verdict reads the same', async () => {
    const scored = events.find((e) => e.type === 'EvaluationRecorded' && (e.data as { period: string }).period === '2026-Q1')!;
    const { verdict: before } = await verdictOf('OF-1/2026-Q1', { globalPosition: scored.metadata.globalPosition - 1 });
    expect(before.outcome).toMatchObject({ decision: 'not-recorded', proposed: { level: 'good' } });
    for (const [subject, asOf] of [['OF-1/2026-Q1', undefined], ['OF-1/2025-Q1', { businessTime: vn('2025-04-30') }], ['OF-2/2026-Q1', undefined]] as const) {
      const { verdict, events: own } = await verdictOf(subject, asOf);
      expect(computeOfficerVerdict(own, { tenantId: TENANT, subject, asOf: asOfOfVerdict(verdict) }, scenario.deps)).toEqual(verdict);
      expect(own.length).toBeLessThan(events.length);
    }
  });

  it('Then a period that is not one is refused, saying which forms a period takes; a period no rule set rates gets its no-rules verdict', async () => {
    const ask = (subject: string) => computeVerdictFromStore(scenario.desk.store, { kind: 'officer', tenantId: TENANT, subject }, scenario.deps);
    expect(await ask('OF-1/last-year')).toMatchObject({
      _tag: 'Left',
      left: { code: 'VERDICT_SUBJECT_INVALID', message: '"last-year" is not a rating period: give a year (2025), a quarter (2026-Q1) or a month (2026-03)' },
    });
    // A day is a reporting period, not a rating period.
    for (const subject of ['OF-1/2026-03-02', 'OF-1/2026-Q5', 'OF-1/', 'OF-1', '/2026-Q1']) expect(await ask(subject), subject).toMatchObject({ _tag: 'Left', left: { code: 'VERDICT_SUBJECT_INVALID' } });
    expect((await verdictOf('OF-1/2017')).verdict.outcome).toMatchObject({ status: 'no-rules', scale: null });
    // A verdict computed before subjects were checked still recomputes: compute judges whatever subject it is given.
    expect(computeOfficerVerdict(events, { tenantId: TENANT, subject: 'OF-1/last-year' }, scenario.deps).outcome).toMatchObject({ status: 'no-rules' });
  });

  it('Then an officer no event names is not found', async () => {
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'officer', tenantId: TENANT, subject: 'OF-9/2026-Q1' }, scenario.deps);
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'VERDICT_SUBJECT_NOT_FOUND' } });
  });
});
