import { numberOf, outcomeOf, textOf, value, type StepTemplate } from './context.js';
import { LEVELS, named, ROUNDING, SCALES, viNumber, viPeriod } from './words.js';

/** The steps of an officer's rating (đánh giá, xếp loại), in the words of Decree 90/2020 and Decree 335/2025. */

const period = (c: Parameters<StepTemplate>[0]): string => viPeriod(outcomeOf(c, 'period'));

export const scale: StepTemplate = (c) => {
  const found = textOf(c, 'scale');
  if (found === undefined) {
    return outcomeOf(c, 'status') === 'no-rules'
      ? `"${String(outcomeOf(c, 'period') ?? '')}" không phải là một tháng, quý hoặc năm thuộc một bộ quy định (ví dụ 2026-Q1): không có thang để đánh giá, xếp loại.`
      : undefined;
  }
  const criteria = textOf(c, 'criteria');
  return (
    `Kỳ ${period(c)} được đánh giá, xếp loại theo bộ quy định ${textOf(c, 'ruleSetId') ?? '?'}, bộ quy định có hiệu lực vào ngày cuối của kỳ: ` +
    `${named(SCALES, found)}${criteria === undefined ? '' : `, theo bộ tiêu chí ${criteria}`} (cách đề xuất ${textOf(c, 'policy') ?? '?'}).`
  );
};

const SEVERITIES: readonly (readonly [string, string])[] = [
  ['minor', 'nhẹ'],
  ['serious', 'nghiêm trọng'],
  ['very-serious', 'rất nghiêm trọng'],
];

export const facts: StepTemplate = (c) => {
  const returned = numberOf(c, 'returned');
  if (returned === undefined) return undefined;
  const officer = outcomeOf(c, 'officerId');
  const unit = outcomeOf(c, 'unitId');
  const agency = outcomeOf(c, 'ratingAgencyId');
  const substantiated = (outcomeOf(c, 'facts') as { substantiated?: Readonly<Record<string, unknown>> } | undefined)?.substantiated ?? {};
  const against = c.step.rule?.field.endsWith('= due-date') === true ? 'ngày hẹn trả đang có hiệu lực' : 'ngày hẹn trả ban đầu';
  return (
    `Công chức ${String(officer ?? '?')} ${typeof unit === 'string' ? `làm việc tại ${unit} vào cuối kỳ` : 'không làm việc tại bộ phận một cửa nào vào cuối kỳ'}` +
    `${typeof agency === 'string' ? `, do ${agency} đánh giá, xếp loại` : ''}. Trong ${period(c)}: ` +
    `${returned} hồ sơ đã trả kết quả (${numberOf(c, 'onTime') ?? 0} đúng hạn, ${numberOf(c, 'late') ?? 0} trễ hạn, xét tại ngày có kết quả so với ${against}), ` +
    `${numberOf(c, 'ratings') ?? 0} lượt đánh giá về công chức (${numberOf(c, 'satisfied') ?? 0} hài lòng), ${numberOf(c, 'praise') ?? 0} lời khen, ` +
    `vụ việc có vi phạm: ${SEVERITIES.map(([key, name]) => `${typeof substantiated[key] === 'number' ? substantiated[key] : 0} mức ${name}`).join(', ')}; ` +
    `${numberOf(c, 'disciplines') ?? 0} quyết định xử lý kỷ luật.`
  );
};

const level = (found: unknown): string => named(LEVELS, found);

export const proposal: StepTemplate = (c) => {
  const proposed = value(c, 'level');
  const points = numberOf(c, 'points');
  if (proposed === undefined) return undefined;
  if (proposed === null) return 'Không có đề xuất xếp loại: không có dữ kiện để đề xuất.';
  return (
    `Đề xuất xếp loại: ${level(proposed)}${points === undefined ? '' : ` với ${viNumber(points)} điểm`}, ` +
    `theo cách tính ${c.step.rule?.field ?? '?'} của bộ quy định ${c.step.rule?.ruleSetId ?? '?'} từ các dữ kiện trong kỳ.`
  );
};

