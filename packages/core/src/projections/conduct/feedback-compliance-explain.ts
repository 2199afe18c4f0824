import { toVietnamDate } from '../../calendar/index.js';
import type { RuleBook } from '../../rules/index.js';
import { defaultRuleBook } from '../../rules/index.js';
import { roundTo, type ExplainableReadModel, type Explanation } from '../../read-side/explain/index.js';
import { byProvinceReadModel, type ProvinceTables } from '../by-province.js';
import { FEEDBACK_COMPLIANCE, feedbackComplianceProjection, feedbackComplianceTables, type FeedbackComplianceState, type FeedbackEntry } from './feedback-compliance.js';
import { conductKey, parseConductKey } from './keys.js';
import { inPeriod, listedPeriodsOf, parseReportingPeriod, type ReportingPeriod } from './periods.js';
import { distinct, eventRefs, type Ref } from './refs.js';

export const FEEDBACK_DIMENSIONS = ['total', 'unit', 'kind'] as const;
export type FeedbackDimension = (typeof FEEDBACK_DIMENSIONS)[number];
export const FEEDBACK_MEASURES = ['judged', 'on-time', 'on-time-share'] as const;
export type FeedbackMeasure = (typeof FEEDBACK_MEASURES)[number];

export interface JudgedFeedback {
  readonly feedbackId: string;
  readonly entry: FeedbackEntry;
  readonly onTime: boolean;
  readonly refs: readonly Ref[];
}

export interface FeedbackSelection {
  readonly period: ReportingPeriod;
  readonly dimension: FeedbackDimension;
  readonly value: string;
  /**
   * Without it, only handled feedback is judged. With it, the log as of that instant: handled by
   * then, or still unhandled past its due date (late).
   */
  readonly asOf?: string;
}

const matches = (entry: FeedbackEntry, s: FeedbackSelection): boolean =>
  inPeriod(entry.receivedOn, s.period) &&
  (s.dimension === 'total' || (s.dimension === 'unit' ? entry.unitId === s.value : entry.kind === s.value));

/** Feedback received in the period that can be judged, in order of receipt. */
export const judgedFeedback = (state: FeedbackComplianceState, s: FeedbackSelection): readonly JudgedFeedback[] => {
  const today = s.asOf === undefined ? undefined : toVietnamDate(s.asOf);
  const judged: JudgedFeedback[] = [];
  for (const [feedbackId, entry] of Object.entries(feedbackComplianceTables(state).feedback)) {
    if (!matches(entry, s)) continue;
    const { handled } = entry;
    if (handled !== undefined && (today === undefined || handled.on <= today)) {
      judged.push({ feedbackId, entry, onTime: handled.onTime, refs: [entry.received, handled.ref] });
    } else if (today !== undefined && entry.dueDate < today) {
      judged.push({ feedbackId, entry, onTime: false, refs: [entry.received] });
    }
  }
  return judged.sort((a, b) => a.entry.received[0] - b.entry.received[0]);
};

/**
 * Keys: `<tenantId>/feedback-compliance/<period>/<dimension>/<value>/<measure>[@<asOf>]`, the period
 * being that of receipt; dimension/value `total/all`, `unit/<id>` or `kind/<kind>`; measure `judged`, `on-time` or
 * `on-time-share` (per cent, rounded to one decimal by the rule set's `indexRounding`), e.g.
 * `thai-nguyen/feedback-compliance/2026-Q1/unit/TN-01/on-time-share`.
 */
export const createFeedbackComplianceReadModel = (rules: RuleBook = defaultRuleBook()): ExplainableReadModel<ProvinceTables> =>
  byProvinceReadModel(feedbackComplianceProjection, feedbackComplianceOfOneProvince(rules));

const feedbackComplianceOfOneProvince = (rules: RuleBook): ExplainableReadModel<FeedbackComplianceState> => ({
  name: FEEDBACK_COMPLIANCE,
  keys: (state) => {
    const keys = new Set<string>();
    for (const entry of Object.values(feedbackComplianceTables(state).feedback)) {
      if (entry.handled === undefined) continue;
      const dims: [FeedbackDimension, string][] = [['total', 'all'], ['kind', entry.kind]];
      if (entry.unitId !== undefined) dims.push(['unit', entry.unitId]);
      for (const period of listedPeriodsOf(entry.receivedOn)) {
        for (const [dimension, value] of dims) {
          for (const measure of FEEDBACK_MEASURES) keys.add(conductKey(FEEDBACK_COMPLIANCE, { period, dimension, value, measure }));
        }
      }
    }
    return [...keys].sort();
  },
  explain: (state, key) => {
    const parsed = parseConductKey(FEEDBACK_COMPLIANCE, key);
    const period = parsed && parseReportingPeriod(parsed.period);
    if (parsed === undefined || period === undefined) return undefined;
    const dimension = parsed.dimension as FeedbackDimension;
    const measure = parsed.measure as FeedbackMeasure;
    if (!FEEDBACK_DIMENSIONS.includes(dimension) || !FEEDBACK_MEASURES.includes(measure)) return undefined;
    if (dimension === 'total' && parsed.value !== 'all') return undefined;
    const judged = judgedFeedback(state, { period, dimension, value: parsed.value, ...(parsed.asOf === undefined ? {} : { asOf: parsed.asOf }) });
    const base = {
      readModel: FEEDBACK_COMPLIANCE,
      key,
      contributions: eventRefs(judged.flatMap((j) => j.refs)),
      ruleSetVersions: distinct(judged.map((j) => j.entry.ruleSetId)),
    };
    const positions = (list: readonly JudgedFeedback[]) => list.map((j) => j.entry.received[0]);
    if (measure !== 'on-time-share') {
      const counted = measure === 'judged' ? judged : judged.filter((j) => j.onTime);
      const label = `${measure} feedback (receipt events by global position)`;
      return { ...base, value: counted.length, steps: [{ label, op: 'count', inputs: positions(counted), result: counted.length }] } satisfies Explanation;
    }
    if (judged.length === 0) return { ...base, value: null, notMeasured: 'no feedback judged in this period', steps: [] } satisfies Explanation;
    const latest = judged.reduce((day, j) => (j.entry.receivedOn > day ? j.entry.receivedOn : day), judged[0]!.entry.receivedOn);
    const ruleSet = rules.inForceAt(latest);
    const points: number[] = judged.map((j) => (j.onTime ? 100 : 0));
    const mean = points.reduce((a, b) => a + b, 0) / points.length;
    const share = roundTo(mean, 1, ruleSet.indexRounding);
    return {
      ...base,
      ruleSetVersions: distinct([...base.ruleSetVersions, ruleSet.id]),
      value: share,
      steps: [
        { label: 'per judged feedback: 100 if handled on time, 0 if late', op: 'mean', inputs: points, result: mean },
        { label: 'on-time share (%), one decimal', op: 'round', inputs: [mean], digits: 1, mode: ruleSet.indexRounding, result: share },
      ],
    } satisfies Explanation;
  },
});
