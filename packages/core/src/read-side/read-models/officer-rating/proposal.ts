import type { IncidentSeverity } from '../../../conduct/vocabulary.js';
import type { Timeliness } from '../../../dossier/vocabulary.js';
import type { FourLevel, FourLevelCriteria, IncidentSeverityLevel, Threshold } from '../../../rules/index.js';
import type { ArithmeticStep } from '../../explain/index.js';
import { roundTo } from '../../explain/index.js';
import type { EventPosition } from '../../vocabulary/event-ref.js';
import { levelOf, type RatingRules } from './policy.js';

/** A dossier returned in the period: the return, the event naming the officer, both timelinesses. */
export interface ReturnedFact {
  readonly position: EventPosition;
  readonly via: EventPosition;
  readonly timeliness: Timeliness;
  readonly againstOriginal: Timeliness;
}

/** A citizen's rating in the period; only the parts about officers: SIPAS `officers` (1–5), Circular 01 index 7 (0–2). */
export interface RatingFact {
  readonly position: EventPosition;
  readonly via: EventPosition;
  readonly sipasOfficers?: number;
  readonly attitude?: number;
}

/** A substantiated incident reported in the period, with its events (the report first). */
export interface IncidentFact {
  readonly severity?: IncidentSeverity;
  readonly positions: readonly EventPosition[];
}

/**
 * What an officer's proposal for one period is made from, each list in global order. Read for an
 * explanation, it holds the events' positions; read from month counts (a figure alone), positions are 0.
 */
export interface PeriodFacts {
  readonly returned: readonly ReturnedFact[];
  readonly ratings: readonly RatingFact[];
  readonly praise: readonly EventPosition[];
  readonly substantiated: readonly IncidentFact[];
  /** Disciplines decided in the period (by decision date), as their events. */
  readonly disciplines: readonly EventPosition[];
}

/** One figure: its value (or why there is none), a label for levels, its arithmetic and its events. */
export interface RatingFigure {
  readonly value: number | null;
  readonly label?: string;
  readonly notMeasured?: string;
  readonly steps: readonly ArithmeticStep[];
  readonly positions: readonly EventPosition[];
}

// The same arithmetic as the re-adding check, so every step recomputes exactly.
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const mean = (values: readonly number[]) => sum(values) / values.length;

export const SEVERITIES: readonly IncidentSeverityLevel[] = ['minor', 'serious', 'very-serious'];

const timelinessOf = (fact: ReturnedFact, rules: RatingRules): Timeliness => (rules.policy.timelinessAgainst === 'due-date' ? fact.timeliness : fact.againstOriginal);

export const isOnTime = (fact: ReturnedFact, rules: RatingRules): boolean => timelinessOf(fact, rules) !== 'late';
const isEarly = (fact: ReturnedFact, rules: RatingRules): boolean => timelinessOf(fact, rules) === 'early';

/** Satisfied per the policy, or `undefined` when the rating says nothing about officers. */
export const isSatisfied = (fact: RatingFact, rules: RatingRules): boolean | undefined =>
  fact.sipasOfficers !== undefined
    ? fact.sipasOfficers >= rules.policy.satisfiedSipasOfficersAtLeast
    : fact.attitude !== undefined
      ? fact.attitude >= rules.policy.satisfiedAttitudeIndexAtLeast
      : undefined;

const dossierEvents = (facts: PeriodFacts): EventPosition[] => facts.returned.flatMap((f) => [f.via, f.position]);
const ratingEvents = (ratings: readonly RatingFact[]): EventPosition[] => ratings.flatMap((f) => [f.via, f.position]);
const incidentEvents = (facts: PeriodFacts, severity?: IncidentSeverityLevel): EventPosition[] =>
  facts.substantiated.filter((f) => severity === undefined || f.severity === severity).flatMap((f) => f.positions);

const count = (label: string, positions: readonly EventPosition[], counted: readonly EventPosition[]): RatingFigure => ({
  value: counted.length,
  steps: [{ label, op: 'count', inputs: counted, result: counted.length }],
  positions,
});

/** Mean of per-item points, then rounded: e.g. 100 per dossier on time and 0 per late one gives a share in %. */
const meanOf = (label: string, points: readonly number[], rules: RatingRules): { steps: ArithmeticStep[]; value: number } => {
  const m = mean(points);
  const mode = rules.ruleSet.indexRounding;
  const rounded = roundTo(m, rules.policy.digits, mode);
  return {
    steps: [
      { label, op: 'mean', inputs: points, result: m },
      { label: 'rounded', op: 'round', inputs: [m], digits: rules.policy.digits, mode, result: rounded },
    ],
    value: rounded,
  };
};

