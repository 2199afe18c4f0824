import { isLeft, right, type Either } from '../fp.js';
import type { DecideOptions, DecisionMode } from '../kernel/decider.js';
import { ruleViolated, type DomainError } from '../kernel/errors.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import type { SecondmentTermBreach } from './breaches.js';
import type { RuleBook } from '../rules/index.js';
import type { AppointOfficer, OfficerCommand, ReassignOfficer, RecordOfficerLeaving } from './commands.js';
import { addCalendarDays as addDays, compareDates } from '../calendar/index.js';
import { addMonths } from './dates.js';
import { decideCorrection, decideEvaluation } from './decide-evaluation.js';
import { decideDiscipline } from './decide-discipline.js';
import { OfficerErrorCode } from './errors.js';
import type { OfficerEvent } from './events.js';
import { hasLeft, notAppointed, reject } from './reject.js';
import type { OfficerState } from './state.js';
import type { DeskLevel } from './vocabulary.js';

type Decision = Either<DomainError, readonly OfficerEvent[]>;

export const createDecide =
  ({ rules }: { rules: RuleBook }) =>
  (command: OfficerCommand, state: OfficerState, options?: DecideOptions): Decision => {
    const mode = options?.mode;
    switch (command.type) {
      case 'AppointOfficer':
        return appoint(rules, command, state, mode);
      case 'ReassignOfficer':
        return reassign(rules, command, state, mode);
      case 'RecordOfficerLeaving':
        return recordLeaving(command, state);
      case 'RecordEvaluation':
        return decideEvaluation(rules, command, state, mode);
      case 'CorrectEvaluation':
        return decideCorrection(rules, command, state, mode);
      case 'RecordDiscipline':
        return decideDiscipline(rules, command, state, mode);
    }
  };

const appoint = (rules: RuleBook, { data }: AppointOfficer, state: OfficerState, mode: DecisionMode | undefined): Decision => {
  if (state.status === 'left') return hasLeft(state.leftOn);
  if (state.status === 'serving') {
    return reject(OfficerErrorCode.AlreadyAppointed, `officer ${data.officerId} is already appointed; reassign instead`);
  }
  const term = checkTerm(rules, data.deskLevel, data.effectiveDate, data.termEndDate);
  if (isLeft(term)) return term;
  return judge(mode, [term.right], (breaches) => right([
    {
      type: 'OfficerAppointed',
      data: {
        officerId: data.officerId,
        unitId: data.unitId,
        deskLevel: data.deskLevel,
        role: data.role,
        fields: [...data.fields],
        effectiveDate: data.effectiveDate,
        legalStatus: data.legalStatus,
        secondingAgencyId: data.secondingAgencyId,
        occurredAt: data.occurredAt,
        ...(data.termEndDate === undefined ? {} : { termEndDate: data.termEndDate }),
        ...withBreaches(breaches),
      },
    },
  ]));
};

const reassign = (rules: RuleBook, { data }: ReassignOfficer, state: OfficerState, mode: DecisionMode | undefined): Decision => {
  if (state.status === 'not-appointed') return notAppointed(data.officerId);
  if (state.status === 'left') return hasLeft(state.leftOn);
  if (data.effectiveDate <= state.assignment.effectiveDate) {
    return reject(
      OfficerErrorCode.ReassignmentNotAfterCurrentStart,
      `a reassignment must take effect after the current assignment began (${state.assignment.effectiveDate})`,
      { details: { currentStart: state.assignment.effectiveDate, effectiveDate: data.effectiveDate } },
    );
  }
  const term = checkTerm(rules, data.deskLevel, data.effectiveDate, data.termEndDate);
  if (isLeft(term)) return term;
  return judge(mode, [term.right], (breaches) => right([
    {
      type: 'OfficerReassigned',
      data: {
        officerId: data.officerId,
        unitId: data.unitId,
        deskLevel: data.deskLevel,
        role: data.role,
        fields: [...data.fields],
        effectiveDate: data.effectiveDate,
        occurredAt: data.occurredAt,
        ...(data.termEndDate === undefined ? {} : { termEndDate: data.termEndDate }),
        ...withBreaches(breaches),
      },
    },
  ]));
};

const recordLeaving = ({ data }: RecordOfficerLeaving, state: OfficerState): Decision => {
  if (state.status === 'not-appointed') return notAppointed(data.officerId);
  if (state.status === 'left') return hasLeft(state.leftOn);
  if (data.leftOn < state.assignment.effectiveDate) {
    return reject(
      OfficerErrorCode.LeavingBeforeAssignmentStart,
      `the officer cannot leave before the current assignment began (${state.assignment.effectiveDate})`,
      { details: { currentStart: state.assignment.effectiveDate, leftOn: data.leftOn } },
    );
  }
  return right([
    {
      type: 'OfficerLeft',
      data: { officerId: data.officerId, leftOn: data.leftOn, reason: data.reason, occurredAt: data.occurredAt },
    },
  ]);
};

/**
 * Secondment terms at ministry, province and district desks run 6–24 months (Art.11). An end before
 * the start is refused; a term outside the range is a finding: refused at a live desk, recorded with
 * its breach when the decision was already made.
 */
const checkTerm = (
  rules: RuleBook,
  deskLevel: DeskLevel,
  start: string,
  termEndDate: string | undefined,
): Either<DomainError, Finding<SecondmentTermBreach> | undefined> => {
  if (termEndDate === undefined) return right(undefined);
  if (termEndDate <= start) {
    return reject(OfficerErrorCode.TermEndNotAfterStart, `the term must end after it starts (${start})`, {
      details: { effectiveDate: start, termEndDate },
    });
  }
  if (deskLevel === 'commune') return right(undefined);
  const shortest = addDays(addMonths(start, 6), -1);
  const longest = addDays(addMonths(start, 24), -1);
  if (termEndDate >= shortest && termEndDate <= longest) return right(undefined);
  const article = 'Decree 61/2018/NĐ-CP Art.11';
  const days = (end: string) => compareDates(end, start) + 1;
  return right({
    breach: {
      rule: OfficerErrorCode.SecondmentTermOutOfRange,
      ruleSetId: rules.inForceAt(start).id,
      article,
      measured: { termDays: days(termEndDate), shortestDays: days(shortest), longestDays: days(longest) },
    },
    refusal: ruleViolated(
      OfficerErrorCode.SecondmentTermOutOfRange,
      `a secondment term at a ${deskLevel} desk lasts 6 to 24 months: it must end between ${shortest} and ${longest}`,
      { legalBasis: article, details: { effectiveDate: start, termEndDate, shortest, longest } },
    ),
  });
};
