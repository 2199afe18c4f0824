import { toVietnamDate } from '../../../calendar/dates.js';
import { evolveDossier } from '../../../dossier/evolve.js';
import type { DossierEvent } from '../../../dossier/events.js';
import { dossierStreamId } from '../../../dossier/decider.js';
import { initialDossierState, type DossierState, type DossierStatus } from '../../../dossier/state.js';
import type { Timeliness } from '../../../dossier/vocabulary.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { resolutionOf, type Resolution } from '../../../read-side/read-models/dossier-support/index.js';
import { cutAsOf, judgingInstant, verdictAsOf } from '../../as-of.js';
import type { AsOf, Verdict, VerdictDefinition, VerdictDeps, VerdictStep } from '../../verdict.js';
import { breachesOf, breachStep, inOrderOfUse, lateEntryStep } from '../evidence.js';
import { asOfLabel } from '../moment.js';
import { agencySteps, apologyStep, form05Steps, holderStep, receiptStep, transferStep, type ApologyOutcome, type Holding } from './facts.js';
import { recomputedDatesStep } from './recompute.js';
import { plural, SOURCES } from './sources.js';
import { intakeSupplementStep, processingSupplementStep, type SupplementOutcome } from './supplements.js';

export interface DossierVerdictOutcome {
  /** The dossier's status as of the moment (`NOT_STARTED`: nothing recorded yet). */
  readonly status: DossierStatus;
  /** Whether its timeliness is judged: the result reached the desk, or (a log without `ResultReady`) was returned. */
  readonly judged: boolean;
  readonly judgedAt?: 'ready' | 'return';
  /** The day judged: the ready day, or the return day. */
  readonly judgedOn?: string;
  /** Against the original due date (docs/domain/dossier-lifecycle.md §5), as every read model judges it. */
  readonly timeliness?: Timeliness;
  /** Against the due date in force (an apology's new date), shown beside, never counted. */
  readonly timelinessAgainstDueDate?: Timeliness;
  /** Late: judged late, or open past its original due date as of the moment; null while neither is known. */
  readonly late: boolean | null;
  /** Open past its original due date as of the moment (not judged yet). */
  readonly overdue: boolean;
  /** Working days from the original due date to the day judged (or, overdue, to the day of the moment). */
  readonly workingDaysLate: number;
  /** The due date judged against: form 01 as moved by supplement clocks, before any apology. */
  readonly originalDueDate?: string;
  /** The due date in force: the apology's new date, when there is one. */
  readonly dueDate?: string;
  readonly supplements: readonly SupplementOutcome[];
  readonly longestHolder?: { readonly body: string; readonly workingDays: number };
  readonly apologies: readonly ApologyOutcome[];
  readonly lateEntries: number;
  readonly breaches: number;
}

type Recorded<T extends DossierEvent['type']> = RecordedEvent<Extract<DossierEvent, { type: T }>>;
const is = <T extends DossierEvent['type']>(event: RecordedEvent, type: T): event is Recorded<T> => event.type === type;

/** The read models' `Resolution`, and the event it was judged from. */
interface Judgement extends Resolution {
  readonly event: RecordedEvent;
}

/** Judged as the read models judge it: the return's `resolutionOf`, or before the return the `ResultReady` (as the dossier list does). */
const judgementOf = (own: readonly RecordedEvent[]): Judgement | undefined => {
  const returned = own.find((event) => is(event, 'ResultReturned')) as Recorded<'ResultReturned'> | undefined;
  if (returned !== undefined) {
    const resolution = resolutionOf(returned);
    return { ...resolution, event: returned };
  }
  const ready = own.find((event) => is(event, 'ResultReady')) as Recorded<'ResultReady'> | undefined;
  if (ready === undefined) return undefined;
  const { readyDate, timelinessAgainstOriginal, timeliness, originalDueDate, dueDate } = ready.data;
  return { judgedAt: 'ready', date: readyDate, timeliness: timelinessAgainstOriginal, timelinessAgainstDueDate: timeliness, originalDueDate, dueDate, event: ready };
};

