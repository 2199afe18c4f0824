import { addCalendarDays, compareDates } from '../../../calendar/dates.js';
import { builtInCalendars } from '../../../calendar/registry.js';
import { breachesOf } from '../../verdicts/evidence.js';
import { calendarOf, field, fieldValue, momentOf, numberOf, outcomeOf, stepEvent, textOf, value, type StepContext, type StepTemplate } from './context.js';
import { BREACHES, FILING_CHANNELS, named, TIME_UNITS, TIMELINESS, viDate, workingDays } from './words.js';

/** The steps of a dossier's verdict, in the words of Decree 61/2018 and the desk's forms (01 receipt, 02 supplement, 04 apology). */

const breachText = (c: StepContext, type: string): string => {
  const event = stepEvent(c, type);
  const breaches = event === undefined ? [] : breachesOf(event);
  return breaches.length === 0
    ? 'không ghi nhận vi phạm'
    : `ghi nhận vi phạm ${breaches.map((b) => (Object.hasOwn(BREACHES, b.rule) ? `${b.rule} (${BREACHES[b.rule]})` : b.rule)).join(', ')}`;
};

const documents = (c: StepContext, type: string): string => {
  const asked = fieldValue(stepEvent(c, type), 'missingDocuments');
  return Array.isArray(asked) && asked.length > 0 ? `, yêu cầu: ${asked.map(String).join(', ')}` : '';
};

const lawful = (c: StepContext): string => (value(c, 'lawful') === true ? 'hợp lệ' : 'không hợp lệ');

const DAYS_OFF: Readonly<Record<string, string>> = { weekend: 'cuối tuần', 'compensatory-day-off': 'nghỉ bù', 'scheduled-day-off': 'nghỉ hoán đổi ngày làm việc' };

/**
 * The days off from the processing start to the due date, by name (`4 ngày cuối tuần, Tết Nguyên Đán 5
 * ngày`), from the published calendar of the version the receipt recorded; empty for a version this
 * motcua does not hold (the count in the step's values stands alone then).
 */
const daysOffByName = (version: string | undefined, from: string, to: string): string => {
  const calendars = builtInCalendars();
  if (version === undefined || !calendars.has(version)) return '';
  const calendar = calendars.calendarFor(version);
  const counts = new Map<string, number>();
  for (let date = from; compareDates(date, to) <= 0; date = addCalendarDays(date, 1)) {
    const off = calendar.dayOff(date);
    if (off === undefined) continue;
    const name = off.kind === 'statutory-holiday' ? (off.reason.split(' (')[0] ?? off.reason) : named(DAYS_OFF, off.kind);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => (name === DAYS_OFF['weekend'] ? `${n} ngày cuối tuần` : `${name} ${n} ngày`)).join(', ');
};

export const receipt: StepTemplate = (c) => {
  const due = textOf(c, 'dueDate');
  const start = textOf(c, 'processingStartDate');
  const receivedAt = textOf(c, 'receivedAt');
  if (due === undefined || start === undefined || receivedAt === undefined) return undefined;
  const event = stepEvent(c, 'DossierReceived');
  const [amount, unit] = (textOf(c, 'timeLimit') ?? '').split(' ');
  const procedure = field(event, 'procedureCode');
  const channel = field(event, 'channel');
  const shifted = viDate(receivedAt).slice(-10) !== viDate(start);
  const cutoff = field(event, 'transferCutoff');
  const daysOff = numberOf(c, 'daysOff') ?? 0;
  const byName = daysOff === 0 ? '' : daysOffByName(textOf(c, 'calendarVersion'), start, due);
  return (
    `Hồ sơ ${c.verdict.subject}${procedure === undefined ? '' : ` (thủ tục ${procedure}${channel === undefined ? '' : `, ${named(FILING_CHANNELS, channel)}`})`} ` +
    `được tiếp nhận lúc ${viDate(receivedAt)}${field(event, 'receivingUnitId') === undefined ? '' : ` tại ${field(event, 'receivingUnitId')}`}; ` +
    `thời hạn giải quyết tính từ ngày ${viDate(start)}` +
    (shifted ? ` (tiếp nhận sau ${cutoff ?? '15:00'} hoặc vào ngày nghỉ nên tính từ ngày làm việc tiếp theo)` : '') +
    '; ' +
    (fieldValue(event, 'immediateResult') === true
      ? `thủ tục trả kết quả ngay trong ngày: hẹn trả ngày ${viDate(due)}`
      : `thời hạn giải quyết ${amount ?? '?'} ${named(TIME_UNITS, unit)}, ngày hẹn trả kết quả ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) là ngày ${viDate(due)}`) +
    ` (bộ quy định ${textOf(c, 'ruleSetId') ?? '?'}, lịch làm việc ${textOf(c, 'calendarVersion') ?? '?'}): các quy định có hiệu lực khi tiếp nhận được áp dụng cho cả quá trình giải quyết.` +
    (daysOff === 0 ? '' : ` Từ ngày bắt đầu giải quyết đến ngày hẹn trả có ${daysOff} ngày nghỉ, không tính vào thời hạn${byName === '' ? '' : `: ${byName}`}.`)
  );
};

