import { recordingRolesAt, type ActorRole, type DecisionMode, type RuleBook } from '@motcua/core';
import { httpProblems, withArticle, type Problem } from './problem.js';
import { oneOf, readQuery } from './query-parameters.js';

/** The one parameter of a command route. */
export const COMMAND_QUERY = {
  mode: oneOf(['refuse', 'record'] as const, {
    default: 'refuse',
    rule: 'DecisionMode',
    description:
      '`refuse` (default): a command that breaks a timing or count rule (a late apology, a second supplement request…) is refused with 422. ' +
      '`record`: the fact already happened; it is appended with the rules it broke in its `breaches` field (ADR 0010). ' +
      "Only the roles named by the rule set in force at the command's occurredAt may record (`system` unless the rule set says otherwise); anyone else gets 403.",
  }),
};

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
  const parsed = readQuery(query, COMMAND_QUERY, { of: 'a command' });
  if ('problem' in parsed) return parsed;
  if (parsed.values.mode !== 'record') return { mode: 'refuse' };
  const allowed = recordingRolesAt(rules, data['occurredAt']);
  if (!allowed.includes(role)) {
    return { problem: httpProblems.forbidden(`${withArticle(role)} may not record with mode=record; the rule set allows: ${allowed.join(', ')}`) };
  }
  return { mode: 'record' };
};
