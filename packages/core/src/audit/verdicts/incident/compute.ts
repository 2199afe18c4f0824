import { toVietnamDate } from '../../../calendar/dates.js';
import { stepDeadline } from '../../../conduct/deadlines.js';
import type { IncidentEvent } from '../../../conduct/events.js';
import { incidentStreamId } from '../../../conduct/state.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { IncidentStep } from '../../../rules/types.js';
import { verdictAsOf } from '../../as-of.js';
import type { AsOf, Verdict, VerdictDefinition, VerdictDeps, VerdictStep } from '../../verdict.js';
import { deadlineStep, deadlineVerdictBasis, isLateOutcome, judgeDeadline, type Deadline, type DeadlineOutcome } from '../deadlines.js';
import { breachesOf, breachStep, inOrderOfUse, lateEntryStep } from '../evidence.js';

export const INCIDENT_DEADLINES_SOURCE = 'docs/domain/conduct-catalogue.md §3';

export interface IncidentVerdictOutcome {
  readonly status: 'not-reported' | 'open' | 'closed';
  readonly category?: string;
  readonly outcome?: string;
  /** Each deadline fixed so far, in the order it was fixed. */
  readonly deadlines: readonly DeadlineOutcome[];
  /** Deadlines done late or overdue as of the moment. */
  readonly late: number;
  readonly onTime: boolean;
  readonly lateEntries: number;
  readonly breaches: number;
}

type Recorded<T extends IncidentEvent['type']> = RecordedEvent<Extract<IncidentEvent, { type: T }>>;

const LABELS: Readonly<Record<IncidentStep, string>> = {
  acknowledge: 'acknowledgement',
  investigate: 'start of the investigation',
  conclude: 'conclusion',
  'answer-applicant': 'answer to the applicant',
  'decide-discipline': 'discipline decision',
};

/** The step each event completes (ADR 0003: the event records `doneOn`, `dueDate` and `onTime`). */
const DONE: Partial<Readonly<Record<IncidentEvent['type'], IncidentStep>>> = {
  IncidentAcknowledged: 'acknowledge',
  InvestigationStarted: 'investigate',
  IncidentConcluded: 'conclude',
  DisciplineDecided: 'decide-discipline',
  ApplicantAnswered: 'answer-applicant',
};

const fixed = (event: RecordedEvent, data: { nextStep: IncidentStep; nextStepDueDate: string; ruleSetId: string; calendarVersion: string; occurredAt: string }): Deadline => {
  const countsFrom = toVietnamDate(data.occurredAt);
  return {
    deadline: data.nextStep,
    label: LABELS[data.nextStep],
    dueDate: data.nextStepDueDate,
    fixedBy: event,
    countsFrom,
    ruleSetId: data.ruleSetId,
    field: `incidentStepDeadlineWorkingDays.${data.nextStep}`,
    unitField: `incidentStepDeadlineUnits.${data.nextStep}`,
    source: INCIDENT_DEADLINES_SOURCE,
    // The decider's own computation (`stepDeadline`), so a recomputation differs only by the rules or calendar.
    allowed: (ruleSet, calendar) => (ruleSet === undefined ? undefined : stepDeadline(calendar, ruleSet, data.nextStep, countsFrom)),
    calendarVersion: data.calendarVersion,
  };
};

/**
 * The discipline decision's deadline once the case was declared complex: the same deadline, counted
 * from the same proposal, now due on the date the declaration recorded, under the complex-case days
 * (docs/domain/conduct-catalogue.md §3).
 */
const extended = (ordinary: Deadline, event: Recorded<'DisciplineCaseDeclaredComplex'>): Deadline => {
  const { data } = event;
  const late = (data.breaches ?? []).length > 0 ? ', after the ordinary limit had run out' : '';
  return {
    ...ordinary,
    dueDate: data.nextStepDueDate,
    ruleSetId: data.ruleSetId,
    calendarVersion: data.calendarVersion,
    field: `incidentStepComplexCaseDays.${data.nextStep}`,
    allowed: (ruleSet, calendar) => (ruleSet === undefined ? undefined : stepDeadline(calendar, ruleSet, data.nextStep, ordinary.countsFrom, { complexCase: true })),
    extension: {
      by: event,
      finding: `the case declared complex on ${data.declaredOn} by ${data.declaredBy}${late} (the ordinary limit gave ${data.previousDueDate})`,
      values: { complexCaseDeclaredOn: data.declaredOn, complexCaseDeclaredBy: data.declaredBy, ordinaryDueDate: data.previousDueDate },
    },
  };
};

