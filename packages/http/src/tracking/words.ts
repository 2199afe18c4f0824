import type { DossierStatus } from '@motcua/core';

export type TrackingLanguage = 'vi' | 'en';

interface StatusWords {
  readonly label: string;
  readonly next: string;
}

/** What each status is called and what comes next, as a citizen reads it (docs/tracking.md). */
export const STATUS_WORDS: Readonly<Record<TrackingLanguage, Readonly<Record<DossierStatus, StatusWords>>>> = {
  vi: {
    NOT_STARTED: { label: 'Chưa tiếp nhận', next: 'Nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến.' },
    GUIDED: { label: 'Đã được hướng dẫn', next: 'Chuẩn bị hồ sơ theo hướng dẫn và nộp tại Bộ phận Một cửa.' },
    SUBMITTED: { label: 'Đã nộp, chờ kiểm tra', next: 'Bộ phận Một cửa đang kiểm tra hồ sơ; chờ phiếu tiếp nhận hoặc yêu cầu bổ sung.' },
    AWAITING_INTAKE_SUPPLEMENT: { label: 'Cần bổ sung trước khi tiếp nhận', next: 'Bổ sung các giấy tờ còn thiếu theo phiếu yêu cầu bổ sung.' },
    RECEIVED: { label: 'Đã tiếp nhận', next: 'Hồ sơ được chuyển đến cơ quan giải quyết.' },
    IN_PROCESSING: { label: 'Đang giải quyết', next: 'Cơ quan có thẩm quyền đang giải quyết; chờ đến ngày hẹn trả kết quả.' },
    AWAITING_SUPPLEMENT: { label: 'Chờ bổ sung hồ sơ', next: 'Bổ sung các giấy tờ còn thiếu; thời hạn giải quyết được tính lại từ khi nhận đủ.' },
    WITH_AGENCY: { label: 'Đang lấy ý kiến cơ quan liên quan', next: 'Chờ cơ quan liên quan trả lời; không cần thao tác thêm.' },
    PROCESSED: { label: 'Đã giải quyết, chờ trả kết quả', next: 'Kết quả đang được chuyển về Bộ phận Một cửa.' },
    RESULT_READY: { label: 'Có kết quả, mời nhận', next: 'Đến Bộ phận Một cửa mang theo phiếu tiếp nhận để nhận kết quả.' },
    RETURNED: { label: 'Đã trả kết quả', next: 'Hồ sơ đã hoàn thành. Mời đánh giá mức độ hài lòng.' },
    REFUSED_AT_INTAKE: { label: 'Từ chối tiếp nhận', next: 'Xem lý do trên phiếu từ chối; có thể nộp lại khi đủ điều kiện.' },
    WITHDRAWN: { label: 'Đã rút hồ sơ', next: 'Hồ sơ đã được rút theo yêu cầu; không cần thao tác thêm.' },
  },
  en: {
    NOT_STARTED: { label: 'Not received', next: 'File the dossier at the one-stop desk or online.' },
    GUIDED: { label: 'Guidance given', next: 'Prepare the documents as advised and file them at the one-stop desk.' },
    SUBMITTED: { label: 'Submitted, being checked', next: 'The desk is checking the dossier; expect a receipt or a request for missing documents.' },
    AWAITING_INTAKE_SUPPLEMENT: { label: 'Documents missing before receipt', next: 'Bring the missing documents listed on the request.' },
    RECEIVED: { label: 'Received', next: 'The dossier goes to the body that decides it.' },
    IN_PROCESSING: { label: 'In processing', next: 'The competent body is handling it; wait for the due date.' },
    AWAITING_SUPPLEMENT: { label: 'Waiting for missing documents', next: 'Bring the missing documents; the time limit starts again once the dossier is complete.' },
    WITH_AGENCY: { label: 'With another agency', next: 'Another agency is giving its opinion; nothing to do now.' },
    PROCESSED: { label: 'Decided, result on its way', next: 'The result is being sent back to the one-stop desk.' },
    RESULT_READY: { label: 'Result ready for collection', next: 'Collect the result at the one-stop desk with your receipt.' },
    RETURNED: { label: 'Result returned', next: 'The dossier is complete. Please rate the service.' },
    REFUSED_AT_INTAKE: { label: 'Refused at intake', next: 'See the reason on the refusal slip; you may file again once it is met.' },
    WITHDRAWN: { label: 'Withdrawn', next: 'The dossier was withdrawn at your request; nothing to do.' },
  },
};

export const NOT_FOUND_WORDS: Readonly<Record<TrackingLanguage, string>> = {
  vi: 'Không tìm thấy hồ sơ với mã và mã tra cứu (PIN) này.',
  en: 'No dossier matches this code and PIN.',
};

export const EXPIRED_WORDS: Readonly<Record<TrackingLanguage, string>> = {
  vi: 'Đường dẫn tra cứu đã hết hạn; hãy tra cứu bằng mã PIN trên phiếu tiếp nhận.',
  en: 'This tracking link has expired; use the PIN on your receipt.',
};

/** `?lang=vi|en` first, then the best of `Accept-Language` (`en-US,en;q=0.9,vi;q=0.8`); Vietnamese by default. */
export const languageOf = (lang: TrackingLanguage | undefined, acceptLanguage: string | undefined): TrackingLanguage => {
  if (lang !== undefined) return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => (entry.primary === 'vi' || entry.primary === 'en') && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.primary as TrackingLanguage | undefined) ?? 'vi';
};
