import type { DossierState, FilingChannel, ProcedureVersion, WorkingDayCalendar } from '@motcua/core';
import { UNITS, officersOf } from './province.js';
import type { Random } from './random.js';
import { at, clockTime, type SeedSession } from './seed-session.js';

/** How a dossier's life goes; chosen per dossier with these weights. */
export const SCENARIO_WEIGHTS = {
  early: 30,
  'on-time': 14,
  late: 5,
  'late-with-apology': 5,
  'after-cutoff': 8,
  'intake-supplement': 6,
  'refused-at-intake': 3,
  'processing-supplement': 7,
  forwarded: 7,
  rejected: 3,
  withdrawn: 3,
  'still-open': 4,
} as const;
export type Scenario = keyof typeof SCENARIO_WEIGHTS;

/** Procedures with a limit of some days: every scenario fits them. */
const LONG_PROCEDURES = ['1.001612', '2.000488', '1.004222', '1.012753'];
/** Same-day procedures: received, decided and returned with little in between. */
const QUICK_PROCEDURES = ['1.001193', '2.000815', '1.000894'];

export interface DossierPlan {
  readonly code: string;
  readonly unitId: string;
  readonly day: string;
  readonly scenario: Scenario;
  readonly procedure: ProcedureVersion;
  readonly channel: FilingChannel;
  readonly applicantId: string;
}

export const planDossier = (
  random: Random,
  procedures: (code: string) => ProcedureVersion | undefined,
  unitId: string,
  day: string,
  sequence: number,
): DossierPlan => {
  const unit = UNITS.find((u) => u.code === unitId);
  if (unit?.agencyCode === undefined) throw new Error(`unit ${unitId} has no agency code`);
  const quick = random.chance(0.2);
  const scenario: Scenario = quick ? random.pick(['early', 'on-time'] as const) : random.weighted(SCENARIO_WEIGHTS);
  const code = random.pick(quick ? QUICK_PROCEDURES : LONG_PROCEDURES);
  const procedure = procedures(code);
  if (procedure === undefined) throw new Error(`procedure ${code} is not in force on ${day}`);
  const channel: FilingChannel =
    scenario === 'intake-supplement' || scenario === 'refused-at-intake'
      ? random.pick(['online', 'postal'] as const)
      : random.weighted({ counter: 6, online: 3, postal: 1 });
  return {
    code: `${unit.agencyCode}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(sequence).padStart(4, '0')}`,
    unitId,
    day,
    scenario,
    procedure,
    channel,
    applicantId: `subject-${random.int(0x100000, 0xffffff).toString(16)}`,
  };
};

const receptionist = (id: string) => ({ id, role: 'receptionist' as const });
const processor = (id: string) => ({ id, role: 'processing-officer' as const });
const citizen = (id: string) => ({ id, role: 'citizen' as const });

