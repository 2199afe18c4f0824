import type { IncidentStep } from '../rules/index.js';
import type { IncidentEvent } from './events.js';
import type { IncidentRecord, IncidentState, StepRecord } from './state.js';

/** Copies recorded facts into state; deadlines and on-time flags were fixed by `decide`. */
export const evolve = (state: IncidentState, event: IncidentEvent): IncidentState => {
  if (event.type === 'IncidentReported') {
    if (state.stage !== 'not-reported') return state;
    const { data } = event;
    return {
      stage: 'reported',
      incidentId: data.incidentId,
      source: data.source,
      category: data.category,
      officerId: data.officerId,
      unitId: data.unitId,
      ...(data.dossierCode === undefined ? {} : { dossierCode: data.dossierCode }),
      ...(data.feedbackId === undefined ? {} : { feedbackId: data.feedbackId }),
      ...(data.reporterId === undefined ? {} : { reporterId: data.reporterId }),
      answerRequired: data.answerRequired,
      reportedAt: data.occurredAt,
      lastStepAt: data.occurredAt,
      steps: { [data.nextStep]: { dueDate: data.nextStepDueDate } },
      discipline: { status: 'none' },
    };
  }
  if (state.stage === 'not-reported') return state;
  const next = { ...state, lastStepAt: event.data.occurredAt };
  switch (event.type) {
    case 'IncidentAcknowledged':
      return {
        ...next,
        stage: 'acknowledged',
        severity: event.data.severity,
        category: event.data.category,
        steps: scheduled(done(state.steps, 'acknowledge', event.data), event.data),
      };
    case 'InvestigationStarted':
      return { ...next, stage: 'investigating', steps: scheduled(done(state.steps, 'investigate', event.data), event.data) };
    case 'IncidentConcluded':
      return {
        ...next,
        stage: 'concluded',
        outcome: event.data.outcome,
        steps: scheduled(done(state.steps, 'conclude', event.data), event.data),
      };
    case 'ApologyToCitizenMade':
      return { ...next, apologisedOn: event.data.apologisedOn };
    case 'DisciplineProposed':
      return { ...next, discipline: { status: 'proposed', form: event.data.form, proposedAt: event.data.occurredAt }, steps: scheduled(state.steps, event.data) };
    case 'DisciplineCaseDeclaredComplex':
      if (state.discipline.status !== 'proposed') return next;
      return { ...next, discipline: { ...state.discipline, complexOn: event.data.declaredOn }, steps: scheduled(state.steps, event.data) };
    case 'DisciplineDecided': {
      const proposed = state.discipline.status === 'none' ? undefined : state.discipline.form;
      if (proposed === undefined) return next;
      return {
        ...next,
        discipline: { status: 'decided', form: proposed, decision: event.data.decision, decisionRef: event.data.decisionRef },
        steps: done(state.steps, 'decide-discipline', event.data),
      };
    }
    case 'ApplicantAnswered':
      return { ...next, steps: done(state.steps, 'answer-applicant', event.data) };
    case 'IncidentClosed':
      return { ...next, stage: 'closed', closedOn: event.data.closedOn };
  }
};

type Steps = IncidentRecord['steps'];

const done = (steps: Steps, step: IncidentStep, data: { doneOn: string; dueDate: string; onTime: boolean }): Steps => ({
  ...steps,
  [step]: { dueDate: data.dueDate, doneOn: data.doneOn, onTime: data.onTime } satisfies StepRecord,
});

const scheduled = (steps: Steps, data: { nextStep?: IncidentStep; nextStepDueDate?: string }): Steps =>
  data.nextStep === undefined || data.nextStepDueDate === undefined
    ? steps
    : { ...steps, [data.nextStep]: { dueDate: data.nextStepDueDate } };
