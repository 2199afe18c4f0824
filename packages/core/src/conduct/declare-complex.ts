import { right } from '../fp.js';
import { compareDates, toVietnamDate } from '../calendar/index.js';
import type { DecisionMode } from '../kernel/decider.js';
import { ruleViolated } from '../kernel/errors.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import type { ComplexDeclaredAfterLimitBreach } from './breaches.js';
import type { DeclareDisciplineCaseComplex } from './commands.js';
import type { Decision } from './decide.js';
import { scheduleNext, type IncidentClock } from './deadlines.js';
import { IncidentErrorCode } from './errors.js';
import { reject } from './reject.js';
import type { IncidentRecord } from './state.js';

// The 90 / 150 days of docs/domain/conduct-catalogue.md §3; that the declaration must come before the 90 days run out is the project's reading (to confirm).
const COMPLEX_CASE_BASIS = 'Decree 112/2020/NĐ-CP; Decree 234/2026/NĐ-CP';

/**
 * The competent authority declares the discipline case complex (docs/domain/conduct-catalogue.md §3):
 * only while the decision is pending, once, and by the day the ordinary limit runs out (the recorded
 * due date: a conservative reading, to confirm). A live declaration after that day is refused; one
 * recorded afterwards (imported history) is appended with the breach, and the longer limit applies
 * to it as to any recorded fact (ADR 0010). The new due date counts from the proposal, under the rule
 * set in force then, the one that fixed the ordinary limit.
 */
export const declareComplex = (clock: IncidentClock, { data }: DeclareDisciplineCaseComplex, state: IncidentRecord, mode?: DecisionMode): Decision => {
  const { discipline } = state;
  if (discipline.status === 'none') {
    return reject(IncidentErrorCode.DisciplineNotProposed, 'no discipline was proposed for this incident');
  }
  if (discipline.status === 'decided') {
    return reject(IncidentErrorCode.DisciplineAlreadyDecided, `discipline was already decided (${discipline.decisionRef}): there is no pending case to declare complex`);
  }
  if (discipline.complexOn !== undefined) {
    return reject(IncidentErrorCode.DisciplineAlreadyComplex, `the discipline case was already declared complex on ${discipline.complexOn}`);
  }
  const previous = state.steps['decide-discipline'];
  // A proposal always schedules the decision; a missing schedule is a bug.
  if (previous === undefined) throw new Error('discipline proposed without a scheduled decision');
  const declaredOn = toVietnamDate(data.occurredAt);
  const scheduled = scheduleNext(clock, 'decide-discipline', discipline.proposedAt, { complexCase: true });
  const ordinaryDays = clock.rules.inForceAt(discipline.proposedAt).incidentStepDeadlineWorkingDays['decide-discipline'];
  const late: Finding<ComplexDeclaredAfterLimitBreach> | undefined =
    declaredOn <= previous.dueDate
      ? undefined
      : {
          breach: {
            rule: IncidentErrorCode.ComplexDeclaredAfterLimit,
            ruleSetId: scheduled.ruleSetId,
            article: COMPLEX_CASE_BASIS,
            measured: { calendarDaysPastDueDate: compareDates(declaredOn, previous.dueDate), ordinaryDays },
          },
          refusal: ruleViolated(
            IncidentErrorCode.ComplexDeclaredAfterLimit,
            `the discipline decision was due ${previous.dueDate}; a case can be declared complex only before its ${ordinaryDays} days run out`,
            { legalBasis: COMPLEX_CASE_BASIS, details: { declaredOn, dueDate: previous.dueDate, ruleSetId: scheduled.ruleSetId } },
          ),
        };
  return judge(mode, [late], (breaches) =>
    right([
      {
        type: 'DisciplineCaseDeclaredComplex',
        data: {
          incidentId: state.incidentId,
          officerId: state.officerId,
          declaredBy: data.declaredBy,
          reason: data.reason,
          declaredOn,
          occurredAt: data.occurredAt,
          previousDueDate: previous.dueDate,
          ...scheduled,
          nextStep: 'decide-discipline',
          ...withBreaches(breaches),
        },
      },
    ]),
  );
};
