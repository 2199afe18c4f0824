import { describe, it, expect } from 'vitest';
import { test as fcTest } from '@fast-check/vitest';
import fc from 'fast-check';
import { addCalendarDays, compareDates } from '../calendar/dates.js';
import { createCalendarRegistry, calendarFor, UnknownCalendarVersionError } from '../calendar/registry.js';
import { BUILT_IN_CALENDAR_VERSIONS, VN_2026_1 } from '../calendar/data/versions-vn.js';
import type { CalendarVersionData } from '../calendar/types.js';
import { fold } from '../kernel/decider.js';
import { deciderSpec } from '../kernel/decider-spec.js';
import { BUILT_IN_RULE_SETS, createRuleBook, defaultRuleBook } from '../rules/index.js';
import { createDossierDecider, type DossierDecider } from './decider.js';
import { limitEndDate, pausedDueDate, promisedReturnDate, recomputeDossierDates, recomputeReceiptDates, timelinessOf } from './due-date.js';
import { commandsOf, dossierScenario } from '../read-side/read-models/dossier-support/dossier-events.testkit.js';
import { isLeft } from '../fp.js';
import type { DossierEvent } from './events.js';
import {
  FIFTEEN_CALENDAR_DAYS,
  FIVE_DAYS,
  IMMEDIATE,
  TEST_PROCEDURES,
  assignStep,
  calendar,
  complete,
  completeStep,
  history,
  pauseDecider,
  receiptDayCountsDecider,
  receive,
  receiveSupplement,
  reportError,
  requestSupplement,
  restartDecider,
  returnResult,
  transfer,
  vn,
} from './dossier.testkit.js';
import type { DossierCommand } from './commands.js';

const stateAfter = (commands: readonly DossierCommand[], decider: DossierDecider = restartDecider) =>
  fold(decider, history(commands, decider));

/** Every expectation below was counted by hand on the 2025/2026 civil-service calendar. */
describe('promised return date at receipt (5 working days, receipt day not counted)', () => {
  it('skips the whole Tết break: Thu 2026-02-12 10:00 → Fri 13 (1), Mon 23 … Thu 26 (5)', () => {
    expect(stateAfter([receive('2026-02-12T10:00')])).toMatchObject({ processingStartDate: '2026-02-12', dueDate: '2026-02-26' });
  });

  it('applies the 15:00 rule: 14:59 starts the same day, 15:30 the next working day', () => {
    expect(stateAfter([receive('2026-02-12T14:59')])).toMatchObject({ processingStartDate: '2026-02-12', dueDate: '2026-02-26' });
    expect(stateAfter([receive('2026-02-12T15:30')])).toMatchObject({ processingStartDate: '2026-02-13', dueDate: '2026-02-27' });
  });

  it('counts a make-up Saturday: Fri 2026-08-21 → Sat 22 (1), Mon 24 … Thu 27 (5)', () => {
    expect(stateAfter([receive('2026-08-21T09:00')]).dueDate).toBe('2026-08-27');
  });

  it('skips National Day with its swapped Monday: Thu 2026-08-27 → Fri 28 (1), Thu 3 Sep … Tue 8 Sep (5)', () => {
    expect(stateAfter([receive('2026-08-27T09:00')]).dueDate).toBe('2026-09-08');
  });

  it('uses the 2025 schedule: Fri 2025-01-24 → Mon 3 Feb (1) … Fri 7 Feb (5), past Tết 27–31 Jan', () => {
    expect(stateAfter([receive('2025-01-24T09:00')])).toMatchObject({ ruleSetId: 'decree-61-2018', dueDate: '2025-02-07' });
  });

  it('2025 Reunification break: Fri 2025-04-25 → Sat 26 make-up (1), Mon 28, Tue 29, Mon 5 May, Tue 6 May (5)', () => {
    expect(stateAfter([receive('2025-04-25T09:00')]).dueDate).toBe('2025-05-06');
  });

  it('a receipt on a day off starts the next working day: Sat 2026-03-07 → start Mon 9, due Mon 16', () => {
    expect(stateAfter([receive('2026-03-07T09:00')])).toMatchObject({ processingStartDate: '2026-03-09', dueDate: '2026-03-16' });
  });
});

