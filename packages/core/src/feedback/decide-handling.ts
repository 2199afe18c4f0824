import { right } from '../fp.js';
import { toVietnamDate } from '../calendar/index.js';
import type { AnswerFeedback, AnswerOnTheSpot, CloseFeedback, EscalateToIncident, RecordAndForward } from './commands.js';
import type { Decision } from './decide.js';
import { FeedbackErrorCode } from './errors.js';
import { reject } from './reject.js';
import type { FeedbackRecord } from './state.js';
import { ESCALATABLE_KINDS, FORWARDING_LEGAL_BASIS } from './vocabulary.js';

export const answerOnTheSpot = ({ data }: AnswerOnTheSpot, state: FeedbackRecord): Decision => {
  const already = alreadyAnswered(state) ?? alreadyForwarded(state);
  if (already) return already;
  const answeredOn = toVietnamDate(data.occurredAt);
  if (answeredOn !== state.receivedOn) {
    return reject(FeedbackErrorCode.NotOnTheSpot, `received on ${state.receivedOn}: answer it with AnswerFeedback`, {
      details: { receivedOn: state.receivedOn, answeredOn },
    });
  }
  return right([
    {
      type: 'FeedbackAnsweredOnTheSpot',
      data: { feedbackId: state.feedbackId, answeredOn, occurredAt: data.occurredAt, ...answerDetails(data) },
    },
  ]);
};

/** A matter outside the desk's competence goes to the competent body within 5 working days. */
export const forward = ({ data }: RecordAndForward, state: FeedbackRecord): Decision => {
  const already = alreadyForwarded(state) ?? alreadyAnswered(state);
  if (already) return already;
  const forwardedOn = toVietnamDate(data.occurredAt);
  return right([
    {
      type: 'FeedbackForwarded',
      data: {
        feedbackId: state.feedbackId,
        toBody: data.toBody,
        forwardedOn,
        forwardingDueDate: state.forwardingDueDate,
        onTime: forwardedOn <= state.forwardingDueDate,
        occurredAt: data.occurredAt,
        ...(data.reason === undefined ? {} : { reason: data.reason }),
      },
    },
  ]);
};

export const escalate = ({ data }: EscalateToIncident, state: FeedbackRecord): Decision => {
  if (!ESCALATABLE_KINDS.includes(state.kind)) {
    return reject(FeedbackErrorCode.KindNotEscalatable, `${state.kind} feedback is not about misconduct`, {
      details: { kind: state.kind, escalatable: ESCALATABLE_KINDS },
    });
  }
  if (state.escalation !== undefined) {
    return reject(FeedbackErrorCode.AlreadyEscalated, `already escalated to incident ${state.escalation.incidentId}`);
  }
  const officerId = data.officerId ?? state.officerId;
  if (officerId === undefined) {
    return reject(FeedbackErrorCode.OfficerUnknown, 'name the officer concerned to open a conduct incident');
  }
  return right([
    {
      type: 'FeedbackEscalated',
      data: {
        feedbackId: state.feedbackId,
        incidentId: data.incidentId,
        officerId,
        escalatedOn: toVietnamDate(data.occurredAt),
        occurredAt: data.occurredAt,
      },
    },
  ]);
};

export const answer = ({ data }: AnswerFeedback, state: FeedbackRecord): Decision => {
  const already = alreadyAnswered(state);
  if (already) return already;
  const answeredOn = toVietnamDate(data.occurredAt);
  return right([
    {
      type: 'FeedbackAnswered',
      data: {
        feedbackId: state.feedbackId,
        answeredOn,
        dueDate: state.dueDate,
        onTime: answeredOn <= state.dueDate,
        occurredAt: data.occurredAt,
        ...answerDetails(data),
      },
    },
  ]);
};

/** Closed once answered here or forwarded to the competent body; praise needs no answer. */
export const close = ({ data }: CloseFeedback, state: FeedbackRecord): Decision => {
  if (state.answer === undefined && state.forwarded === undefined && state.kind !== 'khen') {
    return reject(FeedbackErrorCode.NotAnswered, 'answer or forward the feedback before closing it', {
      details: { kind: state.kind, dueDate: state.dueDate },
    });
  }
  return right([
    {
      type: 'FeedbackClosed',
      data: { feedbackId: state.feedbackId, closedOn: toVietnamDate(data.occurredAt), occurredAt: data.occurredAt },
    },
  ]);
};

const alreadyAnswered = (state: FeedbackRecord): Decision | undefined =>
  state.answer === undefined
    ? undefined
    : reject(FeedbackErrorCode.AlreadyAnswered, `the feedback was already answered on ${state.answer.answeredOn}`);

const alreadyForwarded = (state: FeedbackRecord): Decision | undefined =>
  state.forwarded === undefined
    ? undefined
    : reject(FeedbackErrorCode.AlreadyForwarded, `the feedback was already forwarded to ${state.forwarded.toBody}`, {
        legalBasis: FORWARDING_LEGAL_BASIS,
      });

const answerDetails = (data: { answeredBy?: string; answerSummary?: string }) => ({
  ...(data.answeredBy === undefined ? {} : { answeredBy: data.answeredBy }),
  ...(data.answerSummary === undefined ? {} : { answerSummary: data.answerSummary }),
});
