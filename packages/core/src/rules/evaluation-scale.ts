import type { LegalStatus } from '../officer/vocabulary.js';
import type { EvaluationScale, RuleSet } from './types.js';

/**
 * The scale an officer of `legalStatus` is rated on under `ruleSet`: the status's own scale where the
 * set names one (`evaluationScaleByStatus`), else `evaluationScale` (docs/domain/officers.md §2). The
 * one place a scale is chosen: the evaluation decider, the rating proposal and the officer verdict ask here.
 */
export const evaluationScaleOf = (ruleSet: RuleSet, legalStatus: LegalStatus): EvaluationScale =>
  ruleSet.evaluationScaleByStatus?.[legalStatus] ?? ruleSet.evaluationScale;
