import { createVietnamCalendar } from '../calendar/index.js';
import { isLeft } from '../fp.js';
import { deciderSpec } from '../kernel/decider-spec.js';
import { BUILT_IN_RULE_SETS, createRuleBook } from '../rules/index.js';
import type { ProcedureVersion, RuleSet } from '../rules/types.js';
import type * as C from './commands.js';
import { createDossierDecider, type DossierDecider } from './decider.js';
import type { DossierEvent } from './events.js';

/** Test fixtures: procedures with hand-computable limits over the real 2025/2026 calendar and rule sets. */
export const CODE = '000.00.15.H12-260302-0001';
export const OTHER_CODE = '000.00.15.H12-260302-0002';

const procedure = (code: string, extra: Partial<ProcedureVersion>): ProcedureVersion => ({
  code,
  name: `test procedure ${code}`,
  field: 'test',
  effectiveFrom: '2018-01-01',
  timeLimit: { amount: 5, unit: 'working-days' },
  immediateResult: false,
  feeDong: 50_000,
  requiredDocuments: ['Application form', 'ID copy', 'Site plan'],
  onlineLevel: 'partial',
  boundaryFree: false,
  ...extra,
});

export const FIVE_DAYS = '9.000005';
export const IMMEDIATE = '9.000000';
export const FIFTEEN_CALENDAR_DAYS = '9.000015';
/** Two versions: 10 working days until 2025-06-30, 7 from 2025-07-01. */
export const VERSIONED = '9.000002';

export const TEST_PROCEDURES: readonly ProcedureVersion[] = [
  procedure(FIVE_DAYS, {}),
  procedure(IMMEDIATE, { timeLimit: { amount: 0, unit: 'working-days' }, immediateResult: true, feeDong: 2_000 }),
  procedure(FIFTEEN_CALENDAR_DAYS, { timeLimit: { amount: 15, unit: 'calendar-days' } }),
  procedure(VERSIONED, { effectiveTo: '2025-06-30', timeLimit: { amount: 10, unit: 'working-days' } }),
  procedure(VERSIONED, { effectiveFrom: '2025-07-01', timeLimit: { amount: 7, unit: 'working-days' } }),
];

export const calendar = createVietnamCalendar();

const bookWith = (change: Partial<RuleSet>) =>
  createRuleBook(
    BUILT_IN_RULE_SETS.map((set) => ({ ...set, ...change })),
    TEST_PROCEDURES,
  );

/** The built-in rule sets (RESTART, receipt day not counted, one apology, one supplement request). */
export const restartDecider = createDossierDecider({ calendar, rules: bookWith({}) });
export const pauseDecider = createDossierDecider({ calendar, rules: bookWith({ supplementClockPolicy: 'PAUSE' }) });
export const receiptDayCountsDecider = createDossierDecider({ calendar, rules: bookWith({ receiptDayCounts: true }) });

export const spec = deciderSpec(restartDecider);

/** `2026-03-02T09:00` → `2026-03-02T09:00:00+07:00`. */
export const vn = (local: string): string => `${local}:00+07:00`;

const base = (occurredAt: string) => ({ dossierCode: CODE, occurredAt: vn(occurredAt) });
const officer = { officerId: 'officer-7' };