describe('other counting rules', () => {
  it('with the receipt day counting, Mon 2026-03-02 10:00 is day 1 and Fri 6 day 5', () => {
    expect(stateAfter([receive('2026-03-02T10:00')], receiptDayCountsDecider).dueDate).toBe('2026-03-06');
    expect(stateAfter([receive('2026-03-02T15:30')], receiptDayCountsDecider).dueDate).toBe('2026-03-09');
  });

  it('immediate results are due on the processing start day', () => {
    expect(stateAfter([receive('2026-03-02T10:00', { procedureCode: IMMEDIATE })]).dueDate).toBe('2026-03-02');
    expect(stateAfter([receive('2026-03-02T15:30', { procedureCode: IMMEDIATE })]).dueDate).toBe('2026-03-03');
    expect(stateAfter([receive('2026-03-07T10:00', { procedureCode: IMMEDIATE })]).dueDate).toBe('2026-03-09');
  });

  it('calendar-day limits end on the 15th day, moved off a weekend', () => {
    // Mon 2 Mar + 15 = Tue 17 Mar; Fri 6 Mar + 15 = Sat 21 Mar → Mon 23 Mar.
    expect(stateAfter([receive('2026-03-02T10:00', { procedureCode: FIFTEEN_CALENDAR_DAYS })]).dueDate).toBe('2026-03-17');
    expect(stateAfter([receive('2026-03-06T10:00', { procedureCode: FIFTEEN_CALENDAR_DAYS })]).dueDate).toBe('2026-03-23');
  });

  it('working-hour limits round up to 8-hour working days', () => {
    expect(limitEndDate(calendar, '2026-03-02', { amount: 4, unit: 'working-hours' }, false)).toBe('2026-03-03');
    expect(limitEndDate(calendar, '2026-03-02', { amount: 16, unit: 'working-hours' }, false)).toBe('2026-03-04');
    expect(limitEndDate(calendar, '2026-03-02', { amount: 4, unit: 'working-hours' }, true)).toBe('2026-03-02');
  });

  it('a limit of zero working days ends on the start day', () => {
    const input = { startDate: '2026-03-02', arrivedAt: vn('2026-03-02T10:00'), calendarDaysCountFrom: 'receipt-date' } as const;
    expect(promisedReturnDate(calendar, { ...input, timeLimit: { amount: 0, unit: 'working-days' }, immediateResult: false, receiptDayCounts: true })).toBe('2026-03-02');
  });
});

describe('due date after a supplement (received Mon 2026-03-02 09:00, due Mon 9 Mar; requested Wed 4 Mar)', () => {
  const until = (supplementAt: string) => [
    receive('2026-03-02T09:00'),
    transfer('2026-03-02T10:00'),
    requestSupplement('2026-03-04T10:00'),
    receiveSupplement(supplementAt),
  ];

  it('RESTART counts the 5 days again from the supplement: Mon 9 Mar → Mon 16 Mar', () => {
    expect(stateAfter(until('2026-03-09T10:00'))).toMatchObject({ clockPolicy: 'RESTART', dueDate: '2026-03-16', originalDueDate: '2026-03-16' });
    // After 15:00 work resumes on Tue 10 Mar: due Tue 17 Mar.
    expect(stateAfter(until('2026-03-09T15:30')).dueDate).toBe('2026-03-17');
  });

  it('PAUSE moves the old date by the days waited (Thu 5, Fri 6, Mon 9): Mon 9 → Thu 12 Mar', () => {
    expect(stateAfter(until('2026-03-09T10:00'), pauseDecider)).toMatchObject({ clockPolicy: 'PAUSE', dueDate: '2026-03-12' });
    // Resuming Tue 10 Mar adds Tue 10 as a waited day: Fri 13 Mar.
    expect(stateAfter(until('2026-03-09T15:30'), pauseDecider).dueDate).toBe('2026-03-13');
  });

  it('PAUSE when the resume day counts: due Fri 6 Mar, waited Thu 5 and Fri 6 → Tue 10 Mar', () => {
    expect(pausedDueDate(calendar, {
      dueDate: '2026-03-06',
      requestedAt: vn('2026-03-04T10:00'),
      resumeDate: '2026-03-09',
      arrivedAt: vn('2026-03-09T10:00'),
      timeLimit: { amount: 5, unit: 'working-days' },
      receiptDayCounts: true,
      calendarDaysCountFrom: 'receipt-date',
    })).toEqual({ dueDate: '2026-03-10', pausedDays: 2 });
  });

  it('PAUSE of a calendar-day limit moves by calendar days', () => {
    expect(pausedDueDate(calendar, {
      dueDate: '2026-03-17',
      requestedAt: vn('2026-03-04T10:00'),
      resumeDate: '2026-03-09',
      arrivedAt: vn('2026-03-09T10:00'),
      timeLimit: { amount: 15, unit: 'calendar-days' },
      receiptDayCounts: false,
      calendarDaysCountFrom: 'receipt-date',
    })).toEqual({ dueDate: '2026-03-23', pausedDays: 5 });
  });
});

