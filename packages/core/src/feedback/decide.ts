import { right, type Either } from '../fp.js';
import type { DomainError } from '../kernel/errors.js';
import { toVietnamDate, type WorkingDayCalendar } from '../calendar/index.js';
import type { RuleBook } from '../rules/index.js';
import type { FeedbackCommand, ReceiveFeedback } from './commands.js';
import { answer, answerOnTheSpot, close, escalate, forward } from './decide-handling.js';
import { FeedbackErrorCode } from './errors.js';
import type { FeedbackEvent } from './events.js';
import { reject } from './reject.js';
import type { FeedbackState } from './state.js';
import { forwardingWorkingDays } from './vocabulary.js';

export type Decision = Either<DomainError, readonly FeedbackEvent[]>;

export interface FeedbackClock {
  readonly calendar: WorkingDayCalendar;
  readonly rules: RuleBook;
}

export const createDecide =
  (clock: FeedbackClock) =>
  (command: FeedbackCommand, state: FeedbackState): Decision => {
    if (state.status === 'closed') {
      return reject(FeedbackErrorCode.Closed, `feedback ${state.feedbackId} is closed`);
    }
    if (command.type === 'ReceiveFeedback') {
      if (state.status === 'open') {
        return reject(FeedbackErrorCode.AlreadyReceived, `feedback ${state.feedbackId} is already received`);
      }
      return receive(clock, command);
    }
    if (state.status === 'not-received') {
      return reject(FeedbackErrorCode.NotReceived, `feedback ${command.data.feedbackId} has not been received`);
    }
    if (Date.parse(command.data.occurredAt) < Date.parse(state.lastStepAt)) {
      return reject(FeedbackErrorCode.OccurredBeforePreviousStep, 'a step cannot be dated before the step before it', {
        details: { occurredAt: command.data.occurredAt, lastStepAt: state.lastStepAt },
      });
    }
    switch (command.type) {
      case 'AnswerOnTheSpot':
        return answerOnTheSpot(command, state);
      case 'RecordAndForward':
        return forward(command, state);
      case 'EscalateToIncident':
        return escalate(command, state);
      case 'AnswerFeedback':
        return answer(command, state);
      case 'CloseFeedback':
        return close(command, state);
    }
  };

const receive = ({ calendar, rules }: FeedbackClock, { data }: ReceiveFeedback): Decision => {
  if (data.kind === 'khen' && data.officerId === undefined) {
    return reject(FeedbackErrorCode.PraiseNeedsOfficer, 'praise must name the officer praised');
  }
  const receivedOn = toVietnamDate(data.occurredAt);
  const ruleSet = rules.inForceAt(data.occurredAt);
  const deadlineWorkingDays = ruleSet.feedbackDeadlineWorkingDays[data.kind];
  return right([
    {
      type: 'FeedbackReceived',
      data: {
        feedbackId: data.feedbackId,
        channel: data.channel,
        kind: data.kind,
        summary: data.summary,
        receivedOn,
        occurredAt: data.occurredAt,
        dueDate: calendar.addWorkingDays(receivedOn, deadlineWorkingDays),
        deadlineWorkingDays,
        forwardingDueDate: calendar.addWorkingDays(receivedOn, forwardingWorkingDays(ruleSet)),
        ruleSetId: ruleSet.id,
        calendarVersion: calendar.version,
        ...(data.subjectId === undefined ? {} : { subjectId: data.subjectId }),
        ...(data.officerId === undefined ? {} : { officerId: data.officerId }),
        ...(data.unitId === undefined ? {} : { unitId: data.unitId }),
        ...(data.dossierCode === undefined ? {} : { dossierCode: data.dossierCode }),
      },
    },
  ]);
};
