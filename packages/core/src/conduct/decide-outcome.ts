import { right } from '../fp.js';
import { toVietnamDate } from '../calendar/index.js';
import type {
  AnswerApplicant,
  ApologiseToCitizen,
  CloseIncident,
  DecideDiscipline,
  ProposeDiscipline,
} from './commands.js';
import type { Decision } from './decide.js';
import { scheduleNext, stepDone, type IncidentClock } from './deadlines.js';
import { IncidentErrorCode } from './errors.js';
import { reject } from './reject.js';
import type { IncidentRecord } from './state.js';

const ANSWER_BASIS = 'Decree 61/2018/NĐ-CP Art.9(5)';

export const apologise = ({ data }: ApologiseToCitizen, state: IncidentRecord): Decision => {
  const substantiated = requireSubstantiated(state, 'an apology');
  if (substantiated) return substantiated;
  if (state.apologisedOn !== undefined) {
    return reject(IncidentErrorCode.ApologyAlreadyMade, `the citizen was already apologised to on ${state.apologisedOn}`);
  }
  return right([
    {
      type: 'ApologyToCitizenMade',
      data: {
        incidentId: state.incidentId,
        apologisedOn: toVietnamDate(data.occurredAt),
        occurredAt: data.occurredAt,
        ...(data.apologisedBy === undefined ? {} : { apologisedBy: data.apologisedBy }),
      },
    },
  ]);
};

/** The desk proposes; the seconding agency decides (Art.11(2g), 12(10)). */
export const proposeDiscipline = (clock: IncidentClock, { data }: ProposeDiscipline, state: IncidentRecord): Decision => {
  const substantiated = requireSubstantiated(state, 'a discipline proposal');
  if (substantiated) return substantiated;
  if (state.discipline.status !== 'none') {
    return reject(IncidentErrorCode.DisciplineAlreadyProposed, 'discipline has already been proposed for this incident');
  }
  return right([
    {
      type: 'DisciplineProposed',
      data: {
        incidentId: state.incidentId,
        officerId: state.officerId,
        form: data.form,
        proposedOn: toVietnamDate(data.occurredAt),
        occurredAt: data.occurredAt,
        ...scheduleNext(clock, 'decide-discipline', data.occurredAt),
        ...(data.reason === undefined ? {} : { reason: data.reason }),
      },
    },
  ]);
};

export const decideDiscipline = ({ data }: DecideDiscipline, state: IncidentRecord): Decision => {
  if (state.discipline.status === 'none') {
    return reject(IncidentErrorCode.DisciplineNotProposed, 'no discipline was proposed for this incident');
  }
  if (state.discipline.status === 'decided') {
    return reject(IncidentErrorCode.DisciplineAlreadyDecided, `discipline was already decided (${state.discipline.decisionRef})`);
  }
  return right([
    {
      type: 'DisciplineDecided',
      data: {
        incidentId: state.incidentId,
        officerId: state.officerId,
        decision: data.decision,
        decisionRef: data.decisionRef,
        occurredAt: data.occurredAt,
        ...stepDone(state.steps['decide-discipline'], data.occurredAt),
      },
    },
  ]);
};

export const answerApplicant = ({ data }: AnswerApplicant, state: IncidentRecord): Decision => {
  if (state.stage !== 'concluded') return notConcluded('the applicant is answered');
  if (!state.answerRequired) {
    return reject(IncidentErrorCode.NoReporterToAnswer, 'the incident has no reporter or feedback to answer');
  }
  if (state.steps['answer-applicant']?.doneOn !== undefined) {
    return reject(IncidentErrorCode.ApplicantAlreadyAnswered, 'the applicant has already been answered');
  }
  return right([
    {
      type: 'ApplicantAnswered',
      data: {
        incidentId: state.incidentId,
        occurredAt: data.occurredAt,
        ...stepDone(state.steps['answer-applicant'], data.occurredAt),
      },
    },
  ]);
};

export const close = ({ data }: CloseIncident, state: IncidentRecord): Decision => {
  if (state.stage !== 'concluded') return notConcluded('the incident is closed');
  if (state.discipline.status === 'proposed') {
    return reject(IncidentErrorCode.DisciplinePending, 'the proposed discipline has not been decided yet');
  }
  if (state.answerRequired && state.steps['answer-applicant']?.doneOn === undefined) {
    return reject(IncidentErrorCode.ApplicantNotAnswered, 'the result must be made known to the reporter first', {
      legalBasis: ANSWER_BASIS,
    });
  }
  return right([
    {
      type: 'IncidentClosed',
      data: { incidentId: state.incidentId, closedOn: toVietnamDate(data.occurredAt), occurredAt: data.occurredAt },
    },
  ]);
};

const requireSubstantiated = (state: IncidentRecord, what: string): Decision | undefined => {
  if (state.stage !== 'concluded') return notConcluded(`${what} is made`);
  if (state.outcome !== 'substantiated') {
    return reject(IncidentErrorCode.NotSubstantiated, `${what} needs a substantiated incident (concluded ${state.outcome})`, {
      details: { outcome: state.outcome },
    });
  }
  return undefined;
};

const notConcluded = (what: string): Decision =>
  reject(IncidentErrorCode.NotConcluded, `the incident must be concluded before ${what}`);
