import { left, type Either } from '../fp.js';
import { ruleViolated, type BusinessRuleViolated, type DomainError } from '../kernel/errors.js';
import type { RuleBook } from './types.js';
import { withinCalendarDays } from '../calendar/outside-calendar.js';

/**
 * What `RuleBook.inForceAt` throws for a day no rule set covers: before the first set, or after the
 * last when it has an end. Every decision records the rule set it was made under, so no fact of the
 * log falls on such a day; the read side answers a figure of it as one that does not exist
 * (docs/read-side.md, "Periods the rules do not cover").
 */
export class NoRuleSetInForce extends Error {
  override readonly name = 'NoRuleSetInForce';

  constructor(
    /** The Vietnamese day asked for. */
    readonly day: string,
    /** The days the rule book covers, first and (when the last set ends) last. */
    readonly covered: RuleDays,
    message: string,
  ) {
    super(message);
  }
}

/** The first day a rule book's sets are in force, and the last when the latest set has an end. */
export interface RuleDays {
  readonly first: string;
  readonly last?: string;
}

/** The days `rules` covers (its sets follow one another without a gap: `createRuleBook`). */
export const ruleDaysOf = (rules: Pick<RuleBook, 'ruleSets'>): RuleDays => {
  const first = rules.ruleSets[0];
  const latest = rules.ruleSets[rules.ruleSets.length - 1];
  if (first === undefined || latest === undefined) throw new Error('a rule book needs at least one rule set');
  return { first: first.effectiveFrom, ...(latest.effectiveTo === undefined ? {} : { last: latest.effectiveTo }) };
};

/** Whether a rule set is in force on some day from `start` to `end` (inclusive): whether a fact can fall in that period. */
export const rulesCoverSomeDayOf = (covered: RuleDays, { start, end }: { readonly start: string; readonly end: string }): boolean =>
  covered.first <= end && (covered.last === undefined || start <= covered.last);

/** "from 2018-06-21", "from 2018-06-21 to 2030-12-31": the days a rule book covers, in words. */
export const describeRuleDays = (covered: RuleDays): string => `from ${covered.first}${covered.last === undefined ? '' : ` to ${covered.last}`}`;

/**
 * A command dated on a day no rule set covers, as the refusal its caller gets: nothing can judge it, so
 * it is refused in either decision mode (docs/adr/0010-record-then-judge.md: a fact is recorded with the
 * rule set that judged it). It names the earliest (or latest) set and the day it starts (or ends).
 */
export const noRuleSetInForceRefusal = (rules: Pick<RuleBook, 'ruleSets'>, error: NoRuleSetInForce): BusinessRuleViolated => {
  const before = error.day < error.covered.first;
  const set = before ? rules.ruleSets[0] : rules.ruleSets[rules.ruleSets.length - 1];
  const bound = before ? `the earliest, ${set?.id}, starts ${error.covered.first}` : `the latest, ${set?.id}, ends ${error.covered.last}`;
  return ruleViolated('NO_RULE_SET_IN_FORCE', `no rule set in force on ${error.day}: ${bound}`, {
    details: { day: error.day, ruleSetId: set?.id, ...(before ? { earliest: error.covered.first } : { latest: error.covered.last }) },
  });
};

/** What `decide` gives, or, when it meets a day no rule set covers, the refusal of that day; any other error is thrown on. */
export const withinRuleDays = <R>(rules: Pick<RuleBook, 'ruleSets'>, decide: () => Either<DomainError, R>): Either<DomainError, R> => {
  try {
    return decide();
  } catch (error) {
    if (error instanceof NoRuleSetInForce) return left(noRuleSetInForceRefusal(rules, error));
    throw error;
  }
};

/**
 * What `decide` gives, or, when it meets a day no rule set covers or a year the working-day calendar
 * does not compute, the refusal of that day (`withinRuleDays`, `withinCalendarDays`): what a decision
 * and a verdict are both guarded with.
 */
export const withinCoveredDays = <R>(rules: Pick<RuleBook, 'ruleSets'>, decide: () => Either<DomainError, R>): Either<DomainError, R> =>
  withinRuleDays(rules, () => withinCalendarDays(decide));
