import { recordingRolesAt, type ActorRole, type DecisionMode, type RuleBook } from '@motcua/core';
import { httpProblems, withArticle, type Problem } from './problem.js';

/**
 * `?mode=record` on a command route: append a fact that already happened with the rules it broke,
 * instead of having it refused (ADR 0010). Only the roles the rule set in force at the fact's
 * `occurredAt` names may record (`system` by default); anyone else gets 403 saying who may.
 */
export const decisionModeOf = (
  query: unknown,
  role: ActorRole,
  rules: RuleBook,
  data: Readonly<Record<string, unknown>>,
): { readonly mode: DecisionMode } | { readonly problem: Problem } => {
  const value = (query as Record<string, unknown> | undefined)?.['mode'];
  if (value === undefined || value === 'refuse') return { mode: 'refuse' };
  if (value !== 'record') return { problem: httpProblems.invalidInput('mode', 'DecisionMode', 'must be record or refuse, given once') };
  const allowed = recordingRolesAt(rules, data['occurredAt']);
  if (!allowed.includes(role)) {
    return { problem: httpProblems.forbidden(`${withArticle(role)} may not record with mode=record; the rule set allows: ${allowed.join(', ')}`) };
  }
  return { mode: 'record' };
};
