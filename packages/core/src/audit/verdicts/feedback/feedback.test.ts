import { beforeAll, describe, expect, it } from 'vitest';
import { isRight } from '../../../fp.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { asOfOfVerdict } from '../../as-of.js';
import type { AsOf, Verdict } from '../../verdict.js';
import { computeVerdictFromStore } from '../registry.js';
import { DOSSIER, dossierWithLateApology, scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdict.testkit.js';
import { computeFeedbackVerdict, type FeedbackVerdictOutcome } from './compute.js';

/**
 * Given a complaint (khiếu nại: 10 working days to answer) about a dossier whose apology was synced in
 * on its due day with a recorded breach, answered two working days late and typed in days after; a
 * problem report forwarded in time to the competent body; and praise, When their verdicts are asked,
 * Then each deadline is judged as TT01 index 8 judges it, at the moment asked.
 */
let scenario: ScenarioDesk;
let apology: RecordedEvent;
const positions: Record<string, number> = {};

beforeAll(async () => {
  scenario = scenarioDesk();
  apology = await dossierWithLateApology(scenario);
  const send = async (feedbackId: string, type: string, occurredAt: string, data: Record<string, unknown> = {}, recordedAt?: string) => {
    const [event] = await scenario.record('feedback', { type, data: { feedbackId, occurredAt, ...data } }, recordedAt === undefined ? {} : { recordedAt });
    positions[`${feedbackId}:${type}`] = event!.metadata.globalPosition;
  };
  // Received Friday 6 March: answer due 20 March (10 working days), forwarding due 13 March (5).
  await send('FB-complaint', 'ReceiveFeedback', vn('2026-03-06'), { channel: 'online', kind: 'khieu-nai', summary: 'The apology slip came on the due day.', unitId: 'tn-phuc-vu-hcc', dossierCode: DOSSIER });
  await send('FB-report', 'ReceiveFeedback', vn('2026-03-06', '10:00'), { channel: 'hotline', kind: 'phan-anh', summary: 'Land records office never answers the phone.' });
  await send('FB-praise', 'ReceiveFeedback', vn('2026-03-06', '11:00'), { channel: 'rating-device', kind: 'khen', summary: 'Helpful officer.', officerId: 'officer-lan' });
  await send('FB-report', 'RecordAndForward', vn('2026-03-10'), { toBody: 'so-tai-nguyen-moi-truong' });
  // Answered Tuesday 24 March (2 working days late), typed in Friday 27.
  await send('FB-complaint', 'AnswerFeedback', vn('2026-03-24', '16:00'), { answerSummary: 'The desk apologises; the officer was reminded.' }, '2026-03-27T03:00:00Z');
});

const verdictOf = async (subject: string, asOf?: AsOf): Promise<Verdict<FeedbackVerdictOutcome>> => {
  const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'feedback', tenantId: TENANT, subject, ...(asOf === undefined ? {} : { asOf }) }, scenario.deps, {
    now: () => new Date('2026-03-30T10:00:00Z'),
  });
  if (!isRight(result)) throw new Error(result.left.message);
  return result.right.verdict as Verdict<FeedbackVerdictOutcome>;
};

const step = (verdict: Verdict, id: string) => verdict.steps.find((s) => s.id === id);

