import {
  createDesk,
  createReadModels,
  createVietnamCalendar,
  defaultRuleBook,
  documentQuery,
  eventRefResolver,
  InMemoryDocumentStore,
  InMemoryEventStore,
  resolveExplanation,
  withInlineDocuments,
} from '@motcua/core';

// A household business registration (3 working days) received on Thursday 12 February 2026 at
// 14:10, just before the nine-day Tết break: the promised date falls after the holiday.
export async function runDeskStory() {
  // The read side: the built-in read models, their documents in memory, folded as each append lands.
  const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
  const documents = new InMemoryDocumentStore();
  const store = await withInlineDocuments(new InMemoryEventStore(), documents, readModels.projections);
  const desk = createDesk({ store });

  const at = { actor: { id: 'officer-lan', role: 'receptionist' as const }, tenantId: 'thai-nguyen' };
  const dossierCode = '000.00.15.H55-260212-0001';
  // The desk checks that the unit and officer a command names exist, so the story starts with them.
  const system = { actor: { id: 'platform-sync', role: 'system' as const }, tenantId: at.tenantId };
  await desk.units.handle({ type: 'EstablishUnit', data: { code: 'tn-phuc-vu-hcc', name: 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên',
    kind: 'province-centre', provinceCode: 'thai-nguyen', effectiveDate: '2025-07-01', occurredAt: '2025-06-20T08:00:00+07:00' } }, system);
  await desk.officers.handle({ type: 'AppointOfficer', data: { officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc', deskLevel: 'province',
    role: 'receiving-officer', fields: [], legalStatus: 'civil-servant', secondingAgencyId: 'tn-so-tu-phap', effectiveDate: '2025-07-01',
    termEndDate: '2027-06-30', occurredAt: '2025-06-25T09:00:00+07:00' } }, system);
  const step = (type: string, occurredAt: string, data: object = {}) =>
    desk.dossiers.handle({ type, data: { dossierCode, occurredAt, officerId: 'officer-lan', ...data } }, at);
  await step('ReceiveDossier', '2026-02-12T14:10:00+07:00', {
    receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.001612', channel: 'counter', applicantId: 'subject-7f3a',
    priorityGroup: 'none', documents: ['Giấy đề nghị đăng ký hộ kinh doanh'], feeDong: 100_000 });
  await step('TransferDossier', '2026-02-12T14:40:00+07:00');
  await step('CompleteProcessing', '2026-02-24T10:00:00+07:00', { decision: 'approved' });
  // The result reaches the desk: the time limit is met or missed here, whenever the citizen collects it.
  await step('RecordResultReady', '2026-02-24T10:30:00+07:00');
  await step('ReturnResult', '2026-02-24T15:00:00+07:00', { via: 'counter' });

  // A figure of the unit for February, computed from its documents, and the events behind it.
  const { timeliness } = readModels;
  const figure = await timeliness.explain(
    documentQuery(documents, timeliness.projection.name),
    'thai-nguyen/timeliness/unit/tn-phuc-vu-hcc/month/2026-02/onTimeRate',
  );
  if (figure === undefined) throw new Error('the read model has no such figure');
  const explanation = await resolveExplanation(figure, eventRefResolver(store));

  return {
    history: await desk.dossiers.history(at.tenantId, dossierCode),
    state: (await desk.dossiers.load(at.tenantId, dossierCode)).state,
    explanation,
  };
}
