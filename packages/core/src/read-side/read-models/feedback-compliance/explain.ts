import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { ExplainedFigure } from '../../read-model.js';
import { distinct, parseFigureKey } from '../conduct-support/figure-documents.js';
import { FEEDBACK_COMPLIANCE, FEEDBACK_DIMENSIONS, type FeedbackComplianceDocument, type FeedbackDimension } from './projection.js';
import { FEEDBACK_MEASURES, judgedFeedback, onTimeShare, type FeedbackMeasure, type JudgedFeedback } from './queries.js';

const isDimension = (value: string): value is FeedbackDimension => (FEEDBACK_DIMENSIONS as readonly string[]).includes(value);
const isMeasure = (value: string): value is FeedbackMeasure => (FEEDBACK_MEASURES as readonly string[]).includes(value);

/** One figure with the feedback judged behind it; the share's rounding is the rule set's (read now, not when folded). */
export const explainFeedbackCompliance = async (
  rules: RuleBook,
  documents: DocumentQuery<FeedbackComplianceDocument>,
  key: string,
): Promise<ExplainedFigure | undefined> => {
  const parsed = parseFigureKey(FEEDBACK_COMPLIANCE, key);
  if (parsed === undefined || !isDimension(parsed.dimension) || !isMeasure(parsed.measure)) return undefined;
  if (parsed.dimension === 'total' && parsed.value !== 'all') return undefined;
  const { measure } = parsed;
  const judged = await judgedFeedback(documents, parsed.tenantId, {
    period: parsed.period,
    dimension: parsed.dimension,
    value: parsed.value,
    ...(parsed.asOf === undefined ? {} : { asOf: parsed.asOf }),
  });
  const base = {
    readModel: FEEDBACK_COMPLIANCE,
    key,
    contributions: judged.flatMap((j) => j.positions),
    ruleSetVersions: distinct(judged.map((j) => j.entry.ruleSetId)),
  };
  const positions = (list: readonly JudgedFeedback[]) => list.map((j) => j.entry.received);
  if (measure !== 'on-time-share') {
    const counted = measure === 'judged' ? judged : judged.filter((j) => j.onTime);
    const label = `${measure} feedback (receipt events by global position)`;
    return { ...base, value: counted.length, steps: [{ label, op: 'count', inputs: positions(counted), result: counted.length }] };
  }
  if (judged.length === 0) return { ...base, value: null, notMeasured: 'no feedback judged in this period', steps: [] };
  const latest = judged.reduce((day, j) => (j.receivedOn > day ? j.receivedOn : day), judged[0]!.receivedOn);
  const points: number[] = judged.map((j) => (j.onTime ? 100 : 0));
  const { ruleSet, mean, share } = onTimeShare(rules, judged.length, judged.filter((j) => j.onTime).length, latest);
  return {
    ...base,
    ruleSetVersions: distinct([...base.ruleSetVersions, ruleSet.id]),
    value: share,
    steps: [
      { label: 'per judged feedback: 100 if handled on time, 0 if late', op: 'mean', inputs: points, result: mean },
      { label: 'on-time share (%), one decimal', op: 'round', inputs: [mean], digits: 1, mode: ruleSet.indexRounding, result: share },
    ],
  };
};
