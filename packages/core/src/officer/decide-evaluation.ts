import { isLeft, left, right, type Either } from '../fp.js';
import type { DecisionMode } from '../kernel/decider.js';
import { invalidInput, ruleViolated, type DomainError } from '../kernel/errors.js';
import { toVietnamDate } from '../calendar/index.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import { evaluationScaleOf } from '../rules/evaluation-scale.js';
import type { EvaluationScale, RuleBook, RuleSet } from '../rules/index.js';
import type { EvaluationAboveCriteriaBreach } from './breaches.js';
import type { CorrectEvaluation, RecordEvaluation } from './commands.js';
import { OfficerErrorCode } from './errors.js';
import { levelFromScore, evaluationPeriodOf, type EvaluationLevel, type EvaluationPeriod } from './evaluation.js';
import type { OfficerEvent } from './events.js';
import { hasLeft, notAppointed, reject } from './reject.js';
import type { OfficerState } from './state.js';

type Decision = Either<DomainError, readonly OfficerEvent[]>;
type Rating = { readonly level: EvaluationLevel; readonly score?: number };

const DECREE_90 = 'Decree 90/2020/NĐ-CP';
const DECREE_335 = 'Decree 335/2025/NĐ-CP (to confirm)';

const RANK: Readonly<Record<EvaluationLevel, number>> = { 'not-completed': 0, completed: 1, good: 2, excellent: 3 };

/**
 * A four-level rating above the level the Decree 90/2020 criteria leave open to an officer disciplined
 * within the period (docs/domain/officers.md §3); `undefined` when the rating is within them.
 */
const aboveCriteria = (ruleSet: RuleSet | undefined, scale: EvaluationScale, level: EvaluationLevel, period: EvaluationPeriod, state: OfficerState) => {
  const highest = scale === 'four-levels-decree-90-2020' ? ruleSet?.fourLevelCriteria?.highestLevelWhenDisciplined : undefined;
  if (ruleSet === undefined || highest === undefined || state.status === 'not-appointed') return undefined;
  const disciplines = state.disciplines.filter((d) => d.decisionDate >= period.start && d.decisionDate <= period.end);
  if (disciplines.length === 0 || RANK[level] <= RANK[highest.value]) return undefined;
  const article = highest.status === 'sourced' ? highest.source : `${highest.source}; to confirm`;
  const finding: Finding<EvaluationAboveCriteriaBreach> = {
    breach: {
      rule: OfficerErrorCode.EvaluationAboveCriteria,
      ruleSetId: ruleSet.id,
      article,
      measured: { disciplinesInPeriod: disciplines.length, levelRank: RANK[level], highestRank: RANK[highest.value] },
    },
    refusal: ruleViolated(
      OfficerErrorCode.EvaluationAboveCriteria,
      `an officer disciplined within ${period.key} (${disciplines.map((d) => d.decisionRef).join(', ')}) is rated at most ${highest.value}, not ${level}`,
      { legalBasis: article, details: { period: period.key, level, highest: highest.value, decisions: disciplines.map((d) => d.decisionRef), ruleSetId: ruleSet.id } },
    ),
  };
  return finding;
};

export const decideEvaluation = (rules: RuleBook, { data }: RecordEvaluation, state: OfficerState, mode?: DecisionMode): Decision => {
  if (state.status === 'not-appointed') return notAppointed(data.officerId);
  const period = evaluationPeriodOf(data.period);
  if (period === undefined) return badPeriod(data.period);
  if (state.status === 'left' && period.start > state.leftOn) return hasLeft(state.leftOn);
  if (period.end < state.appointedOn) {
    return reject(
      OfficerErrorCode.EvaluationPeriodBeforeAppointment,
      `period ${period.key} ended before the officer was appointed (${state.appointedOn})`,
      { details: { period: period.key, appointedOn: state.appointedOn } },
    );
  }
  const today = toVietnamDate(data.occurredAt);
  if (period.start > today) {
    return reject(OfficerErrorCode.EvaluationPeriodNotStarted, `period ${period.key} has not started on ${today}`, {
      details: { period: period.key, periodStart: period.start, today },
    });
  }
  if (state.evaluations[period.key] !== undefined) {
    return reject(
      OfficerErrorCode.EvaluationAlreadyRecorded,
      `period ${period.key} is already evaluated; use CorrectEvaluation with a reason to change it`,
      { details: { period: period.key } },
    );
  }
  // The scale is the one in force for the officer's legal status when the period ends: a 2025 year is
  // rated on four levels even if the rating is entered in 2026, and a public employee's 2026-Q1 too
  // (docs/domain/officers.md §2).
  const ruleSet = rules.inForceAt(period.end);
  const scale = evaluationScaleOf(ruleSet, state.legalStatus);
  const rating = rate(scale, data.level, data.score);
  if (isLeft(rating)) return rating;
  return judge(mode, [aboveCriteria(ruleSet, scale, rating.right.level, period, state)], (breaches) =>
    right([
      {
        type: 'EvaluationRecorded',
        data: {
          ...periodFields(data.officerId, period),
          ...ratingFields(rating.right),
          scale,
          ruleSetId: ruleSet.id,
          occurredAt: data.occurredAt,
          ...withBreaches(breaches),
        },
      },
    ]),
  );
};

