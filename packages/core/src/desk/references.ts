import { toVietnamDate } from '../calendar/dates.js';
import { ruleViolated, type DomainError } from '../kernel/errors.js';
import type { ActorRole } from '../kernel/envelope.js';
import type { CommandContext } from '../kernel/command-handler.js';
import type { OfficerState } from '../officer/state.js';
import type { UnitState } from '../org/state.js';

/**
 * An officer, unit, dossier, feedback or incident a command names (docs/record-as-evidence.md,
 * "References exist"). `acting`: the officer who did what the command records; an officer `serving`
 * (an acting one, or one a step is assigned to) must not have left by `date`; `ofUnit`: the unit a
 * report names beside the officer, which the officer must have served in by `date`; a unit `serving`
 * must be in service on `date` (a unit that receives dossiers, a unit an officer is assigned to), not
 * merely have existed. A dossier, feedback or incident must have begun in the province by `date`.
 */
export type Reference =
  | {
      readonly kind: 'officer';
      readonly field: string;
      readonly id: string;
      readonly date: string;
      readonly acting: boolean;
      readonly serving?: boolean;
      readonly ofUnit?: string;
    }
  | { readonly kind: 'unit'; readonly field: string; readonly id: string; readonly date: string; readonly serving: boolean }
  | { readonly kind: RecordKind; readonly field: string; readonly id: string; readonly date: string };

/** The records of the desk's own streams a command may name. */
export type RecordKind = 'dossier' | 'feedback' | 'incident';

/**
 * The Vietnamese day a record of the desk's own streams (a dossier from its first guidance, filing or
 * receipt; a feedback from its receipt; an incident from its report) began in the province:
 * `undefined` when the province has none.
 */
export type RecordBegan = (tenantId: string, id: string) => Promise<string | undefined>;

/**
 * The province's officers, units, dossiers, feedback and incidents as the desk knows them: the state of
 * their streams. An embedder's own registry answers for officers and units; dossiers, feedback and
 * incidents live in the desk's store, which answers for them unless the registry does.
 */
export interface ReferenceRegistry {
  readonly officer: (tenantId: string, officerId: string) => Promise<OfficerState>;
  readonly unit: (tenantId: string, code: string) => Promise<UnitState>;
  readonly dossierBegan?: RecordBegan;
  readonly feedbackBegan?: RecordBegan;
  readonly incidentBegan?: RecordBegan;
}

/** The registry's lookup of each record kind. */
export const RECORD_LOOKUPS = { dossier: 'dossierBegan', feedback: 'feedbackBegan', incident: 'incidentBegan' } as const satisfies Record<RecordKind, keyof ReferenceRegistry>;

/** Roles that may record what another officer did (a unit head entering a colleague's paper forms, a sync). */
export const ACTING_FOR_OTHERS: readonly ActorRole[] = ['unit-head', 'director', 'system'];

/** The first reference that does not hold, as the command's refusal; `undefined` when all hold. */
export const checkReferences = async (
  registry: ReferenceRegistry,
  references: readonly Reference[],
  context: Pick<CommandContext, 'actor' | 'tenantId'>,
): Promise<DomainError | undefined> => {
  for (const reference of references) {
    const problem = await referenceProblem(registry, reference, context);
    if (problem !== undefined) {
      return ruleViolated(problem.code, `${reference.field}: ${problem.message}`, {
        details: { field: reference.field, [ID_FIELD[reference.kind]]: reference.id, date: reference.date },
      });
    }
  }
  return undefined;
};

const ID_FIELD: Record<Reference['kind'], string> = { officer: 'officerId', unit: 'unitId', dossier: 'dossierCode', feedback: 'feedbackId', incident: 'incidentId' };

const referenceProblem = async (
  registry: ReferenceRegistry,
  reference: Reference,
  context: Pick<CommandContext, 'actor' | 'tenantId'>,
): Promise<Problem | undefined> => {
  switch (reference.kind) {
    case 'officer':
      return officerProblem(registry, reference, context);
    case 'unit':
      return unitProblem(await registry.unit(context.tenantId, reference.id), reference);
    case 'dossier':
    case 'feedback':
    case 'incident':
      return recordProblem(registry[RECORD_LOOKUPS[reference.kind]], reference, context.tenantId);
  }
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
  if ((reference.acting || reference.serving === true) && officer.status === 'left' && reference.date > officer.leftOn) {
    return { code: 'OFFICER_NOT_SERVING', message: `officer ${reference.id} left on ${officer.leftOn}, before ${reference.date}` };
  }
  const { ofUnit } = reference;
  if (ofUnit !== undefined) {
    const served = [...officer.previousAssignments, officer.assignment].filter((assignment) => assignment.effectiveDate <= reference.date);
    if (!served.some((assignment) => assignment.unitId === ofUnit)) {
      const units = [...new Set(served.map((assignment) => assignment.unitId))].join(', ');
      return { code: 'OFFICER_NOT_OF_UNIT', message: `officer ${reference.id} had not served in unit ${ofUnit} by ${reference.date} (served in: ${units})` };
    }
  }
  return undefined;
};

const RECORD_NOT_FOUND = { dossier: 'DOSSIER_NOT_FOUND', feedback: 'FEEDBACK_NOT_FOUND', incident: 'INCIDENT_NOT_FOUND' } as const satisfies Record<RecordKind, string>;

const recordProblem = async (
  began: RecordBegan | undefined,
  reference: Extract<Reference, { kind: RecordKind }>,
  tenantId: string,
): Promise<Problem | undefined> => {
  // A desk fills in its own store's lookups; a registry used alone without one leaves these unchecked.
  if (began === undefined) return undefined;
  const day = await began(tenantId, reference.id);
  const code = RECORD_NOT_FOUND[reference.kind];
  if (day === undefined) return { code, message: `${reference.kind} ${reference.id} does not exist in province ${tenantId}` };
  if (reference.date < day) return { code, message: `${reference.kind} ${reference.id} began on ${day}, after ${reference.date}` };
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

/** An officer a command puts to work without being them (a step's assignee): in service on `date`, not merely appointed once. */
export const servingOfficerRef = (field: string, id: string | undefined, date: string): Reference[] =>
  id === undefined ? [] : [{ kind: 'officer', field, id, date, acting: false, serving: true }];

/** An officer a report is about, named beside the unit they served in. */
export const officerOfUnitRef = (field: string, id: string | undefined, date: string, unitId: string | undefined): Reference[] =>
  id === undefined ? [] : [{ kind: 'officer', field, id, date, acting: false, ...(unitId === undefined ? {} : { ofUnit: unitId }) }];

/** A dossier, feedback or incident the command names in `field`, when it names one. */
export const recordRef = (kind: RecordKind, field: string, id: string | undefined, date: string): Reference[] =>
  id === undefined ? [] : [{ kind, field, id, date }];

/** A unit the command names in `field`, when it names one. */
export const unitRef = (field: string, id: string | undefined, date: string, serving: boolean): Reference[] =>
  id === undefined ? [] : [{ kind: 'unit', field, id, date, serving }];

/** The Vietnamese day of an instant: references are judged by the day the fact happened. */
export const dayOf = (occurredAt: string): string => toVietnamDate(occurredAt);