/** Drives one dossier through its scenario with desk commands; returns its last state. */
export const runDossier = async (
  session: SeedSession,
  calendar: WorkingDayCalendar,
  random: Random,
  plan: DossierPlan,
): Promise<DossierState> => {
  const { code, unitId, procedure, channel, applicantId, scenario } = plan;
  const receiving = random.pick(officersOf(unitId, 'receiving-officer')).officerId;
  const processing = random.pick(officersOf(unitId, 'processing-officer')).officerId;
  const approver = officersOf(unitId, 'approver')[0]?.officerId ?? processing;
  const send = (type: string, data: Record<string, unknown>, actor: { id: string; role: 'receptionist' | 'processing-officer' | 'citizen' }) =>
    session.send<DossierState>('dossiers', code, type, { dossierCode: code, ...data }, actor);
  const documents = [...procedure.requiredDocuments];
  let day = plan.day;
  let minute = scenario === 'after-cutoff' ? random.int(15 * 60 + 5, 16 * 60 + 20) : random.int(7 * 60 + 40, 14 * 60 + 15);

  if (random.chance(0.15)) {
    const guidanceDay = day;
    await send('RecordGuidance', {
      occurredAt: at(guidanceDay, clockTime(minute - 20)), officerId: receiving, channel: random.pick(['counter', 'phone'] as const),
      procedureCode: procedure.code, applicantId, topics: ['Thành phần hồ sơ', 'Lệ phí'],
    }, receptionist(receiving));
  }

  if (scenario === 'intake-supplement' || scenario === 'refused-at-intake') {
    await send('SubmitDossier', {
      occurredAt: at(day, clockTime(minute)), receivingUnitId: unitId, procedureCode: procedure.code, channel, applicantId,
      documents: documents.slice(0, 1),
    }, citizen(applicantId));
    day = calendar.addWorkingDays(day, 1);
    minute = random.int(8 * 60, 11 * 60);
    if (scenario === 'refused-at-intake') {
      return send('RefuseAtIntake', {
        occurredAt: at(day, clockTime(minute)), officerId: receiving,
        reason: 'Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận',
      }, receptionist(receiving));
    }
    await send('RequestSupplementAtIntake', {
      occurredAt: at(day, clockTime(minute)), officerId: receiving, missingDocuments: documents.slice(1).length > 0 ? documents.slice(1) : documents,
      note: 'Bổ sung một lần theo Phiếu yêu cầu bổ sung (mẫu 02)',
    }, receptionist(receiving));
    day = calendar.addWorkingDays(day, random.int(1, 3));
    minute = random.int(8 * 60, 14 * 60);
    await send('SubmitDossier', {
      occurredAt: at(day, clockTime(minute - 30)), receivingUnitId: unitId, procedureCode: procedure.code, channel, applicantId, documents,
    }, citizen(applicantId));
  }

  let state = await send('ReceiveDossier', {
    occurredAt: at(day, clockTime(minute)), receivingUnitId: unitId, procedureCode: procedure.code, channel, applicantId,
    priorityGroup: random.weighted({ none: 12, elderly: 1, disabled: 0.3, pregnant: 0.3, 'small-child': 0.3, 'revolution-merit': 0.2 }),
    documents, feeDong: procedure.feeDong, officerId: receiving,
  }, receptionist(receiving));

  // Art.18: the same working day, or the next morning when received after 15:00.
  const start = state.processingStartDate ?? day;
  const transferTime = start === day ? clockTime(Math.min(minute + random.int(15, 60), 16 * 60 + 50)) : clockTime(random.int(7 * 60 + 30, 8 * 60 + 30));
  state = await send('TransferDossier', { occurredAt: at(start, transferTime), officerId: receiving }, receptionist(receiving));
  day = start;

  if (scenario === 'withdrawn') {
    day = calendar.addWorkingDays(day, 1);
    return send('WithdrawDossier', {
      occurredAt: at(day, '09:30'), reason: 'Người nộp hồ sơ xin rút hồ sơ', officerId: receiving, requestedBy: applicantId,
    }, receptionist(receiving));
  }

  if (scenario === 'processing-supplement') {
    day = calendar.addWorkingDays(day, 1);
    await send('RequestSupplement', {
      occurredAt: at(day, '10:00'), officerId: processing, missingDocuments: [documents[documents.length - 1]!],
      note: 'Cần bổ sung để thẩm định',
    }, processor(processing));
    day = calendar.addWorkingDays(day, random.int(1, 4));
    state = await send('ReceiveSupplement', { occurredAt: at(day, '09:00'), officerId: receiving, deliveredVia: channel }, receptionist(receiving));
  }

  if (scenario === 'forwarded') {
    day = calendar.addWorkingDays(day, 1);
    const agencyId = random.pick(['so-tai-nguyen-moi-truong', 'cong-an-tinh', 'so-xay-dung']);
    await send('ForwardToAgency', {
      occurredAt: at(day, '10:30'), officerId: processing, agencyId, stepLimitWorkingDays: 3, purpose: 'Xác minh, lấy ý kiến',
    }, processor(processing));
    day = calendar.addWorkingDays(day, random.chance(0.3) ? 4 : 2);
    state = await send('ReturnFromAgency', { occurredAt: at(day, '14:00'), agencyId, note: 'Có ý kiến bằng văn bản' }, processor(processing));
  }

  if (scenario === 'still-open') return state;

  const due = state.dueDate ?? day;
  let decisionDay: string;
  if (scenario === 'late' || scenario === 'late-with-apology') {
    if (scenario === 'late-with-apology' && calendar.workingDaysBetween(day, due) >= 1) {
      const newDueDate = calendar.addWorkingDays(due, 3);
      state = await send('IssueApology', {
        occurredAt: at(day, '15:30'), officerId: approver, reason: 'Cần thêm thời gian xác minh thực địa', newDueDate,
      }, processor(approver));
      decisionDay = random.chance(0.75) ? calendar.addWorkingDays(due, 2) : calendar.addWorkingDays(newDueDate, 1);
    } else {
      decisionDay = calendar.addWorkingDays(due, random.int(1, 3));
    }
  } else if (scenario === 'on-time' || scenario === 'rejected') {
    decisionDay = due < day ? day : due;
  } else {
    const room = calendar.workingDaysBetween(day, due);
    decisionDay = room >= 2 ? calendar.addWorkingDays(day, random.int(1, room - 1)) : due < day ? day : due;
  }
  if (decisionDay < day) decisionDay = day;
  const decisionTime = decisionDay === day ? '16:00' : '10:00';
  if (hasControlSheet(plan)) await runControlSheet(send, calendar, state, { processing, approver, due, decisionDay, decisionAt: at(decisionDay, decisionTime) });
  state = await send('CompleteProcessing', {
    occurredAt: at(decisionDay, decisionTime), officerId: approver,
    ...(scenario === 'rejected'
      ? { decision: 'refused', reason: 'Hồ sơ không đủ điều kiện theo quy định' }
      : { decision: 'approved' }),
  }, processor(approver));
  // The result reaches the desk a quarter of an hour after the decision: the time limit is judged there.
  state = await send('RecordResultReady', {
    occurredAt: at(decisionDay, decisionDay === day ? '16:15' : '10:15'), officerId: receiving,
  }, receptionist(receiving));
  state = await send('ReturnResult', {
    occurredAt: at(decisionDay, decisionDay === day ? '16:30' : '15:00'), officerId: receiving, via: channel,
  }, receptionist(receiving));

  if (random.chance(0.4)) {
    const good = state.timeliness !== 'late';
    const score = (): 0 | 1 | 2 => (good ? random.pick([1, 2, 2] as const) : random.pick([0, 0, 1] as const));
    const level = () => (good ? random.int(4, 5) : random.int(1, 3));
    state = await send('RateDossier', {
      occurredAt: at(decisionDay, '17:00'),
      channel: random.pick(['paper-form', 'counter-device', 'online'] as const),
      circular01: { '1': score(), '3': score(), '7': score() },
      ...(random.chance(0.5) ? { sipas: { access: level(), procedure: level(), officers: level(), result: level() } } : {}),
    }, citizen(applicantId));
  }
  if (hasCorrectedError(plan)) {
    // Art.21: the applicant finds an error two working days later; the body corrects it free of charge, with an apology.
    const reportDay = calendar.addWorkingDays(decisionDay, 2);
    await send('ReportResultError', {
      occurredAt: at(reportDay, '09:30'), officerId: receiving, reportedBy: 'applicant',
      description: 'Sai số thửa đất trên kết quả giải quyết',
    }, receptionist(receiving));
    state = await send('CorrectResult', {
      occurredAt: at(calendar.addWorkingDays(reportDay, 3), '14:00'), officerId: receiving, correctedBy: CONTROL_SHEET_BODIES.appraisal,
      bodyAtFault: true, via: channel, feeDong: 0, apology: 'Xin lỗi ông/bà vì sai sót trên kết quả; kết quả đã được đính chính',
    }, receptionist(receiving));
  }
  return state;
};

