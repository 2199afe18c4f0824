import type { RuleBook } from './types.js';

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
