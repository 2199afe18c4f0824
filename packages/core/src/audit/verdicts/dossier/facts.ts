import { addCalendarDays, compareDates, toVietnamDate } from '../../../calendar/dates.js';
import type { WorkingDayCalendar } from '../../../calendar/types.js';
import type { DossierEvent } from '../../../dossier/events.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { RuleBook } from '../../../rules/types.js';
import type { VerdictStep } from '../../verdict.js';
import { breachesOf } from '../evidence.js';
import { plural, SOURCES } from './sources.js';

type Recorded<T extends DossierEvent['type']> = RecordedEvent<Extract<DossierEvent, { type: T }>>;

/** The days off between two dates (both included), grouped by reason: what a period across Tết shows. */
const daysOffBetween = (calendar: WorkingDayCalendar, from: string, to: string): { count: number; reasons: string[] } => {
  const reasons = new Map<string, number>();
  let count = 0;
  for (let date = from; compareDates(date, to) <= 0; date = addCalendarDays(date, 1)) {
    const off = calendar.dayOff(date);
    if (off === undefined) continue;
    count += 1;
    if (off.kind !== 'weekend') reasons.set(off.reason, (reasons.get(off.reason) ?? 0) + 1);
  }
  return { count, reasons: [...reasons].map(([reason, n]) => `${reason} (${plural(n, 'day')})`) };
};

/** Form 01: the limit, the processing start (15:00 rule) and the due date, with the versions they were computed with. */
export const receiptStep = (received: Recorded<'DossierReceived'>, calendar: WorkingDayCalendar): VerdictStep => {
  const { data } = received;
  const receivedOn = toVietnamDate(data.occurredAt);
  const shifted = data.processingStartDate !== receivedOn;
  const off = daysOffBetween(calendar, data.processingStartDate, data.dueDate);
  return {
    id: 'receipt',
    finding:
      `Dossier ${data.dossierCode} (procedure ${data.procedureCode}, version of ${data.procedureVersion}, by ${data.channel}) was received at ${data.occurredAt} by ${data.receivingUnitId}; ` +
      `processing started ${data.processingStartDate}${shifted ? ` (after the ${data.transferCutoff} cutoff or on a day off, so the next working day)` : ''}; ` +
      (data.immediateResult
        ? `an immediate-result procedure is due that day: ${data.dueDate}`
        : `its limit of ${data.timeLimit.amount} ${data.timeLimit.unit.replace('-', ' ')} (receipt day ${data.receiptDayCounts ? 'counts' : 'does not count'} as day 1) gives the due date ${data.dueDate} on form 01`) +
      ` (rule set ${data.ruleSetId}, calendar ${data.calendarVersion}), the rules in force at receipt for its whole processing.` +
      (off.reasons.length === 0 ? '' : ` The period to the due date holds ${plural(off.count, 'day')} off, among them ${off.reasons.join(', ')}.`),
    rule: { ruleSetId: data.ruleSetId, field: 'transferCutoff, receiptDayCounts, calendarDaysCountFrom', source: SOURCES.dueDate },
    events: [received.metadata.globalPosition],
    values: {
      receivedAt: data.occurredAt,
      processingStartDate: data.processingStartDate,
      dueDate: data.dueDate,
      timeLimit: `${data.timeLimit.amount} ${data.timeLimit.unit}`,
      ruleSetId: data.ruleSetId,
      calendarVersion: data.calendarVersion,
      daysOff: off.count,
    },
  };
};

export const transferStep = (transferred: Recorded<'DossierTransferred'>, ruleSetId: string): VerdictStep => ({
  id: 'transfer',
  finding:
    `Transferred to ${transferred.data.processingBodyId ?? 'the processing body'} at ${transferred.data.occurredAt}: ` +
    `${transferred.data.onTime ? 'on time' : 'late'} against the processing start day ${transferred.data.processingStartDate} (Art.18).`,
  rule: { ruleSetId, field: 'transferCutoff', source: SOURCES.lifecycle },
  events: [transferred.metadata.globalPosition],
  values: { onTime: transferred.data.onTime, processingStartDate: transferred.data.processingStartDate },
});

/** A body that held the dossier, and for how many working days (d with start < d ≤ end). */
export interface Holding {
  readonly body: string;
  readonly role: 'processing' | 'agency' | 'applicant' | 'step';
  readonly workingDays: number;
  readonly events: readonly number[];
}

