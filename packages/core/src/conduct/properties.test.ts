import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { fold } from '../kernel/decider.js';
import { DISCIPLINE_FORMS } from '../officer/index.js';
import { INCIDENT_CATALOGUE } from './catalogue.js';
import type { IncidentCommand } from './commands.js';
import { checkRecordModeLaw } from '../rules/record-mode.testkit.js';
import { decider, INCIDENT } from './conduct.testkit.js';
import { IncidentEvent } from './events.js';
import type { IncidentStep } from '../rules/index.js';
import type { IncidentState } from './state.js';
import { INCIDENT_SOURCES } from './vocabulary.js';

type Command = IncidentCommand;
type Kind = Command['type'];

/** What a command says besides its time; the time is laid out by the sequence. */
const body: Record<Kind, fc.Arbitrary<Record<string, unknown>>> = {
  ReportIncident: fc.record({
    source: fc.constantFrom(...INCIDENT_SOURCES),
    category: fc.constantFrom(...INCIDENT_CATALOGUE.map((c) => c.code)),
    officerId: fc.constant('OF-0042'),
    unitId: fc.constant('TN-TTPVHCC'),
    description: fc.constant('reported at the counter'),
    reporter: fc.constantFrom({}, { reporterId: 'SUBJ-1' }, { feedbackId: 'FB-9' }),
  }).map(({ reporter, ...rest }) => ({ ...rest, ...reporter })),
  AcknowledgeIncident: fc.record({ severity: fc.constantFrom('minor', 'serious', 'very-serious') }),
  StartInvestigation: fc.constant({}),
  ConcludeIncident: fc.record({ outcome: fc.constantFrom('substantiated', 'substantiated', 'unfounded', 'false-accusation') }),
  ApologiseToCitizen: fc.constant({}),
  ProposeDiscipline: fc.record({ form: fc.constantFrom(...DISCIPLINE_FORMS) }),
  DeclareDisciplineCaseComplex: fc.record({ declaredBy: fc.constant('director-snv'), reason: fc.constant('a site inspection is needed') }),
  DecideDiscipline: fc.record({
    decision: fc.constantFrom('no-discipline', ...DISCIPLINE_FORMS),
    decisionRef: fc.constant('12/QĐ-STP'),
  }),
  AnswerApplicant: fc.constant({}),
  CloseIncident: fc.constant({}),
};
const KINDS = Object.keys(body) as Kind[];

/** Steps a few hours to a few weeks apart, now and then dated before the previous one. */
const step = (kind: Kind) =>
  fc.record({ kind: fc.constant(kind), data: body[kind], gapHours: fc.integer({ min: -30, max: 24 * 20 }) });
const anyStep = fc.constantFrom(...KINDS).chain(step);

/**
 * The steps in their usual order, each now and then left out, with random steps (often out of order)
 * slipped in between: sequences get far enough to close, and meet every rejection on the way.
 */
const LEGAL_ORDER: readonly Kind[] = [
  'ReportIncident',
  'AcknowledgeIncident',
  'StartInvestigation',
  'ConcludeIncident',
  'ApologiseToCitizen',
  'ProposeDiscipline',
  'DeclareDisciplineCaseComplex',
  'DecideDiscipline',
  'AnswerApplicant',
  'CloseIncident',
];
const commands = fc
  .tuple(
    fc.integer({ min: 0, max: 2 * 365 }),
    fc.tuple(
      ...LEGAL_ORDER.map((kind) =>
        fc.tuple(fc.option(step(kind), { freq: 6, nil: undefined }), fc.array(anyStep, { maxLength: 3 })),
      ),
    ),
  )
  .map(([startDay, slots]) => {
    let time = Date.parse('2025-01-02T08:00:00+07:00') + startDay * 86_400_000;
    return slots
      .flatMap(([usual, extra]) => [...(usual ? [usual] : []), ...extra])
      .map(({ kind, data, gapHours }) => {
        time += gapHours * 3_600_000;
        return { type: kind, data: { incidentId: INCIDENT, ...data, occurredAt: new Date(time).toISOString() } } as Command;
      });
  });

/** A legal path to closure, with or without a reporter, discipline and apology. */
const closedStory = fc
  .record({
    report: body.ReportIncident,
    outcome: fc.constantFrom('substantiated', 'unfounded', 'false-accusation'),
    apologise: fc.boolean(),
    discipline: fc.boolean(),
    days: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 9, maxLength: 9 }),
  })
  .map(({ report, outcome, apologise, discipline, days }) => {
    const substantiated = outcome === 'substantiated';
    const answerRequired = 'reporterId' in report || 'feedbackId' in report;
    const path: (readonly [Kind, Record<string, unknown>])[] = [
      ['ReportIncident', report],
      ['AcknowledgeIncident', { severity: 'minor' }],
      ['StartInvestigation', {}],
      ['ConcludeIncident', { outcome }],
    ];
    if (substantiated && apologise) path.push(['ApologiseToCitizen', {}]);
    if (substantiated && discipline) {
      path.push(
        ['ProposeDiscipline', { form: 'reprimand' }],
        ['DecideDiscipline', { decision: 'reprimand', decisionRef: '7/QĐ' }],
      );
    }
    if (answerRequired) path.push(['AnswerApplicant', {}]);
    path.push(['CloseIncident', {}]);
    let day = Date.parse('2025-06-02T09:00:00+07:00');
    return path.map(([type, data], i) => {
      day += (days[i] ?? 1) * 86_400_000;
      return { type, data: { incidentId: INCIDENT, ...data, occurredAt: new Date(day).toISOString() } } as Command;
    });
  });