describe('timelinessOf', () => {
  it('compares calendar days', () => {
    expect([timelinessOf('2026-03-08', '2026-03-09'), timelinessOf('2026-03-09', '2026-03-09'), timelinessOf('2026-03-10', '2026-03-09')]).toEqual([
      'early',
      'on-time',
      'late',
    ]);
  });
});

/** Procedure 1.013225 (construction permit for a detached house): 15 calendar days. */
const PERMIT = '1.013225';

describe('a limit in calendar days counts from the day of receipt (docs/domain/calendar.md §3)', () => {
  const permits = deciderSpec(createDossierDecider({ calendar, rules: defaultRuleBook() }));
  const receivedOn = (at: string) => {
    const outcome = permits.given([]).when(receive(at, { procedureCode: PERMIT, feeDong: 75_000 })).outcome();
    if (outcome._tag !== 'Right') throw new Error(`receipt at ${at} refused: ${outcome.left.message}`);
    const [event] = outcome.right;
    if (event?.type !== 'DossierReceived') throw new Error('expected DossierReceived');
    return event.data;
  };

  it('Fri 2026-02-13 at 14:00 or at 16:00: 15 days run to Sat 28 Feb, due Mon 2 Mar either way', () => {
    // Given no history, when procedure 1.013225 is received on Fri 13 Feb 2026, then:
    const early = receivedOn('2026-02-13T14:00');
    const late = receivedOn('2026-02-13T16:00');
    // The 15:00 rule still moves the transfer: 14:00 starts processing the same day, 16:00 after Tết.
    expect([early.processingStartDate, late.processingStartDate]).toEqual(['2026-02-13', '2026-02-23']);
    // The period does not: day 1 is Sat 14 Feb, day 15 Sat 28 Feb, a day off, so it ends Mon 2 Mar.
    expect([early.dueDate, late.dueDate]).toEqual(['2026-03-02', '2026-03-02']);
    expect(early).toMatchObject({ ruleSetId: 'decree-118-2025-amended-2026', timeLimit: { amount: 15, unit: 'calendar-days' } });
  });

  it('counted from the processing start day (a configuration without the setting), 16:00 was due eight days later', () => {
    const legacy = createRuleBook(
      BUILT_IN_RULE_SETS.map(({ calendarDaysCountFrom: _dropped, ...set }) => set),
      TEST_PROCEDURES,
    );
    const decider = createDossierDecider({ calendar, rules: legacy });
    const at = (time: string) => stateAfter([receive(`2026-02-13T${time}`, { procedureCode: FIFTEEN_CALENDAR_DAYS })], decider).dueDate;
    expect([at('14:00'), at('16:00')]).toEqual(['2026-03-02', '2026-03-10']);
    // The built-in rule sets count from receipt: both on Mon 2 Mar.
    expect(stateAfter([receive('2026-02-13T16:00', { procedureCode: FIFTEEN_CALENDAR_DAYS })]).dueDate).toBe('2026-03-02');
  });

  it('a receipt on a day off counts from that day too: Sat 2026-03-07 + 15 = Sun 22 Mar → Mon 23 Mar', () => {
    expect(stateAfter([receive('2026-03-07T09:00', { procedureCode: FIFTEEN_CALENDAR_DAYS })])).toMatchObject({
      processingStartDate: '2026-03-09',
      dueDate: '2026-03-23',
    });
  });

  it('a supplement that restarts the clock counts from its own day of arrival, not from after Tết', () => {
    // Received Mon 2 Feb (due Tue 17 Feb, a Tết holiday → Mon 23 Feb); supplement asked Wed 4 Feb,
    // delivered Fri 13 Feb at 16:00: work resumes Mon 23 Feb, the 15 days run from Fri 13 Feb.
    const state = stateAfter([
      receive('2026-02-02T09:00', { procedureCode: FIFTEEN_CALENDAR_DAYS }),
      transfer('2026-02-02T10:00'),
      requestSupplement('2026-02-04T10:00'),
      receiveSupplement('2026-02-13T16:00'),
    ]);
    expect(state.dueDateHistory.map((change) => change.dueDate)).toEqual(['2026-02-23', '2026-03-02']);
  });

  const instant = fc
    .record({ day: fc.integer({ min: 0, max: 3 * 365 }), minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }) })
    .map(({ day, minutes }) => {
      const pad = (n: number) => String(n).padStart(2, '0');
      return { date: addCalendarDays('2025-01-01', day), time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}` };
    });
  const limit = fc.integer({ min: 1, max: 60 }).map((amount) => ({ amount, unit: 'calendar-days' as const }));

  fcTest.prop([instant, fc.integer({ min: 0, max: 24 * 60 - 1 }), limit, fc.boolean()])(
    'two receipts on the same day fall due on the same day, the first working day from the n-th calendar day on',
    ({ date, time }, otherMinutes, timeLimit, receiptDayCounts) => {
      const other = `${String(Math.floor(otherMinutes / 60)).padStart(2, '0')}:${String(otherMinutes % 60).padStart(2, '0')}`;
      const due = (hhmm: string) => {
        const arrivedAt = vn(`${date}T${hhmm}`);
        const startDate = calendar.processingStartDate(arrivedAt, '15:00');
        const input = { startDate, arrivedAt, timeLimit, immediateResult: false, receiptDayCounts, calendarDaysCountFrom: 'receipt-date' } as const;
        return promisedReturnDate(calendar, input);
      };
      const lastDay = addCalendarDays(date, timeLimit.amount - (receiptDayCounts ? 1 : 0));
      expect(due(time)).toBe(due(other));
      expect(due(time)).toBe(calendar.nextWorkingDayOnOrAfter(lastDay));
      expect(compareDates(due(time), lastDay)).toBeGreaterThanOrEqual(0);
    },
  );
});

describe('recomputing a receipt with the calendar version it records (docs/domain/calendar.md §4)', () => {
  /** Published later: Mon 2026-03-09 becomes a day off (a closure), as a new version of the data. */
  const VN_2026_2: CalendarVersionData = {
    ...VN_2026_1,
    version: 'vn-2026.2',
    effectiveFrom: '2026-12-01',
    source: 'test: closure on Mon 2026-03-09 added',
    extraDaysOff: [{ date: '2026-03-09', reason: 'provincial closure (storm)' }],
  };
  const rules = createRuleBook(BUILT_IN_RULE_SETS, TEST_PROCEDURES);
  const received = (events: readonly DossierEvent[]) => {
    const event = events.find((e) => e.type === 'DossierReceived');
    if (event?.type !== 'DossierReceived') throw new Error('no receipt');
    return event.data;
  };

  it('gives the recorded dates under the recorded version after the current calendar changes', () => {
    // Given a dossier received Mon 2 Mar 2026 under vn-2026.1: 5 working days, due Mon 9 Mar.
    const recordedUnder = createDossierDecider({ calendar: calendarFor('vn-2026.1'), rules });
    const data = received(history([receive('2026-03-02T10:00', { procedureCode: FIVE_DAYS })], recordedUnder));
    expect(data).toMatchObject({ calendarVersion: 'vn-2026.1', processingStartDate: '2026-03-02', dueDate: '2026-03-09' });
    // When vn-2026.2 is published (9 Mar becomes a day off) and the receipt is recomputed:
    const calendars = createCalendarRegistry([...BUILT_IN_CALENDAR_VERSIONS, VN_2026_2]);
    expect(calendars.current.version).toBe('vn-2026.2');
    // Then the recorded version gives back the recorded dates,
    expect(recomputeReceiptDates({ calendars, rules }, data)).toEqual({ processingStartDate: '2026-03-02', dueDate: '2026-03-09' });
    // while the current data would have moved the date (which is why the version is recorded).
    expect(recomputeReceiptDates({ calendars, rules }, { ...data, calendarVersion: 'vn-2026.2' }).dueDate).toBe('2026-03-10');
    // A dossier received under the new version gets the new date.
    const now = createDossierDecider({ calendar: calendars.current, rules });
    expect(received(history([receive('2026-03-02T10:00', { procedureCode: FIVE_DAYS })], now))).toMatchObject({
      calendarVersion: 'vn-2026.2',
      dueDate: '2026-03-10',
    });
  });

  it('recomputes a calendar-day receipt with its rule set\'s counting', () => {
    const data = received(history([receive('2026-02-13T16:00', { procedureCode: FIFTEEN_CALENDAR_DAYS })]));
    expect(recomputeReceiptDates({ calendars: createCalendarRegistry(), rules }, data)).toEqual({
      processingStartDate: data.processingStartDate,
      dueDate: data.dueDate,
    });
  });

  it('refuses a version it does not hold, and a rule set the book lacks', () => {
    const data = received(history([receive('2026-03-02T10:00')]));
    const calendars = createCalendarRegistry();
    expect(() => recomputeReceiptDates({ calendars, rules }, { ...data, calendarVersion: 'vn-2030.1' })).toThrow(UnknownCalendarVersionError);
    expect(() => recomputeReceiptDates({ calendars, rules }, { ...data, ruleSetId: 'decree-1-2099' })).toThrow(/rule set decree-1-2099/);
  });
});

describe('replaying a log with the versions its events record', () => {
  const rules = createRuleBook(BUILT_IN_RULE_SETS, TEST_PROCEDURES);
  const legacyRules = createRuleBook(
    BUILT_IN_RULE_SETS.map(({ calendarDaysCountFrom: _dropped, ...set }) => ({ ...set, receiptDayCounts: true })),
    TEST_PROCEDURES,
  );
  /** vn-2026.1, then a later version with two closures: a log may hold dossiers of either. */
  const VN_2026_2: CalendarVersionData = {
    ...VN_2026_1,
    version: 'vn-2026.2',
    effectiveFrom: '2026-12-01',
    source: 'test: closures on Mon 2026-02-23 and Fri 2026-03-13',
    extraDaysOff: [
      { date: '2026-02-23', reason: 'closure' },
      { date: '2026-03-13', reason: 'closure' },
    ],
  };
  const calendars = createCalendarRegistry([...BUILT_IN_CALENDAR_VERSIONS, VN_2026_2]);
  const shift = (command: DossierCommand, days: number): DossierCommand => {
    const data: Record<string, unknown> = { ...command.data };
    const instant = data.occurredAt as string;
    data.occurredAt = `${addCalendarDays(instant.slice(0, 10), days)}${instant.slice(10)}`;
    if (typeof data.newDueDate === 'string') data.newDueDate = addCalendarDays(data.newDueDate, days);
    return { ...command, data } as DossierCommand;
  };

  it('a form 05 step and an error correction, recorded under vn-2026.2, recompute with it (the closure of Fri 13 March counts)', () => {
    const decider = createDossierDecider({ calendar: calendars.calendarFor('vn-2026.2'), rules });
    const events = history(
      [
        receive('2026-03-02T09:00'),
        transfer('2026-03-02T10:00'),
        assignStep('2026-03-10T10:00', 'appraisal', 'dept-natural-resources', 4),
        completeStep('2026-03-11T10:00', 'appraisal'),
        complete('2026-03-11T11:00'),
        returnResult('2026-03-11T15:00'),
        reportError('2026-03-12T09:00'),
      ],
      decider,
    );
    const dates = recomputeDossierDates({ calendars, rules }, events).filter((row) => row.type !== 'DossierReceived');
    expect(dates.map(({ type, field, recorded, recomputed }) => [type, field, recorded, recomputed])).toEqual([
      ['StepAssigned', 'stepStartDate', '2026-03-10', '2026-03-10'],
      ['StepAssigned', 'stepDueDate', '2026-03-17', '2026-03-17'],
      ['ResultErrorReported', 'correctionStartDate', '2026-03-12', '2026-03-12'],
      ['ResultErrorReported', 'correctionDueDate', '2026-03-20', '2026-03-20'],
    ]);
  });

  fcTest.prop([dossierScenario, fc.integer({ min: -45, max: 0 }), fc.constantFrom('vn-2026.1', 'vn-2026.2'), fc.boolean()])(
    'every date fixed at receipt or forwarding equals the date recomputed with its calendar version and rule set',
    (scenario, days, version, legacy) => {
      const book = legacy ? legacyRules : rules;
      const decider = createDossierDecider({ calendar: calendars.calendarFor(version), rules: book });
      const events: DossierEvent[] = [];
      let state = decider.initialState();
      for (const command of commandsOf(scenario).map((c) => shift(c, days))) {
        const result = decider.decide(command, state);
        if (isLeft(result)) continue;
        for (const event of result.right) {
          events.push(event);
          state = decider.evolve(state, event);
        }
      }
      const dates = recomputeDossierDates({ calendars, rules: book }, events);
      expect(dates.length).toBeGreaterThanOrEqual(2);
      for (const date of dates) expect(date.recomputed, `${date.type}.${date.field}`).toBe(date.recorded);
    },
  );
});
