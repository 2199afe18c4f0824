import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { fold } from '../kernel/decider.js';
import type { FeedbackCommand } from './commands.js';
import { FeedbackEvent } from './events.js';
import { decider, FEEDBACK } from './feedback.testkit.js';
import type { FeedbackState } from './state.js';
import { ESCALATABLE_KINDS, FEEDBACK_CHANNELS, FEEDBACK_KINDS } from './vocabulary.js';

type Command = FeedbackCommand;
type Kind = Command['type'];

const body: Record<Kind, fc.Arbitrary<Record<string, unknown>>> = {
  ReceiveFeedback: fc
    .record({
      channel: fc.constantFrom(...FEEDBACK_CHANNELS),
      kind: fc.constantFrom(...FEEDBACK_KINDS),
      summary: fc.constant('at the counter'),
      who: fc.constantFrom({}, { subjectId: 'SUBJ-1' }),
      officer: fc.constantFrom({}, { officerId: 'OF-0042' }, { officerId: 'OF-0042' }),
    })
    .map(({ who, officer, ...rest }) => ({ ...rest, ...who, ...officer })),
  AnswerOnTheSpot: fc.constant({}),
  RecordAndForward: fc.record({ toBody: fc.constantFrom('TN-SO-TNMT', 'TN-CONG-AN') }),
  EscalateToIncident: fc
    .record({ incidentId: fc.constantFrom('INC-1', 'INC-2'), officer: fc.constantFrom({}, { officerId: 'OF-0050' }) })
    .map(({ incidentId, officer }) => ({ incidentId, ...officer })),
  AnswerFeedback: fc.constant({}),
  CloseFeedback: fc.constant({}),
};
const KINDS = Object.keys(body) as Kind[];

/** Minutes to weeks apart, now and then dated before the previous step. */
const step = (kind: Kind) =>
  fc.record({
    kind: fc.constant(kind),
    data: body[kind],
    gapMinutes: fc.oneof(fc.integer({ min: -60, max: 120 }), fc.integer({ min: 0, max: 60 * 24 * 12 })),
  });
const anyStep = fc.constantFrom(...KINDS).chain(step);

const toCommands = (start: number, steps: readonly { kind: Kind; data: Record<string, unknown>; gapMinutes: number }[]) => {
  let time = start;
  return steps.map(({ kind, data, gapMinutes }) => {
    time += gapMinutes * 60_000;
    return { type: kind, data: { feedbackId: FEEDBACK, ...data, occurredAt: new Date(time).toISOString() } } as Command;
  });
};

const start = fc.integer({ min: 0, max: 2 * 365 }).map((day) => Date.parse('2025-01-02T08:00:00+07:00') + day * 86_400_000);
const commands = fc
  .tuple(start, fc.option(step('ReceiveFeedback'), { freq: 9, nil: undefined }), fc.array(anyStep, { minLength: 2, maxLength: 15 }))
  .map(([from, first, rest]) => toCommands(from, first ? [first, ...rest] : rest));

const run = (sequence: readonly Command[]) => {
  let state: FeedbackState = decider.initialState();
  const events: FeedbackEvent[] = [];
  for (const command of sequence) {
    const result = decider.decide(command, state);
    if (isLeft(result)) continue;
    for (const event of result.right) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return { state, events };
};

describe('feedback stream laws', () => {
  it('replaying the stored events gives the state the decider built step by step', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state, events } = run(sequence);
        const stored = events.map((event) => FeedbackEvent.decode(JSON.parse(JSON.stringify(event))));
        expect(stored.every(isRight)).toBe(true);
        expect(fold(decider, stored.flatMap((e) => (isRight(e) ? [e.right] : [])))).toStrictEqual(state);
      }),
    );
  });

  it('answers, forwards and escalates at most once, judged against the dates fixed at receipt', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { events } = run(sequence);
        const count = (...types: FeedbackEvent['type'][]) => events.filter((e) => types.includes(e.type)).length;
        expect(count('FeedbackAnswered', 'FeedbackAnsweredOnTheSpot')).toBeLessThanOrEqual(1);
        expect(count('FeedbackForwarded')).toBeLessThanOrEqual(1);
        expect(count('FeedbackEscalated')).toBeLessThanOrEqual(1);
        expect(count('FeedbackClosed')).toBeLessThanOrEqual(1);
        const receipt = events[0];
        if (receipt === undefined) return;
        expect(receipt.type).toBe('FeedbackReceived');
        if (receipt.type !== 'FeedbackReceived') return;
        for (const event of events) {
          if (event.type === 'FeedbackAnswered') {
            expect(event.data.dueDate).toBe(receipt.data.dueDate);
            expect(event.data.onTime).toBe(event.data.answeredOn <= receipt.data.dueDate);
          }
          if (event.type === 'FeedbackForwarded') {
            expect(event.data.onTime).toBe(event.data.forwardedOn <= receipt.data.forwardingDueDate);
          }
          if (event.type === 'FeedbackAnsweredOnTheSpot') expect(event.data.answeredOn).toBe(receipt.data.receivedOn);
          if (event.type === 'FeedbackEscalated') expect(ESCALATABLE_KINDS).toContain(receipt.data.kind);
        }
        if (events.at(-1)?.type === 'FeedbackClosed' && receipt.data.kind !== 'khen') {
          // Only praise closes without having been answered or forwarded.
          expect(count('FeedbackAnswered', 'FeedbackAnsweredOnTheSpot', 'FeedbackForwarded')).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('a closed feedback accepts nothing', () => {
    const closedStory = fc
      .tuple(start, body.ReceiveFeedback, fc.constantFrom<Kind[]>(['AnswerOnTheSpot'], ['AnswerFeedback'], ['RecordAndForward']))
      .map(([from, received, handling]) =>
        toCommands(from, [
          { kind: 'ReceiveFeedback', data: { ...received, officerId: 'OF-0042' }, gapMinutes: 0 },
          ...handling.map((kind) => ({ kind, data: { toBody: 'TN-SO-TNMT' }, gapMinutes: 5 })),
          { kind: 'CloseFeedback', data: {}, gapMinutes: 60 * 24 * 3 },
        ]),
      );
    fc.assert(
      fc.property(closedStory, anyStep, (sequence, { kind, data }) => {
        const { state } = run(sequence);
        expect(state.status).toBe('closed');
        const command = { type: kind, data: { feedbackId: FEEDBACK, ...data, occurredAt: '2030-01-01T09:00:00+07:00' } } as Command;
        const result = decider.decide(command, state);
        expect(isLeft(result) && result.left.code).toBe('FEEDBACK_CLOSED');
      }),
    );
  });
});