/** The dossier's daily sequence at its desk, from its code (`…-YYMMDD-XXXX`). */
const sequenceOf = (plan: DossierPlan): number => Number(plan.code.slice(-4));

/** Scenarios whose dossier is decided by its body after the usual path: the ones a control sheet is kept for here. */
const DECIDED_BY_BODY: readonly Scenario[] = ['early', 'on-time', 'late', 'late-with-apology', 'forwarded', 'processing-supplement'];

const dayOfMonth = (plan: DossierPlan): number => Number(plan.day.slice(8, 10));

/**
 * On every third day of the month, the first long dossier of a desk's day keeps a processing control
 * sheet (form 05): chosen from the plan, not drawn, so that every other story of the seed stays as it was.
 */
const hasControlSheet = (plan: DossierPlan): boolean =>
  sequenceOf(plan) === 1 && dayOfMonth(plan) % 3 === 0 && LONG_PROCEDURES.includes(plan.procedure.code) && DECIDED_BY_BODY.includes(plan.scenario);

/** On the 10th, 20th and 30th, the second early long dossier of a desk's day comes back with an error its body corrects (Art.21). */
const hasCorrectedError = (plan: DossierPlan): boolean =>
  sequenceOf(plan) === 2 && dayOfMonth(plan) % 10 === 0 && plan.scenario === 'early' && LONG_PROCEDURES.includes(plan.procedure.code);

