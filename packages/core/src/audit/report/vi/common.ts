import { breachesOf } from '../../verdicts/evidence.js';
import { calendarOf, field, momentOf, numberOf, outcomeOf, textOf, value, verdictEvent, type StepContext, type StepTemplate } from './context.js';
import { BREACHES, FEEDBACK_KINDS, calendarDays, named, viArticle, viDate, viEvent, workingDays } from './words.js';

/** What each deadline of an incident or a feedback is for. */
export const DEADLINE_NAMES: Readonly<Record<string, string>> = {
  acknowledge: 'tiếp nhận xử lý vụ việc',
  investigate: 'bắt đầu xác minh',
  conclude: 'kết luận vụ việc',
  'answer-applicant': 'thông báo kết quả xử lý cho người phản ánh',
  'decide-discipline': 'quyết định xử lý kỷ luật',
  answer: 'trả lời',
  forward: 'chuyển đến cơ quan có thẩm quyền (khi nội dung không thuộc thẩm quyền của bộ phận một cửa; Nghị định 20/2008/NĐ-CP)',
};

const notApplicable = (c: StepContext, deadline: string): string => {
  const handling = outcomeOf(c, 'handling') as { how?: unknown; on?: unknown } | undefined;
  if (deadline === 'answer' && handling?.how === 'forwarded') {
    const body = field(verdictEvent(c, 'FeedbackForwarded'), 'toBody');
    return `đã chuyển ngày ${viDate(handling.on)} đến ${body ?? 'cơ quan có thẩm quyền'}, cơ quan đó trả lời`;
  }
  if (deadline === 'forward' && handling !== undefined) return `bộ phận một cửa đã tự trả lời ngày ${viDate(handling.on)}`;
  return 'đã được xử lý theo cách khác';
};

/** A discipline case declared complex (docs/domain/conduct-catalogue.md §3): who declared it, when, and the ordinary due date it replaced. */
const complexCase = (c: StepContext): string => {
  const on = textOf(c, 'complexCaseDeclaredOn');
  if (on === undefined) return '';
  return `vụ việc được xác định có tình tiết phức tạp ngày ${viDate(on)} bởi ${textOf(c, 'complexCaseDeclaredBy') ?? '?'} (hạn thông thường là ngày ${viDate(value(c, 'ordinaryDueDate'))}), `;
};

/** One deadline: the rule, the due date, what was done and when, on time or late by how many working days. */
export const deadline =
  (id: string): StepTemplate =>
  (c) => {
    const due = textOf(c, 'dueDate');
    const status = textOf(c, 'status');
    if (due === undefined || status === undefined || !Object.hasOwn(DEADLINE_NAMES, id)) return undefined;
    const inCalendarDays = numberOf(c, 'calendarDaysAllowed');
    const allowed = inCalendarDays ?? numberOf(c, 'workingDaysAllowed');
    const days = inCalendarDays === undefined ? workingDays : calendarDays;
    const done = viDate(value(c, 'doneOn'));
    const late = workingDays(numberOf(c, 'workingDaysLate') ?? 0);
    const moment = momentOf(c.verdict);
    const state: Readonly<Record<string, string>> = {
      'on-time': `đã thực hiện ngày ${done}: đúng hạn`,
      late: `đã thực hiện ngày ${done}: trễ hạn ${late}`,
      overdue: `chưa thực hiện ${moment}: quá hạn ${late}`,
      open: `chưa thực hiện ${moment}: vẫn còn trong hạn`,
      passed: `chưa thực hiện ${moment}: đã qua hạn, nhưng chỉ bị tính là trễ nếu nội dung không thuộc thẩm quyền của bộ phận một cửa`,
      'not-applicable': `không áp dụng: ${notApplicable(c, id)}`,
    };
    const recomputed = textOf(c, 'recomputedDueDate');
    // A feedback's answer is due by its legal kind: say which.
    const kind = outcomeOf(c, 'kind');
    const name = id === 'answer' && typeof kind === 'string' ? `trả lời ${named(FEEDBACK_KINDS, kind)}` : DEADLINE_NAMES[id];
    return (
      `Hạn ${name} là ngày ${viDate(due)} (${allowed === undefined ? 'số ngày làm việc theo quy định' : days(allowed)} kể từ ngày ${viDate(value(c, 'countsFrom'))}, ${complexCase(c)}` +
      `theo bộ quy định ${c.step.rule?.ruleSetId ?? '?'}, lịch làm việc ${textOf(c, 'calendarVersion') ?? '?'}); ${named(state, status)}` +
      (recomputed === undefined
        ? ''
        : `. Nếu tính lại với ${days(allowed)} theo lịch làm việc ${calendarOf(c.verdict)} thì hạn là ngày ${viDate(recomputed)}; hạn đã ghi nhận mới là hạn được dùng để đánh giá`) +
      '.'
    );
  };

