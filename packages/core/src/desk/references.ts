import { toVietnamDate } from '../calendar/dates.js';
import { ruleViolated, type DomainError } from '../kernel/errors.js';
import type { ActorRole } from '../kernel/envelope.js';
import type { CommandContext } from '../kernel/command-handler.js';
import type { OfficerState } from '../officer/state.js';
import type { UnitState } from '../org/state.js';

/**
 * An officer or unit a command names (docs/record-as-evidence.md, "References exist"). `acting`: the
 * officer who did what the command records; `serving`: the officer or unit must be in service on
 * `date` (a unit that receives dossiers, a unit an officer is assigned to), not merely have existed.
 */
export type Reference =
  | { readonly kind: 'officer'; readonly field: string; readonly id: string; readonly date: string; readonly acting: boolean }
  | { readonly kind: 'unit'; readonly field: string; readonly id: string; readonly date: string; readonly serving: boolean };

/** The province's officers and units as the desk knows them: the state of their streams. */
export interface ReferenceRegistry {
  readonly officer: (tenantId: string, officerId: string) => Promise<OfficerState>;
  readonly unit: (tenantId: string, code: string) => Promise<UnitState>;
}

/** Roles that may record what another officer did (a unit head entering a colleague's paper forms, a sync). */
export const ACTING_FOR_OTHERS: readonly ActorRole[] = ['unit-head', 'director', 'system'];

/** The first reference that does not hold, as the command's refusal; `undefined` when all hold. */
export const checkReferences = async (
  registry: ReferenceRegistry,
  references: readonly Reference[],
  context: Pick<CommandContext, 'actor' | 'tenantId'>,
): Promise<DomainError | undefined> => {
  for (const reference of references) {
    const problem = reference.kind === 'officer' ? await officerProblem(registry, reference, context) : unitProblem(await registry.unit(context.tenantId, reference.id), reference);
    if (problem !== undefined) {
      return ruleViolated(problem.code, `${reference.field}: ${problem.message}`, {
        details: { field: reference.field, [reference.kind === 'officer' ? 'officerId' : 'unitId']: reference.id, date: reference.date },
      });
    }
  }
  return undefined;
};

interface Problem {
  readonly code: string;
  readonly message: string;
}

const officerProblem = async (
  registry: ReferenceRegistry,
  reference: Extract<Reference, { kind: 'officer' }>,
  context: Pick<CommandContext, 'actor' | 'tenantId'>,
): Promise<Problem | undefined> => {
  if (reference.acting && reference.id !== context.actor.id && !ACTING_FOR_OTHERS.includes(context.actor.role)) {
    return {
      code: 'ACTING_OFFICER_NOT_CALLER',
      message: `a ${context.actor.role} records what they did themself (officer ${context.actor.id}), not what officer ${reference.id} did; a unit head or the system may record for others`,
    };
  }
  const officer = await registry.officer(context.tenantId, reference.id);
  if (officer.status === 'not-appointed') return { code: 'OFFICER_NOT_FOUND', message: `officer ${reference.id} was never appointed in province ${context.tenantId}` };
  if (reference.date < officer.appointedOn) {
    return { code: 'OFFICER_NOT_FOUND', message: `officer ${reference.id} was appointed on ${officer.appointedOn}, after ${reference.date}` };
  }
  if (reference.acting && officer.status === 'left' && reference.date > officer.leftOn) {
    return { code: 'OFFICER_NOT_SERVING', message: `officer ${reference.id} left on ${officer.leftOn}, before ${reference.date}` };
  }
  return undefined;
};

const unitProblem = (unit: UnitState, reference: Extract<Reference, { kind: 'unit' }>): Problem | undefined => {
  if (unit.status === 'not-established') return { code: 'UNIT_NOT_FOUND', message: `unit ${reference.id} does not exist in this province` };
  if (reference.date < unit.establishedOn) {
    return { code: 'UNIT_NOT_FOUND', message: `unit ${reference.id} was established on ${unit.establishedOn}, after ${reference.date}` };
  }
  if (reference.serving && unit.dissolvedOn !== undefined && reference.date >= unit.dissolvedOn) {
    return {
      code: 'UNIT_DISSOLVED',
      message: `unit ${reference.id} was dissolved on ${unit.dissolvedOn}${unit.successorCode === undefined ? '' : `; its successor is ${unit.successorCode}`}`,
    };
  }
  return undefined;
};

/** An officer the command names in `field`, when it names one. */
export const officerRef = (field: string, id: string | undefined, date: string, acting: boolean): Reference[] =>
  id === undefined ? [] : [{ kind: 'officer', field, id, date, acting }];

/** A unit the command names in `field`, when it names one. */
export const unitRef = (field: string, id: string | undefined, date: string, serving: boolean): Reference[] =>
  id === undefined ? [] : [{ kind: 'unit', field, id, date, serving }];

/** The Vietnamese day of an instant: references are judged by the day the fact happened. */
export const dayOf = (occurredAt: string): string => toVietnamDate(occurredAt);
