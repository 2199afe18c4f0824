import { beforeAll, describe, expect, it } from 'vitest';
import { isRight } from '../../../fp.js';
import { createRuleBook } from '../../../rules/index.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { asOfOfVerdict } from '../../as-of.js';
import type { AsOf, Verdict } from '../../verdict.js';
import { computeVerdictFromStore } from '../registry.js';
import { DOSSIER, dossierWithLateApology, scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdict.testkit.js';
import { computeDossierVerdict, type DossierVerdictOutcome } from './compute.js';

/**
 * Given dossiers at a Thái Nguyên desk: one received before Tết 2026 and due after it, forwarded to
 * the tax office, which kept it past its step's due date, with an apology in time; two with a
 * supplement, one asked on review (RESTART) and one after verification (PAUSE); and one whose apology
 * was synced in on its due day (a recorded breach) and whose result was typed in days after it
 * reached the desk (a late entry). When their verdicts are asked, Then each is judged where its result
 * reached the desk against its original due date, with the reasoning an inspector needs.
 */
const TET = '000.00.15.H55-260210-0001';
const RESTART = '000.00.15.H55-260302-0002';
const PAUSE = '000.00.15.H55-260302-0003';
const RESIDENCE = '1.004222';
const DOCS = ['Tờ khai thay đổi thông tin cư trú (Mẫu CT01)'];
const HOUSEHOLD = '1.001612';

let scenario: ScenarioDesk;
const at: Record<string, RecordedEvent> = {};

const step = (verdict: Verdict, id: string) => verdict.steps.find((s) => s.id === id);

const send = async (name: string, type: string, occurredAt: string, data: Record<string, unknown>, options: { recordedAt?: string; as?: 'sync' | 'receptionist' } = {}) => {
  const events = await scenario.record('dossiers', { type, data: { occurredAt, ...data } }, { as: options.as ?? 'receptionist', ...(options.recordedAt === undefined ? {} : { recordedAt: options.recordedAt }) });
  at[name] = events[events.length - 1]!;
};

const receive = (dossierCode: string, occurredAt: string, procedureCode: string, documents: readonly string[]) =>
  send(`${dossierCode}:received`, 'ReceiveDossier', occurredAt, {
    dossierCode, receivingUnitId: 'tn-phuc-vu-hcc', procedureCode, channel: 'counter', applicantId: 'subject-9', priorityGroup: 'none', documents, feeDong: 0, officerId: 'officer-lan',
  });

beforeAll(async () => {
  scenario = scenarioDesk();
  const officer = { officerId: 'officer-lan' };
  // Across Tết 2026: received Tue 10 Feb (7 working days), Tết Mon 16–Fri 20 Feb: due Thu 26 Feb.
  await receive(TET, vn('2026-02-10'), RESIDENCE, DOCS);
  await send(`${TET}:transfer`, 'TransferDossier', vn('2026-02-10', '10:00'), { dossierCode: TET, ...officer });
  await send(`${TET}:forward`, 'ForwardToAgency', vn('2026-02-11', '10:00'), { dossierCode: TET, ...officer, agencyId: 'chi-cuc-thue', stepLimitWorkingDays: 3, purpose: 'tax check' });
  await send(`${TET}:apology`, 'IssueApology', vn('2026-02-24', '10:00'), { dossierCode: TET, ...officer, reason: 'the tax office is late after Tết', newDueDate: '2026-03-04' });
  await send(`${TET}:back`, 'ReturnFromAgency', vn('2026-02-27', '10:00'), { dossierCode: TET, agencyId: 'chi-cuc-thue' });
  await send(`${TET}:complete`, 'CompleteProcessing', vn('2026-03-02', '09:00'), { dossierCode: TET, ...officer, decision: 'approved' });
  await send(`${TET}:ready`, 'RecordResultReady', vn('2026-03-02', '10:00'), { dossierCode: TET, ...officer });
  await send(`${TET}:returned`, 'ReturnResult', vn('2026-03-05', '10:00'), { dossierCode: TET, ...officer, via: 'counter' });

  // One supplement each: on review (RESTART) and after verification (PAUSE); asked Tue 3 Mar, delivered Mon 9 Mar.
  for (const [code, afterVerification] of [[RESTART, false], [PAUSE, true]] as const) {
    await receive(code, vn('2026-03-02'), HOUSEHOLD, ['Giấy đề nghị đăng ký hộ kinh doanh']);
    await send(`${code}:transfer`, 'TransferDossier', vn('2026-03-02', '10:00'), { dossierCode: code, ...officer });
    await send(`${code}:request`, 'RequestSupplement', vn('2026-03-03', '10:00'), {
      dossierCode: code, ...officer, missingDocuments: ['Giấy đề nghị đăng ký hộ kinh doanh'], ...(afterVerification ? { afterVerification: true } : {}),
    });
    await send(`${code}:supplied`, 'ReceiveSupplement', vn('2026-03-09', '10:00'), { dossierCode: code, ...officer, deliveredVia: 'counter' });
  }

  // A recorded breach (apology synced on its due day) and a late entry (the result's arrival typed in three days later).
  await dossierWithLateApology(scenario);
  await send(`${DOSSIER}:complete`, 'CompleteProcessing', vn('2026-03-10', '09:00'), { dossierCode: DOSSIER, ...officer, decision: 'approved' });
  await send(`${DOSSIER}:ready`, 'RecordResultReady', vn('2026-03-10', '10:00'), { dossierCode: DOSSIER, ...officer }, { recordedAt: '2026-03-13T03:00:00Z' });
});

const verdictOf = async (subject: string, asOf?: AsOf): Promise<Verdict<DossierVerdictOutcome>> => {
  const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'dossier', tenantId: TENANT, subject, ...(asOf === undefined ? {} : { asOf }) }, scenario.deps, {
    now: () => new Date('2026-03-20T10:00:00Z'),
  });
  if (!isRight(result)) throw new Error(result.left.message);
  return result.right.verdict as Verdict<DossierVerdictOutcome>;
};

