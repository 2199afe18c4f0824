import type { FeedbackEvent } from '../../../feedback/events.js';
import { feedbackStreamId } from '../../../feedback/state.js';
import { FORWARDING_DEADLINE_WORKING_DAYS, FORWARDING_LEGAL_BASIS, forwardingWorkingDays, type FeedbackKind } from '../../../feedback/vocabulary.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { verdictAsOf } from '../../as-of.js';
import type { AsOf, Verdict, VerdictDefinition, VerdictDeps, VerdictStep } from '../../verdict.js';
import { deadlineStep, deadlineVerdictBasis, isLateOutcome, judgeDeadline, workingDaysFrom, type Deadline, type DeadlineOutcome } from '../deadlines.js';
import { breachesOf, breachStep, inOrderOfUse, lateEntryStep } from '../evidence.js';

export const FEEDBACK_DEADLINES_SOURCE = 'docs/domain/conduct-catalogue.md §4';

export type FeedbackHandlingHow = 'on-the-spot' | 'answered' | 'forwarded';

export interface FeedbackVerdictOutcome {
  readonly status: 'not-received' | 'open' | 'closed';
  readonly kind?: FeedbackKind;
  /**
   * Judged as TT01 index 8 and the feedback-compliance read model judge it: by the first answer or
   * forwarding, against its deadline; unhandled past the answer's due date is late; praise is not judged.
   */
  readonly judged: boolean;
  readonly onTime: boolean | null;
  readonly handling?: { readonly how: FeedbackHandlingHow; readonly on: string; readonly deadline: 'answer' | 'forward' };
  readonly deadlines: readonly DeadlineOutcome[];
  /** Deadlines done late or overdue as of the moment. */
  readonly late: number;
  readonly lateEntries: number;
  readonly breaches: number;
}

type Recorded<T extends FeedbackEvent['type']> = RecordedEvent<Extract<FeedbackEvent, { type: T }>>;

interface Folded {
  received?: Recorded<'FeedbackReceived'>;
  answered?: Recorded<'FeedbackAnswered'> | Recorded<'FeedbackAnsweredOnTheSpot'>;
  forwarded?: Recorded<'FeedbackForwarded'>;
  escalated?: Recorded<'FeedbackEscalated'>;
  closed?: Recorded<'FeedbackClosed'>;
}

const fold = (events: readonly RecordedEvent[]): Folded => {
  const folded: Folded = {};
  for (const event of events as readonly RecordedEvent<FeedbackEvent>[]) {
    switch (event.type) {
      case 'FeedbackReceived':
        folded.received ??= event as Recorded<'FeedbackReceived'>;
        break;
      case 'FeedbackAnswered':
      case 'FeedbackAnsweredOnTheSpot':
        folded.answered ??= event as Recorded<'FeedbackAnswered'>;
        break;
      case 'FeedbackForwarded':
        folded.forwarded ??= event as Recorded<'FeedbackForwarded'>;
        break;
      case 'FeedbackEscalated':
        folded.escalated ??= event as Recorded<'FeedbackEscalated'>;
        break;
      case 'FeedbackClosed':
        folded.closed = event as Recorded<'FeedbackClosed'>;
        break;
    }
  }
  return folded;
};

/** The first handling decides (the read model's rule): an answer here, or forwarding to the competent body. */
const handlingOf = (folded: Folded): (NonNullable<FeedbackVerdictOutcome['handling']> & { readonly event: RecordedEvent }) | undefined => {
  const { answered, forwarded } = folded;
  const first = answered !== undefined && (forwarded === undefined || answered.metadata.globalPosition < forwarded.metadata.globalPosition) ? answered : forwarded;
  if (first === undefined) return undefined;
  if (first.type === 'FeedbackForwarded') return { how: 'forwarded', on: first.data.forwardedOn, deadline: 'forward', event: first };
  return { how: first.type === 'FeedbackAnsweredOnTheSpot' ? 'on-the-spot' : 'answered', on: first.data.answeredOn, deadline: 'answer', event: first };
};

const deadlinesOf = (received: Recorded<'FeedbackReceived'>, folded: Folded): Deadline[] => {
  const { data } = received;
  if (data.kind === 'khen') return [];
  const handling = handlingOf(folded);
  const common = { fixedBy: received, countsFrom: data.receivedOn, ruleSetId: data.ruleSetId, calendarVersion: data.calendarVersion };
  const answer: Deadline = {
    ...common,
    deadline: 'answer',
    label: 'answer',
    dueDate: data.dueDate,
    field: `feedbackDeadlineWorkingDays.${data.kind}`,
    source: FEEDBACK_DEADLINES_SOURCE,
    allowed: (ruleSet, calendar) => workingDaysFrom(calendar, data.receivedOn, ruleSet?.feedbackDeadlineWorkingDays[data.kind] ?? data.deadlineWorkingDays),
    ...(handling?.deadline === 'answer' ? { doneBy: handling.event, doneOn: handling.on } : {}),
    ...(handling?.deadline === 'forward' ? { notApplicable: `forwarded on ${handling.on} to ${folded.forwarded?.data.toBody ?? 'the competent body'}, which answers` } : {}),
  };
  const forward: Deadline = {
    ...common,
    deadline: 'forward',
    label: `forwarding of a matter outside the desk's competence (${FORWARDING_LEGAL_BASIS})`,
    dueDate: data.forwardingDueDate,
    field: 'feedbackForwardingWorkingDays',
    source: FEEDBACK_DEADLINES_SOURCE,
    allowed: (ruleSet, calendar) => workingDaysFrom(calendar, data.receivedOn, ruleSet === undefined ? FORWARDING_DEADLINE_WORKING_DAYS : forwardingWorkingDays(ruleSet)),
    conditional: 'if the matter is outside the desk\'s competence',
    ...(handling?.deadline === 'forward' ? { doneBy: handling.event, doneOn: handling.on } : {}),
    ...(handling?.deadline === 'answer' ? { notApplicable: `answered by the desk on ${handling.on}` } : {}),
  };
  return [answer, forward];
};

