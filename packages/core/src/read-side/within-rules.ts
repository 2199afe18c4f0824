import { NoRuleSetInForce, ruleDaysOf, rulesCoverSomeDayOf } from '../rules/rules-in-force.js';
import type { RuleBook } from '../rules/types.js';
import { guardFigures } from './figure-guard.js';
import type { ReadModel } from './read-model.js';

const absentOutsideRules = async <T>(read: () => Promise<T | undefined>): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NoRuleSetInForce) return undefined;
    throw error;
  }
};

/**
 * `readModel`, answering a figure key of a period no rule set of `rules` covers (e.g. `…/month/1999-03/…`
 * before the first set, 2018-06-21 for the built-in ones) as a key it has no figure for: every decision
 * records the rule set it was made under, so no fact falls in such a period, and a figure computed
 * under the rules would have none to be computed under (docs/read-side.md, "Periods the rules do not
 * cover"). The period comes from `periodOfKey`; a day outside the rules met otherwise (the rule book
 * refuses it with `NoRuleSetInForce`) is answered the same way. The registry wraps every read model so.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own document type
export const withinRules = (rules: Pick<RuleBook, 'ruleSets'>) => <M extends ReadModel<any>>(readModel: M): M => {
  const covered = ruleDaysOf(rules);
  const { periodOfKey } = readModel;
  const outside = (key: string): boolean => {
    const period = periodOfKey?.(key);
    return period !== undefined && !rulesCoverSomeDayOf(covered, period);
  };
  return guardFigures(readModel, outside, absentOutsideRules);
};
