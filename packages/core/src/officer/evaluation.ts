import { t } from '../fp.js';
import { oneOf, refined } from '../kernel/primitives.js';
import { parsePeriod, type Period } from '../read-side/vocabulary/period.js';

/** Decree 90/2020 levels; Decree 335/2025 derives the same four from a 100-point score. */
export const EVALUATION_LEVELS = ['excellent', 'good', 'completed', 'not-completed'] as const;
export const EvaluationLevel = oneOf('EvaluationLevel', EVALUATION_LEVELS);
export type EvaluationLevel = t.TypeOf<typeof EvaluationLevel>;

export const EvaluationScaleCodec = oneOf('EvaluationScale', [
  'four-levels-decree-90-2020',
  'hundred-points-decree-335-2025',
]);

/** 30 general + 70 task-result points; fractions occur when task scores are averaged. */
export const EvaluationScore = refined(
  'EvaluationScore',
  t.number,
  (n) => Number.isFinite(n) && n >= 0 && n <= 100,
  'a score from 0 to 100',
  { type: 'number', minimum: 0, maximum: 100 },
);

/** Decree 335/2025: ≥90 excellent, 70–<90 good, 50–<70 completed, <50 not completed. */
export const levelFromScore = (score: number): EvaluationLevel =>
  score >= 90 ? 'excellent' : score >= 70 ? 'good' : score >= 50 ? 'completed' : 'not-completed';

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** `2026-03` (month), `2026-Q1` (quarter) or `2026` (year). */
export const PeriodKey = refined('PeriodKey', t.string, (s) => PERIOD.test(s), 'a period key: 2026-03, 2026-Q1 or 2026', {
  type: 'string',
  pattern: PERIOD.source,
});

export type PeriodKind = 'month' | 'quarter' | 'year';
export const PeriodKindCodec = oneOf('PeriodKind', ['month', 'quarter', 'year']);

/** An evaluation period: a month, quarter or year of the reporting-period vocabulary. */
export type EvaluationPeriod = Period & { readonly grain: PeriodKind };

/** The evaluation period a key names; `undefined` for a malformed key (the codec rejects those first). */
export const evaluationPeriodOf = (key: string): EvaluationPeriod | undefined => {
  const period = parsePeriod(key);
  return period !== undefined && (period.grain === 'month' || period.grain === 'quarter' || period.grain === 'year') ? (period as EvaluationPeriod) : undefined;
};
