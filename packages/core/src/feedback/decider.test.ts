import { describe, expect, it } from 'vitest';
import { fold } from '../kernel/decider.js';
import {
  answer,
  answered,
  answeredOnTheSpot,
  answerOnTheSpot,
  at,
  close,
  closed,
  decider,
  escalate,
  escalated,
  forward,
  forwarded,
  praise,
  praised,
  receive,
  received,
  spec,
} from './feedback.testkit.js';

describe('ReceiveFeedback', () => {
  it('records a complaint with its answer and forwarding deadlines in working days', () => {
    spec.given([]).when(receive()).then([received()]);
  });

  it('gives a problem report the 5-day deadline of its kind under the rule set in force', () => {
    const report = { kind: 'phan-anh', occurredAt: at('2025-08-29', '10:00') } as const;
    spec
      .given([])
      .when(receive(report))
      .then([
        received({
          ...report,
          receivedOn: '2025-08-29',
          // 1–2 Sep are National Day holidays.
          dueDate: '2025-09-09',
          deadlineWorkingDays: 5,
          forwardingDueDate: '2025-09-09',
          ruleSetId: 'decree-118-2025',
        }),
      ]);
  });

  it('takes an anonymous suggestion from the box', () => {
    const anonymous = {
      channel: 'suggestion-box',
      kind: 'gop-y',
      summary: 'More seats in the waiting area.',
      subjectId: undefined,
      officerId: undefined,
      dossierCode: undefined,
    } as const;
    spec.given([]).when(receive(anonymous)).then([received(anonymous)]);
  });

  it('takes praise naming the officer', () => {
    spec.given([]).when(receive({ ...praise, dossierCode: undefined, unitId: undefined })).then([praised()]);
  });
});

describe('AnswerOnTheSpot', () => {
  it('answers at the counter on the day of receipt', () => {
    spec.given([received()]).when(answerOnTheSpot()).then([answeredOnTheSpot()]);
  });
});

describe('RecordAndForward', () => {
  it('forwards on the fifth working day, on time (Decree 20/2008)', () => {
    spec.given([received()]).when(forward()).then([forwarded()]);
  });

  it('flags forwarding after the fifth working day', () => {
    spec
      .given([received()])
      .when(forward({ occurredAt: at('2025-05-12'), reason: 'land records are kept by the department' }))
      .then([
        forwarded({
          forwardedOn: '2025-05-12',
          onTime: false,
          occurredAt: at('2025-05-12'),
          reason: 'land records are kept by the department',
        }),
      ]);
  });
});

describe('EscalateToIncident', () => {
  it('opens a conduct incident about the officer the complaint names', () => {
    spec.given([received()]).when(escalate()).then([escalated()]);
  });

  it('takes the officer from the command when the feedback did not name one', () => {
    spec
      .given([received({ officerId: undefined, kind: 'to-cao', deadlineWorkingDays: 7, dueDate: '2025-05-13' })])
      .when(escalate({ officerId: 'OF-0050' }))
      .then([escalated({ officerId: 'OF-0050' })]);
  });
});

describe('AnswerFeedback', () => {
  it('answers on the due date, on time', () => {
    spec.given([received(), escalated()]).when(answer()).then([answered()]);
  });

  it('flags an answer after the due date', () => {
    spec
      .given([received()])
      .when(answer({ occurredAt: at('2025-05-19'), answeredBy: 'OF-0001', answerSummary: undefined }))
      .then([
        {
          type: 'FeedbackAnswered',
          data: {
            feedbackId: 'FB-2025-0412',
            answeredOn: '2025-05-19',
            dueDate: '2025-05-16',
            onTime: false,
            occurredAt: at('2025-05-19'),
            answeredBy: 'OF-0001',
          },
        },
      ]);
  });

  it('records the answer of the body the feedback was forwarded to', () => {
    spec.given([received(), forwarded()]).when(answer()).then([answered()]);
  });
});

describe('CloseFeedback', () => {
  it('closes an answered feedback', () => {
    spec.given([received(), answered()]).when(close()).then([closed()]);
  });

  it('closes a forwarded feedback: the competent body answers it', () => {
    spec.given([received(), forwarded()]).when(close()).then([closed()]);
  });

  it('closes praise directly', () => {
    spec.given([praised()]).when(close()).then([closed()]);
  });

  it('keeps the whole handling in state', () => {
    const state = fold(decider, [received(), escalated(), answered(), closed()]);
    expect(state).toMatchObject({
      status: 'closed',
      answer: { answeredOn: '2025-05-16', onTheSpot: false, onTime: true },
      escalation: { incidentId: 'INC-2025-0077', officerId: 'OF-0042' },
      closedOn: '2025-05-19',
    });
  });
});
