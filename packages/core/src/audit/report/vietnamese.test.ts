import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../../calendar/dates.js';
import { createVietnamCalendar } from '../../calendar/index.js';
import { isRight } from '../../fp.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { buildConductLog } from '../../read-side/read-models/conduct-support/conduct.testkit.js';
import { code, interleave, kit, record, rulesWith, world, worldOf } from '../../read-side/read-models/dossier-support/dossier-events.testkit.js';
import { defaultRuleBook } from '../../rules/index.js';
import type { AsOf, Verdict, VerdictKind } from '../verdict.js';
import { computeDossierVerdict } from '../verdicts/dossier/compute.js';
import { computeFeedbackVerdict } from '../verdicts/feedback/compute.js';
import { computeIncidentVerdict } from '../verdicts/incident/compute.js';
import { computeVerdictFromStore } from '../verdicts/registry.js';
import { DOSSIER, dossierWithLateApology, scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdicts/verdict.testkit.js';
import { renderVerdictReport } from './index.js';
import { templateKey, VI_STEP_TEMPLATES, vietnameseFinding } from './vi/index.js';

/**
 * Given the verdicts of every kind over the kinds' scenarios and generated logs (dossiers across Tết,
 * with supplements under each clock policy, forwarded, apologised for, withdrawn, left open; incidents
 * and feedback at every stage; an officer's rating across the 2026 change of scale), When each is
 * written as a Vietnamese report, Then every step reads in Vietnamese from its id and values: no step
 * id a kind produces lacks its wording, and the report names the due date, the days late and the rule.
 */
const VERBATIM = '(nguyên văn tiếng Anh)';
type Answer = { readonly verdict: Verdict; readonly events: readonly RecordedEvent[] };

let desk: ScenarioDesk;
let officers: ScenarioDesk;
const answers: Answer[] = [];

const TET = '000.00.15.H55-260210-0001';
const RESTART = '000.00.15.H55-260302-0002';
const PAUSE = '000.00.15.H55-260302-0003';
const INTAKE = '000.00.15.H55-260302-0004';
const WITHDRAWN = '000.00.15.H55-260302-0005';
const FORM05 = '000.00.15.H55-260302-0006';
const DOCS = ['Tờ khai thay đổi thông tin cư trú (Mẫu CT01)'];
const HOUSEHOLD = ['Giấy đề nghị đăng ký hộ kinh doanh'];
const officer = { officerId: 'officer-lan' };

const send = (on: ScenarioDesk, aggregate: 'dossiers' | 'incidents' | 'feedback' | 'officers', type: string, occurredAt: string, data: Record<string, unknown>, options: { recordedAt?: string; as?: 'sync' | 'receptionist' } = {}) =>
  on.record(aggregate as 'dossiers', { type, data: { occurredAt, ...data } }, { as: options.as ?? 'receptionist', ...(options.recordedAt === undefined ? {} : { recordedAt: options.recordedAt }) });

const receive = (dossierCode: string, occurredAt: string, procedureCode: string, documents: readonly string[]) =>
  send(desk, 'dossiers', 'ReceiveDossier', occurredAt, { dossierCode, receivingUnitId: 'tn-phuc-vu-hcc', procedureCode, channel: 'counter', applicantId: 'subject-9', priorityGroup: 'none', documents, feeDong: 0, ...officer });

const dossiers = async () => {
  // Across Tết 2026: received Tue 10 Feb (7 working days), Tết Mon 16–Fri 20 Feb: due Thu 26 Feb; ready Mon 2 Mar, 2 working days late.
  await receive(TET, vn('2026-02-10'), '1.004222', DOCS);
  await send(desk, 'dossiers', 'TransferDossier', vn('2026-02-10', '10:00'), { dossierCode: TET, ...officer });
  await send(desk, 'dossiers', 'ForwardToAgency', vn('2026-02-11', '10:00'), { dossierCode: TET, ...officer, agencyId: 'chi-cuc-thue', stepLimitWorkingDays: 3, purpose: 'tax check' });
  await send(desk, 'dossiers', 'IssueApology', vn('2026-02-24', '10:00'), { dossierCode: TET, ...officer, reason: 'the tax office is late after Tết', newDueDate: '2026-03-04' });
  await send(desk, 'dossiers', 'ReturnFromAgency', vn('2026-02-27', '10:00'), { dossierCode: TET, agencyId: 'chi-cuc-thue' });
  await send(desk, 'dossiers', 'CompleteProcessing', vn('2026-03-02', '09:00'), { dossierCode: TET, ...officer, decision: 'approved' });
  await send(desk, 'dossiers', 'RecordResultReady', vn('2026-03-02', '10:00'), { dossierCode: TET, ...officer });
  await send(desk, 'dossiers', 'ReturnResult', vn('2026-03-05', '10:00'), { dossierCode: TET, ...officer, via: 'counter' });
  // One supplement each: on review (RESTART) and after verification (PAUSE).
  for (const [dossierCode, afterVerification] of [[RESTART, false], [PAUSE, true]] as const) {
    await receive(dossierCode, vn('2026-03-02'), '1.001612', HOUSEHOLD);
    await send(desk, 'dossiers', 'TransferDossier', vn('2026-03-02', '10:00'), { dossierCode, ...officer });
    await send(desk, 'dossiers', 'RequestSupplement', vn('2026-03-03', '10:00'), { dossierCode, ...officer, missingDocuments: HOUSEHOLD, ...(afterVerification ? { afterVerification: true } : {}) });
    await send(desk, 'dossiers', 'ReceiveSupplement', vn('2026-03-09', '10:00'), { dossierCode, ...officer, deliveredVia: 'counter' });
  }
  // Gaps found at the counter (form 02), twice, then received; and one withdrawn.
  const intake = { dossierCode: INTAKE, receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.001612', channel: 'counter', applicantId: 'subject-9' };
  await send(desk, 'dossiers', 'SubmitDossier', vn('2026-03-02', '08:00'), { ...intake, documents: [] });
  await send(desk, 'dossiers', 'RequestSupplementAtIntake', vn('2026-03-02', '08:10'), { dossierCode: INTAKE, ...officer, missingDocuments: HOUSEHOLD });
  await send(desk, 'dossiers', 'SubmitDossier', vn('2026-03-03', '08:00'), { ...intake, documents: HOUSEHOLD });
  await send(desk, 'dossiers', 'RequestSupplementAtIntake', vn('2026-03-03', '08:10'), { dossierCode: INTAKE, ...officer, missingDocuments: [...HOUSEHOLD, 'Bản sao hợp đồng thuê nhà'] }, { as: 'sync' });
  await send(desk, 'dossiers', 'SubmitDossier', vn('2026-03-04', '08:00'), { ...intake, documents: HOUSEHOLD });
  await receive(INTAKE, vn('2026-03-04'), '1.001612', HOUSEHOLD);
  await receive(WITHDRAWN, vn('2026-03-02'), '1.001612', HOUSEHOLD);
  await send(desk, 'dossiers', 'WithdrawDossier', vn('2026-03-03'), { dossierCode: WITHDRAWN, reason: 'filed elsewhere' });
  // A processing control sheet (form 05): an appraisal done late, another still open.
  await receive(FORM05, vn('2026-03-02'), '1.001612', HOUSEHOLD);
  await send(desk, 'dossiers', 'TransferDossier', vn('2026-03-02', '10:00'), { dossierCode: FORM05, ...officer });
  await send(desk, 'dossiers', 'AssignStep', vn('2026-03-02', '11:00'), { dossierCode: FORM05, ...officer, stepId: 'tham-dinh', stepKind: 'appraisal', bodyId: 'phong-tai-nguyen', stepLimitWorkingDays: 2 });
  await send(desk, 'dossiers', 'CompleteStep', vn('2026-03-09', '16:00'), { dossierCode: FORM05, ...officer, stepId: 'tham-dinh' });
  await send(desk, 'dossiers', 'AssignStep', vn('2026-03-10', '09:00'), { dossierCode: FORM05, ...officer, stepId: 'phe-duyet', stepKind: 'approval', bodyId: 'lanh-dao-ubnd', stepLimitWorkingDays: 1 });
  // A recorded breach (apology synced on its due day) and a late entry (the result's arrival typed in three days later).
  await dossierWithLateApology(desk);
  await send(desk, 'dossiers', 'CompleteProcessing', vn('2026-03-10', '09:00'), { dossierCode: DOSSIER, ...officer, decision: 'approved' });
  await send(desk, 'dossiers', 'RecordResultReady', vn('2026-03-10', '10:00'), { dossierCode: DOSSIER, ...officer }, { recordedAt: '2026-03-13T03:00:00Z' });
};

const INCIDENT = 'INC-V-1';
const FEEDBACK = 'FB-V-1';

const conduct = async () => {
  await desk.record('incidents', {
    type: 'ReportIncident',
    data: { incidentId: INCIDENT, occurredAt: vn('2026-03-10'), source: 'citizen-feedback', category: 'C03', officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc', description: 'Asked for an extra payment.', dossierCode: DOSSIER, reporterId: 'subject-1' },
  });
  await desk.record('incidents', { type: 'AcknowledgeIncident', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-12', '15:00'), severity: 'serious' } }, { recordedAt: '2026-03-17T02:00:00Z' });
  await desk.record('incidents', { type: 'StartInvestigation', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-13') } });
  await desk.record('incidents', { type: 'ConcludeIncident', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-20'), outcome: 'substantiated' } });
  await desk.record('incidents', { type: 'ApologiseToCitizen', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-23') } });
  await desk.record('incidents', { type: 'ProposeDiscipline', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-23', '10:00'), form: 'reprimand' } });
  await desk.record('incidents', { type: 'DecideDiscipline', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-27'), decision: 'reprimand', decisionRef: '7/QĐ-SNV' } });
  await desk.record('incidents', { type: 'AnswerApplicant', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-30') } });
  await desk.record('incidents', { type: 'CloseIncident', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-31') } });
  await desk.record('feedback', { type: 'ReceiveFeedback', data: { feedbackId: FEEDBACK, occurredAt: vn('2026-03-06'), channel: 'online', kind: 'khieu-nai', summary: 'Asked for money.', officerId: 'officer-lan', dossierCode: DOSSIER } });
  await desk.record('feedback', { type: 'EscalateToIncident', data: { feedbackId: FEEDBACK, occurredAt: vn('2026-03-09'), incidentId: INCIDENT } });
  await desk.record('feedback', { type: 'AnswerFeedback', data: { feedbackId: FEEDBACK, occurredAt: vn('2026-04-24', '16:00'), answerSummary: 'Sorry.' } });
  await desk.record('feedback', { type: 'CloseFeedback', data: { feedbackId: FEEDBACK, occurredAt: vn('2026-04-27') } });
};

/** Officer OF-1 with the same quarter in 2025 and 2026, her 2025-Q1 rating synced above the criteria (a breach), her 2026-Q1 score typed a week late. */
const officerRatings = async () => {
  let sequence = 0;
  const rec = (aggregate: 'officers' | 'incidents' | 'feedback' | 'dossiers', type: string, occurredAt: string, data: Record<string, unknown>, options: { recordedAt?: string; as?: 'sync' } = {}) =>
    officers.record(aggregate as 'dossiers', { type, data: { occurredAt, ...data } }, options);
  for (const officerId of ['OF-1', 'OF-2']) {
    await rec('officers', 'AppointOfficer', vn('2024-01-02'), {
      officerId, unitId: 'UNIT-A', deskLevel: 'province', role: 'receiving-officer', fields: ['Business'], effectiveDate: '2024-01-02', legalStatus: 'civil-servant', secondingAgencyId: 'DEPT-PLANNING',
    });
  }
  const dossier = async (officerId: string, monday: string, returned: string, stars: number) => {
    const dossierCode = `000.00.15.H55-${monday.slice(2, 4)}${monday.slice(5, 7)}${monday.slice(8, 10)}-${String(++sequence).padStart(4, '0')}`;
    const common = { dossierCode, officerId };
    await rec('dossiers', 'ReceiveDossier', vn(monday), { ...common, receivingUnitId: 'UNIT-A', procedureCode: '1.001612', channel: 'counter', applicantId: 'SUBJ-1', priorityGroup: 'none', documents: HOUSEHOLD, feeDong: 0 });
    await rec('dossiers', 'TransferDossier', vn(monday, '10:00'), common);
    await rec('dossiers', 'CompleteProcessing', vn(returned, '09:00'), { ...common, decision: 'approved' });
    await rec('dossiers', 'ReturnResult', vn(returned, '10:00'), { ...common, via: 'counter' });
    await rec('dossiers', 'RateDossier', vn(returned, '10:05'), { dossierCode, channel: 'counter-device', sipas: { officers: stars }, circular01: { '1': 2 } });
  };
  for (const monday of ['2025-03-03', '2026-03-02']) {
    const next = (days: number) => addCalendarDays(monday, days);
    for (const [returned, stars] of [[next(2), 5], [next(3), 4], [next(8), 2]] as const) await dossier('OF-1', monday, returned, stars);
    const incidentId = `INC-OF-1-${monday}`;
    await rec('incidents', 'ReportIncident', vn(next(7)), { incidentId, source: 'camera', category: 'C01', officerId: 'OF-1', unitId: 'UNIT-A', description: 'Raised voice at the counter.' });
    await rec('incidents', 'AcknowledgeIncident', vn(next(7), '11:00'), { incidentId, severity: 'minor' });
    await rec('incidents', 'StartInvestigation', vn(next(8)), { incidentId });
    await rec('incidents', 'ConcludeIncident', vn(next(9)), { incidentId, outcome: 'substantiated' });
    await rec('feedback', 'ReceiveFeedback', vn(next(10)), { feedbackId: `PRAISE-OF-1-${monday}`, channel: 'online', kind: 'khen', summary: 'Helpful.', officerId: 'OF-1', unitId: 'UNIT-A' });
  }
  await dossier('OF-2', '2026-03-09', '2026-03-10', 5);
  await rec('officers', 'RecordDiscipline', vn('2025-03-20'), { officerId: 'OF-1', form: 'reprimand', violationDate: '2025-03-10', decisionDate: '2025-03-20', decisionRef: '12/QĐ-SKHĐT', incidentId: 'INC-OF-1-2025-03-03' });
  await rec('officers', 'RecordEvaluation', vn('2025-04-02'), { officerId: 'OF-1', period: '2025-Q1', level: 'excellent' }, { as: 'sync' });
  await rec('officers', 'RecordEvaluation', vn('2026-04-02'), { officerId: 'OF-1', period: '2026-Q1', score: 75 }, { recordedAt: '2026-04-10T03:00:00Z' });
};

const fromStore = async (on: ScenarioDesk, kind: VerdictKind, subject: string, asOf?: AsOf): Promise<Answer> => {
  const result = await computeVerdictFromStore(on.desk.store, { kind, tenantId: TENANT, subject, ...(asOf === undefined ? {} : { asOf }) }, on.deps, { now: () => new Date('2026-06-01T00:00:00Z') });
  if (!isRight(result)) throw new Error(result.left.message);
  return result.right;
};

/** Verdicts over logs held in memory, at the whole log and at a few moments. */
const overLog = (log: readonly RecordedEvent[], kind: 'dossier' | 'incident' | 'feedback', subject: string, compute: typeof computeDossierVerdict | typeof computeIncidentVerdict | typeof computeFeedbackVerdict, deps: Parameters<typeof computeDossierVerdict>[2]) => {
  const moments: (AsOf | undefined)[] = [undefined];
  const own = log.filter((e) => e.metadata.streamId.endsWith(`:${subject}`));
  for (const event of own) moments.push({ globalPosition: event.metadata.globalPosition, judgedAt: addDaysIso(event.metadata.occurredAt, 40) });
  for (const days of [1, 5, 12, 30]) if (own[0] !== undefined) moments.push({ businessTime: addDaysIso(own[0].metadata.occurredAt, days) });
  for (const asOf of moments) {
    const verdict = (compute as (e: typeof log, s: { tenantId: string; subject: string; asOf?: AsOf }, d: typeof deps) => Verdict)(log, { tenantId: own[0]?.metadata.tenantId ?? TENANT, subject, ...(asOf === undefined ? {} : { asOf }) }, deps);
    answers.push({ verdict: { ...verdict, kind }, events: log.filter((e) => verdict.events.includes(e.metadata.globalPosition)) });
  }
};

const addDaysIso = (instant: string, days: number): string => new Date(Date.parse(instant) + days * 86_400_000).toISOString();

beforeAll(async () => {
  desk = scenarioDesk();
  officers = scenarioDesk();
  await dossiers();
  await conduct();
  await officerRatings();
  for (const subject of [TET, RESTART, PAUSE, INTAKE, WITHDRAWN, FORM05, DOSSIER]) {
    answers.push(await fromStore(desk, 'dossier', subject));
    for (const day of ['2026-02-25', '2026-02-27', '2026-03-05']) answers.push(await fromStore(desk, 'dossier', subject, { businessTime: vn(day, '17:00') }));
  }
  for (const day of ['2026-03-11', '2026-03-14', '2026-03-27', '2026-04-20', '2026-05-30']) {
    answers.push(await fromStore(desk, 'incident', INCIDENT, { businessTime: vn(day, '17:00') }));
    answers.push(await fromStore(desk, 'feedback', FEEDBACK, { businessTime: vn(day, '17:00') }));
  }
  answers.push(await fromStore(desk, 'incident', INCIDENT), await fromStore(desk, 'feedback', FEEDBACK));
  // Nothing recorded yet about the subject.
  for (const compute of [computeIncidentVerdict, computeFeedbackVerdict, computeDossierVerdict]) answers.push({ verdict: compute([], { tenantId: TENANT, subject: 'NONE-1' }, desk.deps), events: [] });
  for (const subject of ['OF-1/2026-Q1', 'OF-1/2025-Q1', 'OF-2/2026-Q1', 'OF-1/2026-03', 'OF-1/2026', 'OF-2/2025-Q1', 'OF-1/2017']) answers.push(await fromStore(officers, 'officer', subject));

  const conductLog = await buildConductLog();
  const conductDeps = { rules: defaultRuleBook(), calendar: createVietnamCalendar() };
  const ids = (type: string, name: string) => [...new Set(conductLog.filter((e) => e.type === type).map((e) => (e.data as Record<string, string>)[name]!))];
  for (const id of ids('IncidentReported', 'incidentId')) overLog(conductLog, 'incident', id, computeIncidentVerdict, conductDeps);
  for (const id of ids('FeedbackReceived', 'feedbackId')) overLog(conductLog, 'feedback', id, computeFeedbackVerdict, conductDeps);

  const dossierDeps = { rules: rulesWith(), calendar: kit.calendar };
  for (const { dossiers: generated, picks } of fc.sample(world, { numRuns: 12, seed: 14 })) {
    const streams = worldOf(generated);
    const log = record(streams, interleave(streams, picks));
    generated.forEach((_, i) => overLog(log, 'dossier', code(i + 1), computeDossierVerdict, dossierDeps));
  }
});

describe('every step of every kind in Vietnamese', () => {
  it('Then each step id a kind produces has its Vietnamese wording, filled from the step (no step falls back to the English finding)', () => {
    const produced = new Map<VerdictKind, Set<string>>();
    const missing = new Set<string>();
    for (const { verdict, events } of answers) {
      const byPosition = new Map(events.map((e) => [e.metadata.globalPosition, e]));
      for (const step of verdict.steps) {
        const key = templateKey(step.id);
        produced.set(verdict.kind, (produced.get(verdict.kind) ?? new Set()).add(key));
        if (vietnameseFinding(verdict, step, byPosition) === undefined) missing.add(`${verdict.kind} ${step.id}`);
      }
    }
    expect([...missing]).toEqual([]);
    // The drive reaches every wording there is, so a step the kinds stop producing is noticed too.
    for (const kind of ['dossier', 'incident', 'feedback', 'officer'] as const) {
      expect([...(produced.get(kind) ?? [])].sort()).toEqual(Object.keys(VI_STEP_TEMPLATES[kind]).sort());
    }
  });

  it('Then no Vietnamese report of these verdicts shows an English finding, and every English report keeps the verdict\'s own', () => {
    for (const answer of answers) {
      for (const format of ['md', 'html'] as const) {
        expect(renderVerdictReport(answer, { format })).not.toContain(VERBATIM);
        const en = renderVerdictReport(answer, { format: 'html', lang: 'en' });
        for (const step of answer.verdict.steps) expect(en).toContain(step.finding.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
      }
    }
  });
});

const report = (answer: Answer) => renderVerdictReport(answer, { format: 'md' });
const only = async (on: ScenarioDesk, kind: VerdictKind, subject: string, asOf?: AsOf) => report(await fromStore(on, kind, subject, asOf));

describe('a Vietnamese report per kind', () => {
  it('Then a dossier across Tết names its due date on form 01, the days late where its result reached the desk, the apology and the rule', async () => {
    const md = await only(desk, 'dossier', TET);
    expect(md).not.toContain(VERBATIM);
    expect(md).toContain('ngày hẹn trả kết quả ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) là ngày 26/02/2026');
    expect(md).toContain('Từ ngày bắt đầu giải quyết đến ngày hẹn trả có 9 ngày nghỉ, không tính vào thời hạn: 4 ngày cuối tuần, Tết Nguyên Đán 5 ngày.');
    expect(md).toContain('Đánh giá tại ngày 02/03/2026, ngày có kết quả giải quyết tại bộ phận một cửa, so với ngày hẹn trả ban đầu 26/02/2026: trễ hạn 2 ngày làm việc');
    expect(md).toContain('Thư xin lỗi lần 1 (Mẫu 04) gửi ngày 24/02/2026');
    expect(md).toContain('Ngày hẹn lại trong thư xin lỗi (04/03/2026) chỉ để đối chiếu, không dùng để đánh giá');
    expect(md).toContain('chi-cuc-thue giữ hồ sơ lâu nhất');
    expect(md).toContain('**Trễ hạn 2 ngày làm việc so với hạn ban đầu 26/02/2026 (xét ngày 02/03/2026).**');
    expect(md).toContain('- Quy định: decree-118-2025-amended-2026 ResultReady.timelinessAgainstOriginal');
  });

  it('Then a supplement names its clock under each policy, and the due date it moved', async () => {
    const restart = await only(desk, 'dossier', RESTART);
    expect(restart).not.toContain(VERBATIM);
    expect(restart).toMatch(/Yêu cầu bổ sung hồ sơ lần 1 ngày 03\/03\/2026 \(khi xem xét hồ sơ\).*thời hạn được tính lại từ đầu, ngày hẹn trả chuyển từ 05\/03\/2026 sang \d\d\/\d\d\/2026/);
    const pause = await only(desk, 'dossier', PAUSE);
    expect(pause).toMatch(/\(sau khi thẩm tra, xác minh\).*thời hạn tạm dừng \d+ ngày/);
  });

  it('Then a recorded breach and a late entry are named with their rule and days', async () => {
    const md = await only(desk, 'dossier', DOSSIER);
    expect(md).not.toContain(VERBATIM);
    expect(md).toMatch(/ghi nhận vi phạm DOSSIER\\_APOLOGY\\_TOO\\_LATE \(gửi thư xin lỗi không đủ thời gian trước ngày hẹn trả\), căn cứ Nghị định 61\/2018, Điều 19\(9\), 12\(5\)/);
    expect(md).toMatch(/mới được nhập, muộn 3 ngày làm việc/);
  });

  it('Then an incident names each deadline, its due date, the rule and how late it was done', async () => {
    const md = await only(desk, 'incident', INCIDENT);
    expect(md).not.toContain(VERBATIM);
    expect(md).toContain('Hạn tiếp nhận xử lý vụ việc là ngày 11/03/2026 (1 ngày làm việc kể từ ngày 10/03/2026, theo bộ quy định decree-118-2025-amended-2026');
    expect(md).toContain('đã thực hiện ngày 12/03/2026: trễ hạn 1 ngày làm việc');
    expect(md).toContain('liên quan đến hồ sơ 000.00.15.H55-260302-0001; kết quả xử lý phải được thông báo cho người phản ánh');
    expect(md).toContain('Đã kết luận ngày 20/03/2026: có vi phạm');
  });

  it('Then a complaint names its due date by its legal kind, the escalation, and whether it was answered in time', async () => {
    const md = await only(desk, 'feedback', FEEDBACK);
    expect(md).not.toContain(VERBATIM);
    expect(md).toContain('Khiếu nại FB-V-1 (qua kênh trực tuyến) được tiếp nhận ngày 06/03/2026');
    expect(md).toMatch(/Hạn trả lời khiếu nại là ngày \d\d\/\d\d\/2026 \(\d+ ngày làm việc kể từ ngày 06\/03\/2026, theo bộ quy định decree-118-2025-amended-2026/);
    expect(md).toMatch(/đã thực hiện ngày 24\/04\/2026: trễ hạn \d+ ngày làm việc/);
    expect(md).toContain('Đã chuyển thành vụ việc về công vụ INC-V-1 ngày 09/03/2026.');
    expect(md).toContain('không đúng hạn (chỉ số 8 theo Thông tư 01/2018/TT-VPCP)');
  });

  it('Then an officer\'s rating names the scale in force, the facts, the proposal against the decision and the quota, before and after the 2026 change of scale', async () => {
    const md2026 = await only(officers, 'officer', 'OF-1/2026-Q1');
    expect(md2026).not.toContain(VERBATIM);
    expect(md2026).toContain('Kỳ quý 1/2026 được đánh giá, xếp loại theo bộ quy định');
    expect(md2026).toContain('thang 100 điểm (Nghị định 335/2025/NĐ-CP)');
    expect(md2026).toContain('3 hồ sơ đã trả kết quả (2 đúng hạn, 1 trễ hạn');
    expect(md2026).toMatch(/Đề xuất xếp loại: hoàn thành tốt nhiệm vụ với \d+(,\d+)? điểm/);
    expect(md2026).toContain('Thủ trưởng đơn vị đã quyết định xếp loại');
    expect(md2026).toContain('DEPT-PLANNING, cơ quan đánh giá, xếp loại công chức');
    const md2025 = await only(officers, 'officer', 'OF-1/2025-Q1');
    expect(md2025).toContain('bốn mức xếp loại (Nghị định 90/2020/NĐ-CP)');
    expect(md2025).toContain('xếp loại hoàn thành xuất sắc nhiệm vụ');
    expect(md2025).toContain('xét tại ngày có kết quả so với ngày hẹn trả ban đầu');
    expect(md2025).toContain('OFFICER\\_EVALUATION\\_ABOVE\\_CRITERIA');
  });

  it('Then a step the report has no wording for shows the verdict\'s English finding, marked', () => {
    const verdict: Verdict = { kind: 'incident', tenantId: TENANT, subject: 'INC-X', asOf: { globalPosition: 1 }, outcome: {}, steps: [{ id: 'appeal', finding: 'Appealed on 2026-03-02.', events: [] }], ruleSetVersions: [], calendarVersions: [], events: [] };
    expect(renderVerdictReport({ verdict, events: [] }, { format: 'md' })).toContain('Nhận định (nguyên văn tiếng Anh): Appealed on 2026-03-02.');
    expect(renderVerdictReport({ verdict, events: [] }, { format: 'md', lang: 'en' })).toContain('Finding: Appealed on 2026-03-02.');
  });
});