export const decision: StepTemplate = (c) => {
  const decided = textOf(c, 'decision');
  if (decided === undefined) return undefined;
  const recorded = outcomeOf(c, 'recorded') as { level?: unknown; score?: unknown; scale?: unknown; ruleSetId?: unknown; corrections?: unknown } | undefined;
  if (recorded === undefined) return `Chưa ghi nhận quyết định xếp loại cho ${period(c)}.`;
  const proposed = outcomeOf(c, 'proposed') as { points?: unknown; level?: unknown } | undefined;
  const points = typeof proposed?.points === 'number' ? proposed.points : undefined;
  const score = typeof recorded.score === 'number' ? recorded.score : undefined;
  const corrections = typeof recorded.corrections === 'number' ? recorded.corrections : 0;
  const verdictText: Readonly<Record<string, string>> = {
    agrees: `đúng mức đề xuất${points !== undefined && score !== undefined && score !== points ? `, với ${viNumber(score)} điểm so với ${viNumber(points)} điểm đề xuất` : ''}.`,
    differs: `khác đề xuất (${level(proposed?.level)}${points === undefined ? '' : `, ${viNumber(points)} điểm`}); đề xuất chỉ là căn cứ tham khảo, quyết định đã ghi nhận là quyết định có hiệu lực.`,
  };
  const inForce = outcomeOf(c, 'scale');
  return (
    `Thủ trưởng đơn vị đã quyết định xếp loại ${level(recorded.level)}${score === undefined ? '' : ` (${viNumber(score)} điểm)`} theo ${named(SCALES, recorded.scale)}, bộ quy định ${String(recorded.ruleSetId ?? '?')}` +
    `${corrections > 0 ? `, sau ${corrections} lần điều chỉnh` : ''}: ${verdictText[decided] ?? 'không có đề xuất để đối chiếu.'}` +
    (recorded.scale === inForce ? '' : ` Thang đã ghi nhận khác với thang có hiệu lực vào ngày cuối kỳ (${named(SCALES, inForce)}).`)
  );
};

export const quota: StepTemplate = (c) => {
  const agency = textOf(c, 'agencyId');
  const excellent = numberOf(c, 'excellent');
  const goodOrBetter = numberOf(c, 'goodOrBetter');
  const allowed = numberOf(c, 'allowed');
  if (agency === undefined || excellent === undefined || goodOrBetter === undefined || allowed === undefined) return undefined;
  const found = outcomeOf(c, 'quota') as { percent?: unknown; rounding?: unknown } | undefined;
  const officer = String(outcomeOf(c, 'officerId') ?? '?');
  const proposed = (outcomeOf(c, 'proposed') as { level?: unknown } | undefined)?.level;
  const recorded = (outcomeOf(c, 'recorded') as { level?: unknown } | undefined)?.level;
  return (
    `${agency}, cơ quan đánh giá, xếp loại công chức, có ${goodOrBetter} công chức tại bộ phận một cửa được đề xuất từ mức hoàn thành tốt nhiệm vụ trở lên, trong đó ${excellent} hoàn thành xuất sắc nhiệm vụ; ` +
    `tỷ lệ hoàn thành xuất sắc nhiệm vụ ${typeof found?.percent === 'number' ? `${found.percent}%` : '?'} của ${goodOrBetter} người, ${named(ROUNDING, found?.rounding)}, là ${allowed} người: ` +
    `${value(c, 'exceeded') === true ? 'vượt tỷ lệ cho phép' : 'trong tỷ lệ cho phép'}.` +
    (proposed === 'excellent' || recorded === 'excellent' ? ` Công chức ${officer} thuộc số hoàn thành xuất sắc nhiệm vụ (${proposed === 'excellent' ? 'theo đề xuất' : 'theo quyết định đã ghi nhận'}).` : '')
  );
};