interface Folded {
  reported?: Recorded<'IncidentReported'>;
  concluded?: Recorded<'IncidentConcluded'>;
  closed?: Recorded<'IncidentClosed'>;
  apology?: Recorded<'ApologyToCitizenMade'>;
  deadlines: Deadline[];
}

const fold = (events: readonly RecordedEvent[]): Folded => {
  const folded: Folded = { deadlines: [] };
  for (const event of events as readonly RecordedEvent<IncidentEvent>[]) {
    const done = DONE[event.type];
    if (done !== undefined) {
      const index = folded.deadlines.findIndex((d) => d.deadline === done && d.doneOn === undefined);
      const data = event.data as { doneOn: string };
      if (index >= 0) folded.deadlines[index] = { ...folded.deadlines[index]!, doneBy: event, doneOn: data.doneOn };
    }
    if (event.type === 'IncidentReported') folded.reported ??= event as Recorded<'IncidentReported'>;
    if (event.type === 'IncidentConcluded') folded.concluded = event as Recorded<'IncidentConcluded'>;
    if (event.type === 'IncidentClosed') folded.closed = event as Recorded<'IncidentClosed'>;
    if (event.type === 'ApologyToCitizenMade') folded.apology = event as Recorded<'ApologyToCitizenMade'>;
    if (event.type === 'DisciplineCaseDeclaredComplex') {
      const index = folded.deadlines.findIndex((d) => d.deadline === 'decide-discipline' && d.doneOn === undefined);
      if (index >= 0) folded.deadlines[index] = extended(folded.deadlines[index]!, event as Recorded<'DisciplineCaseDeclaredComplex'>);
      continue;
    }
    const data = event.data as Partial<Parameters<typeof fixed>[1]>;
    if (data.nextStep !== undefined && data.nextStepDueDate !== undefined && data.ruleSetId !== undefined && data.calendarVersion !== undefined && data.occurredAt !== undefined) {
      folded.deadlines.push(fixed(event, data as Parameters<typeof fixed>[1]));
    }
  }
  return folded;
};

const reportStep = (reported: Recorded<'IncidentReported'>): VerdictStep => {
  const { data } = reported;
  return {
    id: 'report',
    finding:
      `Incident ${data.incidentId} (${data.category}, from ${data.source}) about officer ${data.officerId} of unit ${data.unitId} was reported on ${data.reportedOn}` +
      (data.dossierCode === undefined ? '' : `, about dossier ${data.dossierCode}`) +
      (data.answerRequired ? '; the result must be made known to whoever reported it (Decree 61/2018 Art.9(5)).' : '; nobody has to be answered.'),
    events: [reported.metadata.globalPosition],
    values: { category: data.category, source: data.source, reportedOn: data.reportedOn, answerRequired: data.answerRequired, ruleSetId: data.ruleSetId },
  };
};

const outcomeSteps = (folded: Folded): VerdictStep[] => {
  const steps: VerdictStep[] = [];
  if (folded.concluded !== undefined) {
    const { data } = folded.concluded;
    steps.push({ id: 'conclusion', finding: `Concluded ${data.outcome} on ${data.doneOn}.`, events: [folded.concluded.metadata.globalPosition], values: { outcome: data.outcome } });
  }
  if (folded.apology !== undefined) {
    const { data } = folded.apology;
    steps.push({ id: 'apology', finding: `The citizen was apologised to on ${data.apologisedOn}.`, events: [folded.apology.metadata.globalPosition], values: { apologisedOn: data.apologisedOn } });
  }
  if (folded.closed !== undefined) {
    const { data } = folded.closed;
    steps.push({ id: 'closed', finding: `Closed on ${data.closedOn}.`, events: [folded.closed.metadata.globalPosition], values: { closedOn: data.closedOn } });
  }
  return steps;
};

