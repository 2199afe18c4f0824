import { describe, expect, it } from 'vitest';
import type { FeedbackCommand } from './commands.js';
import { FeedbackErrorCode } from './errors.js';
import type { FeedbackEvent } from './events.js';
import {
  answer,
  answered,
  answeredOnTheSpot,
  answerOnTheSpot,
  at,
  close,
  closed,
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

interface Rejection {
  readonly name: string;
  readonly given: readonly FeedbackEvent[];
  readonly when: FeedbackCommand;
  readonly code: FeedbackErrorCode;
}

const done = [received(), answered(), closed()];
const later = { occurredAt: at('2025-06-02') };
const suggestion = received({ kind: 'gop-y', channel: 'suggestion-box', officerId: undefined, subjectId: undefined });

const rejections: readonly Rejection[] = [
  { name: 'receiving twice', given: [received()], when: receive(), code: 'FEEDBACK_ALREADY_RECEIVED' },
  { name: 'answering what was never received', given: [], when: answer(), code: 'FEEDBACK_NOT_RECEIVED' },
  { name: 'closing what was never received', given: [], when: close(), code: 'FEEDBACK_NOT_RECEIVED' },
  { name: 'receiving a closed feedback again', given: done, when: receive(), code: 'FEEDBACK_CLOSED' },
  { name: 'answering after closing', given: done, when: answer(later), code: 'FEEDBACK_CLOSED' },
  { name: 'escalating after closing', given: done, when: escalate(later), code: 'FEEDBACK_CLOSED' },
  { name: 'closing twice', given: done, when: close(later), code: 'FEEDBACK_CLOSED' },
  {
    name: 'answering before the feedback came in',
    given: [received()],
    when: answer({ occurredAt: at('2025-04-29', '13:59') }),
    code: 'FEEDBACK_OCCURRED_BEFORE_PREVIOUS_STEP',
  },
  {
    name: 'praise naming no officer',
    given: [],
    when: receive({ ...praise, officerId: undefined }),
    code: 'FEEDBACK_PRAISE_NEEDS_OFFICER',
  },
  {
    name: 'an on-the-spot answer the next day',
    given: [received()],
    when: answerOnTheSpot({ occurredAt: at('2025-04-30', '08:00') }),
    code: 'FEEDBACK_NOT_ON_THE_SPOT',
  },
  { name: 'answering twice', given: [received(), answered()], when: answer(later), code: 'FEEDBACK_ALREADY_ANSWERED' },
  {
    name: 'answering again after an answer on the spot',
    given: [received(), answeredOnTheSpot()],
    when: answer(),
    code: 'FEEDBACK_ALREADY_ANSWERED',
  },
  {
    name: 'forwarding what was answered on the spot',
    given: [received(), answeredOnTheSpot()],
    when: forward(),
    code: 'FEEDBACK_ALREADY_ANSWERED',
  },
  { name: 'forwarding twice', given: [received(), forwarded()], when: forward(later), code: 'FEEDBACK_ALREADY_FORWARDED' },
  {
    name: 'answering on the spot what was forwarded',
    given: [received(), forwarded({ occurredAt: at('2025-04-29', '15:00'), forwardedOn: '2025-04-29' })],
    when: answerOnTheSpot({ occurredAt: at('2025-04-29', '16:00') }),
    code: 'FEEDBACK_ALREADY_FORWARDED',
  },
  { name: 'escalating a suggestion', given: [suggestion], when: escalate(), code: 'FEEDBACK_KIND_NOT_ESCALATABLE' },
  { name: 'escalating praise', given: [praised()], when: escalate(), code: 'FEEDBACK_KIND_NOT_ESCALATABLE' },
  {
    name: 'escalating with no officer named anywhere',
    given: [received({ officerId: undefined })],
    when: escalate(),
    code: 'FEEDBACK_OFFICER_UNKNOWN',
  },
  {
    name: 'escalating twice',
    given: [received(), escalated()],
    when: escalate({ incidentId: 'INC-2025-0078' }),
    code: 'FEEDBACK_ALREADY_ESCALATED',
  },
  { name: 'closing an unanswered complaint', given: [received()], when: close(), code: 'FEEDBACK_NOT_ANSWERED' },
  {
    name: 'closing an escalated complaint before answering it',
    given: [received(), escalated()],
    when: close(),
    code: 'FEEDBACK_NOT_ANSWERED',
  },
];

describe('feedback rejections', () => {
  it.each(rejections)('rejects $name with $code', ({ given, when, code }) => {
    spec.given(given).when(when).thenFails(code, 'BusinessRuleViolated');
  });

  it('covers every feedback error code', () => {
    const covered = new Set(rejections.map((r) => r.code));
    expect(Object.values(FeedbackErrorCode).filter((code) => !covered.has(code))).toEqual([]);
  });
});
