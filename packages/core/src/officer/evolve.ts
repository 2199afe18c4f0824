import type { OfficerEvent } from './events.js';
import type { Assignment, EvaluationEntry, OfficerState } from './state.js';

/** Copies recorded facts into state; every rule was applied by `decide` and its result is in the event. */
export const evolve = (state: OfficerState, event: OfficerEvent): OfficerState => {
  if (event.type === 'OfficerAppointed') {
    if (state.status !== 'not-appointed') return state;
    const { data } = event;
    return {
      status: 'serving',
      officerId: data.officerId,
      legalStatus: data.legalStatus,
      secondingAgencyId: data.secondingAgencyId,
      appointedOn: data.effectiveDate,
      assignment: assignmentOf(data),
      previousAssignments: [],
      evaluations: {},
      disciplines: [],
    };
  }
  // Events other than the appointment mean nothing to an officer never appointed.
  if (state.status === 'not-appointed') return state;
  switch (event.type) {
    case 'OfficerReassigned':
      return {
        ...state,
        previousAssignments: [...state.previousAssignments, state.assignment],
        assignment: assignmentOf(event.data),
      };
    case 'OfficerLeft': {
      const { status: _status, ...record } = state;
      return { ...record, status: 'left', leftOn: event.data.leftOn, leavingReason: event.data.reason };
    }
    case 'EvaluationRecorded':
    case 'EvaluationCorrected': {
      const { data } = event;
      const previous = state.evaluations[data.period];
      const entry: EvaluationEntry = {
        period: data.period,
        periodKind: data.periodKind,
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
        scale: data.scale,
        level: data.level,
        ...(data.score === undefined ? {} : { score: data.score }),
        ruleSetId: data.ruleSetId,
        recordedAt: previous?.recordedAt ?? data.occurredAt,
        corrections: event.type === 'EvaluationCorrected' ? (previous?.corrections ?? 0) + 1 : 0,
      };
      return { ...state, evaluations: { ...state.evaluations, [data.period]: entry } };
    }
    case 'DisciplineRecorded': {
      const { data } = event;
      return {
        ...state,
        disciplines: [
          ...state.disciplines,
          {
            form: data.form,
            violationDate: data.violationDate,
            decisionDate: data.decisionDate,
            decisionRef: data.decisionRef,
            limitationEndsOn: data.limitationEndsOn,
            ruleSetId: data.ruleSetId,
            ...(data.incidentId === undefined ? {} : { incidentId: data.incidentId }),
          },
        ],
      };
    }
  }
};

const assignmentOf = (data: Assignment): Assignment => ({
  unitId: data.unitId,
  deskLevel: data.deskLevel,
  role: data.role,
  fields: [...data.fields],
  effectiveDate: data.effectiveDate,
  ...(data.termEndDate === undefined ? {} : { termEndDate: data.termEndDate }),
});
