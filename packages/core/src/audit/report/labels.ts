import type { VerdictKind } from '../verdict.js';
import { viDate, viValue } from './vi/words.js';

/** The languages a report is written in: Vietnamese (the default, for the citizen and the desk) and English. */
export type ReportLanguage = 'vi' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['vi', 'en'];

export interface ReportLabels {
  readonly title: (kind: VerdictKind, subject: string) => string;
  readonly kind: Readonly<Record<VerdictKind, string>>;
  readonly question: (kind: VerdictKind, subject: string) => string;
  readonly headings: {
    readonly question: string;
    readonly answer: string;
    readonly moment: string;
    readonly steps: string;
    readonly events: string;
    readonly versions: string;
  };
  readonly province: string;
  readonly finding: string;
  /** The label of a finding the report shows as the verdict wrote it (English), having no wording of its own in the report's language. */
  readonly findingVerbatim: string;
  readonly rule: string;
  readonly source: string;
  readonly values: string;
  readonly restsOn: string;
  readonly none: string;
  readonly ruleSets: string;
  readonly calendars: string;
  readonly moment: {
    readonly position: (position: number) => string;
    readonly businessTime: (instant: string) => string;
    readonly judgedAt: (instant: string) => string;
    readonly whole: string;
  };
  readonly eventColumns: { readonly position: string; readonly type: string; readonly stream: string; readonly version: string; readonly occurredAt: string; readonly recordedAt: string };
  readonly lateEntry: (workingDays: number) => string;
  /** A date, an instant or another value as the report's readers write it (Vietnamese: dd/mm/yyyy, Vietnam time). */
  readonly date: (value: string) => string;
  readonly notInReport: string;
  readonly footer: string;
  /** A step's label from its id: `deadline:acknowledge`, `supplement:2`, `agency:chi-cuc-thue`; unknown ids are shown as they are. */
  readonly step: (id: string) => string;
}

const split = (id: string): [string, string | undefined] => {
  const at = id.indexOf(':');
  return at < 0 ? [id, undefined] : [id.slice(0, at), id.slice(at + 1)];
};

const stepLabel =
  (plain: Readonly<Record<string, string>>, deadlines: Readonly<Record<string, string>>, numbered: Readonly<Record<string, (suffix: string) => string>>) =>
  (id: string): string => {
    const [prefix, suffix] = split(id);
    // Own keys only: an id such as `constructor` is not a label.
    const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
    if (suffix === undefined) return own(plain, prefix) ?? id;
    if (prefix === 'deadline') return own(deadlines, suffix) ?? `${own(deadlines, '*') ?? ''}${suffix}`;
    return own(numbered, prefix)?.(suffix) ?? id;
  };

const VI: ReportLabels = {
  title: (kind, subject) => `Kết luận kiểm tra ${VI.kind[kind]} ${subject}`,
  kind: { dossier: 'hồ sơ', officer: 'đánh giá công chức', incident: 'vụ việc về công vụ', feedback: 'phản ánh, kiến nghị' },
  question: (kind, subject) => {
    switch (kind) {
      case 'dossier':
        return `Hồ sơ ${subject} có bị trễ hạn không, trễ bao nhiêu ngày làm việc, so với hạn nào?`;
      case 'officer':
        return `Vì sao công chức ${subject} được đánh giá, xếp loại như vậy trong kỳ?`;
      case 'incident':
        return `Vụ việc ${subject} có được xử lý đúng từng thời hạn không?`;
      case 'feedback':
        return `Phản ánh, kiến nghị ${subject} có được trả lời hoặc chuyển đúng hạn không?`;
    }
  },
  headings: { question: 'Câu hỏi', answer: 'Trả lời', moment: 'Thời điểm xem xét', steps: 'Các bước lập luận', events: 'Các sự kiện làm căn cứ', versions: 'Phiên bản quy định và lịch áp dụng' },
  province: 'Tỉnh',
  finding: 'Nhận định',
  findingVerbatim: 'Nhận định (nguyên văn tiếng Anh)',
  rule: 'Quy định',
  source: 'nguồn',
  values: 'Giá trị',
  restsOn: 'Căn cứ sự kiện',
  none: 'không có',
  ruleSets: 'Bộ quy định',
  calendars: 'Lịch làm việc',
  moment: {
    position: (position) => `sổ sự kiện đến vị trí ${position}`,
    businessTime: (instant) => `những gì đã xảy ra đến ${viDate(instant)}`,
    judgedAt: (instant) => `các thời hạn còn mở được xét lúc ${viDate(instant)}`,
    whole: 'toàn bộ sổ sự kiện',
  },
  eventColumns: { position: 'Vị trí', type: 'Loại sự kiện', stream: 'Luồng', version: 'Phiên bản', occurredAt: 'Thời điểm xảy ra', recordedAt: 'Thời điểm ghi nhận' },
  lateEntry: (n) => `nhập muộn ${n} ngày làm việc`,
  date: viValue,
  notInReport: '(sự kiện không kèm trong báo cáo)',
  footer: 'Kết luận được tính lại từ các sự kiện, theo bộ quy định và lịch làm việc ghi trên từng sự kiện (docs/audit.md).',
  step: stepLabel(
    {
      report: 'Báo cáo vụ việc',
      receipt: 'Tiếp nhận',
      transfer: 'Chuyển xử lý',
      'dates-recomputed': 'Tính lại các mốc ngày',
      'longest-holder': 'Nơi giữ hồ sơ lâu nhất',
      lateness: 'Đúng hạn hay trễ hạn',
      conclusion: 'Kết luận',
      apology: 'Xin lỗi công dân',
      closed: 'Kết thúc',
      escalation: 'Chuyển thành vụ việc',
      handling: 'Kết quả xử lý',
      'late-entries': 'Sự kiện nhập muộn',
      'recorded-breaches': 'Vi phạm đã ghi nhận',
      facts: 'Các dữ kiện trong kỳ',
      scale: 'Thang đánh giá áp dụng',
      proposal: 'Đề xuất xếp loại',
      decision: 'Quyết định xếp loại',
      quota: 'Tỷ lệ xuất sắc',
      cap: 'Mức trần',
    },
    {
      acknowledge: 'Thời hạn tiếp nhận xử lý',
      investigate: 'Thời hạn bắt đầu xác minh',
      conclude: 'Thời hạn kết luận',
      'answer-applicant': 'Thời hạn trả lời người phản ánh',
      'decide-discipline': 'Thời hạn quyết định kỷ luật',
      answer: 'Thời hạn trả lời',
      forward: 'Thời hạn chuyển cơ quan có thẩm quyền',
      '*': 'Thời hạn ',
    },
    {
      supplement: (n) => `Yêu cầu bổ sung lần ${n}`,
      'intake-supplement': (n) => `Yêu cầu bổ sung khi tiếp nhận lần ${n}`,
      apology: (n) => `Thư xin lỗi lần ${n}`,
      agency: (agency) => `Chuyển cơ quan ${agency}`,
    },
  ),
};