export const decideCorrection = (rules: RuleBook, { data }: CorrectEvaluation, state: OfficerState, mode?: DecisionMode): Decision => {
  if (state.status === 'not-appointed') return notAppointed(data.officerId);
  const period = evaluationPeriodOf(data.period);
  if (period === undefined) return badPeriod(data.period);
  const existing = state.evaluations[period.key];
  if (existing === undefined) {
    return reject(OfficerErrorCode.EvaluationNotFound, `period ${period.key} has no evaluation to correct`, {
      details: { period: period.key },
    });
  }
  // A correction stays on the scale the evaluation was made under.
  const rating = rate(existing.scale, data.level, data.score);
  if (isLeft(rating)) return rating;
  if (rating.right.level === existing.level && rating.right.score === existing.score) {
    return reject(OfficerErrorCode.EvaluationCorrectionUnchanged, `the correction repeats the recorded evaluation`, {
      details: { period: period.key, level: existing.level, score: existing.score },
    });
  }
  // The criteria are those of the rule set the evaluation was made under.
  const above = aboveCriteria(rules.byId(existing.ruleSetId), existing.scale, rating.right.level, period, state);
  return judge(mode, [above], (breaches) =>
    right([
      {
        type: 'EvaluationCorrected',
        data: {
          ...periodFields(data.officerId, period),
          ...ratingFields(rating.right),
          scale: existing.scale,
          ruleSetId: existing.ruleSetId,
          previousLevel: existing.level,
          ...(existing.score === undefined ? {} : { previousScore: existing.score }),
          reason: data.reason,
          occurredAt: data.occurredAt,
          ...withBreaches(breaches),
        },
      },
    ]),
  );
};

const rate = (
  scale: EvaluationScale,
  level: EvaluationLevel | undefined,
  score: number | undefined,
): Either<DomainError, Rating> => {
  if (scale === 'four-levels-decree-90-2020') {
    if (score !== undefined) {
      return reject(OfficerErrorCode.EvaluationScoreNotAllowed, 'this period is rated on four levels, not on points', {
        legalBasis: DECREE_90,
        details: { scale, score },
      });
    }
    if (level === undefined) {
      return reject(OfficerErrorCode.EvaluationLevelRequired, 'a rating level is required', {
        legalBasis: DECREE_90,
        details: { scale },
      });
    }
    return right({ level });
  }
  if (score === undefined) {
    return reject(OfficerErrorCode.EvaluationScoreRequired, 'this period is rated on 100 points: a score is required', {
      legalBasis: DECREE_335,
      details: { scale, level },
    });
  }
  const derived = levelFromScore(score);
  if (level !== undefined && level !== derived) {
    return reject(OfficerErrorCode.EvaluationLevelMismatch, `a score of ${score} gives level ${derived}, not ${level}`, {
      legalBasis: DECREE_335,
      details: { score, level, derived },
    });
  }
  return right({ level: derived, score });
};

const periodFields = (officerId: string, period: EvaluationPeriod) => ({
  officerId,
  period: period.key,
  periodKind: period.grain,
  periodStart: period.start,
  periodEnd: period.end,
});

const ratingFields = (rating: Rating) => ({
  level: rating.level,
  ...(rating.score === undefined ? {} : { score: rating.score }),
});

// Only reachable when a command skipped decoding: the codec rejects malformed keys first.
const badPeriod = (period: string): Decision =>
  left(invalidInput([{ field: 'period', rule: 'PeriodKey', message: `must be 2026-03, 2026-Q1 or 2026, got ${period}` }]));