const share = (label: string, points: readonly number[], positions: readonly EventPosition[], rules: RatingRules, none: string): RatingFigure => {
  if (points.length === 0) return { value: null, notMeasured: none, steps: [], positions };
  const { steps, value } = meanOf(label, points, rules);
  return { value, steps, positions };
};

const RANK: Readonly<Record<FourLevel, number>> = { 'not-completed': 0, completed: 1, good: 2, excellent: 3 };
const lower = (a: FourLevel, b: FourLevel): FourLevel => (RANK[a] <= RANK[b] ? a : b);
const marked = (threshold: Threshold<unknown>) => (threshold.status === 'sourced' ? threshold.source : `${threshold.source}; to confirm`);

/** Share (%) of the period's dossiers returned late, and of its ratings about officers not satisfied. */
const shortfalls = (facts: PeriodFacts, rules: RatingRules) => {
  const late = facts.returned.map((f) => (isOnTime(f, rules) ? 0 : 100));
  const unsatisfied = facts.ratings.flatMap((f) => {
    const satisfied = isSatisfied(f, rules);
    return satisfied === undefined ? [] : [satisfied ? 0 : 100];
  });
  const early = facts.returned.map((f) => (isEarly(f, rules) ? 100 : 0));
  return { late, unsatisfied, early };
};

/** The level the tasks alone give: the first of the Decree 90/2020 criteria, from the top, the shares meet. */
const levelByTasks = (below: number, exceeded: number, c: FourLevelCriteria): { level: FourLevel; why: string } => {
  if (below > c.notCompletedBelowStandardAbove.value) {
    return { level: 'not-completed', why: `more than ${c.notCompletedBelowStandardAbove.value}% below standard (${marked(c.notCompletedBelowStandardAbove)})` };
  }
  if (below > c.completedBelowStandardAtMost.value) {
    return {
      level: c.betweenCompletedAndNotCompleted.value,
      why: `more than ${c.completedBelowStandardAtMost.value}% and at most ${c.notCompletedBelowStandardAbove.value}% below standard (${marked(c.betweenCompletedAndNotCompleted)})`,
    };
  }
  if (below > c.goodBelowStandardAtMost.value) {
    return { level: 'completed', why: `at most ${c.completedBelowStandardAtMost.value}% below standard (${marked(c.completedBelowStandardAtMost)})` };
  }
  if (exceeded >= c.excellentExceededAtLeast.value) {
    return { level: 'excellent', why: `no task below standard and at least ${c.excellentExceededAtLeast.value}% exceeded (${marked(c.excellentExceededAtLeast)})` };
  }
  return { level: 'good', why: `no task below standard (${marked(c.goodBelowStandardAtMost)}), fewer than ${c.excellentExceededAtLeast.value}% exceeded` };
};

/** Share (%) of tasks below standard: the larger of late dossiers and unsatisfied ratings, rounded. */
const belowStandardShare = (facts: PeriodFacts, rules: RatingRules): RatingFigure => {
  const { late, unsatisfied } = shortfalls(facts, rules);
  const positions = [...dossierEvents(facts), ...ratingEvents(facts.ratings.filter((f) => isSatisfied(f, rules) !== undefined))];
  const steps: ArithmeticStep[] = [];
  if (late.length > 0) steps.push({ label: 'dossiers returned late (%)', op: 'mean', inputs: late, result: mean(late) });
  if (unsatisfied.length > 0) steps.push({ label: 'ratings about officers not satisfied (%)', op: 'mean', inputs: unsatisfied, result: mean(unsatisfied) });
  if (steps.length === 0) return { value: null, notMeasured: 'no dossier returned or rated in this period', steps, positions };
  const parts = steps.map((step) => step.result);
  const below = Math.max(...parts);
  const rounded = roundTo(below, rules.policy.digits, rules.ruleSet.indexRounding);
  steps.push(
    { label: 'tasks below standard (%): the larger share', op: 'max', inputs: parts, result: below },
    { label: 'rounded', op: 'round', inputs: [below], digits: rules.policy.digits, mode: rules.ruleSet.indexRounding, result: rounded },
  );
  return { value: rounded, steps, positions };
};

/**
 * The level by the Decree 90/2020 criteria (docs/domain/officers.md §3): its value is the share (%) of
 * tasks below standard, the figure the criteria look at first, and its label the level. Tasks are the
 * dossiers returned (late: below standard; early: exceeded) and the ratings about officers (not
 * satisfied: below standard); a substantiated incident (general criteria, Art.3) and a discipline
 * decided in the period cap the level.
 */
