import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook, RuleSet } from '../rules/types.js';
import type { DossierState } from './state.js';

export interface DossierDeciderDeps {
  readonly calendar: WorkingDayCalendar;
  readonly rules: RuleBook;
}

/**
 * The rule set a received dossier is governed by: the one in force at receipt, recorded then. A rule
 * book missing a set its own events name is a deployment bug, not a user error, hence the throw.
 */
export const ruleSetOf = (deps: DossierDeciderDeps, state: DossierState): RuleSet => {
  const id = state.ruleSetId;
  const ruleSet = id === undefined ? undefined : deps.rules.byId(id);
  if (ruleSet === undefined) throw new Error(`dossier ${state.code ?? '?'}: rule set ${String(id)} is not in the rule book`);
  return ruleSet;
};