/** Facts entered late, and with a business-time cut, facts recorded after the instant asked. */
export const lateEntries: StepTemplate = (c) => {
  const count = numberOf(c, 'lateEntries');
  const after = numberOf(c, 'recordedAfterAsOf') ?? 0;
  if (count === undefined) return undefined;
  const held = c.step.events.map((p) => c.events.get(p)).filter((e) => e !== undefined);
  const late = held.filter((e) => e.metadata.lateEntry !== undefined);
  const lines =
    late.length === count
      ? late.map((e) => `${viEvent(e.type, e.metadata.globalPosition)} xảy ra lúc ${viDate(e.metadata.occurredAt)} nhưng đến ${viDate(e.metadata.recordedAt)} mới được nhập, muộn ${workingDays(e.metadata.lateEntry?.workingDays ?? 0)}`)
      : [`muộn nhất ${workingDays(numberOf(c, 'maxWorkingDaysLate') ?? 0)}`];
  const instant = c.verdict.asOf.businessTime;
  const unseen =
    after === 0 || instant === undefined
      ? ''
      : ` ${after} sự kiện đã xảy ra trước ${viDate(instant)} nhưng được ghi nhận sau thời điểm đó, nên khi ấy chưa ai biết đến` +
        (held.length === 0 ? '.' : `: ${held.filter((e) => Date.parse(e.metadata.recordedAt) > Date.parse(instant)).map((e) => viEvent(e.type, e.metadata.globalPosition)).join(', ')}.`);
  return `${count === 0 ? 'Không có sự kiện nào được nhập muộn.' : `${count} sự kiện được nhập muộn: ${lines.join('; ')}.`}${unseen}`;
};

/** Rule breaches recorded on the facts (ADR 0010), each with the rule and the figures measured. */
export const recordedBreaches: StepTemplate = (c) => {
  const count = numberOf(c, 'breaches');
  if (count === undefined) return undefined;
  const held = c.step.events.map((p) => c.events.get(p)).filter((e) => e !== undefined);
  const described = held.flatMap((event) =>
    breachesOf(event).map(
      (breach) =>
        `${viEvent(event.type, event.metadata.globalPosition)} lúc ${viDate(event.metadata.occurredAt)} (${event.metadata.streamId}) được ghi nhận vi phạm ${breach.rule}` +
        `${Object.hasOwn(BREACHES, breach.rule) ? ` (${BREACHES[breach.rule]})` : ''}, căn cứ ${viArticle(breach.article)}, bộ quy định ${breach.ruleSetId}: ` +
        Object.entries(breach.measured)
          .map(([name, measured]) => `${name} = ${measured}`)
          .join(', '),
    ),
  );
  if (described.length === count) return `Có ${count} vi phạm đã được ghi nhận: ${described.join('; ')}.`;
  const rules = (textOf(c, 'rules') ?? '').split(',').filter((rule) => rule !== '');
  return `Có ${count} vi phạm đã được ghi nhận: ${rules.map((rule) => (Object.hasOwn(BREACHES, rule) ? `${rule} (${BREACHES[rule]})` : rule)).join(', ')}.`;
};
