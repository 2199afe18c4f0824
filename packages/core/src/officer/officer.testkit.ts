import { deciderSpec } from '../kernel/decider-spec.js';
import { defaultRuleBook } from '../rules/index.js';
import type {
  AppointOfficer,
  CorrectEvaluation,
  ReassignOfficer,
  RecordDiscipline,
  RecordEvaluation,
  RecordOfficerLeaving,
} from './commands.js';
import { createOfficerDecider } from './decider.js';
import type {
  DisciplineRecorded,
  EvaluationCorrected,
  EvaluationRecorded,
  OfficerAppointed,
  OfficerLeft,
  OfficerReassigned,
} from './events.js';

export const rules = defaultRuleBook();
export const decider = createOfficerDecider({ rules });
export const spec = deciderSpec(decider);

/** Business time at a desk in Vietnam. */
export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

export const OFFICER = 'OF-0042';

/** A civil servant of the Department of Justice seconded to the Thái Nguyên centre for 12 months. */
export const appoint = (data: Partial<AppointOfficer['data']> = {}): AppointOfficer => ({
  type: 'AppointOfficer',
  data: {
    officerId: OFFICER,
    unitId: 'TN-TTPVHCC',
    deskLevel: 'province',
    role: 'receiving-officer',
    fields: ['civil-status', 'notarisation'],
    effectiveDate: '2025-07-01',
    termEndDate: '2026-06-30',
    legalStatus: 'civil-servant',
    secondingAgencyId: 'TN-SO-TU-PHAP',
    occurredAt: at('2025-06-25'),
    ...data,
  },
});

export const appointed = (data: Partial<OfficerAppointed['data']> = {}): OfficerAppointed => ({
  type: 'OfficerAppointed',
  data: { ...appoint().data, ...data },
});

export const reassign = (data: Partial<ReassignOfficer['data']> = {}): ReassignOfficer => ({
  type: 'ReassignOfficer',
  data: {
    officerId: OFFICER,
    unitId: 'TN-TTPVHCC',
    deskLevel: 'province',
    role: 'processing-officer',
    fields: ['land'],
    effectiveDate: '2026-01-05',
    termEndDate: '2026-12-31',
    occurredAt: at('2025-12-29'),
    ...data,
  },
});

export const reassigned = (data: Partial<OfficerReassigned['data']> = {}): OfficerReassigned => ({
  type: 'OfficerReassigned',
  data: { ...reassign().data, ...data },
});

export const leave = (data: Partial<RecordOfficerLeaving['data']> = {}): RecordOfficerLeaving => ({
  type: 'RecordOfficerLeaving',
  data: { officerId: OFFICER, leftOn: '2026-06-30', reason: 'term-ended', occurredAt: at('2026-06-30', '16:30'), ...data },
});

export const left = (data: Partial<OfficerLeft['data']> = {}): OfficerLeft => ({
  type: 'OfficerLeft',
  data: { ...leave().data, ...data },
});

export const evaluate = (period: string, rating: { level?: string; score?: number }, occurredAt: string): RecordEvaluation =>
  ({ type: 'RecordEvaluation', data: { officerId: OFFICER, period, occurredAt, ...rating } }) as RecordEvaluation;

export const correct = (
  period: string,
  rating: { level?: string; score?: number },
  reason: string,
  occurredAt: string,
): CorrectEvaluation =>
  ({ type: 'CorrectEvaluation', data: { officerId: OFFICER, period, reason, occurredAt, ...rating } }) as CorrectEvaluation;

/** The year 2025 rated "good" on the four-level scale of Decree 90/2020. */
export const rated2025Good: EvaluationRecorded = {
  type: 'EvaluationRecorded',
  data: {
    officerId: OFFICER,
    period: '2025',
    periodKind: 'year',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    scale: 'four-levels-decree-90-2020',
    level: 'good',
    ruleSetId: 'decree-118-2025',
    occurredAt: at('2025-12-20'),
  },
};

/** March 2026 on the 100-point scale of Decree 335/2025. */
export const ratedMarch2026: EvaluationRecorded = {
  type: 'EvaluationRecorded',
  data: {
    officerId: OFFICER,
    period: '2026-03',
    periodKind: 'month',
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    scale: 'hundred-points-decree-335-2025',
    level: 'good',
    score: 82,
    ruleSetId: 'decree-118-2025-amended-2026',
    occurredAt: at('2026-04-03'),
  },
};

export const corrected = (data: Partial<EvaluationCorrected['data']>): EvaluationCorrected => ({
  type: 'EvaluationCorrected',
  data: {
    ...rated2025Good.data,
    previousLevel: 'good',
    reason: 'desk head input received late',
    occurredAt: at('2026-01-15'),
    ...data,
  },
});

export const discipline = (data: Partial<RecordDiscipline['data']> = {}): RecordDiscipline => ({
  type: 'RecordDiscipline',
  data: {
    officerId: OFFICER,
    form: 'warning',
    violationDate: '2025-09-12',
    decisionDate: '2025-11-20',
    decisionRef: '125/QĐ-STP',
    occurredAt: at('2025-11-21'),
    ...data,
  },
});

export const disciplined = (data: Partial<DisciplineRecorded['data']> = {}): DisciplineRecorded => {
  const { officerId, form, violationDate, decisionDate, decisionRef, occurredAt } = discipline().data;
  return {
    type: 'DisciplineRecorded',
    data: {
      officerId,
      form,
      legalStatus: 'civil-servant',
      violationDate,
      decisionDate,
      decisionRef,
      limitationYears: 5,
      limitationEndsOn: '2030-09-12',
      ruleSetId: 'decree-118-2025',
      occurredAt,
      ...data,
    },
  };
};