/** Each forwarding to another body (Art.19(6–7)): its step limit and due date, the day it came back, the working days it held the dossier. */
export const agencySteps = (
  forwards: readonly { forwarded: Recorded<'ForwardedToAgency'>; returned?: Recorded<'ReturnedFromAgency'> }[],
  calendar: WorkingDayCalendar,
  until: string | undefined,
  ruleSetId: string,
): { steps: VerdictStep[]; holdings: Holding[] } => {
  const steps: VerdictStep[] = [];
  const holdings: Holding[] = [];
  forwards.forEach(({ forwarded, returned }, i) => {
    const { data } = forwarded;
    const from = toVietnamDate(data.occurredAt);
    const back = returned === undefined ? undefined : toVietnamDate(returned.data.occurredAt);
    const end = back ?? until ?? from;
    const held = Math.max(0, calendar.workingDaysBetween(from, end));
    const events = [forwarded.metadata.globalPosition, ...(returned === undefined ? [] : [returned.metadata.globalPosition])];
    holdings.push({ body: data.agencyId, role: 'agency', workingDays: held, events });
    steps.push({
      id: `agency:${i + 1}`,
      finding:
        `Forwarded to ${data.agencyId} on ${from}${data.purpose === undefined ? '' : ` (${data.purpose})`} with ${plural(data.stepLimitWorkingDays, 'working day')} from ${data.stepStartDate}: due ${data.stepDueDate} (calendar ${data.calendarVersion}); ` +
        (back === undefined
          ? `not back yet; held ${plural(held, 'working day')} so far.`
          : `back on ${back}, ${returned?.data.onTime === true ? 'on time' : 'late'}; held ${plural(held, 'working day')}.`),
      rule: { ruleSetId, field: 'ForwardedToAgency.stepLimitWorkingDays', source: SOURCES.dueDate },
      events,
      values: { agencyId: data.agencyId, stepDueDate: data.stepDueDate, returnedOn: back ?? null, onTime: returned?.data.onTime ?? null, workingDaysHeld: held },
    });
  });
  return { steps, holdings };
};

/**
 * Each step of the processing control sheet (form 05, Art.19(1–5); docs/domain/dossier-lifecycle.md
 * §8): the body it was assigned to, its due date, the day it was done against it and the working days
 * it took (or has taken so far), so the body that held the dossier longest is named among them.
 */
export const form05Steps = (
  own: readonly RecordedEvent[],
  calendar: WorkingDayCalendar,
  until: string | undefined,
  ruleSetId: string,
): { steps: VerdictStep[]; holdings: Holding[] } => {
  const steps: VerdictStep[] = [];
  const holdings: Holding[] = [];
  const assigned = own.filter((event): event is Recorded<'StepAssigned'> => event.type === 'StepAssigned');
  assigned.forEach((event, i) => {
    const { data } = event;
    const done = own.find(
      (later): later is Recorded<'StepCompleted'> =>
        later.type === 'StepCompleted' && (later as Recorded<'StepCompleted'>).data.stepId === data.stepId && later.metadata.globalPosition > event.metadata.globalPosition,
    );
    const held = done?.data.workingDaysTaken ?? Math.max(0, calendar.workingDaysBetween(data.stepStartDate, until ?? data.stepStartDate));
    const events = [event.metadata.globalPosition, ...(done === undefined ? [] : [done.metadata.globalPosition])];
    holdings.push({ body: data.bodyId, role: 'step', workingDays: held, events });
    steps.push({
      id: `form05:${i + 1}`,
      finding:
        `Form 05 step ${data.stepId} (${data.stepKind}) assigned to ${data.bodyId} with ${plural(data.stepLimitWorkingDays, 'working day')} from ${data.stepStartDate}: due ${data.stepDueDate}; ` +
        (done === undefined
          ? `not done yet; ${plural(held, 'working day')} so far.`
          : `done on ${done.data.completedDate}, ${done.data.timeliness === 'late' ? 'late' : done.data.timeliness === 'early' ? 'early' : 'on its due date'}, in ${plural(held, 'working day')}.`),
      rule: { ruleSetId, field: 'StepAssigned.stepLimitWorkingDays', source: SOURCES.lifecycle },
      events,
      values: {
        stepId: data.stepId,
        stepKind: data.stepKind,
        bodyId: data.bodyId,
        stepDueDate: data.stepDueDate,
        completedOn: done?.data.completedDate ?? null,
        timeliness: done?.data.timeliness ?? null,
        workingDaysHeld: held,
      },
    });
  });
  return { steps, holdings };
};