const levelByCriteria = (facts: PeriodFacts, rules: RatingRules, criteria: FourLevelCriteria): RatingFigure => {
  const positions = [...dossierEvents(facts), ...ratingEvents(facts.ratings), ...incidentEvents(facts), ...facts.disciplines];
  const shares = belowStandardShare(facts, rules);
  if (shares.value === null) return { ...shares, positions };
  // The shares and their larger one, before rounding: the criteria compare the exact share.
  const steps: ArithmeticStep[] = shares.steps.slice(0, -1);
  const below = steps.at(-1)!.result;
  const { early } = shortfalls(facts, rules);
  const exceeded = early.length === 0 ? 0 : mean(early);
  if (early.length > 0) steps.push({ label: 'tasks exceeded (%): 100 per dossier returned early, 0 per other', op: 'mean', inputs: early, result: exceeded });
  const byTasks = levelByTasks(below, exceeded, criteria);
  steps.push({ label: `level by tasks: ${byTasks.why}`, op: 'band', inputs: [below], result: below, band: byTasks.level });
  let level = byTasks.level;
  for (const severity of SEVERITIES) {
    if (!facts.substantiated.some((f) => (f.severity ?? 'minor') === severity)) continue;
    const highest = criteria.highestLevelAfterIncident[severity];
    level = lower(level, highest.value);
    steps.push({ label: `at most ${highest.value} after a substantiated ${severity} incident (${marked(highest)})`, op: 'band', inputs: [below], result: below, band: level });
  }
  const disciplined = criteria.highestLevelWhenDisciplined;
  if (disciplined !== undefined && facts.disciplines.length > 0) {
    level = lower(level, disciplined.value);
    steps.push({ label: `at most ${disciplined.value} when disciplined in the period (${marked(disciplined)})`, op: 'band', inputs: [below], result: below, band: level });
  }
  const rounded = roundTo(below, rules.policy.digits, rules.ruleSet.indexRounding);
  steps.push(
    { label: 'tasks below standard (%), rounded', op: 'round', inputs: [below], digits: rules.policy.digits, mode: rules.ruleSet.indexRounding, result: rounded },
    { label: 'level', op: 'band', inputs: [rounded], result: rounded, band: level },
  );
  return { value: rounded, label: level, steps, positions };
};

/** Points (and the level they fall in) under the scale in force; see `OfficerRatingProposalPolicy`. */
const proposedPoints = (facts: PeriodFacts, rules: RatingRules): RatingFigure => {
  const { policy } = rules;
  const hundred = rules.scale === 'hundred-points-decree-335-2025';
  const unit = hundred ? policy.hundredPoints.task : 100;
  const positions = [...dossierEvents(facts), ...ratingEvents(facts.ratings), ...incidentEvents(facts), ...facts.praise];
  const steps: ArithmeticStep[] = [];
  const parts: number[] = [];
  const timeliness = facts.returned.map((f) => (isOnTime(f, rules) ? unit : 0));
  if (timeliness.length > 0) {
    parts.push(mean(timeliness));
    steps.push({ label: `timeliness: ${unit} per dossier returned on time, 0 per late one`, op: 'mean', inputs: timeliness, result: mean(timeliness) });
  }
  const satisfaction = facts.ratings.flatMap((f) => {
    const satisfied = isSatisfied(f, rules);
    return satisfied === undefined ? [] : [satisfied ? unit : 0];
  });
  if (satisfaction.length > 0) {
    parts.push(mean(satisfaction));
    steps.push({ label: `satisfaction: ${unit} per satisfied rating, 0 per other`, op: 'mean', inputs: satisfaction, result: mean(satisfaction) });
  }
  if (parts.length === 0) return { value: null, notMeasured: 'no dossier returned or rated in this period', steps: [], positions };
  const task = mean(parts);
  steps.push({ label: hundred ? 'task results (of 70)' : 'task completion (%)', op: 'mean', inputs: parts, result: task });
  const severities = facts.substantiated.map((f) => f.severity ?? 'minor');
  let conduct: number;
  if (hundred) {
    const deductions = severities.map((s) => policy.hundredPoints.deductionBySeverity[s]);
    const deducted = sum(deductions);
    const general = sum([policy.hundredPoints.general, -deducted]);
    conduct = Math.max(0, general);
    steps.push(
      { label: 'deductions for substantiated incidents', op: 'sum', inputs: deductions, result: deducted },
      { label: `general points: ${policy.hundredPoints.general} less deductions`, op: 'sum', inputs: [policy.hundredPoints.general, -deducted], result: general },
      { label: 'general points, not below 0', op: 'max', inputs: [0, general], result: conduct },
    );
  } else {
    const ceilings = [100, ...severities.map((s) => policy.fourLevels.ceilingBySeverity[s])];
    const ceiling = Math.min(...ceilings);
    conduct = Math.min(task, ceiling);
    steps.push(
      { label: 'ceiling set by substantiated incidents', op: 'min', inputs: ceilings, result: ceiling },
      { label: 'task completion under the ceiling', op: 'min', inputs: [task, ceiling], result: conduct },
    );
  }
  const praisePoints = facts.praise.map(() => policy.praisePoints);
  const praiseSum = sum(praisePoints);
  const praise = Math.min(praiseSum, policy.praisePointsMax);
  const total = sum(hundred ? [conduct, task, praise] : [conduct, praise]);
  const capped = Math.min(total, 100);
  const points = roundTo(capped, policy.digits, rules.ruleSet.indexRounding);
  steps.push(
    { label: `praise: ${policy.praisePoints} each`, op: 'sum', inputs: praisePoints, result: praiseSum },
    { label: `praise, at most ${policy.praisePointsMax}`, op: 'min', inputs: [praiseSum, policy.praisePointsMax], result: praise },
    { label: hundred ? 'general + task + praise' : 'task completion + praise', op: 'sum', inputs: hundred ? [conduct, task, praise] : [conduct, praise], result: total },
    { label: 'at most 100', op: 'min', inputs: [total, 100], result: capped },
    { label: 'points', op: 'round', inputs: [capped], digits: policy.digits, mode: rules.ruleSet.indexRounding, result: points },
  );
  return { value: points, steps, positions };
};

