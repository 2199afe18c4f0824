import type { ActorRole, IncidentCategoryCode, WorkingDayCalendar } from '@motcua/core';
import { ACTIVE_DESKS, officersOf, PROVINCE_CENTRE } from './province.js';
import type { Random } from './random.js';
import { at, type SeedSession } from './seed-session.js';

const unitHead = (unitId: string) => ({ id: officersOf(unitId, 'desk-head')[0]!.officerId, role: 'unit-head' as const });
const inspector = { id: 'inspector-thai-nguyen', role: 'inspector' as const };
const director = { id: 'director-thai-nguyen', role: 'director' as const };

interface IncidentPlan {
  readonly incidentId: string;
  readonly unitId: string;
  readonly officerId: string;
  readonly category: IncidentCategoryCode;
  readonly source: 'citizen-feedback' | 'hotline' | 'camera' | 'surprise-inspection' | 'regular-inspection' | 'suggestion-box';
  readonly outcome: 'substantiated' | 'unfounded' | 'false-accusation';
  readonly discipline?: 'reprimand' | 'warning';
  /** The seconding agency declares the discipline case complex before deciding it (docs/domain/conduct-catalogue.md §3). */
  readonly complexCase?: true;
  readonly description: string;
  readonly feedbackId?: string;
  readonly reporterId?: string;
  readonly dossierCode?: string;
}

/** An incident through its flow: report, acknowledgement, investigation, conclusion, then what follows it. */
const runIncident = async (
  session: SeedSession,
  calendar: WorkingDayCalendar,
  plan: IncidentPlan,
  reportedOn: string,
  reportedAt = '10:00',
): Promise<string> => {
  const head = unitHead(plan.unitId);
  const send = (type: string, data: Record<string, unknown>, actor: { id: string; role: 'unit-head' | 'inspector' | 'director' }) =>
    session.send('incidents', plan.incidentId, type, { incidentId: plan.incidentId, ...data }, actor);
  let day = reportedOn;
  await send('ReportIncident', {
    occurredAt: at(day, reportedAt), source: plan.source, category: plan.category, officerId: plan.officerId, unitId: plan.unitId,
    description: plan.description,
    ...(plan.feedbackId === undefined ? {} : { feedbackId: plan.feedbackId }),
    ...(plan.reporterId === undefined ? {} : { reporterId: plan.reporterId }),
    ...(plan.dossierCode === undefined ? {} : { dossierCode: plan.dossierCode }),
  }, plan.source === 'surprise-inspection' || plan.source === 'regular-inspection' ? inspector : head);
  day = calendar.addWorkingDays(day, 1);
  await send('AcknowledgeIncident', { occurredAt: at(day, '08:30'), severity: plan.discipline === 'warning' ? 'serious' : 'minor' }, head);
  await send('StartInvestigation', { occurredAt: at(day, '09:00'), investigatorId: inspector.id }, inspector);
  day = calendar.addWorkingDays(day, 3);
  await send('ConcludeIncident', {
    occurredAt: at(day, '15:00'), outcome: plan.outcome,
    findings: plan.outcome === 'substantiated' ? 'Camera và lời khai xác nhận sự việc' : 'Không có căn cứ xác nhận sự việc',
  }, inspector);
  if (plan.outcome === 'substantiated' && plan.reporterId !== undefined) {
    await send('ApologiseToCitizen', { occurredAt: at(day, '16:00'), apologisedBy: head.id }, head);
  }
  if (plan.discipline !== undefined) {
    day = calendar.addWorkingDays(day, 2);
    await send('ProposeDiscipline', { occurredAt: at(day, '09:00'), form: plan.discipline, reason: 'Vi phạm quy tắc ứng xử tại Bộ phận Một cửa' }, head);
    if (plan.complexCase === true) {
      day = calendar.addWorkingDays(day, 2);
      await send('DeclareDisciplineCaseComplex', {
        occurredAt: at(day, '14:00'), declaredBy: director.id, reason: 'Cần xác minh thêm lời khai của các công chức cùng ca trực',
      }, director);
    }
    day = calendar.addWorkingDays(day, 5);
    const decisionRef = `QĐ-KL-${plan.incidentId}`;
    await send('DecideDiscipline', { occurredAt: at(day, '10:00'), decision: plan.discipline, decisionRef }, director);
    await session.send('officers', plan.officerId, 'RecordDiscipline', {
      officerId: plan.officerId, form: plan.discipline, violationDate: reportedOn, decisionDate: day, decisionRef,
      incidentId: plan.incidentId, occurredAt: at(day, '11:00'),
    }, director);
  }
  if (plan.reporterId !== undefined) {
    day = calendar.addWorkingDays(day, 1);
    await send('AnswerApplicant', { occurredAt: at(day, '09:30') }, head);
  }
  day = calendar.addWorkingDays(day, 1);
  await send('CloseIncident', { occurredAt: at(day, '16:00') }, head);
  return day;
};