export const datesRecomputed: StepTemplate = (c) => {
  if (value(c, 'recomputed') === false) return 'Không tính lại được các mốc ngày đã ghi nhận; các mốc ngày đã ghi nhận là căn cứ để đánh giá.';
  const dates = numberOf(c, 'dates');
  const differing = numberOf(c, 'differing');
  if (dates === undefined || differing === undefined) return undefined;
  const under = numberOf(c, 'differingUnderGivenCalendar');
  return (
    `Tính lại ${dates} mốc ngày đã ghi nhận (ngày bắt đầu giải quyết và ngày hẹn trả khi tiếp nhận${dates > 2 ? ', ngày bắt đầu và hạn của mỗi lần chuyển cơ quan khác' : ''}) ` +
    `theo lịch làm việc ${textOf(c, 'calendarVersions') ?? '?'} và bộ quy định ${c.step.rule?.ruleSetId ?? '?'} ghi trên các sự kiện: ` +
    (differing === 0 ? 'tất cả đều trùng với ngày đã ghi nhận.' : `${differing} mốc khác với ngày đã ghi nhận; các mốc ngày đã ghi nhận mới là căn cứ để đánh giá.`) +
    (under === undefined ? '' : ` Nếu dùng lịch làm việc ${calendarOf(c.verdict)} thì ${under} mốc sẽ khác.`)
  );
};

export const transfer: StepTemplate = (c) => {
  const start = textOf(c, 'processingStartDate');
  if (start === undefined) return undefined;
  const event = stepEvent(c, 'DossierTransferred');
  const at = event === undefined ? '' : ` lúc ${viDate(event.metadata.occurredAt)}`;
  return (
    `Bộ phận một cửa chuyển hồ sơ cho ${field(event, 'processingBodyId') ?? 'cơ quan giải quyết'}${at}: ` +
    `${value(c, 'onTime') === true ? 'đúng hạn' : 'trễ hạn'} so với ngày bắt đầu giải quyết ${viDate(start)} (Điều 18 Nghị định 61/2018/NĐ-CP).`
  );
};

export const intakeSupplement: StepTemplate = (c) => {
  const number = numberOf(c, 'number');
  const on = textOf(c, 'requestedOn');
  if (number === undefined || on === undefined) return undefined;
  const unpublished = numberOf(c, 'unpublished') ?? 0;
  const notInOneGo = numberOf(c, 'notInOneGo') ?? 0;
  return (
    `Yêu cầu bổ sung hồ sơ khi tiếp nhận lần ${number} (Mẫu 02) ngày ${viDate(on)}${documents(c, 'SupplementRequestedAtIntake')}; ` +
    (unpublished === 0 ? 'tất cả đều có trong danh mục thành phần hồ sơ đã công khai' : `${unpublished} giấy tờ không có trong danh mục thành phần hồ sơ đã công khai`) +
    (number === 1 ? '' : notInOneGo === 0 ? '; chỉ nhắc lại những thiếu sót đã nêu trước' : `; ${notInOneGo} giấy tờ lần đầu không nêu (không hướng dẫn bổ sung một lần)`) +
    `; ${breachText(c, 'SupplementRequestedAtIntake')}: ${lawful(c)}. Yêu cầu bổ sung khi tiếp nhận không làm bắt đầu tính thời hạn.`
  );
};

const POLICIES: Readonly<Record<string, string>> = { RESTART: 'tính lại thời hạn từ đầu', PAUSE: 'tạm dừng thời hạn trong thời gian chờ bổ sung' };

