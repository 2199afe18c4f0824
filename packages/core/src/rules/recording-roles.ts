import type { ActorRole } from '../kernel/envelope.js';
import type { RuleBook } from './types.js';

/** Who may record when the rule set says nothing: a platform syncing from another system (ADR 0010). */
export const DEFAULT_RECORDING_ROLES: readonly ActorRole[] = ['system'];

/**
 * The roles that may record a fact with its breaches: those of the rule set in force at the fact's
 * business time (the rule set that judges it), `system` only when the time is not a valid instant or
 * no rule set covers it (the command is refused for that anyway).
 */
export const recordingRolesAt = (rules: RuleBook, occurredAt: unknown): readonly ActorRole[] => {
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) return DEFAULT_RECORDING_ROLES;
  try {
    return rules.inForceAt(occurredAt).recordingRoles ?? DEFAULT_RECORDING_ROLES;
  } catch {
    return DEFAULT_RECORDING_ROLES;
  }
};