/**
 * One month of citizen feedback, one of each legal kind, and conduct incidents: some found on
 * inspection or camera, some escalated from feedback. Each flow is a story of its own (see
 * `BusinessTime`); every random choice is made here, before any of them runs.
 */
export const feedbackMonthStories = (
  session: SeedSession,
  calendar: WorkingDayCalendar,
  random: Random,
  month: number,
  firstDay: string,
  dossierCodes: readonly string[],
): (() => Promise<unknown>)[] => {
  const tag = `m${month + 1}`;
  const unitId = ACTIVE_DESKS[month % ACTIVE_DESKS.length]!;
  const head = unitHead(unitId);
  const subject = () => `subject-${random.int(0x100000, 0xffffff).toString(16)}`;
  const day = (offset: number) => calendar.addWorkingDays(firstDay, offset);
  const feedback = (id: string, type: string, data: Record<string, unknown>, actor: { id: string; role: ActorRole } = head) =>
    session.send('feedback', id, type, { feedbackId: id, ...data }, actor);
  const praised = random.pick(officersOf(unitId, 'receiving-officer')).officerId;
  const recommender = subject();
  const reporter = subject();
  const rude = random.pick(officersOf(unitId, 'receiving-officer')).officerId;
  const dossierCode = dossierCodes.length > 0 ? random.pick(dossierCodes) : undefined;
  const complainant = subject();
  const accused = random.pick(officersOf(unitId, 'processing-officer')).officerId;
  const denouncer = subject();
  const badgeless = random.pick(officersOf(PROVINCE_CENTRE, 'receiving-officer')).officerId;
  const onThePhone = random.pick(officersOf(unitId, 'receiving-officer')).officerId;

  // Praise, answered on the spot.
  const praise = async () => {
    const id = `fb-${tag}-khen`;
    await feedback(id, 'ReceiveFeedback', {
      occurredAt: at(day(1), '10:15'), channel: 'rating-device', kind: 'khen', summary: 'Cán bộ hướng dẫn tận tình, chu đáo',
      officerId: praised, unitId,
    });
    await feedback(id, 'AnswerOnTheSpot', { occurredAt: at(day(1), '10:20'), answeredBy: head.id, answerSummary: 'Cảm ơn ý kiến của công dân' });
    await feedback(id, 'CloseFeedback', { occurredAt: at(day(1), '10:25') });
  };

  // A suggestion, answered in writing.
  const suggestion = async () => {
    const id = `fb-${tag}-gop-y`;
    await feedback(id, 'ReceiveFeedback', {
      occurredAt: at(day(2), '09:00'), channel: 'suggestion-box', kind: 'gop-y', summary: 'Đề nghị bố trí thêm ghế chờ', unitId,
    });
    await feedback(id, 'AnswerFeedback', { occurredAt: at(day(4), '15:00'), answeredBy: head.id, answerSummary: 'Đã bố trí thêm 10 ghế chờ' });
    await feedback(id, 'CloseFeedback', { occurredAt: at(day(4), '15:30') });
  };

  // A recommendation outside the desk's competence, forwarded within 5 working days (Decree 20/2008).
  const recommendation = async () => {
    const id = `fb-${tag}-kien-nghi`;
    await feedback(id, 'ReceiveFeedback', {
      occurredAt: at(day(3), '14:00'), channel: 'online', kind: 'kien-nghi', summary: 'Kiến nghị đơn giản hóa thành phần hồ sơ đăng ký thường trú',
      subjectId: recommender,
    });
    await feedback(id, 'RecordAndForward', { occurredAt: at(day(5), '09:00'), toBody: 'so-noi-vu', reason: 'Thuộc thẩm quyền của Sở Nội vụ' });
  };

  // A problem report about an officer, escalated into a conduct incident that is substantiated.
  const problemReport = async () => {
    const id = `fb-${tag}-phan-anh`;
    const incidentId = `inc-${tag}-c01`;
    await feedback(id, 'ReceiveFeedback', {
      occurredAt: at(day(6), '08:45'), channel: 'hotline', kind: 'phan-anh', summary: 'Cán bộ tiếp nhận nói trống không, to tiếng',
      subjectId: reporter, unitId, ...(dossierCode === undefined ? {} : { dossierCode }),
    });
    await feedback(id, 'EscalateToIncident', { occurredAt: at(day(6), '11:00'), incidentId, officerId: rude });
    const closedOn = await runIncident(session, calendar, {
      incidentId, unitId, officerId: rude, category: 'C01', source: 'citizen-feedback', outcome: 'substantiated',
      ...(month % 2 === 0 ? { discipline: 'reprimand' as const } : {}),
      description: 'Công dân phản ánh qua đường dây nóng về thái độ của cán bộ tiếp nhận', feedbackId: id, reporterId: reporter,
      ...(dossierCode === undefined ? {} : { dossierCode }),
    }, day(6), '11:30');
    await feedback(id, 'AnswerFeedback', { occurredAt: at(closedOn, '16:30'), answeredBy: head.id, answerSummary: 'Đã xử lý cán bộ, xin lỗi công dân' });
    await feedback(id, 'CloseFeedback', { occurredAt: at(closedOn, '17:00') });
  };

  // A complaint escalated and found unfounded, or a false accusation.
  const complaint = async () => {
    const id = `fb-${tag}-khieu-nai`;
    const incidentId = `inc-${tag}-c11`;
    await feedback(id, 'ReceiveFeedback', {
      occurredAt: at(day(8), '10:00'), channel: 'in-person', kind: 'khieu-nai', summary: 'Khiếu nại việc yêu cầu bổ sung giấy tờ ngoài danh mục',
      subjectId: complainant, officerId: accused, unitId,
    });
    await feedback(id, 'EscalateToIncident', { occurredAt: at(day(8), '14:00'), incidentId });
    const answeredOn = await runIncident(session, calendar, {
      incidentId, unitId, officerId: accused, category: 'C11', source: 'citizen-feedback',
      outcome: month % 2 === 0 ? 'unfounded' : 'false-accusation',
      description: 'Công dân khiếu nại yêu cầu giấy tờ ngoài danh mục đã công bố', feedbackId: id, reporterId: complainant,
    }, day(8), '14:30');
    await feedback(id, 'AnswerFeedback', { occurredAt: at(answeredOn, '16:30'), answeredBy: head.id, answerSummary: 'Yêu cầu bổ sung đúng danh mục đã công bố' });
    await feedback(id, 'CloseFeedback', { occurredAt: at(answeredOn, '17:00') });
  };

  // A denunciation, forwarded to the inspectorate and still open there.
  const denunciation = async () => {
    const id = `fb-${tag}-to-cao`;
    await feedback(id, 'ReceiveFeedback', {
      occurredAt: at(day(10), '09:30'), channel: 'online', kind: 'to-cao', summary: 'Tố cáo việc gợi ý chi phí ngoài lệ phí', subjectId: denouncer,
    }, { id: 'portal', role: 'system' });
    await feedback(id, 'RecordAndForward', { occurredAt: at(day(11), '10:00'), toBody: 'thanh-tra-tinh', reason: 'Tố cáo theo Luật Tố cáo' });
  };

  // Found by the desk itself: a surprise inspection (no badge), and the counter camera.
  const inspection = () =>
    runIncident(session, calendar, {
      incidentId: `inc-${tag}-c04`, unitId: PROVINCE_CENTRE, officerId: badgeless,
      category: 'C04', source: 'surprise-inspection', outcome: 'substantiated', ...(month === 1 ? { discipline: 'warning' as const, complexCase: true as const } : {}),
      description: 'Kiểm tra đột xuất: cán bộ không đeo thẻ công chức',
    }, day(12));
  const camera = () =>
    runIncident(session, calendar, {
      incidentId: `inc-${tag}-c02`, unitId, officerId: onThePhone,
      category: 'C02', source: 'camera', outcome: month % 3 === 2 ? 'unfounded' : 'substantiated',
      description: 'Camera ghi nhận cán bộ dùng điện thoại riêng khi đang tiếp công dân',
    }, day(14));

  return [praise, suggestion, recommendation, problemReport, complaint, denunciation, inspection, camera];
};
