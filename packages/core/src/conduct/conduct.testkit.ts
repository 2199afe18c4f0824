import { createVietnamCalendar } from '../calendar/index.js';
import { deciderSpec } from '../kernel/decider-spec.js';
import { defaultRuleBook } from '../rules/index.js';
import type { IncidentCommand } from './commands.js';
import { createIncidentDecider } from './decider.js';
import type { IncidentEvent } from './events.js';

export const calendar = createVietnamCalendar();
export const rules = defaultRuleBook();
export const decider = createIncidentDecider({ calendar, rules });
export const spec = deciderSpec(decider);

export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

export const INCIDENT = 'INC-2025-0131';
const clock = { ruleSetId: 'decree-118-2025', calendarVersion: calendar.version } as const;

export type Data<T extends IncidentCommand['type'] | IncidentEvent['type']> = Extract<
  IncidentCommand | IncidentEvent,
  { type: T }
>['data'];

/** Overrides set to `undefined` remove the field, as an absent optional field would be. */
const defined = <T extends object>(data: T): T =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;

/**
 * A citizen rings the hotline on Friday 29 Aug 2025: the receiving officer hinted at a "fee" beyond
 * the published one (C03). 1–2 Sep are National Day holidays, so acknowledgement is due Wed 3 Sep.
 */
export const report = (data: Partial<Data<'ReportIncident'>> = {}): IncidentCommand => ({
  type: 'ReportIncident',
  data: defined({
    incidentId: INCIDENT,
    source: 'hotline',
    category: 'C03',
    officerId: 'OF-0042',
    unitId: 'TN-TTPVHCC',
    description: 'Applicant was told the certificate would be faster for an extra payment.',
    dossierCode: '000.00.12.H56-250828-0017',
    reporterId: 'SUBJ-7f3a9c',
    occurredAt: at('2025-08-29', '10:00'),
    ...data,
  }),
});

export const reported = (data: Partial<Data<'IncidentReported'>> = {}): IncidentEvent => ({
  type: 'IncidentReported',
  data: defined({
    incidentId: INCIDENT,
    source: 'hotline',
    category: 'C03',
    officerId: 'OF-0042',
    unitId: 'TN-TTPVHCC',
    description: 'Applicant was told the certificate would be faster for an extra payment.',
    answerRequired: true,
    reportedOn: '2025-08-29',
    occurredAt: at('2025-08-29', '10:00'),
    nextStep: 'acknowledge',
    nextStepDueDate: '2025-09-03',
    ...clock,
    dossierCode: '000.00.12.H56-250828-0017',
    reporterId: 'SUBJ-7f3a9c',
    ...data,
  }),
});

/** Reported by a camera review: nobody to answer. */
export const byCamera = { source: 'camera', category: 'C02', dossierCode: undefined, reporterId: undefined } as const;
export const reportedByCamera = (): IncidentEvent => reported({ ...byCamera, answerRequired: false });

export const acknowledge = (data: Partial<Data<'AcknowledgeIncident'>> = {}): IncidentCommand => ({
  type: 'AcknowledgeIncident',
  data: { incidentId: INCIDENT, severity: 'serious', occurredAt: at('2025-09-03', '08:30'), ...data },
});

export const acknowledged = (data: Partial<Data<'IncidentAcknowledged'>> = {}): IncidentEvent => ({
  type: 'IncidentAcknowledged',
  data: {
    incidentId: INCIDENT,
    severity: 'serious',
    category: 'C03',
    occurredAt: at('2025-09-03', '08:30'),
    doneOn: '2025-09-03',
    dueDate: '2025-09-03',
    onTime: true,
    nextStep: 'investigate',
    nextStepDueDate: '2025-09-17',
    ...clock,
    ...data,
  },
});

export const startInvestigation = (data: Partial<Data<'StartInvestigation'>> = {}): IncidentCommand => ({
  type: 'StartInvestigation',
  data: { incidentId: INCIDENT, occurredAt: at('2025-09-05'), investigatorId: 'OF-0007', ...data },
});

export const investigationStarted = (data: Partial<Data<'InvestigationStarted'>> = {}): IncidentEvent => ({
  type: 'InvestigationStarted',
  data: {
    incidentId: INCIDENT,
    occurredAt: at('2025-09-05'),
    doneOn: '2025-09-05',
    dueDate: '2025-09-17',
    onTime: true,
    nextStep: 'conclude',
    nextStepDueDate: '2025-09-12',
    ...clock,
    investigatorId: 'OF-0007',
    ...data,
  },
});

export const conclude = (data: Partial<Data<'ConcludeIncident'>> = {}): IncidentCommand => ({
  type: 'ConcludeIncident',
  data: { incidentId: INCIDENT, outcome: 'substantiated', occurredAt: at('2025-09-15'), ...data },
});

/** Concluded one working day late (due Fri 12 Sep); the answer is due Mon 22 Sep. */
export const concluded = (data: Partial<Data<'IncidentConcluded'>> = {}): IncidentEvent => ({
  type: 'IncidentConcluded',
  data: defined({
    incidentId: INCIDENT,
    outcome: 'substantiated',
    occurredAt: at('2025-09-15'),
    doneOn: '2025-09-15',
    dueDate: '2025-09-12',
    onTime: false,
    nextStep: 'answer-applicant',
    nextStepDueDate: '2025-09-22',
    ...clock,
    ...data,
  }),
});

