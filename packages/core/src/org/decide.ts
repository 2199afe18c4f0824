import { left, right, type Either } from '../fp.js';
import { ruleViolated, type DomainError } from '../kernel/errors.js';
import type { DissolveUnit, EstablishUnit, ReattachUnit, RenameUnit, UnitCommand } from './commands.js';
import { UnitErrorCode } from './errors.js';
import type { UnitEvent } from './events.js';
import type { UnitRecord, UnitState } from './state.js';
import type { UnitKind } from './vocabulary.js';

type Decision = Either<DomainError, readonly UnitEvent[]>;

const reject = (code: UnitErrorCode, message: string, details?: Record<string, unknown>): Decision =>
  left(ruleViolated(code, message, details === undefined ? {} : { details }));

export const decide = (command: UnitCommand, state: UnitState): Decision => {
  if (state.status === 'dissolved') {
    return reject(UnitErrorCode.Dissolved, `unit ${state.code} was dissolved on ${state.dissolvedOn}`, {
      successorCode: state.successorCode,
    });
  }
  if (command.type === 'EstablishUnit') {
    if (state.status === 'active') return reject(UnitErrorCode.AlreadyEstablished, `unit ${state.code} already exists`);
    return establish(command);
  }
  if (state.status === 'not-established') {
    return reject(UnitErrorCode.NotEstablished, `unit ${command.data.code} has not been established`);
  }
  if (command.data.effectiveDate < state.lastChangeOn) {
    return reject(UnitErrorCode.EffectiveDateTooEarly, `changes must take effect on or after ${state.lastChangeOn}`, {
      effectiveDate: command.data.effectiveDate,
      lastChangeOn: state.lastChangeOn,
    });
  }
  switch (command.type) {
    case 'RenameUnit':
      return rename(command, state);
    case 'ReattachUnit':
      return reattach(command, state);
    case 'DissolveUnit':
      return dissolve(command, state);
  }
};

const establish = ({ data }: EstablishUnit): Decision => {
  const parent = checkParent(data.code, data.kind, data.parentCode);
  if (parent) return parent;
  return right([
    {
      type: 'UnitEstablished',
      data: {
        code: data.code,
        name: data.name,
        kind: data.kind,
        provinceCode: data.provinceCode,
        effectiveDate: data.effectiveDate,
        occurredAt: data.occurredAt,
        ...(data.parentCode === undefined ? {} : { parentCode: data.parentCode }),
      },
    },
  ]);
};

const rename = ({ data }: RenameUnit, state: UnitRecord): Decision => {
  if (data.name === state.name) return reject(UnitErrorCode.NoChange, `unit ${state.code} is already named ${state.name}`);
  return right([
    {
      type: 'UnitRenamed',
      data: {
        code: state.code,
        name: data.name,
        previousName: state.name,
        effectiveDate: data.effectiveDate,
        occurredAt: data.occurredAt,
      },
    },
  ]);
};

const reattach = ({ data }: ReattachUnit, state: UnitRecord): Decision => {
  const parent = checkParent(state.code, state.kind, data.parentCode);
  if (parent) return parent;
  if (data.parentCode === state.parentCode && data.provinceCode === state.provinceCode) {
    return reject(UnitErrorCode.NoChange, `unit ${state.code} is already attached there`);
  }
  return right([
    {
      type: 'UnitReattached',
      data: {
        code: state.code,
        provinceCode: data.provinceCode,
        effectiveDate: data.effectiveDate,
        occurredAt: data.occurredAt,
        ...(data.parentCode === undefined ? {} : { parentCode: data.parentCode }),
      },
    },
  ]);
};

const dissolve = ({ data }: DissolveUnit, state: UnitRecord): Decision => {
  if (data.successorCode === state.code) {
    return reject(UnitErrorCode.SuccessorIsSelf, 'a dissolved unit hands its work to another unit');
  }
  if (data.effectiveDate <= state.establishedOn) {
    return reject(UnitErrorCode.EffectiveDateTooEarly, `a unit is dissolved after it was established (${state.establishedOn})`, {
      effectiveDate: data.effectiveDate,
      establishedOn: state.establishedOn,
    });
  }
  return right([
    {
      type: 'UnitDissolved',
      data: {
        code: state.code,
        successorCode: data.successorCode,
        effectiveDate: data.effectiveDate,
        occurredAt: data.occurredAt,
        ...(data.reason === undefined ? {} : { reason: data.reason }),
      },
    },
  ]);
};

/** A receipt point always belongs to a commune centre; no unit is its own parent. */
const checkParent = (code: string, kind: UnitKind, parentCode: string | undefined): Decision | undefined => {
  if (parentCode === code) return reject(UnitErrorCode.OwnParent, `unit ${code} cannot be its own parent`);
  if (kind === 'receipt-point' && parentCode === undefined) {
    return reject(UnitErrorCode.ParentRequired, 'a receipt point must belong to a parent unit');
  }
  return undefined;
};
