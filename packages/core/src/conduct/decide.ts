import { right, type Either } from '../fp.js';
import type { DecideOptions } from '../kernel/decider.js';
import type { DomainError } from '../kernel/errors.js';
import { toVietnamDate } from '../calendar/index.js';
import type {
  AcknowledgeIncident,
  ConcludeIncident,
  IncidentCommand,
  ReportIncident,
  StartInvestigation,
} from './commands.js';
import { scheduleNext, stepDone, type IncidentClock } from './deadlines.js';
import { answerApplicant, apologise, close, decideDiscipline, proposeDiscipline } from './decide-outcome.js';
import { declareComplex } from './declare-complex.js';
import { IncidentErrorCode } from './errors.js';
import type { IncidentEvent } from './events.js';
import { reject } from './reject.js';
import type { IncidentRecord, IncidentState } from './state.js';

export type Decision = Either<DomainError, readonly IncidentEvent[]>;

export const createDecide =
  (clock: IncidentClock) =>
  (command: IncidentCommand, state: IncidentState, options?: DecideOptions): Decision => {
    if (state.stage === 'closed') {
      return reject(IncidentErrorCode.Closed, `incident ${state.incidentId} is closed`);
    }
    if (command.type === 'ReportIncident') {
      if (state.stage !== 'not-reported') {
        return reject(IncidentErrorCode.AlreadyReported, `incident ${state.incidentId} is already reported`);
      }
      return report(clock, command);
    }
    if (state.stage === 'not-reported') {
      return reject(IncidentErrorCode.NotReported, `incident ${command.data.incidentId} has not been reported`);
    }
    if (Date.parse(command.data.occurredAt) < Date.parse(state.lastStepAt)) {
      return reject(IncidentErrorCode.OccurredBeforePreviousStep, 'a step cannot be dated before the step before it', {
        details: { occurredAt: command.data.occurredAt, lastStepAt: state.lastStepAt },
      });
    }
    switch (command.type) {
      case 'AcknowledgeIncident':
        return acknowledge(clock, command, state);
      case 'StartInvestigation':
        return startInvestigation(clock, command, state);
      case 'ConcludeIncident':
        return conclude(clock, command, state);
      case 'ApologiseToCitizen':
        return apologise(command, state);
      case 'ProposeDiscipline':
        return proposeDiscipline(clock, command, state);
      case 'DeclareDisciplineCaseComplex':
        return declareComplex(clock, command, state, options?.mode);
      case 'DecideDiscipline':
        return decideDiscipline(command, state);
      case 'AnswerApplicant':
        return answerApplicant(command, state);
      case 'CloseIncident':
        return close(command, state);
    }
  };

const report = (clock: IncidentClock, { data }: ReportIncident): Decision =>
  right([
    {
      type: 'IncidentReported',
      data: {
        incidentId: data.incidentId,
        source: data.source,
        category: data.category,
        officerId: data.officerId,
        unitId: data.unitId,
        description: data.description,
        answerRequired: data.reporterId !== undefined || data.feedbackId !== undefined,
        reportedOn: toVietnamDate(data.occurredAt),
        occurredAt: data.occurredAt,
        ...scheduleNext(clock, 'acknowledge', data.occurredAt),
        ...(data.dossierCode === undefined ? {} : { dossierCode: data.dossierCode }),
        ...(data.feedbackId === undefined ? {} : { feedbackId: data.feedbackId }),
        ...(data.reporterId === undefined ? {} : { reporterId: data.reporterId }),
      },
    },
  ]);

const acknowledge = (clock: IncidentClock, { data }: AcknowledgeIncident, state: IncidentRecord): Decision => {
  if (state.stage !== 'reported') {
    return reject(IncidentErrorCode.AlreadyAcknowledged, `incident ${state.incidentId} is already acknowledged`);
  }
  return right([
    {
      type: 'IncidentAcknowledged',
      data: {
        incidentId: state.incidentId,
        severity: data.severity,
        category: data.category ?? state.category,
        occurredAt: data.occurredAt,
        ...stepDone(state.steps.acknowledge, data.occurredAt),
        ...scheduleNext(clock, 'investigate', data.occurredAt),
      },
    },
  ]);
};

const startInvestigation = (clock: IncidentClock, { data }: StartInvestigation, state: IncidentRecord): Decision => {
  if (state.stage === 'reported') {
    return reject(IncidentErrorCode.NotAcknowledged, 'acknowledge the incident before investigating it');
  }
  if (state.stage !== 'acknowledged') {
    return reject(IncidentErrorCode.InvestigationAlreadyStarted, 'the investigation has already started');
  }
  return right([
    {
      type: 'InvestigationStarted',
      data: {
        incidentId: state.incidentId,
        occurredAt: data.occurredAt,
        ...stepDone(state.steps.investigate, data.occurredAt),
        ...scheduleNext(clock, 'conclude', data.occurredAt),
        ...(data.investigatorId === undefined ? {} : { investigatorId: data.investigatorId }),
      },
    },
  ]);
};

const conclude = (clock: IncidentClock, { data }: ConcludeIncident, state: IncidentRecord): Decision => {
  if (state.stage === 'concluded') {
    return reject(IncidentErrorCode.AlreadyConcluded, `incident ${state.incidentId} is already concluded`);
  }
  if (state.stage !== 'investigating') {
    return reject(IncidentErrorCode.InvestigationNotStarted, 'an incident is concluded only after an investigation');
  }
  return right([
    {
      type: 'IncidentConcluded',
      data: {
        incidentId: state.incidentId,
        outcome: data.outcome,
        occurredAt: data.occurredAt,
        ...stepDone(state.steps.conclude, data.occurredAt),
        // The result must be made known to whoever reported it (Art.9(5)).
        ...(state.answerRequired ? scheduleNext(clock, 'answer-applicant', data.occurredAt) : {}),
        ...(data.findings === undefined ? {} : { findings: data.findings }),
      },
    },
  ]);
};
