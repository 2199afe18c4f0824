import { addCalendarDays, compareDates, toVietnamDate } from '../calendar/index.js';
import type { CalendarRegistry, WorkingDayCalendar } from '../calendar/types.js';
import type { CalendarDaysCountFrom, RuleBook } from '../rules/types.js';
import type { DossierEvent } from './events.js';
import type { TimeLimit } from './vocabulary.js';

/**
 * How a time limit becomes a promised return date (docs/domain/dossier-lifecycle.md §6,
 * docs/domain/calendar.md §3).
 *
 * Limits in working days (or hours) start on the processing start day: the receipt day, or the next
 * working day when the dossier arrived after the rule set's cutoff or on a day off (the 15:00 rule,
 * Decree 61/2018 Art.18). The rule set's `receiptDayCounts` then says whether that start day is day 1:
 *
 * - `false` (Civil Code 2015 Art.147(2)–(3): a period in days starts the day after the event):
 *   the due date is the n-th working day strictly after the start day.
 *   Received Mon 2026-03-02 10:00, 5 working days → Tue(1) Wed(2) Thu(3) Fri(4) Mon 9 Mar(5).
 * - `true`: the start day is day 1, so the due date is the (n−1)-th working day after it.
 *   Received Mon 2026-03-02 10:00, 5 working days → Mon(1) … Fri 2026-03-06(5).
 *
 * Received after the cutoff (Mon 15:30), the start day is Tuesday and both dates move one working day.
 *
 * Limits in calendar days count from the day the rule set's `calendarDaysCountFrom` names: the
 * calendar day of receipt (`receipt-date`, the Civil Code's rule: the hour and the 15:00 cutoff do not
 * matter, holidays inside the period count) or, in configurations from before that setting, the
 * processing start day. A last day that is not a working day moves to the next working day (Civil
 * Code 2015 Art.148(5)). Fri 2026-02-13 at 14:00 or 16:00, 15 calendar days → Sat 28 Feb → Mon 2 Mar.
 *
 * Working-hour limits are rounded up to whole working days of 8 hours (an approximation: desks'
 * opening hours differ). Immediate-result procedures (Art.17) are due on the processing start day
 * itself: the receipt day, or the next working day when received after the cutoff or on a day off
 * (as the catalogue states for certified copies).
 */
export const limitEndDate = (
  calendar: WorkingDayCalendar,
  startDate: string,
  timeLimit: TimeLimit,
  receiptDayCounts: boolean,
): string => {
  const offset = (days: number) => Math.max(0, days - (receiptDayCounts ? 1 : 0));
  switch (timeLimit.unit) {
    case 'working-days':
      return calendar.addWorkingDays(startDate, offset(timeLimit.amount));
    case 'working-hours':
      return calendar.addWorkingDays(startDate, offset(Math.ceil(timeLimit.amount / WORKING_HOURS_PER_DAY)));
    case 'calendar-days':
      return calendar.nextWorkingDayOnOrAfter(addCalendarDays(startDate, offset(timeLimit.amount)));
  }
};

export const WORKING_HOURS_PER_DAY = 8;

/**
 * The day a limit is counted from: the processing start day, except for a limit in calendar days
 * under `calendarDaysCountFrom: 'receipt-date'`, which counts from the calendar day of arrival.
 * `undefined` is a rule set from before the setting: the processing start day.
 */
export const countingStartDate = (input: {
  readonly unit: TimeLimit['unit'];
  readonly startDate: string;
  readonly arrivedAt: string;
  readonly calendarDaysCountFrom: CalendarDaysCountFrom | undefined;
}): string => (input.unit === 'calendar-days' && input.calendarDaysCountFrom === 'receipt-date' ? toVietnamDate(input.arrivedAt) : input.startDate);

export interface PromiseInput {
  /** Processing start day of the arrival (15:00 rule applied). */
  readonly startDate: string;
  /** When the dossier, or the supplement that restarts the clock, arrived. */
  readonly arrivedAt: string;
  readonly timeLimit: TimeLimit;
  readonly immediateResult: boolean;
  readonly receiptDayCounts: boolean;
  /** The rule set's `calendarDaysCountFrom` (absent in configurations from before it). */
  readonly calendarDaysCountFrom: CalendarDaysCountFrom | undefined;
}