describe('a dossier verdict', () => {
  it('Then a dossier received before Tết 2026 and due after it is judged where its result reached the desk, late by its working days, Tết not counted', async () => {
    const verdict = await verdictOf(TET);
    expect(verdict.outcome).toMatchObject({
      status: 'RETURNED',
      judged: true,
      judgedAt: 'ready',
      judgedOn: '2026-03-02',
      timeliness: 'late',
      late: true,
      workingDaysLate: 2,
      originalDueDate: '2026-02-26',
      dueDate: '2026-03-04',
      timelinessAgainstDueDate: 'early',
      longestHolder: { body: 'chi-cuc-thue' },
    });
    expect(step(verdict, 'receipt')?.finding).toMatch(/due date 2026-02-26 on form 01.*Tết/);
    expect(step(verdict, 'receipt')?.rule?.source).toBe('docs/domain/dossier-lifecycle.md §6');
    expect(step(verdict, 'dates-recomputed')).toMatchObject({ values: { recomputed: true, differing: 0 } });
    expect(step(verdict, 'agency:1')).toMatchObject({ values: { agencyId: 'chi-cuc-thue', onTime: false, returnedOn: '2026-02-27' } });
    expect(step(verdict, 'apology:1')).toMatchObject({ values: { inTime: true, required: 1, workingDaysBeforeDue: 2 }, rule: { source: 'docs/domain/dossier-lifecycle.md §5' } });
    expect(step(verdict, 'lateness')).toMatchObject({ events: [at[`${TET}:returned`]!.metadata.globalPosition], values: { judgedAt: 'ready', late: true, workingDaysLate: 2 } });
    expect(step(verdict, 'lateness')?.finding).toMatch(/The apology's date 2026-03-04 is shown beside it/);
    expect(verdict.outcome.apologies).toEqual([expect.objectContaining({ inTime: true, newDueDate: '2026-03-04' })]);
    expect(verdict.ruleSetVersions[0]).toBe('decree-118-2025-amended-2026');
    for (const s of verdict.steps.filter((s) => s.rule !== undefined)) expect(s.rule!.source).toMatch(/^docs\/domain\/[a-z-]+\.md §\d/);
  });

  it('Then as of 25 February (Tết over, before the due date) it was within its time, and as of 27 February overdue by 1 working day', async () => {
    const within = await verdictOf(TET, { businessTime: vn('2026-02-25', '17:00') });
    expect(within.outcome).toMatchObject({ judged: false, late: null, overdue: false, originalDueDate: '2026-02-26', dueDate: '2026-03-04', status: 'WITH_AGENCY' });
    const overdue = await verdictOf(TET, { businessTime: vn('2026-02-27', '17:00') });
    expect(overdue.outcome).toMatchObject({ judged: false, late: true, overdue: true, workingDaysLate: 1 });
  });

  it('Then a supplement asked on review restarts the clock, one after verification pauses it, each as the rule set says and each lawful', async () => {
    const restart = await verdictOf(RESTART);
    const pause = await verdictOf(PAUSE);
    expect(restart.outcome.supplements).toEqual([
      { stage: 'processing', number: 1, requestedOn: '2026-03-03', lawful: true, clockPolicy: 'RESTART', dueDateBefore: '2026-03-05', dueDateAfter: '2026-03-12' },
    ]);
    expect(pause.outcome.supplements).toEqual([
      { stage: 'processing', number: 1, requestedOn: '2026-03-03', lawful: true, clockPolicy: 'PAUSE', dueDateBefore: '2026-03-05', dueDateAfter: '2026-03-11', pausedDays: 4 },
    ]);
    expect(step(restart, 'supplement:1')).toMatchObject({ values: { rulePolicy: 'RESTART', afterVerification: false }, rule: { field: expect.stringContaining('supplementClockPolicy') } });
    expect(step(pause, 'supplement:1')).toMatchObject({ values: { rulePolicy: 'PAUSE', afterVerification: true }, rule: { field: expect.stringContaining('supplementClockAfterVerification') } });
    expect(step(pause, 'supplement:1')?.finding).toMatch(/paused for 4 days \(PAUSE\), moving the due date from 2026-03-05 to 2026-03-11/);
    // The applicant held it while completing it: Wed 4 – Mon 9 March.
    expect(step(restart, 'longest-holder')?.finding).toMatch(/the applicant \(completing the dossier\) 4 working days/);
    // Judged as of 20 March with no result: both are overdue against the moved due dates.
    expect(restart.outcome).toMatchObject({ originalDueDate: '2026-03-12', overdue: true, workingDaysLate: 6 });
    expect(pause.outcome).toMatchObject({ originalDueDate: '2026-03-11', overdue: true, workingDaysLate: 7 });
    const waiting = await verdictOf(PAUSE, { businessTime: vn('2026-03-06') });
    expect(waiting.outcome).toMatchObject({ status: 'AWAITING_SUPPLEMENT', late: null, overdue: false });
  });

  it('Then an apology synced on its due day is named with its recorded breach, and a result typed in late is named as a late entry', async () => {
    const verdict = await verdictOf(DOSSIER);
    expect(verdict.outcome).toMatchObject({ judgedAt: 'ready', judgedOn: '2026-03-10', timeliness: 'late', late: true, originalDueDate: '2026-03-05', dueDate: '2026-03-13', breaches: 1, lateEntries: 1 });
    expect(verdict.outcome.apologies).toEqual([expect.objectContaining({ inTime: false, workingDaysBeforeDue: 0, requiredWorkingDays: 1 })]);
    expect(step(verdict, 'recorded-breaches')).toMatchObject({ values: { rules: 'DOSSIER_APOLOGY_TOO_LATE' } });
    expect(step(verdict, 'late-entries')).toMatchObject({ events: [at[`${DOSSIER}:ready`]!.metadata.globalPosition], values: { lateEntries: 1 } });
    // By position, before the late entry was typed in, the result's arrival was not known.
    const before = await verdictOf(DOSSIER, { globalPosition: at[`${DOSSIER}:ready`]!.metadata.globalPosition - 1, judgedAt: vn('2026-03-12') });
    expect(before.outcome).toMatchObject({ judged: false, overdue: true, late: true });
  });

  it('Then computing again from the verdict\'s own events and asOf gives the same verdict', async () => {
    for (const [subject, asOf] of [[TET, undefined], [DOSSIER, { businessTime: vn('2026-03-11') }], [PAUSE, { globalPosition: at[`${PAUSE}:request`]!.metadata.globalPosition }]] as const) {
      const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'dossier', tenantId: TENANT, subject, ...(asOf === undefined ? {} : { asOf }) }, scenario.deps);
      if (!isRight(result)) throw new Error('no verdict');
      const { verdict, events } = result.right;
      expect(computeDossierVerdict(events, { tenantId: TENANT, subject, asOf: asOfOfVerdict(verdict) }, scenario.deps)).toEqual(verdict);
    }
  });

  it('Then a due date the recorded calendar would not give is named, and the recorded one is still judged', async () => {
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'dossier', tenantId: TENANT, subject: TET }, scenario.deps);
    if (!isRight(result)) throw new Error('no verdict');
    const altered = result.right.events.map((e) => (e.type === 'DossierReceived' ? { ...e, data: { ...(e.data as object), dueDate: '2026-02-19' } } : e));
    const verdict = computeDossierVerdict(altered, { tenantId: TENANT, subject: TET }, scenario.deps);
    expect(step(verdict, 'dates-recomputed')).toMatchObject({ values: { differing: 1 } });
    expect(step(verdict, 'dates-recomputed')?.finding).toMatch(/DossierReceived #\d+ dueDate recorded 2026-02-19, recomputed 2026-02-26\. The recorded dates are the ones judged/);
  });

  it('Then under rules that pause the clock after a review (what-if), the supplement names the policy those rules give beside the one recorded', async () => {
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'dossier', tenantId: TENANT, subject: RESTART }, scenario.deps);
    if (!isRight(result)) throw new Error('no verdict');
    const { rules } = scenario.deps;
    const pausing = createRuleBook(rules.ruleSets.map((set) => ({ ...set, supplementClockPolicy: 'PAUSE' as const })), rules.procedures);
    const verdict = computeDossierVerdict(result.right.events, { tenantId: TENANT, subject: RESTART }, { ...scenario.deps, rules: pausing });
    expect(step(verdict, 'supplement:1')).toMatchObject({ values: { clockPolicy: 'RESTART', rulePolicy: 'PAUSE' } });
    expect(step(verdict, 'supplement:1')?.finding).toMatch(/supplementClockPolicy gives PAUSE: the recorded policy differs\./);
    // The recorded due date is still the one judged.
    expect(verdict.outcome.originalDueDate).toBe('2026-03-12');
  });

  it('Then a code never received is not found', async () => {
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'dossier', tenantId: TENANT, subject: '000.00.15.H55-260302-0099' }, scenario.deps);
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'VERDICT_SUBJECT_NOT_FOUND' } });
  });
});

