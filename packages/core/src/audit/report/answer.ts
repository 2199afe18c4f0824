import type { Verdict } from '../verdict.js';
import type { ReportLanguage } from './labels.js';
import { viDate, viNumber } from './vi/words.js';

/**
 * The answer in one or two sentences, from the verdict's outcome, in the report's language. A kind
 * without its own sentence (or an outcome of another shape) is answered by the finding of its last
 * step, the one each kind ends its reasoning with (in the report's language when the caller gives it).
 */
type Outcome = Readonly<Record<string, unknown>>;

const days = (n: unknown, lang: ReportLanguage): string => {
  const count = typeof n === 'number' ? n : 0;
  return lang === 'vi' ? `${count} ngày làm việc` : `${count} working day${count === 1 ? '' : 's'}`;
};

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');

const dossier = (o: Outcome, lang: ReportLanguage): string | undefined => {
  if (typeof o['status'] !== 'string') return undefined;
  const vi = lang === 'vi';
  if (o['status'] === 'NOT_STARTED') return vi ? 'Hồ sơ chưa được tiếp nhận: chưa tính thời hạn.' : 'The dossier was not received: no time limit runs.';
  const due = vi ? viDate(text(o['originalDueDate'])) : text(o['originalDueDate']);
  if (o['judged'] === true) {
    const on = vi ? viDate(text(o['judgedOn'])) : text(o['judgedOn']);
    if (o['late'] === true) return vi ? `Trễ hạn ${days(o['workingDaysLate'], lang)} so với hạn ban đầu ${due} (xét ngày ${on}).` : `Late by ${days(o['workingDaysLate'], lang)} against the original due date ${due} (judged on ${on}).`;
    return vi ? `Không trễ hạn: ${o['timeliness'] === 'early' ? 'trước hạn' : 'đúng hạn'} so với hạn ban đầu ${due} (xét ngày ${on}).` : `Not late: ${text(o['timeliness'])} against the original due date ${due} (judged on ${on}).`;
  }
  if (o['overdue'] === true) return vi ? `Quá hạn ${days(o['workingDaysLate'], lang)} so với hạn ban đầu ${due}, chưa có kết quả.` : `Overdue by ${days(o['workingDaysLate'], lang)} against the original due date ${due}, no result yet.`;
  return vi ? `Chưa đánh giá được (trạng thái ${text(o['status'])}).` : `Not judged yet (status ${text(o['status'])}).`;
};

const incident = (o: Outcome, lang: ReportLanguage): string | undefined => {
  const vi = lang === 'vi';
  if (o['status'] === 'not-reported') return vi ? 'Chưa có báo cáo vụ việc tại thời điểm này.' : 'No report of the incident as of this moment.';
  const deadlines = Array.isArray(o['deadlines']) ? o['deadlines'].length : undefined;
  if (deadlines === undefined || typeof o['late'] !== 'number') return undefined;
  const state = vi ? (o['status'] === 'closed' ? 'đã kết thúc' : 'đang xử lý') : o['status'] === 'closed' ? 'closed' : 'open';
  return vi
    ? `Vụ việc ${state}: ${o['late']} trên ${deadlines} thời hạn bị trễ.`
    : `The incident is ${state}: ${o['late']} of ${deadlines} deadline${deadlines === 1 ? '' : 's'} missed.`;
};

const feedback = (o: Outcome, lang: ReportLanguage): string | undefined => {
  const vi = lang === 'vi';
  if (o['status'] === 'not-received') return vi ? 'Chưa tiếp nhận phản ánh, kiến nghị này tại thời điểm này.' : 'The feedback was not received as of this moment.';
  if (typeof o['judged'] !== 'boolean') return undefined;
  if (o['kind'] === 'khen') return vi ? 'Lời khen không cần trả lời, không xét thời hạn.' : 'Praise needs no answer and is not judged.';
  if (!o['judged']) return vi ? 'Chưa xử lý và vẫn còn trong hạn trả lời.' : 'Not handled yet and still within the time to answer.';
  return o['onTime'] === true ? (vi ? 'Được xử lý đúng hạn.' : 'Handled in time.') : vi ? 'Không được xử lý đúng hạn.' : 'Not handled in time.';
};

const LEVELS_VI: Readonly<Record<string, string>> = { excellent: 'hoàn thành xuất sắc nhiệm vụ', good: 'hoàn thành tốt nhiệm vụ', completed: 'hoàn thành nhiệm vụ', 'not-completed': 'không hoàn thành nhiệm vụ' };

const officer = (o: Outcome, lang: ReportLanguage): string | undefined => {
  const vi = lang === 'vi';
  if (o['status'] === 'no-rules') return vi ? 'Kỳ này không có bộ quy định đánh giá áp dụng.' : 'No rule set rates this period.';
  if (o['status'] === 'not-proposed') return vi ? 'Không có dữ kiện để đề xuất xếp loại trong kỳ.' : 'No fact to propose a rating from in this period.';
  const proposed = o['proposed'] as { points?: unknown; level?: unknown } | undefined;
  if (o['status'] !== 'proposed' || proposed === undefined) return undefined;
  const level = (value: unknown) => (vi ? (LEVELS_VI[text(value)] ?? text(value)) : text(value));
  const points = typeof proposed.points === 'number' ? (vi ? ` (${viNumber(proposed.points)} điểm)` : ` (${proposed.points} points)`) : '';
  const recorded = o['recorded'] as { level?: unknown } | undefined;
  const decision =
    recorded === undefined
      ? vi ? ' Chưa ghi nhận quyết định xếp loại.' : ' No rating recorded yet.'
      : vi ? ` Quyết định đã ghi: ${level(recorded.level)}, ${o['decision'] === 'agrees' ? 'khớp với đề xuất' : 'khác đề xuất'}.` : ` Recorded: ${level(recorded.level)}, which ${o['decision'] === 'agrees' ? 'agrees with' : 'differs from'} the proposal.`;
  return (vi ? `Đề xuất xếp loại: ${level(proposed.level)}${points}.` : `Proposed: ${level(proposed.level)}${points}.`) + decision;
};

const SENTENCES: Partial<Readonly<Record<Verdict['kind'], (o: Outcome, lang: ReportLanguage) => string | undefined>>> = { dossier, incident, feedback, officer };

export const answerOf = (verdict: Verdict, lang: ReportLanguage, lastFinding?: string): string => {
  const outcome = verdict.outcome;
  const sentence = outcome !== null && typeof outcome === 'object' ? SENTENCES[verdict.kind]?.(outcome as Outcome, lang) : undefined;
  return sentence ?? lastFinding ?? verdict.steps[verdict.steps.length - 1]?.finding ?? '';
};
