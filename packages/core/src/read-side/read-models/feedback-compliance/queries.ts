import type { RuleBook } from '../../../rules/types.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import { roundTo } from '../../explain/re-add.js';
import type { Period } from '../../vocabulary/period.js';
import { dayDocuments, groupKey } from '../conduct-support/figure-documents.js';
import { feedbackValueOf, type FeedbackComplianceDocument, type FeedbackDimension, type FeedbackEntry } from './projection.js';
import { dayOf } from '../../vocabulary/period.js';

export const FEEDBACK_MEASURES = ['judged', 'on-time', 'on-time-share'] as const;
export type FeedbackMeasure = (typeof FEEDBACK_MEASURES)[number];

export interface FeedbackSelection {
  readonly period: Period;
  readonly dimension: FeedbackDimension;
  /** `all` for `total`. */
  readonly value: string;
  /**
   * Without it, only handled feedback is judged. With it, the log as of that instant: handled by
   * then, or still unhandled past its due date (late).
   */
  readonly asOf?: string;
}

export interface JudgedFeedback {
  readonly feedbackId: string;
  readonly receivedOn: string;
  readonly entry: FeedbackEntry;
  readonly onTime: boolean;
  /** The receipt and, when handled in time for the judgement, the handling. */
  readonly positions: readonly number[];
}

/** Feedback received in the period that can be judged, in order of receipt (read from the days of the period). */
export const judgedFeedback = async (
  documents: DocumentQuery<FeedbackComplianceDocument>,
  tenantId: string,
  s: FeedbackSelection,
): Promise<readonly JudgedFeedback[]> => {
  const today = s.asOf === undefined ? undefined : dayOf(s.asOf);
  const judged: JudgedFeedback[] = [];
  for (const [receivedOn, document] of await dayDocuments(documents, tenantId, 'received', s.period)) {
    if (document.kind !== 'day') continue;
    for (const [feedbackId, entry] of Object.entries(document.feedback)) {
      if (feedbackValueOf(entry, s.dimension) !== s.value) continue;
      const { handled } = entry;
      if (handled !== undefined && (today === undefined || handled.on <= today)) {
        judged.push({ feedbackId, receivedOn, entry, onTime: handled.onTime, positions: [entry.received, handled.position] });
      } else if (today !== undefined && entry.dueDate < today) {
        judged.push({ feedbackId, receivedOn, entry, onTime: false, positions: [entry.received] });
      }
    }
  }
  return judged.sort((a, b) => a.entry.received - b.entry.received);
};

/** A selection's figures: feedback judged, on time, and the on-time share (per cent, `null` when none was judged). */
export interface FeedbackFigures {
  readonly judged: number;
  readonly onTime: number;
  readonly onTimeShare: number | null;
  /** The rule set whose `indexRounding` rounded the share: the one in force on the latest day of receipt judged. */
  readonly ruleSetId?: string;
}

/** The share as the rule set in force on the latest day of receipt rounds it (to one decimal). */
export const onTimeShare = (rules: RuleBook, judged: number, onTime: number, latestReceivedOn: string) => {
  const ruleSet = rules.inForceAt(latestReceivedOn);
  const mean = (onTime * 100) / judged;
  return { ruleSet, mean, share: roundTo(mean, 1, ruleSet.indexRounding) };
};

/**
 * The figures of a selection: one document read for a month, quarter, year or `all` judged as
 * recorded; the days of the period for a day or a judgement as of an instant.
 */
export const feedbackFigures = async (
  rules: RuleBook,
  documents: DocumentQuery<FeedbackComplianceDocument>,
  tenantId: string,
  s: FeedbackSelection,
): Promise<FeedbackFigures> => {
  let counts: { readonly judged: number; readonly onTime: number; readonly latestReceivedOn?: string };
  if (s.asOf === undefined && s.period.grain !== 'day') {
    const group = await documents.get(groupKey(tenantId, s.period.key, s.dimension, s.value));
    counts = group?.kind === 'counts' ? group : { judged: 0, onTime: 0 };
  } else {
    const judged = await judgedFeedback(documents, tenantId, s);
    const latest = judged.reduce<string | undefined>((day, j) => (day === undefined || j.receivedOn > day ? j.receivedOn : day), undefined);
    counts = { judged: judged.length, onTime: judged.filter((j) => j.onTime).length, ...(latest === undefined ? {} : { latestReceivedOn: latest }) };
  }
  if (counts.judged === 0 || counts.latestReceivedOn === undefined) return { judged: 0, onTime: 0, onTimeShare: null };
  const { ruleSet, share } = onTimeShare(rules, counts.judged, counts.onTime, counts.latestReceivedOn);
  return { judged: counts.judged, onTime: counts.onTime, onTimeShare: share, ruleSetId: ruleSet.id };
};