const run = (sequence: readonly Command[]) => {
  let state: IncidentState = decider.initialState();
  const events: IncidentEvent[] = [];
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

/** The legal order, checked on the event log alone, without the decider's state. */
const checkOrder = (events: readonly IncidentEvent[]): void => {
  const position = (type: IncidentEvent['type']) => events.findIndex((e) => e.type === type);
  const count = (type: IncidentEvent['type']) => events.filter((e) => e.type === type).length;
  for (const type of new Set(events.map((e) => e.type))) expect(count(type), type).toBe(1);
  if (events.length === 0) return;
  expect(events[0]?.type).toBe('IncidentReported');
  const follows = (later: IncidentEvent['type'], earlier: IncidentEvent['type']) => {
    if (position(later) >= 0) expect(position(earlier), `${later} after ${earlier}`).toBeGreaterThanOrEqual(0);
    if (position(later) >= 0) expect(position(later)).toBeGreaterThan(position(earlier));
  };
  follows('IncidentAcknowledged', 'IncidentReported');
  follows('InvestigationStarted', 'IncidentAcknowledged');
  follows('IncidentConcluded', 'InvestigationStarted');
  for (const after of ['ApologyToCitizenMade', 'DisciplineProposed', 'ApplicantAnswered', 'IncidentClosed'] as const) {
    follows(after, 'IncidentConcluded');
  }
  follows('DisciplineDecided', 'DisciplineProposed');
  follows('DisciplineCaseDeclaredComplex', 'DisciplineProposed');
  // Declared complex only while the decision is pending.
  if (position('DisciplineCaseDeclaredComplex') >= 0 && position('DisciplineDecided') >= 0) {
    expect(position('DisciplineCaseDeclaredComplex')).toBeLessThan(position('DisciplineDecided'));
  }
  const conclusion = events[position('IncidentConcluded')];
  if (conclusion?.type === 'IncidentConcluded' && conclusion.data.outcome !== 'substantiated') {
    expect(position('ApologyToCitizenMade')).toBe(-1);
    expect(position('DisciplineProposed')).toBe(-1);
  }
  const closedAt = position('IncidentClosed');
  if (closedAt >= 0) {
    expect(closedAt).toBe(events.length - 1);
    if (position('DisciplineProposed') >= 0) follows('IncidentClosed', 'DisciplineDecided');
    const report = events[0];
    if (report?.type === 'IncidentReported' && report.data.answerRequired) follows('IncidentClosed', 'ApplicantAnswered');
  }
};

describe('incident stream laws', () => {
  it('replaying the stored events gives the state the decider built step by step', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state, events } = run(sequence);
        const stored = events.map((event) => IncidentEvent.decode(JSON.parse(JSON.stringify(event))));
        expect(stored.every(isRight)).toBe(true);
        expect(fold(decider, stored.flatMap((e) => (isRight(e) ? [e.right] : [])))).toStrictEqual(state);
      }),
    );
  });

  it('accepts steps only in the legal order', () => {
    fc.assert(fc.property(commands, (sequence) => checkOrder(run(sequence).events)));
  });

  it('measures each step against the due date the step before it fixed', () => {
    const stepOf: Partial<Record<IncidentEvent['type'], IncidentStep>> = {
      IncidentAcknowledged: 'acknowledge',
      InvestigationStarted: 'investigate',
      IncidentConcluded: 'conclude',
      ApplicantAnswered: 'answer-applicant',
      DisciplineDecided: 'decide-discipline',
    };
    fc.assert(
      fc.property(commands, (sequence) => {
        const due = new Map<string, string>();
        for (const event of run(sequence).events) {
          const data = event.data as Partial<Record<'doneOn' | 'dueDate' | 'nextStep' | 'nextStepDueDate', string>> & {
            onTime?: boolean;
          };
          const step = stepOf[event.type];
          if (step !== undefined) {
            expect(data.dueDate).toBe(due.get(step));
            expect(data.onTime).toBe((data.doneOn ?? '') <= (data.dueDate ?? ''));
          }
          if (data.nextStep !== undefined && data.nextStepDueDate !== undefined) {
            expect(data.nextStepDueDate > (data.doneOn ?? (event.data as { reportedOn?: string }).reportedOn ?? '')).toBe(true);
            due.set(data.nextStep, data.nextStepDueDate);
          }
        }
      }),
    );
  });

  it('recording history differs from a live desk only by the breaches it records (ADR 0010)', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        let state: IncidentState = decider.initialState();
        for (const command of sequence) {
          const { recorded } = checkRecordModeLaw(decider, command, state);
          if (isRight(recorded)) for (const event of recorded.right) state = decider.evolve(state, event);
        }
      }),
    );
  });

  it('a closed incident accepts nothing', () => {
    fc.assert(
      fc.property(closedStory, anyStep, (sequence, { kind, data }) => {
        const { state } = run(sequence);
        expect(state.stage).toBe('closed');
        const command = { type: kind, data: { incidentId: INCIDENT, ...data, occurredAt: '2030-01-01T09:00:00+07:00' } } as Command;
        const result = decider.decide(command, state);
        expect(isLeft(result) && result.left.code).toBe('INCIDENT_CLOSED');
      }),
    );
  });
});
