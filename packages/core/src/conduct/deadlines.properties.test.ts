import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, createVietnamCalendar, toVietnamDate } from '../calendar/index.js';
import { BUILT_IN_RULE_SETS } from '../rules/data/built-in-rule-sets.js';
import type { IncidentStep, RuleSet } from '../rules/index.js';
import { stepDeadline } from './deadlines.js';
import { declareComplex, declaredComplex, spec, untilConcluded, propose, proposed } from './conduct.testkit.js';

/**
 * How a step's due date is counted (docs/domain/conduct-catalogue.md §3): `n` calendar days after the
 * step before, a last day off moving to the next working day; or `n` working days after it, as before
 * the units existed.
 */

const calendar = createVietnamCalendar();
const STEPS: readonly IncidentStep[] = ['acknowledge', 'investigate', 'conclude', 'answer-applicant', 'decide-discipline'];

/** Any day from 2018 to 2035, the years the calendar's data and derivation cover. */
const day = fc.date({ min: new Date('2018-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const builtIn = fc.constantFrom(...BUILT_IN_RULE_SETS);

/** `set` with the discipline decision given `days` counted in calendar days. */
const inCalendarDays = (set: RuleSet, days: number): RuleSet => ({
  ...set,
  incidentStepDeadlineWorkingDays: { ...set.incidentStepDeadlineWorkingDays, 'decide-discipline': days },
  incidentStepDeadlineUnits: { ...set.incidentStepDeadlineUnits, 'decide-discipline': 'calendar-days' },
});

/**
 * `set` with `step` given `days` in working days, said one of three ways: a configuration from before
 * the units (`absent`), a unit listed for the step (`listed`), or the step left out of the units (`omitted`).
 */
const inWorkingDays = (set: RuleSet, step: IncidentStep, days: number, how: 'absent' | 'listed' | 'omitted'): RuleSet => {
  const { incidentStepDeadlineUnits: units, ...older } = set;
  const others = Object.fromEntries(Object.entries(units ?? {}).filter(([other]) => other !== step));
  return {
    ...older,
    incidentStepDeadlineWorkingDays: { ...set.incidentStepDeadlineWorkingDays, [step]: days },
    ...(how === 'absent' ? {} : { incidentStepDeadlineUnits: how === 'listed' ? { ...others, [step]: 'working-days' } : others }),
  };
};

describe('a step counted in calendar days', () => {
  it('is due exactly n calendar days after its start, or on the first working day after that day when it is a day off', () => {
    fc.assert(
      fc.property(builtIn, day, fc.integer({ min: 0, max: 400 }), (set, start, n) => {
        const { dueDate, days, unit } = stepDeadline(calendar, inCalendarDays(set, n), 'decide-discipline', start);
        const lastDay = addCalendarDays(start, n);
        expect({ days, unit }).toEqual({ days: n, unit: 'calendar-days' });
        if (calendar.isWorkingDay(lastDay)) expect(dueDate).toBe(lastDay);
        else {
          expect(dueDate > lastDay).toBe(true);
          expect(calendar.isWorkingDay(dueDate)).toBe(true);
          // Nothing but days off between the last day of the period and the due date.
          for (let d = lastDay; d < dueDate; d = addCalendarDays(d, 1)) expect(calendar.isWorkingDay(d)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is 90 calendar days for the discipline decision in every built-in rule set, whatever the day it starts', () => {
    fc.assert(
      fc.property(builtIn, day, (set, start) => {
        const { dueDate, days, unit } = stepDeadline(calendar, set, 'decide-discipline', start);
        expect({ days, unit }).toEqual({ days: 90, unit: 'calendar-days' });
        expect(dueDate).toBe(calendar.nextWorkingDayOnOrAfter(addCalendarDays(start, 90)));
      }),
      { numRuns: 200 },
    );
  });

  it('is the due date the decider records on the proposal, at any hour of any day after the conclusion', () => {
    const minutes = fc.integer({ min: 0, max: 24 * 60 - 1 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), minutes, (offset, minute) => {
        const date = addCalendarDays('2025-09-16', offset);
        const occurredAt = `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+07:00`;
        const ruleSetId = BUILT_IN_RULE_SETS.filter((set) => set.effectiveFrom <= date).at(-1)?.id;
        spec
          .given(untilConcluded)
          .when(propose({ occurredAt }))
          .then([
            proposed({
              occurredAt,
              proposedOn: toVietnamDate(occurredAt),
              nextStepDueDate: calendar.nextWorkingDayOnOrAfter(addCalendarDays(date, 90)),
              ...(ruleSetId === undefined ? {} : { ruleSetId }),
            }),
          ]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the discipline decision of a case declared complex', () => {
  it('is due 150 calendar days after the proposal in every built-in rule set, a last day off moving to the next working day, never before the 90-day date', () => {
    fc.assert(
      fc.property(builtIn, day, (set, start) => {
        const complex = stepDeadline(calendar, set, 'decide-discipline', start, { complexCase: true });
        const ordinary = stepDeadline(calendar, set, 'decide-discipline', start);
        expect(complex).toEqual({ days: 150, unit: 'calendar-days', dueDate: calendar.nextWorkingDayOnOrAfter(addCalendarDays(start, 150)), complexCase: true });
        expect(complex.dueDate > ordinary.dueDate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('takes the days a rule set gives (a what-if, a later decree), counted like the ordinary ones, and never fewer than those', () => {
    fc.assert(
      fc.property(builtIn, day, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.boolean(), (set, start, ordinaryDays, extra, inCalendar) => {
        const base = inCalendar ? inCalendarDays(set, ordinaryDays) : inWorkingDays(set, 'decide-discipline', ordinaryDays, 'listed');
        const variant: RuleSet = { ...base, incidentStepComplexCaseDays: { 'decide-discipline': ordinaryDays + extra } };
        const complex = stepDeadline(calendar, variant, 'decide-discipline', start, { complexCase: true });
        const counted = stepDeadline(calendar, inCalendar ? inCalendarDays(set, ordinaryDays + extra) : inWorkingDays(set, 'decide-discipline', ordinaryDays + extra, 'listed'), 'decide-discipline', start);
        expect(complex).toEqual({ ...counted, complexCase: true });
        expect(complex.dueDate >= stepDeadline(calendar, variant, 'decide-discipline', start).dueDate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the ordinary days under a configuration without complex-case days, and for every other step', () => {
    fc.assert(
      fc.property(builtIn, day, fc.constantFrom(...STEPS), (set, start, step) => {
        const { incidentStepComplexCaseDays: _complex, ...older } = set;
        expect(stepDeadline(calendar, older, 'decide-discipline', start, { complexCase: true })).toEqual(stepDeadline(calendar, set, 'decide-discipline', start));
        if (step !== 'decide-discipline') expect(stepDeadline(calendar, set, step, start, { complexCase: true })).toEqual(stepDeadline(calendar, set, step, start));
      }),
      { numRuns: 200 },
    );
  });

  it('is the due date the decider records on a declaration in time, at any day of the 90', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 90 }), (offset, after) => {
        const proposedOn = addCalendarDays('2025-09-16', offset);
        const ruleSet = BUILT_IN_RULE_SETS.filter((set) => set.effectiveFrom <= proposedOn).at(-1) ?? (BUILT_IN_RULE_SETS[0] as RuleSet);
        const ordinary = stepDeadline(calendar, ruleSet, 'decide-discipline', proposedOn);
        const declaredOn = addCalendarDays(proposedOn, after);
        const occurredAt = `${declaredOn}T10:00:00+07:00`;
        const proposal = proposed({ occurredAt: `${proposedOn}T09:00:00+07:00`, proposedOn, nextStepDueDate: ordinary.dueDate, ruleSetId: ruleSet.id });
        spec
          .given([...untilConcluded, proposal])
          .when(declareComplex({ occurredAt }))
          .then([
            declaredComplex({
              occurredAt,
              declaredOn,
              previousDueDate: ordinary.dueDate,
              nextStepDueDate: calendar.nextWorkingDayOnOrAfter(addCalendarDays(proposedOn, 150)),
              ruleSetId: ruleSet.id,
            }),
          ]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a step counted in working days', () => {
  it('is due as before the units existed: the n-th working day after its start', () => {
    fc.assert(
      fc.property(builtIn, day, fc.constantFrom(...STEPS), fc.integer({ min: 0, max: 120 }), fc.constantFrom('absent', 'listed', 'omitted' as const), (set, start, step, n, how) => {
        expect(stepDeadline(calendar, inWorkingDays(set, step, n, how), step, start)).toEqual({ days: n, unit: 'working-days', dueDate: calendar.addWorkingDays(start, n) });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the built-in working-day steps where they were', () => {
    fc.assert(
      fc.property(builtIn, day, fc.constantFrom(...STEPS.filter((step) => step !== 'decide-discipline')), (set, start, step) => {
        const days = set.incidentStepDeadlineWorkingDays[step];
        expect(stepDeadline(calendar, set, step, start)).toEqual({ days, unit: 'working-days', dueDate: calendar.addWorkingDays(start, days) });
      }),
      { numRuns: 200 },
    );
  });
});