describe('a dossier verdict over a processing control sheet (form 05, docs/domain/dossier-lifecycle.md §8)', () => {
  // Received Mon 2 Mar 2026 (1.001612, 3 working days: due Thu 5 Mar); appraisal by the natural resources
  // office, 2 working days (due Wed 4 Mar), done Mon 9 Mar; decided and ready Tue 10 Mar.
  const CODE = '000.00.15.H55-260302-0005';
  it('Then each step is judged against its own due date, and the body that took longest is named', async () => {
    const desk = scenarioDesk();
    const officer = { officerId: 'officer-lan' };
    const record = (type: string, occurredAt: string, data: Record<string, unknown>) =>
      desk.record('dossiers', { type, data: { occurredAt, dossierCode: CODE, ...data } }, { as: 'receptionist' });
    await record('ReceiveDossier', vn('2026-03-02'), {
      receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: HOUSEHOLD, channel: 'counter', applicantId: 'subject-9', priorityGroup: 'none',
      documents: ['Giấy đề nghị đăng ký hộ kinh doanh'], feeDong: 0, ...officer,
    });
    await record('TransferDossier', vn('2026-03-02', '10:00'), officer);
    await record('AssignStep', vn('2026-03-02', '11:00'), { ...officer, stepId: 'tham-dinh', stepKind: 'appraisal', bodyId: 'phong-tai-nguyen', stepLimitWorkingDays: 2 });
    await record('CompleteStep', vn('2026-03-09', '16:00'), { ...officer, stepId: 'tham-dinh' });
    await record('CompleteProcessing', vn('2026-03-10', '09:00'), { ...officer, decision: 'approved' });
    await record('RecordResultReady', vn('2026-03-10', '10:00'), officer);
    const result = await computeVerdictFromStore(desk.desk.store, { kind: 'dossier', tenantId: TENANT, subject: CODE }, desk.deps);
    if (!isRight(result)) throw new Error(result.left.message);
    const verdict = result.right.verdict as Verdict<DossierVerdictOutcome>;
    expect(step(verdict, 'form05:1')).toMatchObject({ values: { bodyId: 'phong-tai-nguyen', stepKind: 'appraisal', timeliness: 'late', completedOn: '2026-03-09' } });
    expect(verdict.outcome.longestHolder?.body).toBe('phong-tai-nguyen');
    expect(step(verdict, 'longest-holder')?.events).toContain(step(verdict, 'form05:1')!.events[0]);
  });
});