const CONTROL_SHEET_BODIES = { appraisal: 'phong-chuyen-mon', approval: 'lanh-dao-don-vi' } as const;

/** An instant `minutes` after `instant`, as the seed writes them (`YYYY-MM-DDTHH:MM:00+07:00`). */
const minutesAfter = (instant: string, minutes: number): string => {
  const local = new Date(Date.parse(instant) + (minutes + 7 * 60) * 60_000).toISOString();
  return at(local.slice(0, 10), local.slice(11, 16));
};

/**
 * Form 05: the appraisal handed to the specialist division right after the dossier's last step, for
 * the working days left before the due date but one; its approval by the unit's leader for one day on
 * the decision's day, both handed back before the decision. Late dossiers show which body held them.
 */
const runControlSheet = async (
  send: (type: string, data: Record<string, unknown>, actor: { id: string; role: 'processing-officer' }) => Promise<DossierState>,
  calendar: WorkingDayCalendar,
  state: DossierState,
  times: { processing: string; approver: string; due: string; decisionDay: string; decisionAt: string },
): Promise<void> => {
  const { processing, approver, due, decisionDay, decisionAt } = times;
  const last = state.lastEventAt;
  if (last === undefined || Date.parse(last) + 40 * 60_000 > Date.parse(decisionAt)) return;
  const assigned = minutesAfter(last, 10);
  const sameDay = assigned.slice(0, 10) === decisionDay;
  const actor = { id: processing, role: 'processing-officer' as const };
  await send('AssignStep', {
    occurredAt: assigned, officerId: processing, stepId: 'tham-dinh', stepKind: 'appraisal', bodyId: CONTROL_SHEET_BODIES.appraisal,
    stepLimitWorkingDays: Math.max(1, calendar.workingDaysBetween(assigned.slice(0, 10), due) - 1), purpose: 'Thẩm định hồ sơ',
  }, actor);
  const [appraised, handedUp, signed] = sameDay
    ? [minutesAfter(last, 20), minutesAfter(last, 30), minutesAfter(last, 40)]
    : [at(decisionDay, '08:30'), at(decisionDay, '08:40'), at(decisionDay, '09:40')];
  await send('CompleteStep', { occurredAt: appraised, officerId: processing, stepId: 'tham-dinh', outcome: 'Đủ điều kiện' }, actor);
  await send('AssignStep', {
    occurredAt: handedUp, officerId: processing, stepId: 'phe-duyet', stepKind: 'approval', bodyId: CONTROL_SHEET_BODIES.approval,
    assigneeOfficerId: approver, stepLimitWorkingDays: 1, purpose: 'Trình ký',
  }, actor);
  await send('CompleteStep', { occurredAt: signed, officerId: processing, stepId: 'phe-duyet' }, actor);
};