export const guidance = (at: string, channel: C.RecordGuidance['data']['channel'] = 'counter'): C.RecordGuidance => ({
  type: 'RecordGuidance',
  data: { ...base(at), ...officer, channel },
});
export const submit = (at: string, extra: Partial<C.SubmitDossier['data']> = {}): C.SubmitDossier => ({
  type: 'SubmitDossier',
  data: {
    ...base(at),
    receivingUnitId: 'unit-h12',
    procedureCode: FIVE_DAYS,
    channel: 'online',
    applicantId: 'subject-42',
    documents: ['Application form'],
    ...extra,
  },
});
export const requestAtIntake = (at: string, missingDocuments = ['ID copy']): C.RequestSupplementAtIntake => ({
  type: 'RequestSupplementAtIntake',
  data: { ...base(at), ...officer, missingDocuments },
});
export const refuseAtIntake = (at: string): C.RefuseAtIntake => ({
  type: 'RefuseAtIntake',
  data: { ...base(at), ...officer, reason: 'procedure belongs to another authority' },
});
export const receive = (at: string, extra: Partial<C.ReceiveDossier['data']> = {}): C.ReceiveDossier => ({
  type: 'ReceiveDossier',
  data: {
    ...base(at),
    receivingUnitId: 'unit-h12',
    procedureCode: FIVE_DAYS,
    channel: 'counter',
    applicantId: 'subject-42',
    priorityGroup: 'none',
    documents: ['Application form', 'ID copy', 'Site plan'],
    feeDong: 50_000,
    ...officer,
    ...extra,
  },
});
export const transfer = (at: string): C.TransferDossier => ({ type: 'TransferDossier', data: { ...base(at), ...officer } });
export const requestSupplement = (at: string, missingDocuments = ['Site plan']): C.RequestSupplement => ({
  type: 'RequestSupplement',
  data: { ...base(at), ...officer, missingDocuments },
});
export const receiveSupplement = (at: string, deliveredVia: C.ReceiveSupplement['data']['deliveredVia'] = 'counter'): C.ReceiveSupplement => ({
  type: 'ReceiveSupplement',
  data: { ...base(at), ...officer, deliveredVia },
});
export const forward = (at: string, agencyId = 'agency-tax', stepLimitWorkingDays = 3): C.ForwardToAgency => ({
  type: 'ForwardToAgency',
  data: { ...base(at), ...officer, agencyId, stepLimitWorkingDays },
});
export const returnFromAgency = (at: string, agencyId = 'agency-tax'): C.ReturnFromAgency => ({
  type: 'ReturnFromAgency',
  data: { ...base(at), agencyId },
});
export const assignStep = (
  at: string,
  stepId = 'step-1',
  bodyId = 'dept-natural-resources',
  stepLimitWorkingDays = 2,
  stepKind: C.AssignStep['data']['stepKind'] = 'appraisal',
): C.AssignStep => ({
  type: 'AssignStep',
  data: { ...base(at), ...officer, stepId, stepKind, bodyId, stepLimitWorkingDays },
});
export const completeStep = (at: string, stepId = 'step-1'): C.CompleteStep => ({ type: 'CompleteStep', data: { ...base(at), ...officer, stepId } });
export const complete = (at: string, decision: 'approved' | 'refused' = 'approved', reason?: string): C.CompleteProcessing => ({
  type: 'CompleteProcessing',
  data: { ...base(at), ...officer, decision, ...(reason === undefined ? {} : { reason }) },
});
export const apologise = (at: string, newDueDate: string): C.IssueApology => ({
  type: 'IssueApology',
  data: { ...base(at), ...officer, reason: 'site inspection delayed by flooding', newDueDate },
});
export const resultReady = (at: string): C.RecordResultReady => ({ type: 'RecordResultReady', data: { ...base(at), ...officer } });
export const returnResult = (at: string, via: C.ReturnResult['data']['via'] = 'counter'): C.ReturnResult => ({
  type: 'ReturnResult',
  data: { ...base(at), ...officer, via },
});
export const reportError = (at: string, reportedBy: C.ReportResultError['data']['reportedBy'] = 'applicant'): C.ReportResultError => ({
  type: 'ReportResultError',
  data: { ...base(at), ...officer, reportedBy, description: 'land parcel number misspelt on the certificate' },
});
/** By default the body's own error, corrected free of charge and with an apology. */
export const correctResult = (at: string, extra: Partial<C.CorrectResult['data']> = {}): C.CorrectResult => ({
  type: 'CorrectResult',
  data: {
    ...base(at),
    ...officer,
    correctedBy: 'dept-natural-resources',
    bodyAtFault: true,
    via: 'counter',
    feeDong: 0,
    apology: 'we apologise for the misspelt parcel number',
    ...extra,
  },
});
export const withdraw = (at: string): C.WithdrawDossier => ({
  type: 'WithdrawDossier',
  data: { ...base(at), reason: 'applicant no longer needs the licence', requestedBy: 'subject-42' },
});
export const rate = (at: string, scores: Pick<C.RateDossier['data'], 'circular01' | 'sipas'> = { sipas: { officers: 5 } }): C.RateDossier => ({
  type: 'RateDossier',
  data: { ...base(at), channel: 'online', ...scores },
});

/** Runs commands through the decider and returns every event; a rejection here is a broken fixture. */
export const history = (commands: readonly C.DossierCommand[], decider: DossierDecider = restartDecider): DossierEvent[] => {
  const events: DossierEvent[] = [];
  let state = decider.initialState();
  for (const command of commands) {
    const result = decider.decide(command, state);
    if (isLeft(result)) throw new Error(`fixture command ${command.type} rejected: ${result.left.code} ${result.left.message}`);
    for (const event of result.right) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return events;
};

/** A dossier received at the counter on Mon 2026-03-02 09:00 (due Mon 2026-03-09) and transferred at 10:00. */
export const inProcessing = (decider?: DossierDecider) => history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00')], decider);
