import type { DecisionMode } from '@motcua/core';
import type { Problem } from './problem.js';
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
 * instead of having it refused (ADR 0010). Who may record is the desk's decision, made on the rule
 * set in force at the fact's `occurredAt`; its refusal (`RECORDING_NOT_ALLOWED`) answers 403.
 */
export const decisionModeOf = (query: unknown): { readonly mode: DecisionMode } | { readonly problem: Problem } => {
  const parsed = readQuery(query, COMMAND_QUERY, { of: 'a command' });
  return 'problem' in parsed ? parsed : { mode: parsed.values.mode ?? 'refuse' };
};