const OPEN_AWAITING: readonly DossierStatus[] = ['AWAITING_SUPPLEMENT'];
const NOT_JUDGED_CLOSED: readonly DossierStatus[] = ['REFUSED_AT_INTAKE', 'WITHDRAWN'];

const notReceivedFinding = (code: string, label: string): string => `Dossier ${code} was not received ${label}: no time limit runs.`;

/** The verdict on a dossier with no event by the moment: not received, judged by no rule set or calendar. */
const notReceivedVerdict = (subject: { readonly tenantId: string; readonly subject: string; readonly asOf?: AsOf }, label: string): Verdict<DossierVerdictOutcome> => ({
  kind: 'dossier',
  tenantId: subject.tenantId,
  subject: subject.subject,
  asOf: verdictAsOf(subject.asOf, []),
  outcome: { status: 'NOT_STARTED', judged: false, late: null, overdue: false, workingDaysLate: 0, supplements: [], apologies: [], lateEntries: 0, breaches: 0 },
  steps: [
    {
      id: 'lateness',
      finding: notReceivedFinding(subject.subject, label),
      events: [],
      values: { status: 'NOT_STARTED', judgedAt: null, judgedOn: null, originalDueDate: null, dueDate: null, timeliness: null, late: null, workingDaysLate: 0 },
    },
  ],
  ruleSetVersions: [],
  calendarVersions: [],
  events: [],
});

/**
 * Was this dossier late (docs/audit.md, "Dossier and officer verdicts"; DOMAIN disputes 1–3, 5): judged
 * where its result reached the desk (else at the return) against its original due date, the apology's
 * date beside it; each supplement, whether it was lawful and what it did to the clock; each forwarding
 * and the body that held it longest; the apology and its notice; late entries and recorded breaches.
 * The rule set is the one recorded at receipt (docs/domain/rules-in-time.md §1); dates are recomputed
 * with the calendar versions the events record.
 */