/** Which body held the dossier longest: the processing body for the time no other body or the applicant had it. */
export const holderStep = (
  received: Recorded<'DossierReceived'>,
  processingBody: string,
  holdings: readonly Holding[],
  calendar: WorkingDayCalendar,
  until: string | undefined,
  ruleSetId: string,
): { step: VerdictStep; longest: { body: string; workingDays: number } } => {
  const start = received.data.processingStartDate;
  const end = until ?? start;
  const total = Math.max(0, calendar.workingDaysBetween(start, end));
  const elsewhere = holdings.reduce((n, h) => n + h.workingDays, 0);
  const byBody = new Map<string, Holding>();
  for (const h of [{ body: processingBody, role: 'processing' as const, workingDays: Math.max(0, total - elsewhere), events: [received.metadata.globalPosition] }, ...holdings]) {
    const key = h.role === 'applicant' ? 'the applicant (completing the dossier)' : h.body;
    const before = byBody.get(key);
    byBody.set(key, { ...h, body: key, workingDays: (before?.workingDays ?? 0) + h.workingDays, events: [...(before?.events ?? []), ...h.events] });
  }
  const ranked = [...byBody.values()].sort((a, b) => b.workingDays - a.workingDays);
  const longest = ranked[0]!;
  return {
    longest: { body: longest.body, workingDays: longest.workingDays },
    step: {
      id: 'longest-holder',
      finding:
        `From the processing start ${start} to ${end} (${plural(total, 'working day')}): ` +
        `${ranked.map((h) => `${h.body} ${plural(h.workingDays, 'working day')}`).join(', ')}. ` +
        `${longest.body} held it longest.`,
      rule: { ruleSetId, field: 'ForwardedToAgency, StepAssigned, SupplementRequested', source: SOURCES.lifecycle },
      events: [...new Set(ranked.flatMap((h) => h.events))].sort((a, b) => a - b),
      values: { longestHolder: longest.body, workingDays: longest.workingDays, totalWorkingDays: total },
    },
  };
};

export interface ApologyOutcome {
  readonly issuedOn: string;
  readonly previousDueDate: string;
  readonly newDueDate: string;
  readonly workingDaysBeforeDue: number;
  readonly requiredWorkingDays: number;
  readonly inTime: boolean;
  readonly number: number;
  readonly maxPerDossier: number | null;
}

/** Form 04: at least `apology.minWorkingDaysBeforeDue` working days before the due date, at most `maxPerDossier` (Art.19(9), 12(5)). */
export const apologyStep = (apology: Recorded<'ApologyIssued'>, number: number, rules: RuleBook): { step: VerdictStep; outcome: ApologyOutcome } => {
  const { data } = apology;
  const ruleSet = rules.byId(data.ruleSetId);
  const required = ruleSet?.apology.minWorkingDaysBeforeDue ?? 1;
  const max = ruleSet?.apology.maxPerDossier;
  const inTime = data.workingDaysBeforeDue >= required;
  const issuedOn = toVietnamDate(data.occurredAt);
  const breaches = breachesOf(apology);
  return {
    outcome: { issuedOn, previousDueDate: data.previousDueDate, newDueDate: data.newDueDate, workingDaysBeforeDue: data.workingDaysBeforeDue, requiredWorkingDays: required, inTime, number, maxPerDossier: max ?? null },
    step: {
      id: `apology:${number}`,
      finding:
        `Apology ${number} (form 04) issued on ${issuedOn} (${data.reason}): ${plural(data.workingDaysBeforeDue, 'working day')} before the due date ${data.previousDueDate}, ` +
        `${inTime ? 'in time' : 'too late'} (${data.ruleSetId} apology.minWorkingDaysBeforeDue = ${required})` +
        (max === undefined ? '' : `; apology ${number} of at most ${max}${number > max ? ': beyond the limit' : ''}`) +
        `. It promises ${data.newDueDate}; the dossier is still judged against its original due date ${data.originalDueDate}` +
        (breaches.length === 0 ? '.' : `; recorded breaking ${breaches.map((b) => b.rule).join(', ')}.`),
      rule: { ruleSetId: data.ruleSetId, field: 'apology.minWorkingDaysBeforeDue, apology.maxPerDossier', source: SOURCES.apology },
      events: [apology.metadata.globalPosition],
      values: { issuedOn, previousDueDate: data.previousDueDate, originalDueDate: data.originalDueDate, newDueDate: data.newDueDate, workingDaysBeforeDue: data.workingDaysBeforeDue, required, inTime },
    },
  };
};
