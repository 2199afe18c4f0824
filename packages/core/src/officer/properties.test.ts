import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRight } from '../fp.js';
import { fold } from '../kernel/decider.js';
import type { OfficerCommand } from './commands.js';
import { addCalendarDays as addDays } from '../calendar/index.js';
import { addMonths } from './dates.js';
import { DISCIPLINE_FORMS } from './discipline.js';
import { EVALUATION_LEVELS, evaluationPeriodOf } from './evaluation.js';
import { OfficerErrorCode } from './errors.js';
import { OfficerEvent } from './events.js';
import { checkRecordModeLaw } from '../rules/record-mode.testkit.js';
import { at, decider, OFFICER } from './officer.testkit.js';
import type { OfficerState } from './state.js';
import { DESK_LEVELS, LEAVING_REASONS, LEGAL_STATUSES, OFFICER_ROLES } from './vocabulary.js';

const date = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));
const serviceDate = date('2025-01-01', 3 * 365);
const when = serviceDate.map((d) => at(d));

const assignment = {
  unitId: fc.constantFrom('TN-TTPVHCC', 'TN-XA-THANH-VAN', 'TN-SO-XAY-DUNG'),
  deskLevel: fc.constantFrom(...DESK_LEVELS),
  role: fc.constantFrom(...OFFICER_ROLES),
  fields: fc.subarray(['land', 'civil-status', 'construction']),
  effectiveDate: serviceDate,
  termMonths: fc.option(fc.integer({ min: 0, max: 26 }), { nil: undefined }),
  occurredAt: when,
};
const withTerm = <T extends { effectiveDate: string; termMonths: number | undefined }>({ termMonths, ...rest }: T) => ({
  ...rest,
  ...(termMonths === undefined ? {} : { termEndDate: addDays(addMonths(rest.effectiveDate, termMonths), -1) }),
});

/** Few periods, so that the same one comes back and corrections have something to correct. */
const period = fc.constantFrom('2025-06', '2025-11', '2025-Q4', '2025', '2026-01', '2026-Q1', '2026', '2027-Q3');
const anyRating = fc.oneof(
  fc.record({ level: fc.constantFrom(...EVALUATION_LEVELS) }),
  fc.record({ score: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ level: fc.constantFrom(...EVALUATION_LEVELS), score: fc.integer({ min: 0, max: 100 }) }),
  fc.constant({}),
);
/** Rated around the end of the period, as desks do; mostly on the scale in force then. */
const evaluation = fc
  .record({
    period,
    fits: fc.boolean(),
    level: fc.constantFrom(...EVALUATION_LEVELS),
    score: fc.integer({ min: 0, max: 100 }),
    other: anyRating,
    lag: fc.integer({ min: -20, max: 40 }),
  })
  .map(({ period: key, fits, level, score, other, lag }) => {
    const end = evaluationPeriodOf(key)?.end ?? '2025-12-31';
    const fitting = end < '2026-01-01' ? { level } : { score };
    return { officerId: OFFICER, period: key, ...(fits ? fitting : other), occurredAt: at(addDays(end, lag)) };
  });

const appointment = fc
  .record({ ...assignment, legalStatus: fc.constantFrom(...LEGAL_STATUSES), secondingAgencyId: fc.constant('TN-SO-TU-PHAP') })
  .map((data): OfficerCommand => ({ type: 'AppointOfficer', data: { officerId: OFFICER, ...withTerm(data) } }));

