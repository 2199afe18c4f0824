/**
 * The words of a Vietnamese report: dates as the desk writes them (dd/mm/yyyy, Vietnam time), counts
 * of working days, and the Vietnamese names of the codes verdicts carry. A code without a name here
 * is shown as it is: it is evidence, never dropped.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** `2026-03-09` → `09/03/2026`; an instant → `09:00 ngày 09/03/2026` in Vietnam time; anything else as it is. */
export const viDate = (value: unknown): string => {
  if (typeof value !== 'string') return value === null || value === undefined ? '?' : String(value);
  const day = DATE.exec(value);
  if (day !== null) return `${day[3]}/${day[2]}/${day[1]}`;
  if (INSTANT.test(value)) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return value;
    const local = new Date(ms + VIETNAM_OFFSET_MS).toISOString();
    return `${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
  }
  return value;
};

/** A value of a step as a Vietnamese report shows it: dates and instants as {@link viDate}, the rest as it is. */
export const viValue = (value: string): string => (DATE.test(value) || INSTANT.test(value) ? viDate(value) : value);

/** A number as Vietnamese writes it: a decimal comma (`73,7`). */
export const viNumber = (n: unknown): string => (typeof n === 'number' ? String(n).replace('.', ',') : '?');

export const workingDays = (n: unknown): string => `${typeof n === 'number' ? n : '?'} ngày làm việc`;
/** Days counted on the calendar, days off included: the law's plain "ngày". */
export const calendarDays = (n: unknown): string => `${typeof n === 'number' ? n : '?'} ngày`;

const own = (table: Readonly<Record<string, string>>, key: unknown): string | undefined =>
  typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;

/** The Vietnamese name of a code, or the code itself. */
export const named = (table: Readonly<Record<string, string>>, key: unknown): string => own(table, key) ?? (key === null || key === undefined ? '?' : String(key));

export const LEVELS: Readonly<Record<string, string>> = {
  excellent: 'hoàn thành xuất sắc nhiệm vụ',
  good: 'hoàn thành tốt nhiệm vụ',
  completed: 'hoàn thành nhiệm vụ',
  'not-completed': 'không hoàn thành nhiệm vụ',
};

export const SCALES: Readonly<Record<string, string>> = {
  'four-levels-decree-90-2020': 'bốn mức xếp loại (Nghị định 90/2020/NĐ-CP)',
  'hundred-points-decree-335-2025': 'thang 100 điểm (Nghị định 335/2025/NĐ-CP)',
};

export const FEEDBACK_KINDS: Readonly<Record<string, string>> = {
  'phan-anh': 'phản ánh',
  'kien-nghi': 'kiến nghị',
  'khieu-nai': 'khiếu nại',
  'to-cao': 'tố cáo',
  'gop-y': 'góp ý',
  khen: 'lời khen',
};

export const FEEDBACK_CHANNELS: Readonly<Record<string, string>> = {
  'rating-form': 'phiếu đánh giá',
  'rating-device': 'thiết bị đánh giá tại quầy',
  online: 'trực tuyến',
  hotline: 'đường dây nóng',
  'suggestion-box': 'hòm thư góp ý',
  'in-person': 'trực tiếp',
  camera: 'camera giám sát',
  inspection: 'kiểm tra',
  survey: 'khảo sát',
};

export const INCIDENT_SOURCES: Readonly<Record<string, string>> = {
  'citizen-feedback': 'phản ánh của người dân',
  hotline: 'đường dây nóng',
  'suggestion-box': 'hòm thư góp ý',
  camera: 'camera giám sát',
  'regular-inspection': 'kiểm tra định kỳ',
  'surprise-inspection': 'kiểm tra đột xuất',
};

export const INCIDENT_OUTCOMES: Readonly<Record<string, string>> = {
  substantiated: 'có vi phạm (nội dung phản ánh là đúng)',
  unfounded: 'không có căn cứ',
  'false-accusation': 'nội dung phản ánh sai sự thật',
};

export const FILING_CHANNELS: Readonly<Record<string, string>> = { counter: 'nộp trực tiếp tại bộ phận một cửa', online: 'nộp trực tuyến', postal: 'nộp qua bưu chính' };

export const TIME_UNITS: Readonly<Record<string, string>> = { 'working-days': 'ngày làm việc', 'calendar-days': 'ngày', 'working-hours': 'giờ làm việc' };

export const TIMELINESS: Readonly<Record<string, string>> = { early: 'trước hạn', 'on-time': 'đúng hạn', late: 'trễ hạn' };

export const ROUNDING: Readonly<Record<string, string>> = { 'half-up': 'làm tròn lên từ 0,5', 'half-even': 'làm tròn về số chẵn gần nhất', down: 'làm tròn xuống', up: 'làm tròn lên' };

/** What each recorded breach means, in the words of the law it cites. */
export const BREACHES: Readonly<Record<string, string>> = {
  DOSSIER_APOLOGY_TOO_LATE: 'gửi thư xin lỗi không đủ thời gian trước ngày hẹn trả',
  DOSSIER_APOLOGY_LIMIT_REACHED: 'gửi thư xin lỗi quá số lần cho phép',
  DOSSIER_DOCUMENT_NOT_PUBLISHED: 'yêu cầu giấy tờ không có trong danh mục thành phần hồ sơ đã công khai',
  DOSSIER_SUPPLEMENT_NOT_IN_ONE_GO: 'không yêu cầu bổ sung hồ sơ một lần',
  DOSSIER_SUPPLEMENT_LIMIT_REACHED: 'yêu cầu bổ sung hồ sơ quá số lần cho phép',
  DOSSIER_SUPPLEMENT_WINDOW_CLOSED: 'yêu cầu bổ sung hồ sơ quá thời hạn cho phép',
  DOSSIER_ERROR_CORRECTION_LATE: 'sửa sai sót trong kết quả quá thời hạn',
  DOSSIER_CORRECTION_FEE_CHARGED: 'thu phí khi sửa sai sót do lỗi của cơ quan',
  DOSSIER_CORRECTION_WITHOUT_APOLOGY: 'sửa sai sót mà không xin lỗi',
  OFFICER_DISCIPLINE_TIME_BARRED: 'xử lý kỷ luật khi đã hết thời hiệu',
  INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT: 'xác định vụ việc kỷ luật có tình tiết phức tạp khi thời hạn xử lý kỷ luật đã hết',
  OFFICER_EVALUATION_ABOVE_CRITERIA: 'xếp loại cao hơn mức tiêu chí cho phép đối với công chức bị kỷ luật trong kỳ',
};

/**
 * `Decree 61/2018 Art.19(9), 12(5)` → `Nghị định 61/2018, Điều 19(9), 12(5)`; a note after the
 * citation (`: disciplined in …`) is the rule book's own, in English, and stays in the event.
 */
export const viArticle = (article: string): string =>
  (article.split(':')[0] ?? article)
    .trim()
    .replace(/Law on Public Employees/g, 'Luật Viên chức')
    .replace(/as amended by/g, 'sửa đổi bởi')
    .replace(/Decree (\S+) Art\./g, 'Nghị định $1, Điều ')
    .replace(/; Art\./g, '; Điều ')
    .replace(/Art\./g, 'Điều ');

/** `2026-Q1` → `quý 1/2026`, `2026-03` → `tháng 3/2026`, `2026` → `năm 2026`; another key as it is. */
export const viPeriod = (key: unknown): string => {
  const text = typeof key === 'string' ? key : '?';
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
  if (quarter !== null) return `quý ${quarter[2]}/${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month !== null) return `tháng ${Number(month[2])}/${month[1]}`;
  return /^\d{4}$/.test(text) ? `năm ${text}` : text;
};

