import { DEADLINE_NAMES } from './common.js';
import { field, momentOf, numberOf, outcomeOf, stepEvent, textOf, value, type StepTemplate } from './context.js';
import { FEEDBACK_CHANNELS, FEEDBACK_KINDS, INCIDENT_OUTCOMES, INCIDENT_SOURCES, named, viDate } from './words.js';

/** The steps of an incident's and a feedback's verdicts that are theirs alone (deadlines and evidence are common). */

const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const dossierPart = (code: string | undefined): string => (code === undefined ? '' : `, liên quan đến hồ sơ ${code}`);

export const incidentReport: StepTemplate = (c) => {
  const reportedOn = textOf(c, 'reportedOn');
  if (reportedOn === undefined) return undefined;
  const event = stepEvent(c, 'IncidentReported');
  const officer = field(event, 'officerId');
  const unit = field(event, 'unitId');
  return (
    `Vụ việc ${c.verdict.subject} (nhóm hành vi ${textOf(c, 'category') ?? '?'}, nguồn: ${named(INCIDENT_SOURCES, value(c, 'source'))})` +
    `${officer === undefined ? '' : ` liên quan đến công chức ${officer}`}${unit === undefined ? '' : ` của đơn vị ${unit}`} được báo cáo ngày ${viDate(reportedOn)}` +
    dossierPart(field(event, 'dossierCode')) +
    (value(c, 'answerRequired') === true
      ? '; kết quả xử lý phải được thông báo cho người phản ánh (khoản 5 Điều 9 Nghị định 61/2018/NĐ-CP).'
      : '; không phải trả lời người phản ánh.')
  );
};

export const incidentConclusion: StepTemplate = (c) => {
  const outcome = value(c, 'outcome');
  if (typeof outcome !== 'string') return undefined;
  const on = field(stepEvent(c, 'IncidentConcluded'), 'doneOn');
  return `Đã kết luận${on === undefined ? '' : ` ngày ${viDate(on)}`}: ${named(INCIDENT_OUTCOMES, outcome)}.`;
};

export const incidentApology: StepTemplate = (c) => {
  const on = textOf(c, 'apologisedOn');
  return on === undefined ? undefined : `Đã xin lỗi công dân ngày ${viDate(on)}.`;
};

export const closed: StepTemplate = (c) => {
  const on = textOf(c, 'closedOn');
  return on === undefined ? undefined : `Kết thúc xử lý ngày ${viDate(on)}.`;
};

const STATUS: Readonly<Record<string, string>> = { open: 'đang xử lý', closed: 'đã kết thúc' };

export const incidentHandling: StepTemplate = (c) => {
  const status = textOf(c, 'status');
  const late = numberOf(c, 'late');
  const deadlines = numberOf(c, 'deadlines');
  if (status === undefined || late === undefined || deadlines === undefined) return undefined;
  const moment = momentOf(c.verdict);
  if (status === 'not-reported') return `Chưa có báo cáo vụ việc ${c.verdict.subject} ${moment}.`;
  const judged = outcomeOf(c, 'deadlines');
  const missed = Array.isArray(judged)
    ? (judged as readonly { deadline?: unknown; status?: unknown }[])
        .filter((d) => d.status === 'late' || d.status === 'overdue')
        .map((d) => `${named(DEADLINE_NAMES, d.deadline)}: ${d.status === 'late' ? 'thực hiện trễ hạn' : 'quá hạn chưa thực hiện'}`)
    : [];
  return `Vụ việc ${named(STATUS, status)} ${moment}: ${late} trên ${deadlines} thời hạn bị trễ${missed.length === 0 ? '' : ` (${missed.join('; ')})`}.`;
};

export const feedbackReceipt: StepTemplate = (c) => {
  const receivedOn = textOf(c, 'receivedOn');
  const kind = textOf(c, 'kind');
  if (receivedOn === undefined || kind === undefined) return undefined;
  const event = stepEvent(c, 'FeedbackReceived');
  const officer = field(event, 'officerId');
  const unit = field(event, 'unitId');
  return (
    `${capitalised(named(FEEDBACK_KINDS, kind))} ${c.verdict.subject} (qua kênh ${named(FEEDBACK_CHANNELS, value(c, 'channel'))}) được tiếp nhận ngày ${viDate(receivedOn)}` +
    `${officer === undefined ? '' : `, về công chức ${officer}`}${unit === undefined ? '' : `${officer === undefined ? ', về đơn vị' : ' của đơn vị'} ${unit}`}` +
    dossierPart(field(event, 'dossierCode')) +
    (kind === 'khen' ? '; lời khen không cần trả lời, không xét thời hạn.' : '.')
  );
};

export const feedbackEscalation: StepTemplate = (c) => {
  const incident = textOf(c, 'incidentId');
  if (incident === undefined) return undefined;
  const on = field(stepEvent(c, 'FeedbackEscalated'), 'escalatedOn');
  return `Đã chuyển thành vụ việc về công vụ ${incident}${on === undefined ? '' : ` ngày ${viDate(on)}`}.`;
};

const HOW: Readonly<Record<string, string>> = { answered: 'đã trả lời', 'on-the-spot': 'đã trả lời ngay tại chỗ', forwarded: 'đã chuyển đến cơ quan có thẩm quyền' };

export const feedbackHandling: StepTemplate = (c) => {
  const status = textOf(c, 'status');
  if (status === undefined) return undefined;
  const moment = momentOf(c.verdict);
  if (status === 'not-received') return `Chưa tiếp nhận phản ánh, kiến nghị ${c.verdict.subject} ${moment}.`;
  const kind = outcomeOf(c, 'kind');
  const handling = outcomeOf(c, 'handling') as { how?: unknown; on?: unknown } | undefined;
  const head = `${named(FEEDBACK_KINDS, kind)} ${named(STATUS, status)} ${moment}: `;
  const what = handling === undefined ? 'chưa xử lý' : `${named(HOW, handling.how)} ngày ${viDate(handling.on)}`;
  const text =
    kind === 'khen'
      ? `${head}lời khen không xét thời hạn.`
      : value(c, 'judged') !== true
        ? `${head}chưa xử lý và vẫn còn trong hạn trả lời.`
        : `${head}${what}, ${value(c, 'onTime') === true ? 'đúng hạn' : 'không đúng hạn'} (chỉ số 8 theo Thông tư 01/2018/TT-VPCP).`;
  return capitalised(text);
};