export const supplement: StepTemplate = (c) => {
  const number = numberOf(c, 'number');
  const on = textOf(c, 'requestedOn');
  const since = numberOf(c, 'workingDaysSinceReceipt');
  if (number === undefined || on === undefined || since === undefined) return undefined;
  const window = numberOf(c, 'windowWorkingDays');
  const max = numberOf(c, 'maxRequests');
  const afterVerification = value(c, 'afterVerification') === true;
  const policy = textOf(c, 'clockPolicy');
  const rulePolicy = textOf(c, 'rulePolicy');
  const arrival = stepEvent(c, 'SupplementReceived');
  const resume = field(arrival, 'resumeDate');
  const clock =
    policy === undefined
      ? ' Người nộp chưa bổ sung hồ sơ: thời hạn tạm dừng để chờ.'
      : ` Hồ sơ bổ sung được nhận${arrival === undefined ? '' : ` ngày ${viDate(arrival.metadata.occurredAt).slice(-10)}`}${resume === undefined ? '' : ` (tiếp tục giải quyết từ ngày ${viDate(resume)})`}; ` +
        (policy === 'RESTART' ? 'thời hạn được tính lại từ đầu' : `thời hạn tạm dừng ${numberOf(c, 'pausedDays') ?? 0} ngày`) +
        `, ngày hẹn trả chuyển từ ${viDate(value(c, 'dueDateBefore'))} sang ${viDate(value(c, 'dueDateAfter'))}` +
        (rulePolicy === undefined || rulePolicy === policy
          ? `, đúng như bộ quy định ${c.step.rule?.ruleSetId ?? '?'} quy định cho yêu cầu bổ sung ${afterVerification ? 'sau khi thẩm tra, xác minh' : 'khi xem xét hồ sơ'}.`
          : `; bộ quy định ${c.step.rule?.ruleSetId ?? '?'} quy định ${named(POLICIES, rulePolicy)} (${rulePolicy}): cách tính đã ghi nhận khác quy định.`);
  return (
    `Yêu cầu bổ sung hồ sơ lần ${number} ngày ${viDate(on)} (${afterVerification ? 'sau khi thẩm tra, xác minh' : 'khi xem xét hồ sơ'})${documents(c, 'SupplementRequested')}: ` +
    `sau ${workingDays(since)} kể từ ngày bắt đầu giải quyết (${window === undefined ? 'không rõ giới hạn' : `tối đa ${workingDays(window)}`}), ` +
    `lần ${number} ${max === undefined ? '(không rõ số lần tối đa)' : `trên tối đa ${max} lần`}; ${breachText(c, 'SupplementRequested')}: ${lawful(c)}.` +
    clock
  );
};

export const agency: StepTemplate = (c) => {
  const agencyId = textOf(c, 'agencyId');
  const due = textOf(c, 'stepDueDate');
  const held = numberOf(c, 'workingDaysHeld');
  if (agencyId === undefined || due === undefined || held === undefined) return undefined;
  const event = stepEvent(c, 'ForwardedToAgency');
  const purpose = field(event, 'purpose');
  const limit = fieldValue(event, 'stepLimitWorkingDays');
  const from = field(event, 'stepStartDate');
  const back = textOf(c, 'returnedOn');
  return (
    `Hồ sơ được chuyển đến ${agencyId}${event === undefined ? '' : ` ngày ${viDate(event.metadata.occurredAt).slice(-10)}`}${purpose === undefined ? '' : ` (${purpose})`}` +
    `${typeof limit === 'number' ? ` với thời hạn ${workingDays(limit)}${from === undefined ? '' : ` kể từ ngày ${viDate(from)}`}` : ''}: hạn trả lại ngày ${viDate(due)}; ` +
    (back === undefined
      ? `chưa trả lại, đến nay cơ quan này đã giữ hồ sơ ${workingDays(held)}.`
      : `trả lại ngày ${viDate(back)}, ${value(c, 'onTime') === true ? 'đúng hạn' : 'trễ hạn'}; cơ quan này đã giữ hồ sơ ${workingDays(held)}.`)
  );
};

const STEP_KINDS: Readonly<Record<string, string>> = {
  appraisal: 'thẩm định',
  verification: 'thẩm tra, xác minh',
  consultation: 'lấy ý kiến',
  approval: 'phê duyệt',
  other: 'xử lý',
};

/** A step of the processing control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ, form 05). */
export const form05: StepTemplate = (c) => {
  const body = textOf(c, 'bodyId');
  const due = textOf(c, 'stepDueDate');
  const held = numberOf(c, 'workingDaysHeld');
  const kind = textOf(c, 'stepKind');
  if (body === undefined || due === undefined || held === undefined || kind === undefined) return undefined;
  const done = textOf(c, 'completedOn');
  const timeliness = textOf(c, 'timeliness');
  const judged = timeliness === 'late' ? 'trễ hạn' : timeliness === 'early' ? 'trước hạn' : 'đúng hạn';
  return (
    `Bước ${STEP_KINDS[kind] ?? kind} trên phiếu kiểm soát quá trình giải quyết hồ sơ, giao ${body}, hạn ngày ${viDate(due)}: ` +
    (done === undefined ? `chưa hoàn thành, đến nay đã ${workingDays(held)}.` : `hoàn thành ngày ${viDate(done)}, ${judged}, trong ${workingDays(held)}.`)
  );
};

const APPLICANT = 'the applicant (completing the dossier)';

export const longestHolder: StepTemplate = (c) => {
  const holder = textOf(c, 'longestHolder');
  const days = numberOf(c, 'workingDays');
  const total = numberOf(c, 'totalWorkingDays');
  if (holder === undefined || days === undefined || total === undefined) return undefined;
  const who = holder === APPLICANT ? 'người nộp hồ sơ (trong thời gian bổ sung hồ sơ)' : holder;
  return `Trong ${workingDays(total)} kể từ ngày bắt đầu giải quyết, ${who} giữ hồ sơ lâu nhất: ${workingDays(days)}.`;
};