/** The appointment written on form 01 (or recomputed when a supplement restarts the clock). */
export const promisedReturnDate = (calendar: WorkingDayCalendar, input: PromiseInput): string =>
  input.immediateResult
    ? input.startDate
    : limitEndDate(calendar, countingStartDate({ ...input, unit: input.timeLimit.unit }), input.timeLimit, input.receiptDayCounts);

export interface PauseInput {
  readonly dueDate: string;
  readonly requestedAt: string;
  /** Processing start day of the supplement (15:00 rule applied to its arrival). */
  readonly resumeDate: string;
  /** When the supplement arrived. */
  readonly arrivedAt: string;
  readonly timeLimit: TimeLimit;
  readonly receiptDayCounts: boolean;
  readonly calendarDaysCountFrom: CalendarDaysCountFrom | undefined;
}

/**
 * PAUSE policy: the due date moves by the days the dossier waited, i.e. the days after the request
 * day up to the resume day, the resume day itself excluded when the start day counts as day 1 (work
 * resumes on it). This keeps the days of the limit that were left when the request went out.
 * Requested Wed 2026-03-04, resumed Mon 9 Mar, start day not counting: Thu, Fri, Mon → 3 days.
 * A limit in calendar days resumes on the day its count would start (`countingStartDate`).
 */
export const pausedDueDate = (calendar: WorkingDayCalendar, input: PauseInput): { dueDate: string; pausedDays: number } => {
  const requestDate = toVietnamDate(input.requestedAt);
  const resumeDayWorks = input.receiptDayCounts ? 1 : 0;
  if (input.timeLimit.unit === 'calendar-days') {
    const resumeDate = countingStartDate({ ...input, startDate: input.resumeDate, unit: input.timeLimit.unit });
    const pausedDays = Math.max(0, compareDates(resumeDate, requestDate) - resumeDayWorks);
    return { dueDate: calendar.nextWorkingDayOnOrAfter(addCalendarDays(input.dueDate, pausedDays)), pausedDays };
  }
  const pausedDays = Math.max(0, calendar.workingDaysBetween(requestDate, input.resumeDate) - resumeDayWorks);
  return { dueDate: calendar.addWorkingDays(input.dueDate, pausedDays), pausedDays };
};

/** Due date of an inter-agency step: the same counting as the dossier's own limit. */
export const stepDueDate = (calendar: WorkingDayCalendar, startDate: string, workingDays: number, receiptDayCounts: boolean) =>
  limitEndDate(calendar, startDate, { amount: workingDays, unit: 'working-days' }, receiptDayCounts);

/** `early` / `on-time` / `late` of a Vietnamese date against a due date (Circular 01 index 1). */
export const timelinessOf = (date: string, dueDate: string) => {
  const diff = compareDates(date, dueDate);
  return diff < 0 ? 'early' : diff === 0 ? 'on-time' : 'late';
};

/** What recomputing a recorded date needs: the published calendars and the rule sets, by the ids events record. */
export interface RecomputeDeps {
  readonly calendars: Pick<CalendarRegistry, 'calendarFor'>;
  readonly rules: Pick<RuleBook, 'byId'>;
}

/** The facts of a `DossierReceived` event its dates are computed from. */
export interface RecordedReceipt {
  readonly occurredAt: string;
  readonly ruleSetId: string;
  readonly calendarVersion: string;
  readonly timeLimit: TimeLimit;
  readonly immediateResult: boolean;
  readonly transferCutoff: string;
  readonly receiptDayCounts: boolean;
}

/**
 * The processing start day and the due date of a received dossier, recomputed with the calendar
 * version and the rule set its event records (docs/domain/calendar.md §4), never today's: a calendar
 * published later (a day off added, a schedule moved) does not change what the event's figures
 * were computed with. An unknown version or rule set throws: the deployment lacks data its log names.
 */
