import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import type { ActorRole } from '../kernel/envelope.js';
import { createDesk } from './create-desk.js';
import { staffUnit } from './organisation.testkit.js';

const TENANT = 'thai-nguyen';
const UNIT = 'tn-phuc-vu-hcc';
const code = '000.00.15.H55-260302-0001';
const as = (id: string, role: ActorRole, tenantId = TENANT) => ({ actor: { id, role }, tenantId });
const receive = (overrides: Record<string, unknown> = {}) => ({
  type: 'ReceiveDossier',
  data: {
    dossierCode: code, occurredAt: '2026-03-02T09:00:00+07:00', receivingUnitId: UNIT, procedureCode: '1.000894', channel: 'counter',
    applicantId: 'subject-1', priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
    ...overrides,
  },
});

const staffedDesk = async () => {
  const desk = createDesk();
  await staffUnit(desk, TENANT, { unit: UNIT, officers: ['officer-lan', 'officer-minh'] });
  return desk;
};

const refusal = async (result: Promise<{ _tag: string } | unknown>) => {
  const outcome = (await result) as { _tag: 'Left' | 'Right'; left?: { code: string } };
  return outcome._tag === 'Left' ? outcome.left?.code : 'accepted';
};

describe('references exist', () => {
  it('Given a staffed unit, When its receptionist receives a dossier in her own name, Then it is recorded', async () => {
    const desk = await staffedDesk();
    expect(isRight(await desk.dossiers.handle(receive(), as('officer-lan', 'receptionist')))).toBe(true);
  });

  it('refuses an officer who was never appointed, and writes nothing', async () => {
    const desk = await staffedDesk();
    const result = await desk.dossiers.handle(receive({ officerId: 'officer-does-not-exist' }), as('officer-does-not-exist', 'receptionist'));
    expect(isLeft(result) && result.left).toMatchObject({ code: 'OFFICER_NOT_FOUND', details: { field: 'officerId' } });
    expect((await desk.dossiers.load(TENANT, code)).version).toBe(0);
  });

  it('refuses a unit that does not exist in the province', async () => {
    const desk = await staffedDesk();
    expect(await refusal(desk.dossiers.handle(receive({ receivingUnitId: 'unit-does-not-exist' }), as('officer-lan', 'receptionist')))).toBe('UNIT_NOT_FOUND');
  });

  it('refuses a receptionist recording a receipt under another officer; a unit head or the system may', async () => {
    const desk = await staffedDesk();
    expect(await refusal(desk.dossiers.handle(receive({ officerId: 'officer-minh' }), as('officer-lan', 'receptionist')))).toBe('ACTING_OFFICER_NOT_CALLER');
    expect(await refusal(desk.dossiers.handle(receive({ officerId: 'officer-minh' }), as('head-1', 'unit-head')))).toBe('accepted');
  });

  it('does not see another province\'s officers and units', async () => {
    const desk = await staffedDesk();
    expect(await refusal(desk.dossiers.handle(receive(), as('officer-lan', 'receptionist', 'bac-ninh')))).toBe('OFFICER_NOT_FOUND');
    expect(await refusal(desk.dossiers.handle(receive(), as('system', 'system', 'bac-ninh')))).toBe('OFFICER_NOT_FOUND');
  });

  it('refuses an officer acting after leaving, and a unit receiving after its dissolution', async () => {
    const desk = await staffedDesk();
    await desk.officers.handle(
      { type: 'RecordOfficerLeaving', data: { officerId: 'officer-minh', leftOn: '2026-02-27', reason: 'resigned', occurredAt: '2026-02-27T16:00:00+07:00' } },
      as('system', 'system'),
    );
    expect(await refusal(desk.dossiers.handle(receive({ officerId: 'officer-minh' }), as('officer-minh', 'receptionist')))).toBe('OFFICER_NOT_SERVING');
    await staffUnit(desk, TENANT, { unit: 'tn-successor', officers: [] });
    await desk.units.handle(
      { type: 'DissolveUnit', data: { code: UNIT, successorCode: 'tn-successor', effectiveDate: '2026-03-01', occurredAt: '2026-02-20T08:00:00+07:00' } },
      as('system', 'system'),
    );
    const dissolved = await desk.dossiers.handle(receive(), as('officer-lan', 'receptionist'));
    expect(isLeft(dissolved) && dissolved.left.message).toMatch(/dissolved on 2026-03-01; its successor is tn-successor/);
  });

  it('an embedder whose registry lives elsewhere may take references unchecked', async () => {
    const desk = createDesk({ references: 'unchecked' });
    expect(await refusal(desk.dossiers.handle(receive({ officerId: 'officer-x' }), as('officer-x', 'receptionist')))).toBe('accepted');
  });
});