describe('a feedback verdict', () => {
  it('Then a complaint answered on 24 March is late by 2 working days against its due date of 20 March', async () => {
    const verdict = await verdictOf('FB-complaint');
    expect(verdict.outcome).toEqual({
      status: 'open',
      kind: 'khieu-nai',
      judged: true,
      onTime: false,
      handling: { how: 'answered', on: '2026-03-24', deadline: 'answer' },
      deadlines: [
        { deadline: 'answer', dueDate: '2026-03-20', status: 'late', doneOn: '2026-03-24', workingDaysLate: 2 },
        { deadline: 'forward', dueDate: '2026-03-13', status: 'not-applicable' },
      ],
      late: 1,
      lateEntries: 1,
      breaches: 1,
    });
    expect(step(verdict, 'deadline:answer')).toMatchObject({
      rule: { ruleSetId: 'decree-118-2025-amended-2026', field: 'feedbackDeadlineWorkingDays.khieu-nai', source: 'docs/domain/conduct-catalogue.md §4' },
      events: [positions['FB-complaint:ReceiveFeedback'], positions['FB-complaint:AnswerFeedback']],
      values: { workingDaysAllowed: 10, dueDate: '2026-03-20', doneOn: '2026-03-24', workingDaysLate: 2 },
    });
    expect(step(verdict, 'late-entries')).toMatchObject({ events: [positions['FB-complaint:AnswerFeedback']], values: { lateEntries: 1 } });
    expect(step(verdict, 'recorded-breaches')).toMatchObject({ events: [apology.metadata.globalPosition], values: { rules: 'DOSSIER_APOLOGY_TOO_LATE' } });
  });

  it('Then as of 12 March it is not judged yet; as of 16 March the 5-day forwarding has passed (it binds only outside the desk competence); as of 23 March it is overdue by 1 working day', async () => {
    const early = await verdictOf('FB-complaint', { businessTime: vn('2026-03-12', '17:00') });
    expect(early.outcome).toMatchObject({ judged: false, onTime: null, late: 0 });
    expect(early.outcome.deadlines.map((d) => d.status)).toEqual(['open', 'open']);
    const afterForwarding = await verdictOf('FB-complaint', { businessTime: vn('2026-03-16', '09:00') });
    expect(afterForwarding.outcome.deadlines.map((d) => d.status)).toEqual(['open', 'passed']);
    expect(step(afterForwarding, 'deadline:forward')?.finding).toMatch(/passed, which counts only if the matter is outside the desk's competence/);
    const overdue = await verdictOf('FB-complaint', { businessTime: vn('2026-03-23', '17:00') });
    expect(overdue.outcome).toMatchObject({ judged: true, onTime: false, late: 1, deadlines: [{ deadline: 'answer', status: 'overdue', workingDaysLate: 1 }, { status: 'passed' }] });
  });

  it('Then as of business time 25 March the late answer is known (it happened on the 24th) but flagged as recorded after the moment; by position before it was typed in, it was not', async () => {
    const byTime = await verdictOf('FB-complaint', { businessTime: vn('2026-03-25', '12:00') });
    expect(byTime.outcome).toMatchObject({ judged: true, onTime: false, handling: { how: 'answered', on: '2026-03-24' } });
    expect(step(byTime, 'late-entries')).toMatchObject({ values: { recordedAfterAsOf: 1 } });
    const byPosition = await verdictOf('FB-complaint', { globalPosition: positions['FB-complaint:AnswerFeedback']! - 1, judgedAt: vn('2026-03-25', '12:00') });
    expect(byPosition.outcome).toMatchObject({ judged: true, onTime: false, deadlines: [{ deadline: 'answer', status: 'overdue', workingDaysLate: 3 }, { status: 'passed' }] });
    expect(byPosition.outcome.handling).toBeUndefined();
  });

  it('Then a report forwarded within 5 working days is handled in time, and its answer deadline is the competent body\'s', async () => {
    const verdict = await verdictOf('FB-report');
    expect(verdict.outcome).toMatchObject({
      judged: true,
      onTime: true,
      handling: { how: 'forwarded', on: '2026-03-10', deadline: 'forward' },
      deadlines: [
        { deadline: 'answer', dueDate: '2026-03-13', status: 'not-applicable' },
        { deadline: 'forward', dueDate: '2026-03-13', status: 'on-time', doneOn: '2026-03-10' },
      ],
    });
    expect(step(verdict, 'deadline:answer')?.finding).toMatch(/does not apply: forwarded on 2026-03-10 to so-tai-nguyen-moi-truong/);
    expect(step(verdict, 'recorded-breaches')).toBeUndefined();
  });

  it('Then praise is not judged', async () => {
    const verdict = await verdictOf('FB-praise');
    expect(verdict.outcome).toMatchObject({ kind: 'khen', judged: false, onTime: null, deadlines: [] });
  });

  it('Then computing again from the verdict\'s own events and asOf gives the same verdict', async () => {
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'feedback', tenantId: TENANT, subject: 'FB-complaint', asOf: { businessTime: vn('2026-03-25') } }, scenario.deps);
    if (!isRight(result)) throw new Error('no verdict');
    const { verdict, events } = result.right;
    expect(computeFeedbackVerdict(events, { tenantId: TENANT, subject: 'FB-complaint', asOf: asOfOfVerdict(verdict) }, scenario.deps)).toEqual(verdict);
  });
});
