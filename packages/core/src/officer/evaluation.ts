import { t } from '../fp.js';
import { oneOf, refined } from '../kernel/primitives.js';
import { lastDayOfMonth } from './dates.js';

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

export interface EvaluationPeriod {
  readonly key: string;
  readonly kind: PeriodKind;
  /** First and last calendar day of the period, inclusive. */
  readonly start: string;
  readonly end: string;
}

/** The period a key names; `undefined` for a malformed key (the codec rejects those first). */
export const parsePeriod = (key: string): EvaluationPeriod | undefined => {
  const match = PERIOD.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    return { key, kind: 'month', start: `${year}-${pad(month)}-01`, end: lastDayOfMonth(year, month) };
  }
  if (match[3] !== undefined) {
    const quarter = Number(match[3]);
    const first = quarter * 3 - 2;
    return { key, kind: 'quarter', start: `${year}-${pad(first)}-01`, end: lastDayOfMonth(year, first + 2) };
  }
  return { key, kind: 'year', start: `${year}-01-01`, end: `${year}-12-31` };
};