const EN: ReportLabels = {
  title: (kind, subject) => `Audit verdict on ${EN.kind[kind]} ${subject}`,
  kind: { dossier: 'dossier', officer: 'officer rating', incident: 'conduct incident', feedback: 'feedback' },
  question: (kind, subject) => {
    switch (kind) {
      case 'dossier':
        return `Was dossier ${subject} late, by how many working days, against which due date?`;
      case 'officer':
        return `Why was officer ${subject} rated this way for the period?`;
      case 'incident':
        return `Was incident ${subject} handled within each of its deadlines?`;
      case 'feedback':
        return `Was feedback ${subject} answered or forwarded in time?`;
    }
  },
  headings: { question: 'Question', answer: 'Answer', moment: 'As of', steps: 'Reasoning, step by step', events: 'Events it rests on', versions: 'Rule-set and calendar versions applied' },
  province: 'Province',
  finding: 'Finding',
  findingVerbatim: 'Finding',
  rule: 'Rule',
  source: 'source',
  values: 'Values',
  restsOn: 'Events',
  none: 'none',
  ruleSets: 'Rule sets',
  calendars: 'Calendars',
  moment: {
    position: (position) => `the log up to global position ${position}`,
    businessTime: (instant) => `what happened by ${instant}`,
    judgedAt: (instant) => `open deadlines judged at ${instant}`,
    whole: 'the whole log',
  },
  eventColumns: { position: 'Position', type: 'Event type', stream: 'Stream', version: 'Version', occurredAt: 'Occurred at', recordedAt: 'Recorded at' },
  lateEntry: (n) => `entered ${n} working day${n === 1 ? '' : 's'} late`,
  date: (value) => value,
  notInReport: '(event not included in the report)',
  footer: 'Computed again from the events, under the rule sets and calendar versions each event records (docs/audit.md).',
  step: stepLabel(
    {
      report: 'Report of the incident',
      receipt: 'Receipt',
      transfer: 'Transfer for processing',
      'dates-recomputed': 'Dates recomputed',
      'longest-holder': 'The body that held it longest',
      lateness: 'Late or on time',
      conclusion: 'Conclusion',
      apology: 'Apology to the citizen',
      closed: 'Closed',
      escalation: 'Escalated to an incident',
      handling: 'Handling',
      'late-entries': 'Facts entered late',
      'recorded-breaches': 'Recorded breaches',
      facts: 'Facts of the period',
      scale: 'Scale in force',
      proposal: 'Proposed rating',
      decision: 'Recorded rating',
      quota: 'Excellent quota',
      cap: 'Cap',
    },
    {
      acknowledge: 'Deadline to acknowledge',
      investigate: 'Deadline to start the investigation',
      conclude: 'Deadline to conclude',
      'answer-applicant': 'Deadline to answer the applicant',
      'decide-discipline': 'Deadline to decide discipline',
      answer: 'Deadline to answer',
      forward: 'Deadline to forward to the competent body',
      '*': 'Deadline: ',
    },
    {
      supplement: (n) => `Supplement request ${n}`,
      'intake-supplement': (n) => `Supplement request at intake ${n}`,
      apology: (n) => `Apology letter ${n}`,
      agency: (agency) => `Forwarded to agency ${agency}`,
    },
  ),
};

export const REPORT_LABELS: Readonly<Record<ReportLanguage, ReportLabels>> = { vi: VI, en: EN };
