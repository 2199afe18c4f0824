import { describe, it, expect } from 'vitest';
import { fold } from '../kernel/decider.js';
import type { DossierDecider } from './decider.js';
import { limitEndDate, pausedDueDate, promisedReturnDate, timelinessOf } from './due-date.js';
import {
  FIFTEEN_CALENDAR_DAYS,
  IMMEDIATE,
  calendar,
  history,
  pauseDecider,
  receiptDayCountsDecider,
  receive,
  receiveSupplement,
  requestSupplement,
  restartDecider,
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
