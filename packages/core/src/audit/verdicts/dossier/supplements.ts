import type { DossierEvent } from '../../../dossier/events.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { RuleSet } from '../../../rules/types.js';
import type { VerdictStep } from '../../verdict.js';
import { breachesOf } from '../evidence.js';
import { plural, SOURCES } from './sources.js';

type Recorded<T extends DossierEvent['type']> = RecordedEvent<Extract<DossierEvent, { type: T }>>;

/** One supplement request and what became of it: whether it was lawful, and what it did to the clock. */
export interface SupplementOutcome {
  readonly stage: 'intake' | 'processing';
  readonly number: number;
  readonly requestedOn: string;
  readonly lawful: boolean;
  /** Processing only: the clock policy applied at its arrival, and the due date before and after. */
  readonly clockPolicy?: 'RESTART' | 'PAUSE';
  readonly dueDateBefore?: string;
  readonly dueDateAfter?: string;
  readonly pausedDays?: number;
}


const outside = (asked: readonly string[], published: readonly string[]): string[] => asked.filter((document) => !published.includes(document));

const breachText = (event: RecordedEvent): string => {
  const breaches = breachesOf(event);
  return breaches.length === 0 ? 'no breach recorded' : `recorded breaking ${breaches.map((b) => b.rule).join(', ')}`;
};

/** An intake request (form 02): every gap in one go, only published documents (Art.15(3), 17(1a)); no clock starts. */
export const intakeSupplementStep = (
  request: Recorded<'SupplementRequestedAtIntake'>,
  number: number,
  published: readonly string[],
  askedBefore: readonly string[],
  ruleSetId: string,
  vnDay: (instant: string) => string,
): { step: VerdictStep; outcome: SupplementOutcome } => {
  const { missingDocuments } = request.data;
  const unpublished = outside(missingDocuments, published);
  const notFirst = number === 1 ? [] : outside(missingDocuments, askedBefore);
  const lawful = unpublished.length === 0 && notFirst.length === 0 && breachesOf(request).length === 0;
  const requestedOn = vnDay(request.data.occurredAt);
  return {
    outcome: { stage: 'intake', number, requestedOn, lawful },
    step: {
      id: `intake-supplement:${number}`,
      finding:
        `Intake supplement request ${number} on ${requestedOn} asked for ${missingDocuments.join(', ')}; ` +
        (unpublished.length === 0 ? 'all in the published list' : `not in the published list: ${unpublished.join(', ')}`) +
        (number === 1 ? '' : notFirst.length === 0 ? '; it repeats gaps named before' : `; gaps the first request did not name (not in one go): ${notFirst.join(', ')}`) +
        `; ${breachText(request)}: ${lawful ? 'lawful' : 'not lawful'}. An intake request starts no clock.`,
      rule: { ruleSetId, field: 'requiredDocuments (in one go)', source: SOURCES.lifecycle },
      events: [request.metadata.globalPosition],
      values: { stage: 'intake', number, requestedOn, lawful, unpublished: unpublished.length, notInOneGo: notFirst.length },
    },
  };
};

/**
 * A request during processing (Art.19(4)): within `supplementRequestWithinWorkingDays` of the
 * processing start, at most `maxSupplementRequests`, only published documents; then the clock the
 * rule set gives for its kind (`supplementClockPolicy`, or `supplementClockAfterVerification` for a
 * gap found in verification), as its arrival recorded it.
 */