export const apologise = (data: Partial<Data<'ApologiseToCitizen'>> = {}): IncidentCommand => ({
  type: 'ApologiseToCitizen',
  data: { incidentId: INCIDENT, occurredAt: at('2025-09-16'), apologisedBy: 'OF-0001', ...data },
});

export const apologised = (): IncidentEvent => ({
  type: 'ApologyToCitizenMade',
  data: { incidentId: INCIDENT, apologisedOn: '2025-09-16', occurredAt: at('2025-09-16'), apologisedBy: 'OF-0001' },
});

export const propose = (data: Partial<Data<'ProposeDiscipline'>> = {}): IncidentCommand => ({
  type: 'ProposeDiscipline',
  data: { incidentId: INCIDENT, form: 'warning', occurredAt: at('2025-09-16', '14:00'), ...data },
});

/** The seconding agency has 90 calendar days from Tue 16 Sep 2025: due Mon 15 Dec 2025 (docs/domain/conduct-catalogue.md §3). */
export const proposed = (data: Partial<Data<'DisciplineProposed'>> = {}): IncidentEvent => ({
  type: 'DisciplineProposed',
  data: {
    incidentId: INCIDENT,
    officerId: 'OF-0042',
    form: 'warning',
    proposedOn: '2025-09-16',
    occurredAt: at('2025-09-16', '14:00'),
    nextStep: 'decide-discipline',
    nextStepDueDate: '2025-12-15',
    ...clock,
    ...data,
  },
});

export const declareComplex = (data: Partial<Data<'DeclareDisciplineCaseComplex'>> = {}): IncidentCommand => ({
  type: 'DeclareDisciplineCaseComplex',
  data: {
    incidentId: INCIDENT,
    declaredBy: 'director-so-noi-vu',
    reason: 'The officer disputes the footage: the inspectorate must verify the payment records.',
    occurredAt: at('2025-12-01'),
    ...data,
  },
});

/** Declared complex on Mon 1 Dec 2025: 150 calendar days from the proposal of Tue 16 Sep 2025, the decision is due Fri 13 Feb 2026. */
export const declaredComplex = (data: Partial<Data<'DisciplineCaseDeclaredComplex'>> = {}): IncidentEvent => ({
  type: 'DisciplineCaseDeclaredComplex',
  data: {
    incidentId: INCIDENT,
    officerId: 'OF-0042',
    declaredBy: 'director-so-noi-vu',
    reason: 'The officer disputes the footage: the inspectorate must verify the payment records.',
    declaredOn: '2025-12-01',
    occurredAt: at('2025-12-01'),
    previousDueDate: '2025-12-15',
    nextStep: 'decide-discipline',
    nextStepDueDate: '2026-02-13',
    ...clock,
    ...data,
  },
});

export const decide = (data: Partial<Data<'DecideDiscipline'>> = {}): IncidentCommand => ({
  type: 'DecideDiscipline',
  data: {
    incidentId: INCIDENT,
    decision: 'warning',
    decisionRef: '125/QĐ-STP',
    occurredAt: at('2025-11-20'),
    ...data,
  },
});

export const decided = (data: Partial<Data<'DisciplineDecided'>> = {}): IncidentEvent => ({
  type: 'DisciplineDecided',
  data: {
    incidentId: INCIDENT,
    officerId: 'OF-0042',
    decision: 'warning',
    decisionRef: '125/QĐ-STP',
    occurredAt: at('2025-11-20'),
    doneOn: '2025-11-20',
    dueDate: '2025-12-15',
    onTime: true,
    ...data,
  },
});

export const answer = (data: Partial<Data<'AnswerApplicant'>> = {}): IncidentCommand => ({
  type: 'AnswerApplicant',
  data: { incidentId: INCIDENT, occurredAt: at('2025-09-19'), ...data },
});

export const answered = (data: Partial<Data<'ApplicantAnswered'>> = {}): IncidentEvent => ({
  type: 'ApplicantAnswered',
  data: {
    incidentId: INCIDENT,
    occurredAt: at('2025-09-19'),
    doneOn: '2025-09-19',
    dueDate: '2025-09-22',
    onTime: true,
    ...data,
  },
});

export const close = (data: Partial<Data<'CloseIncident'>> = {}): IncidentCommand => ({
  type: 'CloseIncident',
  data: { incidentId: INCIDENT, occurredAt: at('2025-11-21'), ...data },
});

export const closed = (data: Partial<Data<'IncidentClosed'>> = {}): IncidentEvent => ({
  type: 'IncidentClosed',
  data: { incidentId: INCIDENT, closedOn: '2025-11-21', occurredAt: at('2025-11-21'), ...data },
});

export const untilConcluded = [reported(), acknowledged(), investigationStarted(), concluded()];
export const wholeStory = [...untilConcluded, apologised(), proposed(), answered(), decided(), closed()];
