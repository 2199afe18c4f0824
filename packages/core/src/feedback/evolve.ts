import type { FeedbackEvent } from './events.js';
import type { FeedbackState } from './state.js';

/** Copies recorded facts into state; due dates and on-time flags were fixed by `decide`. */
export const evolve = (state: FeedbackState, event: FeedbackEvent): FeedbackState => {
  if (event.type === 'FeedbackReceived') {
    if (state.status !== 'not-received') return state;
    const { data } = event;
    return {
      status: 'open',
      feedbackId: data.feedbackId,
      channel: data.channel,
      kind: data.kind,
      ...(data.subjectId === undefined ? {} : { subjectId: data.subjectId }),
      ...(data.officerId === undefined ? {} : { officerId: data.officerId }),
      ...(data.unitId === undefined ? {} : { unitId: data.unitId }),
      ...(data.dossierCode === undefined ? {} : { dossierCode: data.dossierCode }),
      receivedAt: data.occurredAt,
      receivedOn: data.receivedOn,
      dueDate: data.dueDate,
      forwardingDueDate: data.forwardingDueDate,
      ruleSetId: data.ruleSetId,
      lastStepAt: data.occurredAt,
    };
  }
  if (state.status === 'not-received') return state;
  const next = { ...state, lastStepAt: event.data.occurredAt };
  switch (event.type) {
    case 'FeedbackAnsweredOnTheSpot':
      return { ...next, answer: { answeredOn: event.data.answeredOn, onTheSpot: true, onTime: true } };
    case 'FeedbackForwarded':
      return {
        ...next,
        forwarded: { toBody: event.data.toBody, forwardedOn: event.data.forwardedOn, onTime: event.data.onTime },
      };
    case 'FeedbackEscalated':
      return { ...next, escalation: { incidentId: event.data.incidentId, officerId: event.data.officerId } };
    case 'FeedbackAnswered':
      return { ...next, answer: { answeredOn: event.data.answeredOn, onTheSpot: false, onTime: event.data.onTime } };
    case 'FeedbackClosed':
      return { ...next, status: 'closed', closedOn: event.data.closedOn };
  }
};