export const computeDossierVerdict = (
  events: readonly RecordedEvent[],
  subject: { readonly tenantId: string; readonly subject: string; readonly asOf?: AsOf },
  deps: VerdictDeps,
): Verdict<DossierVerdictOutcome> => {
  const streamId = dossierStreamId(subject.tenantId, subject.subject);
  const own = cutAsOf(events, subject.asOf).filter((event) => event.metadata.streamId === streamId);
  const instant = judgingInstant(subject.asOf, own);
  const today = instant === undefined ? undefined : toVietnamDate(instant);
  const label = asOfLabel(subject.asOf, instant, verdictAsOf(subject.asOf, own).globalPosition);
  const state: DossierState = own.reduce((s, event) => evolveDossier(s, event as RecordedEvent<DossierEvent>), initialDossierState);
  const { calendar, rules } = deps;

  const submitted = own.find((e) => is(e, 'DossierSubmitted')) as Recorded<'DossierSubmitted'> | undefined;
  const received = own.find((e) => is(e, 'DossierReceived')) as Recorded<'DossierReceived'> | undefined;
  const first = own[0];
  // Nothing of the dossier by the moment: not received, which needs no rule set (a day before the first set too).
  if (first === undefined) return notReceivedVerdict(subject, label);
  const ruleSetId = received?.data.ruleSetId ?? rules.inForceAt(first.metadata.occurredAt).id;
  const ruleSet = rules.byId(ruleSetId);
  const judgement = judgementOf(own);
  const closedAt = state.returnedAt ?? state.withdrawnAt ?? state.refusedAtIntakeAt;
  const until = judgement?.date ?? (closedAt === undefined ? today : toVietnamDate(closedAt));
  const vnDay = toVietnamDate;

  const steps: VerdictStep[] = [];
  if (received !== undefined) steps.push(receiptStep(received, calendar));
  const recomputed = recomputedDatesStep(own, deps, ruleSetId);
  if (recomputed !== undefined) steps.push(recomputed);
  const transferred = own.find((e) => is(e, 'DossierTransferred')) as Recorded<'DossierTransferred'> | undefined;
  if (transferred !== undefined) steps.push(transferStep(transferred, ruleSetId));

  // Supplements, in order: intake requests (no clock), then requests during processing and their arrival.
  const supplements: SupplementOutcome[] = [];
  const holdings: Holding[] = [];
  const askedAtIntake: string[] = [];
  let intakeNumber = 0;
  let dueDate = received?.data.dueDate;
  own.forEach((event, i) => {
    if (is(event, 'SupplementRequestedAtIntake')) {
      intakeNumber += 1;
      const { step, outcome } = intakeSupplementStep(event, intakeNumber, submitted?.data.requiredDocuments ?? received?.data.requiredDocuments ?? [], askedAtIntake, ruleSetId, vnDay);
      askedAtIntake.push(...event.data.missingDocuments);
      steps.push(step);
      supplements.push(outcome);
    } else if (is(event, 'SupplementRequested')) {
      const arrival = own.slice(i + 1).find((e) => is(e, 'SupplementReceived')) as Recorded<'SupplementReceived'> | undefined;
      const { step, outcome } = processingSupplementStep(event, arrival, dueDate, received?.data.requiredDocuments ?? [], rules.byId(event.data.ruleSetId) ?? ruleSet, vnDay);
      if (arrival !== undefined) dueDate = arrival.data.dueDate;
      const back = arrival === undefined ? until : vnDay(arrival.data.occurredAt);
      holdings.push({
        body: 'applicant',
        role: 'applicant',
        workingDays: back === undefined ? 0 : Math.max(0, calendar.workingDaysBetween(vnDay(event.data.occurredAt), back)),
        events: step.events,
      });
      steps.push({ ...step, rule: { ...step.rule!, source: `${SOURCES.clock}; ${SOURCES.lifecycle}` } });
      supplements.push(outcome);
    }
  });

  const forwards = own.flatMap((event, i) =>
    is(event, 'ForwardedToAgency')
      ? [{ forwarded: event, ...(() => {
          const back = own.slice(i + 1).find((e) => is(e, 'ReturnedFromAgency') && e.data.agencyId === event.data.agencyId) as Recorded<'ReturnedFromAgency'> | undefined;
          return back === undefined ? {} : { returned: back };
        })() }]
      : [],
  );
  const agencies = agencySteps(forwards, calendar, until, ruleSetId);
  steps.push(...agencies.steps);
  holdings.push(...agencies.holdings);
  const sheet = form05Steps(own, calendar, until, ruleSetId);
  steps.push(...sheet.steps);
  holdings.push(...sheet.holdings);
  const holder =
    received === undefined ? undefined : holderStep(received, transferred?.data.processingBodyId ?? received.data.receivingUnitId, holdings, calendar, until, ruleSetId);
  if (holder !== undefined) steps.push(holder.step);

  const apologies = (own.filter((e) => is(e, 'ApologyIssued')) as Recorded<'ApologyIssued'>[]).map((event, i) => apologyStep(event, i + 1, rules));
  steps.push(...apologies.map((a) => a.step));

  // The judgement: where the result reached the desk, else at the return, against the original due date.
  const originalDueDate = judgement?.originalDueDate ?? state.originalDueDate;
  const dueDateInForce = judgement?.dueDate ?? state.dueDate;
  const overdue =
    judgement === undefined &&
    received !== undefined &&
    !NOT_JUDGED_CLOSED.includes(state.status) &&
    !OPEN_AWAITING.includes(state.status) &&
    originalDueDate !== undefined &&
    today !== undefined &&
    today > originalDueDate;
  const late = judgement !== undefined ? judgement.timeliness === 'late' : overdue ? true : null;
  const workingDaysLate =
    judgement !== undefined && judgement.timeliness === 'late' && originalDueDate !== undefined
      ? calendar.workingDaysBetween(originalDueDate, judgement.date)
      : overdue && originalDueDate !== undefined && today !== undefined
        ? calendar.workingDaysBetween(originalDueDate, today)
        : 0;
  const beside = dueDateInForce !== undefined && dueDateInForce !== originalDueDate ? ` The apology's date ${dueDateInForce} is shown beside it, never judged against` : '';
  const lateness: VerdictStep = {
    id: 'lateness',
    finding:
      received === undefined
        ? notReceivedFinding(subject.subject, label)
        : judgement !== undefined
          ? `Judged on ${judgement.date}, the day the result ${judgement.judgedAt === 'ready' ? 'reached the desk (ResultReady)' : 'was returned (no ResultReady recorded)'}, ` +
            `against the original due date ${judgement.originalDueDate}: ` +
            (judgement.timeliness === 'late' ? `late by ${plural(workingDaysLate, 'working day')} (calendar ${calendar.version})` : judgement.timeliness) +
            `.${beside}${beside === '' ? '' : `: against it the dossier is ${judgement.timelinessAgainstDueDate}.`}`
          : NOT_JUDGED_CLOSED.includes(state.status)
            ? `The dossier closed ${state.status === 'WITHDRAWN' ? 'withdrawn' : 'refused at intake'} ${label}: its timeliness is not judged.`
            : OPEN_AWAITING.includes(state.status)
              ? `Awaiting the applicant's supplement ${label}: the clock waits, the due date will move when it arrives.`
              : overdue
                ? `No result had reached the desk ${label}: overdue against the original due date ${originalDueDate} by ${plural(workingDaysLate, 'working day')}.${beside === '' ? '' : `${beside}.`}`
                : `No result had reached the desk ${label}: still within its time (original due date ${originalDueDate ?? '?'}).${beside === '' ? '' : `${beside}.`}`,
    rule: { ruleSetId, field: 'ResultReady.timelinessAgainstOriginal (else ResultReturned.timelinessAgainstOriginal)', source: `${SOURCES.resultReady}; ${SOURCES.apology}` },
    events: judgement === undefined ? [] : [judgement.event.metadata.globalPosition],
    values: {
      status: state.status,
      judgedAt: judgement?.judgedAt ?? null,
      judgedOn: judgement?.date ?? null,
      originalDueDate: originalDueDate ?? null,
      dueDate: dueDateInForce ?? null,
      timeliness: judgement?.timeliness ?? null,
      late,
      workingDaysLate,
    },
  };

  const used = own;
  const lateEntries = lateEntryStep(used, subject.asOf);
  const breaches = breachStep(used);
  steps.push(...(lateEntries === undefined ? [] : [lateEntries]), ...(breaches === undefined ? [] : [breaches]), lateness);

  const versioned = own as readonly RecordedEvent<{ type: string; data: { ruleSetId?: string; calendarVersion?: string } }>[];
  return {
    kind: 'dossier',
    tenantId: subject.tenantId,
    subject: subject.subject,
    asOf: verdictAsOf(subject.asOf, used),
    outcome: {
      status: state.status,
      judged: judgement !== undefined,
      ...(judgement === undefined ? {} : { judgedAt: judgement.judgedAt, judgedOn: judgement.date, timeliness: judgement.timeliness, timelinessAgainstDueDate: judgement.timelinessAgainstDueDate }),
      late,
      overdue,
      workingDaysLate,
      ...(originalDueDate === undefined ? {} : { originalDueDate }),
      ...(dueDateInForce === undefined ? {} : { dueDate: dueDateInForce }),
      supplements,
      ...(holder === undefined ? {} : { longestHolder: holder.longest }),
      apologies: apologies.map((a) => a.outcome),
      lateEntries: Number(lateEntries?.values?.lateEntries ?? 0),
      breaches: Number(breaches?.values?.breaches ?? 0),
    },
    steps,
    ruleSetVersions: inOrderOfUse([
      ...(received === undefined ? [] : [ruleSetId]),
      ...versioned.map((event) => event.data.ruleSetId),
      ...own.flatMap((event) => breachesOf(event).map((breach) => breach.ruleSetId)),
    ]),
    calendarVersions: inOrderOfUse([...versioned.map((event) => event.data.calendarVersion), ...(received === undefined ? [] : [calendar.version])]),
    events: used.map((event) => event.metadata.globalPosition),
  };
};

export const dossierVerdict: VerdictDefinition<DossierVerdictOutcome> = { kind: 'dossier', compute: computeDossierVerdict };
