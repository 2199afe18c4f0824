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

  describe('what a report names beside the officer', () => {
    const report = (overrides: Record<string, unknown> = {}) => ({
      type: 'ReportIncident',
      data: {
        incidentId: 'inc-1', source: 'hotline', category: 'C01', officerId: 'officer-lan', unitId: UNIT,
        description: 'Raised voice at the counter.', occurredAt: '2026-03-05T10:00:00+07:00', ...overrides,
      },
    });
    const feedback = (overrides: Record<string, unknown> = {}) => ({
      type: 'ReceiveFeedback',
      data: { feedbackId: 'fb-1', channel: 'hotline', kind: 'phan-anh', summary: 'Waited two hours.', occurredAt: '2026-03-05T10:00:00+07:00', ...overrides },
    });
    const system = as('system', 'system');
    const received = async () => {
      const desk = await staffedDesk();
      expect(isRight(await desk.dossiers.handle(receive(), as('officer-lan', 'receptionist')))).toBe(true);
      return desk;
    };

    it('Given a dossier received on 2 March, When a report of 5 March names it, Then it is recorded; a report before its receipt is refused', async () => {
      const desk = await received();
      expect(await refusal(desk.incidents.handle(report({ dossierCode: code }), system))).toBe('accepted');
      const early = await desk.incidents.handle(report({ incidentId: 'inc-2', dossierCode: code, occurredAt: '2026-03-01T10:00:00+07:00' }), system);
      expect(isLeft(early) && early.left).toMatchObject({ code: 'DOSSIER_NOT_FOUND', details: { field: 'dossierCode', dossierCode: code, date: '2026-03-01' } });
      expect(isLeft(early) && early.left.message).toMatch(/began on 2026-03-02, after 2026-03-01/);
    });

    it('refuses an incident or a feedback naming a dossier the province never had, and writes nothing', async () => {
      const desk = await received();
      const other = '000.00.15.H55-260302-0999';
      expect(await refusal(desk.incidents.handle(report({ dossierCode: other }), system))).toBe('DOSSIER_NOT_FOUND');
      expect(await refusal(desk.feedback.handle(feedback({ dossierCode: other }), system))).toBe('DOSSIER_NOT_FOUND');
      expect((await desk.incidents.load(TENANT, 'inc-1')).version).toBe(0);
      expect((await desk.feedback.load(TENANT, 'fb-1')).version).toBe(0);
      // Another province's dossier is not this province's.
      await staffUnit(desk, 'bac-ninh', { unit: UNIT, officers: ['officer-lan'] });
      expect(await refusal(desk.incidents.handle(report({ dossierCode: code }), as('system', 'system', 'bac-ninh')))).toBe('DOSSIER_NOT_FOUND');
    });

    it('refuses an incident naming a feedback not received by its day', async () => {
      const desk = await received();
      expect(await refusal(desk.incidents.handle(report({ feedbackId: 'fb-1' }), system))).toBe('FEEDBACK_NOT_FOUND');
      expect(await refusal(desk.feedback.handle(feedback(), system))).toBe('accepted');
      expect(await refusal(desk.incidents.handle(report({ feedbackId: 'fb-1', occurredAt: '2026-03-04T10:00:00+07:00' }), system))).toBe('FEEDBACK_NOT_FOUND');
      expect(await refusal(desk.incidents.handle(report({ feedbackId: 'fb-1' }), system))).toBe('accepted');
    });

    it('refuses an officer named with a unit they had not served in by the day; one they served in before still counts', async () => {
      const desk = await received();
      await staffUnit(desk, TENANT, { unit: 'tn-other', officers: ['officer-hoa'] });
      const wrong = await desk.incidents.handle(report({ officerId: 'officer-hoa' }), system);
      expect(isLeft(wrong) && wrong.left).toMatchObject({ code: 'OFFICER_NOT_OF_UNIT', details: { field: 'officerId', officerId: 'officer-hoa' } });
      expect(isLeft(wrong) && wrong.left.message).toMatch(/had not served in unit tn-phuc-vu-hcc by 2026-03-05 \(served in: tn-other\)/);
      expect(await refusal(desk.feedback.handle(feedback({ officerId: 'officer-hoa', unitId: UNIT }), system))).toBe('OFFICER_NOT_OF_UNIT');
      // Moved to tn-other on 10 March: a report of the 12th about her time at the first unit is recorded.
      await desk.officers.handle(
        { type: 'ReassignOfficer', data: { officerId: 'officer-lan', unitId: 'tn-other', deskLevel: 'commune', role: 'receiving-officer', fields: [], effectiveDate: '2026-03-10', occurredAt: '2026-03-09T08:00:00+07:00' } },
        system,
      );
      expect(await refusal(desk.incidents.handle(report({ occurredAt: '2026-03-12T10:00:00+07:00' }), system))).toBe('accepted');
      // Named with her new unit before she joined it: refused.
      expect(await refusal(desk.incidents.handle(report({ incidentId: 'inc-3', unitId: 'tn-other', occurredAt: '2026-03-06T10:00:00+07:00' }), system))).toBe('OFFICER_NOT_OF_UNIT');
    });

    it('an embedder\'s registry of officers and units keeps the desk\'s own lookups of dossiers and feedback', async () => {
      const desk = await received();
      const embedded = createDesk({
        store: desk.store,
        references: { officer: (tenantId, id) => desk.officers.load(tenantId, id).then((r) => r.state), unit: (tenantId, id) => desk.units.load(tenantId, id).then((r) => r.state) },
      });
      expect(await refusal(embedded.incidents.handle(report({ dossierCode: '000.00.15.H55-260302-0999' }), system))).toBe('DOSSIER_NOT_FOUND');
      expect(await refusal(embedded.incidents.handle(report({ dossierCode: code }), system))).toBe('accepted');
    });
  });

  describe('an assignee and an incident a discipline answers', () => {
    const system = as('system', 'system');
    const assign = (assigneeOfficerId: string, occurredAt = '2026-03-03T09:00:00+07:00') => ({
      type: 'AssignStep',
      data: { dossierCode: code, occurredAt, officerId: 'officer-lan', stepId: 'step-1', stepKind: 'appraisal', bodyId: 'so-tu-phap', stepLimitWorkingDays: 2, assigneeOfficerId },
    });
    const discipline = (incidentId: string, decisionDate = '2026-03-20') => ({
      type: 'RecordDiscipline',
      data: { officerId: 'officer-minh', form: 'reprimand', violationDate: '2026-03-05', decisionDate, decisionRef: 'QĐ-1', incidentId, occurredAt: '2026-03-25T09:00:00+07:00' },
    });
    const received = async () => {
      const desk = await staffedDesk();
      expect(isRight(await desk.dossiers.handle(receive(), as('officer-lan', 'receptionist')))).toBe(true);
      return desk;
    };

    it('Given a dossier received, When a step is assigned to an officer of the province, Then it is recorded; an officer it never appointed, or one of another province, is refused', async () => {
      const desk = await received();
      await staffUnit(desk, 'bac-ninh', { unit: UNIT, officers: ['officer-bn'] });
      const ghost = await desk.dossiers.handle(assign('officer-bn'), as('officer-lan', 'receptionist'));
      expect(isLeft(ghost) && ghost.left).toMatchObject({ code: 'OFFICER_NOT_FOUND', details: { field: 'assigneeOfficerId', officerId: 'officer-bn' } });
      expect((await desk.dossiers.load(TENANT, code)).version).toBe(1);
      expect(await refusal(desk.dossiers.handle(assign('officer-minh'), as('officer-lan', 'receptionist')))).toBe('accepted');
    });

    it('refuses a step assigned to an officer who had left by its day', async () => {
      const desk = await received();
      await desk.officers.handle(
        { type: 'RecordOfficerLeaving', data: { officerId: 'officer-minh', leftOn: '2026-03-02', reason: 'resigned', occurredAt: '2026-03-02T16:00:00+07:00' } },
        system,
      );
      expect(await refusal(desk.dossiers.handle(assign('officer-minh'), as('officer-lan', 'receptionist')))).toBe('OFFICER_NOT_SERVING');
    });

    it('refuses a discipline naming an incident the province never had, or one reported after the decision, and writes nothing', async () => {
      const desk = await staffedDesk();
      const ghost = await desk.officers.handle(discipline('inc-ghost'), system);
      expect(isLeft(ghost) && ghost.left).toMatchObject({ code: 'INCIDENT_NOT_FOUND', details: { field: 'incidentId', incidentId: 'inc-ghost', date: '2026-03-20' } });
      expect((await desk.officers.load(TENANT, 'officer-minh')).version).toBe(1);
      const report = {
        type: 'ReportIncident',
        data: { incidentId: 'inc-1', source: 'hotline', category: 'C01', officerId: 'officer-minh', unitId: UNIT, description: 'Raised voice at the counter.', occurredAt: '2026-03-06T10:00:00+07:00' },
      };
      expect(await refusal(desk.incidents.handle(report, system))).toBe('accepted');
      expect(await refusal(desk.officers.handle(discipline('inc-1', '2026-03-05'), system))).toBe('INCIDENT_NOT_FOUND');
      expect(await refusal(desk.officers.handle(discipline('inc-1'), system))).toBe('accepted');
      // Another province's incident is not this province's.
      await staffUnit(desk, 'bac-ninh', { unit: UNIT, officers: ['officer-minh'] });
      expect(await refusal(desk.officers.handle(discipline('inc-1'), as('system', 'system', 'bac-ninh')))).toBe('INCIDENT_NOT_FOUND');
    });
  });
});