export const PROPOSAL_MEASURES = [
  'dossiers',
  'on-time-share',
  'ratings',
  'satisfied-share',
  'praise',
  ...SEVERITIES.map((s) => `substantiated-${s}` as const),
  'below-standard-share',
  'exceeded-share',
  'points',
  'level',
] as const;
export type ProposalMeasure = (typeof PROPOSAL_MEASURES)[number];

export const isProposalMeasure = (measure: string): measure is ProposalMeasure => (PROPOSAL_MEASURES as readonly string[]).includes(measure);

/** On four levels with criteria: no points, the level by the criteria; otherwise points and their band. */
const pointsAndLevel = (facts: PeriodFacts, rules: RatingRules): { points: RatingFigure; level: RatingFigure } => {
  if (rules.criteria !== undefined) {
    return {
      points: { value: null, notMeasured: 'rated on four levels by the criteria of Decree 90/2020, without points', steps: [], positions: [] },
      level: levelByCriteria(facts, rules, rules.criteria),
    };
  }
  const points = proposedPoints(facts, rules);
  if (points.value === null) return { points, level: points };
  const band = levelOf(points.value, rules.policy.bands);
  return { points, level: { ...points, label: band, steps: [...points.steps, { label: 'level', op: 'band', inputs: [points.value], result: points.value, band }] } };
};

/** Every figure of an officer's proposal for one period. */
export const proposalFigures = (facts: PeriodFacts, rules: RatingRules): Readonly<Record<ProposalMeasure, RatingFigure>> => {
  const judged = facts.ratings.filter((f) => isSatisfied(f, rules) !== undefined);
  const { points, level } = pointsAndLevel(facts, rules);
  const { early } = shortfalls(facts, rules);
  const severity = (s: IncidentSeverityLevel): RatingFigure =>
    count(
      `substantiated ${s} incidents (reports by global position)`,
      incidentEvents(facts, s),
      facts.substantiated.filter((f) => f.severity === s).map((f) => f.positions[0] ?? 0),
    );
  return {
    dossiers: count('dossiers returned (by global position)', dossierEvents(facts), facts.returned.map((f) => f.position)),
    'on-time-share': share(
      '100 per dossier returned on time, 0 per late one',
      facts.returned.map((f) => (isOnTime(f, rules) ? 100 : 0)),
      dossierEvents(facts),
      rules,
      'no dossier returned in this period',
    ),
    ratings: count('ratings about officers (by global position)', ratingEvents(judged), judged.map((f) => f.position)),
    'satisfied-share': share(
      '100 per satisfied rating, 0 per other',
      judged.map((f) => (isSatisfied(f, rules) ? 100 : 0)),
      ratingEvents(judged),
      rules,
      'no rating about officers in this period',
    ),
    praise: count('praise received (by global position)', facts.praise, facts.praise),
    'below-standard-share': belowStandardShare(facts, rules),
    'exceeded-share': share('100 per dossier returned early, 0 per other', early, dossierEvents(facts), rules, 'no dossier returned in this period'),
    'substantiated-minor': severity('minor'),
    'substantiated-serious': severity('serious'),
    'substantiated-very-serious': severity('very-serious'),
    points,
    level,
  };
};