type Command = OfficerCommand;
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: evaluation.map((data): Command => ({ type: 'RecordEvaluation', data })) },
  {
    weight: 3,
    arbitrary: evaluation.map((data): Command => ({ type: 'CorrectEvaluation', data: { ...data, reason: 'appeal upheld' } })),
  },
  { weight: 1, arbitrary: appointment },
  {
    weight: 1,
    arbitrary: fc
      .record(assignment)
      .map((data): Command => ({ type: 'ReassignOfficer', data: { officerId: OFFICER, ...withTerm(data) } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ leftOn: serviceDate, reason: fc.constantFrom(...LEAVING_REASONS), occurredAt: when })
      .map((data): Command => ({ type: 'RecordOfficerLeaving', data: { officerId: OFFICER, ...data } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        form: fc.constantFrom(...DISCIPLINE_FORMS),
        violationDate: date('2020-01-01', 7 * 365),
        lag: fc.integer({ min: -30, max: 6 * 365 }),
        decisionRef: fc.constantFrom('12/QĐ-STP', '13/QĐ-STP', '14/QĐ-STP'),
        occurredAt: when,
      })
      .map(({ lag, ...data }): Command => ({
        type: 'RecordDiscipline',
        data: { officerId: OFFICER, ...data, decisionDate: addDays(data.violationDate, lag) },
      })),
  },
  {
    // Decided within 2025, a year rated on four levels, so that a later rating meets the criteria.
    weight: 1,
    arbitrary: fc
      .record({ form: fc.constantFrom(...DISCIPLINE_FORMS), decisionDate: date('2025-02-01', 300), decisionRef: fc.constantFrom('15/QĐ-STP', '16/QĐ-STP') })
      .map((data): Command => ({ type: 'RecordDiscipline', data: { officerId: OFFICER, ...data, violationDate: addDays(data.decisionDate, -20), occurredAt: at(data.decisionDate) } })),
  },
);

/** A valid appointment early in 2025 first, most of the time, so that sequences get past it. */
const firstAppointment = fc
  .record({
    effectiveDate: date('2025-01-01', 180),
    months: fc.integer({ min: 6, max: 24 }),
    legalStatus: fc.constantFrom(...LEGAL_STATUSES),
  })
  .map(({ effectiveDate, months, legalStatus }): OfficerCommand => ({
    type: 'AppointOfficer',
    data: {
      officerId: OFFICER,
      unitId: 'TN-TTPVHCC',
      deskLevel: 'province',
      role: 'receiving-officer',
      fields: ['land'],
      effectiveDate,
      termEndDate: addDays(addMonths(effectiveDate, months), -1),
      legalStatus,
      secondingAgencyId: 'TN-SO-TU-PHAP',
      occurredAt: at(effectiveDate),
    },
  }));
const commands = fc
  .tuple(fc.option(firstAppointment, { freq: 8, nil: undefined }), fc.array(command, { minLength: 5, maxLength: 30 }))
  .map(([first, rest]) => (first === undefined ? rest : [first, ...rest]));

const run = (sequence: readonly OfficerCommand[]) => {
  let state: OfficerState = decider.initialState();
  const events: OfficerEvent[] = [];
  for (const cmd of sequence) {
    const result = decider.decide(cmd, state);
    if (!isRight(result)) continue;
    for (const event of result.right) {
      state = decider.evolve(state, event);
      events.push(event);
    }
  }
  return { state, events };
};

describe('officer stream laws', () => {
  it('replaying the stored events gives the state the decider built step by step', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state, events } = run(sequence);
        const stored = events.map((event) => OfficerEvent.decode(JSON.parse(JSON.stringify(event))));
        expect(stored.every(isRight)).toBe(true);
        expect(fold(decider, stored.flatMap((e) => (isRight(e) ? [e.right] : [])))).toStrictEqual(state);
      }),
    );
  });

  it('keeps at most one evaluation per period; later changes are corrections of it', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { state, events } = run(sequence);
        const recorded = new Map<string, number>();
        const corrections = new Map<string, number>();
        for (const event of events) {
          if (event.type === 'EvaluationRecorded') recorded.set(event.data.period, (recorded.get(event.data.period) ?? 0) + 1);
          if (event.type === 'EvaluationCorrected') {
            expect(recorded.has(event.data.period)).toBe(true);
            corrections.set(event.data.period, (corrections.get(event.data.period) ?? 0) + 1);
          }
        }
        expect([...recorded.values()].every((n) => n === 1)).toBe(true);
        const evaluations = state.status === 'not-appointed' ? {} : state.evaluations;
        expect(Object.keys(evaluations).sort()).toEqual([...recorded.keys()].sort());
        for (const [key, entry] of Object.entries(evaluations)) expect(entry.corrections).toBe(corrections.get(key) ?? 0);
      }),
    );
  });

  it('after leaving, only evaluations and discipline for the time served are accepted', () => {
    fc.assert(
      fc.property(commands, (sequence) => {
        const { events } = run(sequence);
        const leaving = events.findIndex((e) => e.type === 'OfficerLeft');
        if (leaving < 0) return;
        const leftOn = (events[leaving] as Extract<OfficerEvent, { type: 'OfficerLeft' }>).data.leftOn;
        for (const event of events.slice(leaving + 1)) {
          if (event.type === 'EvaluationRecorded') expect((evaluationPeriodOf(event.data.period)?.start ?? '') <= leftOn).toBe(true);
          else if (event.type === 'DisciplineRecorded') expect(event.data.violationDate <= leftOn).toBe(true);
          else expect(event.type).toBe('EvaluationCorrected');
        }
      }),
    );
  });
  it('record mode yields what refuse mode yields when no rule is broken; refuse fails exactly when record finds breaches', () => {
    const recordedRules = new Set<string>();
    fc.assert(
      fc.property(commands, (sequence) => {
        let state: OfficerState = decider.initialState();
        for (const cmd of sequence) {
          const { recorded, breaches } = checkRecordModeLaw(decider, cmd, state);
          if (!isRight(recorded)) continue;
          for (const breach of breaches) recordedRules.add(breach.rule);
          for (const event of recorded.right) {
            expect(isRight(OfficerEvent.decode(JSON.parse(JSON.stringify(event))))).toBe(true);
            state = decider.evolve(state, event);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect([...recordedRules].sort()).toEqual([OfficerErrorCode.DisciplineTimeBarred, OfficerErrorCode.EvaluationAboveCriteria, OfficerErrorCode.SecondmentTermOutOfRange]);
  });
});