/** What each recorded fact is, as the desk says it. */
const EVENTS: Readonly<Record<string, string>> = {
  GuidanceGiven: 'hướng dẫn thủ tục',
  DossierSubmitted: 'nộp hồ sơ',
  SupplementRequestedAtIntake: 'yêu cầu bổ sung hồ sơ khi tiếp nhận',
  RefusedAtIntake: 'từ chối tiếp nhận hồ sơ',
  DossierReceived: 'tiếp nhận hồ sơ',
  DossierTransferred: 'chuyển hồ sơ cho cơ quan giải quyết',
  SupplementRequested: 'yêu cầu bổ sung hồ sơ',
  SupplementReceived: 'nhận hồ sơ bổ sung',
  ForwardedToAgency: 'chuyển hồ sơ đến cơ quan phối hợp',
  ReturnedFromAgency: 'cơ quan phối hợp trả lại hồ sơ',
  StepAssigned: 'giao bước xử lý',
  StepCompleted: 'hoàn thành bước xử lý',
  ProcessingCompleted: 'giải quyết xong hồ sơ',
  ApologyIssued: 'gửi thư xin lỗi',
  ResultReady: 'có kết quả giải quyết tại bộ phận một cửa',
  ResultReturned: 'trả kết quả',
  DossierWithdrawn: 'rút hồ sơ',
  DossierRated: 'đánh giá mức độ hài lòng',
  ResultErrorReported: 'báo sai sót trong kết quả',
  ResultCorrected: 'sửa sai sót trong kết quả',
  IncidentReported: 'báo cáo vụ việc',
  IncidentAcknowledged: 'tiếp nhận xử lý vụ việc',
  InvestigationStarted: 'bắt đầu xác minh',
  IncidentConcluded: 'kết luận vụ việc',
  ApologyToCitizenMade: 'xin lỗi công dân',
  DisciplineProposed: 'đề nghị xử lý kỷ luật',
  DisciplineCaseDeclaredComplex: 'xác định vụ việc kỷ luật có tình tiết phức tạp',
  DisciplineDecided: 'quyết định xử lý kỷ luật',
  ApplicantAnswered: 'thông báo kết quả cho người phản ánh',
  IncidentClosed: 'kết thúc vụ việc',
  FeedbackReceived: 'tiếp nhận phản ánh, kiến nghị',
  FeedbackAnswered: 'trả lời phản ánh, kiến nghị',
  FeedbackAnsweredOnTheSpot: 'trả lời ngay tại chỗ',
  FeedbackForwarded: 'chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền',
  FeedbackEscalated: 'chuyển thành vụ việc về công vụ',
  FeedbackClosed: 'kết thúc xử lý phản ánh, kiến nghị',
  OfficerAppointed: 'bố trí công chức',
  OfficerReassigned: 'điều động công chức',
  OfficerLeft: 'công chức thôi làm việc',
  DisciplineRecorded: 'ghi nhận kỷ luật',
  EvaluationRecorded: 'ghi nhận xếp loại',
  EvaluationCorrected: 'điều chỉnh xếp loại',
};

/** A recorded fact named for a reader: `tiếp nhận xử lý vụ việc (IncidentAcknowledged, #2)`; a type without a name keeps its code. */
export const viEvent = (type: string, position: number): string => (Object.hasOwn(EVENTS, type) ? `${EVENTS[type]} (${type}, #${position})` : `${type} (#${position})`);