/**
 * An incident's handling against each of its deadlines (docs/audit.md, "Verdicts"): each step's due
 * date as fixed when the step before it was taken, under the rule set and calendar recorded then; done
 * on time, late by so many working days, or still open or overdue as of the moment asked. The events
 * given are the incident's stream and, for a dossier it names, that dossier's facts carrying recorded
 * breaches (`gatherIncidentEvents`).
 */
export const computeIncidentVerdict = (
  events: readonly RecordedEvent[],
  subject: { readonly tenantId: string; readonly subject: string; readonly asOf?: AsOf },
  deps: VerdictDeps,
): Verdict<IncidentVerdictOutcome> => {
  const { own, related, used, context } = deadlineVerdictBasis(events, subject.asOf, incidentStreamId(subject.tenantId, subject.subject), deps);
  const folded = fold(own);
  const judged = folded.deadlines.map((deadline) => ({ deadline, outcome: judgeDeadline(deadline, context) }));
  const late = judged.filter(({ outcome }) => isLateOutcome(outcome)).length;
  const lateEntries = lateEntryStep(used, subject.asOf);
  const breaches = breachStep(used);
  const status = folded.reported === undefined ? 'not-reported' : folded.closed === undefined ? 'open' : 'closed';
  const summary: VerdictStep = {
    id: 'handling',
    finding:
      status === 'not-reported'
        ? `No report of incident ${subject.subject} ${context.asOfLabel}.`
        : `The incident is ${status} ${context.asOfLabel}: ${late} of ${judged.length} deadline(s) ${late === 1 ? 'was' : 'were'} missed` +
          (late === 0 ? '.' : ` (${judged.filter(({ outcome }) => isLateOutcome(outcome)).map(({ deadline, outcome }) => `${deadline.label} ${outcome.status}`).join(', ')}).`),
    events: [],
    values: { status, deadlines: judged.length, late },
  };
  return {
    kind: 'incident',
    tenantId: subject.tenantId,
    subject: subject.subject,
    asOf: verdictAsOf(subject.asOf, used),
    outcome: {
      status,
      ...(folded.reported === undefined ? {} : { category: categoryOf(own) ?? folded.reported.data.category }),
      ...(folded.concluded === undefined ? {} : { outcome: folded.concluded.data.outcome }),
      deadlines: judged.map(({ outcome }) => outcome),
      late,
      onTime: late === 0,
      lateEntries: Number(lateEntries?.values?.lateEntries ?? 0),
      breaches: Number(breaches?.values?.breaches ?? 0),
    },
    steps: [
      ...(folded.reported === undefined ? [] : [reportStep(folded.reported)]),
      ...judged.map(({ deadline, outcome }) => deadlineStep(deadline, outcome, context)),
      ...outcomeSteps(folded),
      ...(lateEntries === undefined ? [] : [lateEntries]),
      ...(breaches === undefined ? [] : [breaches]),
      summary,
    ],
    ruleSetVersions: inOrderOfUse([
      folded.reported?.data.ruleSetId,
      ...folded.deadlines.map((d) => d.ruleSetId),
      ...related.flatMap((event) => breachesOf(event).map((breach) => breach.ruleSetId)),
    ]),
    calendarVersions: inOrderOfUse([...folded.deadlines.map((d) => d.calendarVersion), deps.calendar.version]),
    events: used.map((event) => event.metadata.globalPosition),
  };
};

/** The category as triage last set it (the report's otherwise). */
const categoryOf = (events: readonly RecordedEvent[]): string | undefined =>
  events.reduce<string | undefined>((category, event) => (event.type === 'IncidentAcknowledged' ? (event.data as { category: string }).category : category), undefined);

export const incidentVerdict: VerdictDefinition<IncidentVerdictOutcome> = { kind: 'incident', compute: computeIncidentVerdict };
