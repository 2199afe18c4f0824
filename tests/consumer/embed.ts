// The program a platform team writes first: a desk on a SQLite file, one dossier received, returned and
// read back, and a figure of the read side. Type-checked with `tsc --strict` against the packed packages.
import {
  createDesk,
  createReadModels,
  createVietnamCalendar,
  defaultRuleBook,
  documentQuery,
  isLeft,
  type DomainError,
  type DossierState,
  type Either,
} from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';

const file = process.argv[2] ?? 'desk.db';
const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
const store = openSqliteEventStore({ file, projections: readModels.projections });
try {
  const desk = createDesk({ store });
  const system = { actor: { id: 'platform-sync', role: 'system' as const }, tenantId: 'thai-nguyen' };
  const receptionist = { actor: { id: 'officer-lan', role: 'receptionist' as const }, tenantId: 'thai-nguyen' };
  const check = (what: string, result: Either<DomainError, unknown>) => {
    if (isLeft(result)) throw new Error(`${what}: ${result.left.code} ${result.left.message}`);
  };
  check('unit', await desk.units.handle({ type: 'EstablishUnit', data: { code: 'tn-phuc-vu-hcc', name: 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên',
    kind: 'province-centre', provinceCode: 'thai-nguyen', effectiveDate: '2025-07-01', occurredAt: '2025-06-20T08:00:00+07:00' } }, system));
  check('officer', await desk.officers.handle({ type: 'AppointOfficer', data: { officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc', deskLevel: 'province',
    role: 'receiving-officer', fields: [], legalStatus: 'civil-servant', secondingAgencyId: 'tn-so-tu-phap', effectiveDate: '2025-07-01',
    termEndDate: '2027-06-30', occurredAt: '2025-06-25T09:00:00+07:00' } }, system));

  const dossierCode = '000.00.15.H55-260302-0001';
  check('receipt', await desk.dossiers.handle({ type: 'ReceiveDossier', data: { dossierCode, occurredAt: '2026-03-02T09:00:00+07:00',
    receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.001612', channel: 'counter', applicantId: 'subject-7f3a', priorityGroup: 'none',
    documents: ['Giấy đề nghị đăng ký hộ kinh doanh'], feeDong: 100_000, officerId: 'officer-lan' } }, receptionist));

  const step = async (type: string, occurredAt: string, data: Record<string, unknown> = {}) =>
    check(type, await desk.dossiers.handle({ type, data: { dossierCode, occurredAt, officerId: 'officer-lan', ...data } }, receptionist));
  await step('TransferDossier', '2026-03-02T09:30:00+07:00');
  await step('CompleteProcessing', '2026-03-03T10:00:00+07:00', { decision: 'approved' });
  await step('RecordResultReady', '2026-03-03T10:30:00+07:00');
  await step('ReturnResult', '2026-03-03T15:00:00+07:00', { via: 'counter' });

  const { state, version } = await desk.dossiers.load(receptionist.tenantId, dossierCode);
  const dossier: DossierState = state;
  const figure = await readModels.timeliness.explain(
    documentQuery(store.documents, readModels.timeliness.projection.name),
    'thai-nguyen/timeliness/unit/tn-phuc-vu-hcc/month/2026-03/onTimeRate',
  );
  console.log(JSON.stringify({ status: dossier.status, dueDate: dossier.dueDate, version, figure: figure?.value ?? null }));
} finally {
  await store.close();
}