export const apology: StepTemplate = (c) => {
  const on = textOf(c, 'issuedOn');
  const before = numberOf(c, 'workingDaysBeforeDue');
  const required = numberOf(c, 'required');
  if (on === undefined || before === undefined || required === undefined) return undefined;
  const number = Number(c.step.id.slice(c.step.id.indexOf(':') + 1));
  const event = stepEvent(c, 'ApologyIssued');
  const reason = field(event, 'reason');
  const apologies = outcomeOf(c, 'apologies');
  const max = Array.isArray(apologies) ? (apologies as readonly { number?: unknown; maxPerDossier?: unknown }[]).find((a) => a.number === number)?.maxPerDossier : undefined;
  const breaches = event === undefined ? [] : breachesOf(event);
  return (
    `Thư xin lỗi lần ${number} (Mẫu 04) gửi ngày ${viDate(on)}${reason === undefined ? '' : ` (lý do: ${reason})`}: trước ngày hẹn trả ${viDate(value(c, 'previousDueDate'))} ${workingDays(before)}, ` +
    `${value(c, 'inTime') === true ? 'đúng thời gian' : 'quá muộn'} (phải gửi trước ngày hẹn trả ít nhất ${workingDays(required)}, theo bộ quy định ${c.step.rule?.ruleSetId ?? '?'})` +
    (typeof max === 'number' ? `; lần ${number} trên tối đa ${max} lần${number > max ? ': vượt quá số lần cho phép' : ''}` : '') +
    `. Thư hẹn lại ngày trả kết quả là ${viDate(value(c, 'newDueDate'))}; hồ sơ vẫn được đánh giá theo ngày hẹn trả ban đầu ${viDate(value(c, 'originalDueDate'))}` +
    (breaches.length === 0 ? '.' : `; ${breachText(c, 'ApologyIssued')}.`)
  );
};

const CLOSED: Readonly<Record<string, string>> = { WITHDRAWN: 'đã được rút', REFUSED_AT_INTAKE: 'bị từ chối tiếp nhận' };

export const lateness: StepTemplate = (c) => {
  const status = textOf(c, 'status');
  if (status === undefined) return undefined;
  const original = textOf(c, 'originalDueDate');
  const due = textOf(c, 'dueDate');
  const judgedOn = textOf(c, 'judgedOn');
  const late = numberOf(c, 'workingDaysLate') ?? 0;
  const moment = momentOf(c.verdict);
  const beside = due !== undefined && due !== original ? ` Ngày hẹn lại trong thư xin lỗi (${viDate(due)}) chỉ để đối chiếu, không dùng để đánh giá` : '';
  if (original === undefined && judgedOn === undefined) return `Hồ sơ ${c.verdict.subject} chưa được tiếp nhận ${moment}: chưa tính thời hạn.`;
  if (judgedOn !== undefined) {
    const against = outcomeOf(c, 'timelinessAgainstDueDate');
    return (
      `Đánh giá tại ngày ${viDate(judgedOn)}, ngày ${value(c, 'judgedAt') === 'ready' ? 'có kết quả giải quyết tại bộ phận một cửa' : 'trả kết quả (không ghi nhận ngày có kết quả)'}, ` +
      `so với ngày hẹn trả ban đầu ${viDate(original)}: ` +
      (value(c, 'late') === true ? `trễ hạn ${workingDays(late)} (lịch làm việc ${calendarOf(c.verdict)})` : named(TIMELINESS, value(c, 'timeliness'))) +
      `.${beside}${beside === '' ? '' : `: so với ngày đó, hồ sơ ${named(TIMELINESS, against)}.`}`
    );
  }
  if (Object.hasOwn(CLOSED, status)) return `Hồ sơ ${CLOSED[status]} ${moment}: không xét đúng hạn hay trễ hạn.`;
  if (status === 'AWAITING_SUPPLEMENT') return `Đang chờ người nộp bổ sung hồ sơ ${moment}: thời hạn tạm dừng, ngày hẹn trả sẽ được điều chỉnh khi nhận hồ sơ bổ sung.`;
  const tail = beside === '' ? '' : `${beside}.`;
  return value(c, 'late') === true
    ? `Chưa có kết quả tại bộ phận một cửa ${moment}: quá hạn ${workingDays(late)} so với ngày hẹn trả ban đầu ${viDate(original)}.${tail}`
    : `Chưa có kết quả tại bộ phận một cửa ${moment}: vẫn còn trong hạn (ngày hẹn trả ban đầu ${viDate(original)}).${tail}`;
};
