import { createVietnamCalendar } from '../calendar/index.js';
import { deciderSpec } from '../kernel/decider-spec.js';
import { defaultRuleBook } from '../rules/index.js';
import type { FeedbackCommand } from './commands.js';
import { createFeedbackDecider } from './decider.js';
import type { FeedbackEvent } from './events.js';

export const calendar = createVietnamCalendar();
export const rules = defaultRuleBook();
export const decider = createFeedbackDecider({ calendar, rules });
export const spec = deciderSpec(decider);

export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

export const FEEDBACK = 'FB-2025-0412';

export type Data<T extends FeedbackCommand['type'] | FeedbackEvent['type']> = Extract<
  FeedbackCommand | FeedbackEvent,
  { type: T }
>['data'];

/** Overrides set to `undefined` remove the field, as an absent optional field would be. */
const defined = <T extends object>(data: T): T =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;

/**
 * A complaint (khiếu nại) made at the counter on Tue 29 Apr 2025: the officer asked for a document
 * outside the published list. Answer due in 10 working days, forwarding in 5, across the 30/4–1/5
 * holidays and the swapped Friday 2 May.
 */
export const receive = (data: Partial<Data<'ReceiveFeedback'>> = {}): FeedbackCommand => ({
  type: 'ReceiveFeedback',
  data: defined({
    feedbackId: FEEDBACK,
    channel: 'in-person',
    kind: 'khieu-nai',
    summary: 'Asked for a land-use certificate copy not on the published list.',
    subjectId: 'SUBJ-7f3a9c',
    officerId: 'OF-0042',
    unitId: 'TN-TTPVHCC',
    dossierCode: '000.00.12.H56-250428-0031',
    occurredAt: at('2025-04-29', '14:00'),
    ...data,
  }),
});

export const received = (data: Partial<Data<'FeedbackReceived'>> = {}): FeedbackEvent => ({
  type: 'FeedbackReceived',
  data: defined({
    feedbackId: FEEDBACK,
    channel: 'in-person',
    kind: 'khieu-nai',
    summary: 'Asked for a land-use certificate copy not on the published list.',
    receivedOn: '2025-04-29',
    occurredAt: at('2025-04-29', '14:00'),
    dueDate: '2025-05-16',
    deadlineWorkingDays: 10,
    forwardingDueDate: '2025-05-09',
    ruleSetId: 'decree-61-2018',
    calendarVersion: calendar.version,
    subjectId: 'SUBJ-7f3a9c',
    officerId: 'OF-0042',
    unitId: 'TN-TTPVHCC',
    dossierCode: '000.00.12.H56-250428-0031',
    ...data,
  }),
});

export const answerOnTheSpot = (data: Partial<Data<'AnswerOnTheSpot'>> = {}): FeedbackCommand => ({
  type: 'AnswerOnTheSpot',
  data: { feedbackId: FEEDBACK, occurredAt: at('2025-04-29', '14:20'), answeredBy: 'OF-0001', ...data },
});

export const answeredOnTheSpot = (data: Partial<Data<'FeedbackAnsweredOnTheSpot'>> = {}): FeedbackEvent => ({
  type: 'FeedbackAnsweredOnTheSpot',
  data: {
    feedbackId: FEEDBACK,
    answeredOn: '2025-04-29',
    occurredAt: at('2025-04-29', '14:20'),
    answeredBy: 'OF-0001',
    ...data,
  },
});

export const forward = (data: Partial<Data<'RecordAndForward'>> = {}): FeedbackCommand => ({
  type: 'RecordAndForward',
  data: { feedbackId: FEEDBACK, toBody: 'TN-SO-TNMT', occurredAt: at('2025-05-09', '16:00'), ...data },
});

export const forwarded = (data: Partial<Data<'FeedbackForwarded'>> = {}): FeedbackEvent => ({
  type: 'FeedbackForwarded',
  data: {
    feedbackId: FEEDBACK,
    toBody: 'TN-SO-TNMT',
    forwardedOn: '2025-05-09',
    forwardingDueDate: '2025-05-09',
    onTime: true,
    occurredAt: at('2025-05-09', '16:00'),
    ...data,
  },
});

export const escalate = (data: Partial<Data<'EscalateToIncident'>> = {}): FeedbackCommand => ({
  type: 'EscalateToIncident',
  data: { feedbackId: FEEDBACK, incidentId: 'INC-2025-0077', occurredAt: at('2025-04-30', '08:00'), ...data },
});

export const escalated = (data: Partial<Data<'FeedbackEscalated'>> = {}): FeedbackEvent => ({
  type: 'FeedbackEscalated',
  data: {
    feedbackId: FEEDBACK,
    incidentId: 'INC-2025-0077',
    officerId: 'OF-0042',
    escalatedOn: '2025-04-30',
    occurredAt: at('2025-04-30', '08:00'),
    ...data,
  },
});

export const answer = (data: Partial<Data<'AnswerFeedback'>> = {}): FeedbackCommand => ({
  type: 'AnswerFeedback',
  data: {
    feedbackId: FEEDBACK,
    occurredAt: at('2025-05-16', '10:00'),
    answerSummary: 'Request withdrawn; officer reminded.',
    ...data,
  },
});

export const answered = (data: Partial<Data<'FeedbackAnswered'>> = {}): FeedbackEvent => ({
  type: 'FeedbackAnswered',
  data: {
    feedbackId: FEEDBACK,
    answeredOn: '2025-05-16',
    dueDate: '2025-05-16',
    onTime: true,
    occurredAt: at('2025-05-16', '10:00'),
    answerSummary: 'Request withdrawn; officer reminded.',
    ...data,
  },
});

export const close = (data: Partial<Data<'CloseFeedback'>> = {}): FeedbackCommand => ({
  type: 'CloseFeedback',
  data: { feedbackId: FEEDBACK, occurredAt: at('2025-05-19'), ...data },
});

export const closed = (data: Partial<Data<'FeedbackClosed'>> = {}): FeedbackEvent => ({
  type: 'FeedbackClosed',
  data: { feedbackId: FEEDBACK, closedOn: '2025-05-19', occurredAt: at('2025-05-19'), ...data },
});

/** Praise for the officer, through the counter's rating device (due 10 working days under decree-61-2018). */
export const praise = {
  channel: 'rating-device',
  kind: 'khen',
  summary: 'Patient and clear guidance.',
  subjectId: undefined,
} as const;
export const praised = (): FeedbackEvent =>
  received({ ...praise, dossierCode: undefined, unitId: undefined, dueDate: '2025-05-16', deadlineWorkingDays: 10 });