export const processingSupplementStep = (
  request: Recorded<'SupplementRequested'>,
  arrival: Recorded<'SupplementReceived'> | undefined,
  dueDateBefore: string | undefined,
  published: readonly string[],
  ruleSet: RuleSet | undefined,
  vnDay: (instant: string) => string,
): { step: VerdictStep; outcome: SupplementOutcome } => {
  const { data } = request;
  const window = ruleSet?.supplementRequestWithinWorkingDays;
  const limit = ruleSet?.maxSupplementRequests;
  const unpublished = outside(data.missingDocuments, published);
  const inWindow = window === undefined || data.workingDaysSinceReceipt <= window;
  const withinLimit = limit === undefined || data.requestNumber <= limit;
  const lawful = inWindow && withinLimit && unpublished.length === 0 && breachesOf(request).length === 0;
  const afterVerification = data.afterVerification === true;
  const policyField = afterVerification && ruleSet?.supplementClockAfterVerification !== undefined ? 'supplementClockAfterVerification' : 'supplementClockPolicy';
  const rulePolicy = ruleSet === undefined ? undefined : afterVerification ? (ruleSet.supplementClockAfterVerification ?? ruleSet.supplementClockPolicy) : ruleSet.supplementClockPolicy;
  const requestedOn = vnDay(data.occurredAt);
  const clock =
    arrival === undefined
      ? ' The supplement has not arrived: the clock waits.'
      : ` It arrived on ${vnDay(arrival.data.occurredAt)} (processing resumed ${arrival.data.resumeDate}); the clock ` +
        (arrival.data.clockPolicy === 'RESTART'
          ? `restarted from zero (RESTART)`
          : `paused for ${plural(arrival.data.pausedDays ?? 0, 'day')} (PAUSE)`) +
        `, moving the due date from ${dueDateBefore ?? '?'} to ${arrival.data.dueDate} (calendar ${arrival.data.calendarVersion})` +
        (rulePolicy === undefined || rulePolicy === arrival.data.clockPolicy
          ? `, as ${ruleSet?.id ?? data.ruleSetId} ${policyField} gives for a request ${afterVerification ? 'after verification' : 'on review'}.`
          : `; ${ruleSet?.id ?? data.ruleSetId} ${policyField} gives ${rulePolicy}: the recorded policy differs.`);
  return {
    outcome: {
      stage: 'processing',
      number: data.requestNumber,
      requestedOn,
      lawful,
      ...(arrival === undefined
        ? {}
        : {
            clockPolicy: arrival.data.clockPolicy,
            ...(dueDateBefore === undefined ? {} : { dueDateBefore }),
            dueDateAfter: arrival.data.dueDate,
            ...(arrival.data.pausedDays === undefined ? {} : { pausedDays: arrival.data.pausedDays }),
          }),
    },
    step: {
      id: `supplement:${data.requestNumber}`,
      finding:
        `Supplement request ${data.requestNumber} on ${requestedOn} (${afterVerification ? 'after verification' : 'on review of the dossier'}) asked for ${data.missingDocuments.join(', ')}: ` +
        `${plural(data.workingDaysSinceReceipt, 'working day')} after the processing start (${window === undefined ? 'no limit known' : `at most ${window}`}), ` +
        `request ${data.requestNumber} of ${limit === undefined ? 'no limit known' : `at most ${limit}`}, ` +
        (unpublished.length === 0 ? 'only published documents' : `not in the published list: ${unpublished.join(', ')}`) +
        `; ${breachText(request)}: ${lawful ? 'lawful' : 'not lawful'}.` +
        clock,
      rule: { ruleSetId: ruleSet?.id ?? data.ruleSetId, field: `supplementRequestWithinWorkingDays, maxSupplementRequests, ${policyField}`, source: SOURCES.clock },
      events: [request.metadata.globalPosition, ...(arrival === undefined ? [] : [arrival.metadata.globalPosition])],
      values: {
        stage: 'processing',
        number: data.requestNumber,
        requestedOn,
        workingDaysSinceReceipt: data.workingDaysSinceReceipt,
        windowWorkingDays: window ?? null,
        maxRequests: limit ?? null,
        afterVerification,
        lawful,
        clockPolicy: arrival?.data.clockPolicy ?? null,
        rulePolicy: rulePolicy ?? null,
        dueDateBefore: dueDateBefore ?? null,
        dueDateAfter: arrival?.data.dueDate ?? null,
        pausedDays: arrival?.data.pausedDays ?? null,
      },
    },
  };
};