export const recomputeReceiptDates = (deps: RecomputeDeps, receipt: RecordedReceipt): { processingStartDate: string; dueDate: string } => {
  const calendar = deps.calendars.calendarFor(receipt.calendarVersion);
  const ruleSet = deps.rules.byId(receipt.ruleSetId);
  if (ruleSet === undefined) throw new Error(`rule set ${receipt.ruleSetId} is not in the rule book`);
  const processingStartDate = calendar.processingStartDate(receipt.occurredAt, receipt.transferCutoff);
  const dueDate = promisedReturnDate(calendar, {
    startDate: processingStartDate,
    arrivedAt: receipt.occurredAt,
    timeLimit: receipt.timeLimit,
    immediateResult: receipt.immediateResult,
    receiptDayCounts: receipt.receiptDayCounts,
    calendarDaysCountFrom: ruleSet.calendarDaysCountFrom,
  });
  return { processingStartDate, dueDate };
};

/** A date an event recorded, beside the same date recomputed with the versions the event names. */
export interface RecomputedDate {
  /** Index of the event in the dossier's events. */
  readonly index: number;
  readonly type: 'DossierReceived' | 'ForwardedToAgency' | 'StepAssigned' | 'ResultErrorReported';
  readonly field: 'processingStartDate' | 'dueDate' | 'stepStartDate' | 'stepDueDate' | 'correctionStartDate' | 'correctionDueDate';
  readonly calendarVersion: string;
  readonly recorded: string;
  readonly recomputed: string;
}

/** The period a form 05 step, a forwarding or an error's correction records: counted as a step is. */
const periodOf = (
  event: DossierEvent,
):
  | {
      readonly type: RecomputedDate['type'];
      readonly occurredAt: string;
      readonly calendarVersion: string;
      readonly startDate: string;
      readonly dueDate: string;
      readonly workingDays: number;
      readonly fields: readonly [RecomputedDate['field'], RecomputedDate['field']];
    }
  | undefined => {
  switch (event.type) {
    case 'StepAssigned':
    case 'ForwardedToAgency': {
      const { data } = event;
      const fields = ['stepStartDate', 'stepDueDate'] as const;
      return { type: event.type, occurredAt: data.occurredAt, calendarVersion: data.calendarVersion, startDate: data.stepStartDate, dueDate: data.stepDueDate, workingDays: data.stepLimitWorkingDays, fields };
    }
    case 'ResultErrorReported': {
      const { data } = event;
      const fields = ['correctionStartDate', 'correctionDueDate'] as const;
      return { type: event.type, occurredAt: data.occurredAt, calendarVersion: data.calendarVersion, startDate: data.correctionStartDate, dueDate: data.correctionDueDate, workingDays: data.correctionWorkingDays, fields };
    }
    default:
      return undefined;
  }
};

/**
 * Replays one dossier's events and recomputes the dates fixed at receipt, at each forwarding to
 * another body, at each form 05 step and at each error reported in the result, each with the calendar version its own event records and the dossier's rule set
 * (docs/domain/calendar.md §4). Where `recorded` and `recomputed` differ, the log and the data of the
 * versions it names disagree. Dates moved by supplements and apologies are not recomputed here.
 */
export const recomputeDossierDates = (deps: RecomputeDeps, events: readonly DossierEvent[]): RecomputedDate[] => {
  const out: RecomputedDate[] = [];
  let receipt: RecordedReceipt | undefined;
  events.forEach((event, index) => {
    if (event.type === 'DossierReceived') {
      const { data } = event;
      receipt = data;
      const again = recomputeReceiptDates(deps, data);
      const row = { index, type: 'DossierReceived', calendarVersion: data.calendarVersion } as const;
      out.push({ ...row, field: 'processingStartDate', recorded: data.processingStartDate, recomputed: again.processingStartDate });
      out.push({ ...row, field: 'dueDate', recorded: data.dueDate, recomputed: again.dueDate });
    } else if (receipt !== undefined) {
      const step = periodOf(event);
      if (step === undefined) return;
      // A step, a forwarding or a correction: its start by the 15:00 rule, then its working days.
      const calendar = deps.calendars.calendarFor(step.calendarVersion);
      const start = calendar.processingStartDate(step.occurredAt, receipt.transferCutoff);
      const row = { index, type: step.type, calendarVersion: step.calendarVersion };
      out.push({ ...row, field: step.fields[0], recorded: step.startDate, recomputed: start });
      out.push({ ...row, field: step.fields[1], recorded: step.dueDate, recomputed: stepDueDate(calendar, start, step.workingDays, receipt.receiptDayCounts) });
    }
  });
  return out;
};
