import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from '../fp.js';
import type { ActorRole } from '../kernel/envelope.js';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import { fixedClock } from '../kernel/ports.js';
import { BUILT_IN_RULE_SETS, createRuleBook, SAMPLE_PROCEDURES } from '../rules/index.js';
import { createDesk } from './create-desk.js';
import { staffUnit } from './organisation.testkit.js';

/** Who may record a fact with the rules it broke, and in which mode (docs/adr/0010-record-then-judge.md). */
const T = 'thai-nguyen';
const code = '000.00.15.H55-260212-0001';
const as = (id: string, role: ActorRole, mode?: unknown) => ({ actor: { id, role }, tenantId: T, ...(mode === undefined ? {} : { mode: mode as 'record' }) });
const receive = {
  type: 'ReceiveDossier',
  data: {
    dossierCode: code, occurredAt: '2026-02-12T09:00:00+07:00', receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.000894', channel: 'counter',
    applicantId: 'subject-1', priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
  },
};
// Issued on the due date: too late (Decree 61/2018 Art.19(9)), refused at a live desk, recordable by a sync.
const lateApology = {
  type: 'IssueApology',
  data: { dossierCode: code, occurredAt: '2026-02-21T09:00:00+07:00', officerId: 'officer-lan', reason: 'Chậm do thiếu cán bộ', newDueDate: '2026-03-20' },
};

const received = async (rules = createRuleBook(BUILT_IN_RULE_SETS, SAMPLE_PROCEDURES)) => {
  const clock = fixedClock('2026-02-23T03:00:00Z');
  const desk = createDesk({ store: new InMemoryEventStore({ clock }), clock, rules });
  await staffUnit(desk, T, { unit: 'tn-phuc-vu-hcc', officers: ['officer-lan'] });
  expect(isRight(await desk.dossiers.handle(receive, as('officer-lan', 'receptionist')))).toBe(true);
  return desk;
};

describe('record mode at the desk', () => {
  it('Given a late apology, When a receptionist sends it with mode record, Then it is refused as RECORDING_NOT_ALLOWED naming who may, and nothing is written', async () => {
    const desk = await received();
    const result = await desk.dossiers.handle(lateApology, as('officer-lan', 'receptionist', 'record'));
    expect(isLeft(result) && result.left).toMatchObject({
      _tag: 'AccessDenied',
      code: 'RECORDING_NOT_ALLOWED',
      message: 'a receptionist may not record with mode=record; the rule set allows: system',
      details: { role: 'receptionist', allowed: ['system'] },
    });
    expect((await desk.dossiers.load(T, code)).version).toBe(1);
  });

  it('Given a late apology, When the system sends it with mode record, Then it is appended with its breach', async () => {
    const desk = await received();
    const result = await desk.dossiers.handle(lateApology, as('system', 'system', 'record'));
    expect(isRight(result) && result.right.events[0]?.data).toMatchObject({ breaches: [{ rule: 'DOSSIER_APOLOGY_TOO_LATE' }] });
  });

  it('lets the roles the rule set in force at the fact names record, and no one else', async () => {
    const rules = createRuleBook(
      BUILT_IN_RULE_SETS.map((set) => (set.id === 'decree-118-2025-amended-2026' ? { ...set, recordingRoles: ['system', 'unit-head'] as const } : set)),
      SAMPLE_PROCEDURES,
    );
    const desk = await received(rules);
    // A fact of 2025 falls under a set that names no one but the system: refused before anything is read.
    const in2025 = { ...receive, data: { ...receive.data, dossierCode: '000.00.15.H55-251201-0001', occurredAt: '2025-12-01T09:00:00+07:00' } };
    expect(await desk.dossiers.handle(in2025, as('head-1', 'unit-head', 'record'))).toMatchObject({ left: { code: 'RECORDING_NOT_ALLOWED' } });
    const result = await desk.dossiers.handle(lateApology, as('head-1', 'unit-head', 'record'));
    expect(isRight(result) && result.right.events[0]?.data).toMatchObject({ breaches: [{ rule: 'DOSSIER_APOLOGY_TOO_LATE' }] });
  });

  it('for any mode value other than the two, nothing is written and the refusal names mode', async () => {
    const desk = await received();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom('Refuse', 'RECORD', 'record ', '', null, 0, true), fc.anything()).filter((mode) => mode !== 'refuse' && mode !== 'record' && mode !== undefined),
        fc.constantFrom<ActorRole>('system', 'receptionist'),
        async (mode, role) => {
          const result = await desk.dossiers.handle(lateApology, as(role === 'system' ? 'system' : 'officer-lan', role, mode));
          expect(isLeft(result) && result.left).toMatchObject({ _tag: 'InvalidInput', issues: [{ field: 'mode', rule: 'DecisionMode' }] });
          expect((await desk.dossiers.load(T, code)).version).toBe(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