const receiptStep = (received: Recorded<'FeedbackReceived'>): VerdictStep => {
  const { data } = received;
  return {
    id: 'receipt',
    finding:
      `Feedback ${data.feedbackId} (${data.kind}, by ${data.channel}) was received on ${data.receivedOn}` +
      (data.officerId === undefined ? '' : `, about officer ${data.officerId}`) +
      (data.unitId === undefined ? '' : ` of unit ${data.unitId}`) +
      (data.dossierCode === undefined ? '' : `, about dossier ${data.dossierCode}`) +
      (data.kind === 'khen' ? '; praise needs no answer and is not judged.' : '.'),
    events: [received.metadata.globalPosition],
    values: { kind: data.kind, channel: data.channel, receivedOn: data.receivedOn, ruleSetId: data.ruleSetId },
  };
};

const factSteps = (folded: Folded): VerdictStep[] => [
  ...(folded.escalated === undefined
    ? []
    : [{ id: 'escalation', finding: `Escalated to conduct incident ${folded.escalated.data.incidentId} on ${folded.escalated.data.escalatedOn}.`, events: [folded.escalated.metadata.globalPosition], values: { incidentId: folded.escalated.data.incidentId } }]),
  ...(folded.closed === undefined
    ? []
    : [{ id: 'closed', finding: `Closed on ${folded.closed.data.closedOn}.`, events: [folded.closed.metadata.globalPosition], values: { closedOn: folded.closed.data.closedOn } }]),
];

/**
 * A feedback's handling against each of its deadlines (docs/audit.md, "Verdicts"): the answer due by
 * its legal kind under the rule set in force at receipt, and forwarding within 5 working days when the
 * matter is outside the desk's competence (Decree 20/2008). The events given are the feedback's stream
 * and, for a dossier it names, that dossier's facts carrying recorded breaches (`gatherFeedbackEvents`).
 */
export const computeFeedbackVerdict = (
  events: readonly RecordedEvent[],
  subject: { readonly tenantId: string; readonly subject: string; readonly asOf?: AsOf },
  deps: VerdictDeps,
): Verdict<FeedbackVerdictOutcome> => {
  const { own, related, used, context } = deadlineVerdictBasis(events, subject.asOf, feedbackStreamId(subject.tenantId, subject.subject), deps);
  const folded = fold(own);
  const { received } = folded;
  const deadlines = received === undefined ? [] : deadlinesOf(received, folded);
  const judged = deadlines.map((deadline) => ({ deadline, outcome: judgeDeadline(deadline, context) }));
  const late = judged.filter(({ outcome }) => isLateOutcome(outcome)).length;
  const handling = handlingOf(folded);
  const decisive = judged.find(({ deadline }) => deadline.deadline === (handling?.deadline ?? 'answer'))?.outcome;
  const isJudged = decisive !== undefined && (decisive.status === 'on-time' || decisive.status === 'late' || decisive.status === 'overdue');
  const onTime = isJudged ? decisive.status === 'on-time' : null;
  const status = received === undefined ? 'not-received' : folded.closed === undefined ? 'open' : 'closed';
  const lateEntries = lateEntryStep(used, subject.asOf);
  const breaches = breachStep(used);
  const summary: VerdictStep = {
    id: 'handling',
    finding:
      received === undefined
        ? `No feedback ${subject.subject} was received ${context.asOfLabel}.`
        : `The feedback is ${status} ${context.asOfLabel}: ` +
          (received.data.kind === 'khen'
            ? 'praise is not judged.'
            : !isJudged
              ? 'not handled yet and still within the time to answer.'
              : `${handling === undefined ? 'not handled' : `${handling.how} on ${handling.on}`}, ${onTime === true ? 'in time' : 'not in time'} (TT01 index 8).`),
    events: handling === undefined ? [] : [handling.event.metadata.globalPosition],
    values: { status, judged: isJudged, onTime, late },
  };
  return {
    kind: 'feedback',
    tenantId: subject.tenantId,
    subject: subject.subject,
    asOf: verdictAsOf(subject.asOf, used),
    outcome: {
      status,
      ...(received === undefined ? {} : { kind: received.data.kind }),
      judged: isJudged,
      onTime,
      ...(handling === undefined ? {} : { handling: { how: handling.how, on: handling.on, deadline: handling.deadline } }),
      deadlines: judged.map(({ outcome }) => outcome),
      late,
      lateEntries: Number(lateEntries?.values?.lateEntries ?? 0),
      breaches: Number(breaches?.values?.breaches ?? 0),
    },
    steps: [
      ...(received === undefined ? [] : [receiptStep(received)]),
      ...judged.map(({ deadline, outcome }) => deadlineStep(deadline, outcome, context)),
      ...factSteps(folded),
      ...(lateEntries === undefined ? [] : [lateEntries]),
      ...(breaches === undefined ? [] : [breaches]),
      summary,
    ],
    ruleSetVersions: inOrderOfUse([received?.data.ruleSetId, ...related.flatMap((event) => breachesOf(event).map((breach) => breach.ruleSetId))]),
    calendarVersions: inOrderOfUse([received?.data.calendarVersion, deps.calendar.version]),
    events: used.map((event) => event.metadata.globalPosition),
  };
};

export const feedbackVerdict: VerdictDefinition<FeedbackVerdictOutcome> = { kind: 'feedback', compute: computeFeedbackVerdict };
