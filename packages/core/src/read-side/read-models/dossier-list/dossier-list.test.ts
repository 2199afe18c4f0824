import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createDesk } from '../../../desk/create-desk.js';
import { isRight } from '../../../fp.js';
import { InMemoryEventStore } from '../../../kernel/in-memory-event-store.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { documentQuery } from '../../engine/document-store.js';
import { InMemoryDocumentStore } from '../../engine/in-memory-document-store.js';
import { foldIntoStore } from '../../read-model.testkit.js';
import { dossierListProjection, listDossiers, type DossierListQuery } from './index.js';
import { rowKey } from './projection.js';

const code = (n: number) => `000.00.15.H55-260302-${String(n).padStart(4, '0')}`;
const receive = (n: number, unit: string) => ({
  type: 'ReceiveDossier',
  data: {
    dossierCode: code(n), occurredAt: '2026-03-02T09:00:00+07:00', receivingUnitId: unit, procedureCode: '1.000894', channel: 'counter',
    applicantId: `subject-${n}`, priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
  },
});
const context = (tenantId: string) => ({ actor: { id: 'o', role: 'receptionist' as const }, tenantId });

/** Dossiers received at the given units: every third in bac-ninh, the others in thai-nguyen. */
const deskWith = async (units: readonly string[]) => {
  // The list is what is under test: the officers and units the receipts name are not set up.
  const desk = createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });
  for (const [n, unit] of units.entries()) {
    expect(isRight(await desk.dossiers.handle(receive(n, unit), context(n % 3 === 2 ? 'bac-ninh' : 'thai-nguyen')))).toBe(true);
  }
  return desk;
};

const eventsOf = async (desk: Awaited<ReturnType<typeof deskWith>>): Promise<RecordedEvent[]> => [...(await desk.store.readAll({ maxCount: 100_000 })).events];

const listOver = (events: readonly RecordedEvent[], store = foldIntoStore(dossierListProjection, events)) => {
  const documents = documentQuery<never>(store, dossierListProjection.name);
  return (query: Omit<DossierListQuery, 'limit'> & { limit?: number }) => listDossiers(documents, { limit: 10, ...query });
};

describe('the dossier list', () => {
  it('filters by province, unit and status', async () => {
    const list = listOver(await eventsOf(await deskWith(['a', 'b', 'a', 'a'])));
    const all = await list({ tenantId: 'thai-nguyen' });
    expect(all.items.map((row) => row.code)).toEqual([code(0), code(1), code(3)]);
    expect((await list({ tenantId: 'thai-nguyen', unitId: 'a' })).items.map((row) => row.code)).toEqual([code(0), code(3)]);
    expect((await list({ tenantId: 'thai-nguyen', status: 'WITHDRAWN' })).items).toEqual([]);
    expect((await list({ tenantId: 'thai-nguyen', withinUnits: ['b'] })).items.map((row) => row.code)).toEqual([code(1)]);
    expect((await list({ tenantId: 'bac-ninh' })).items.map((row) => row.code)).toEqual([code(2)]);
    expect(all.items[0]).toMatchObject({ status: 'RECEIVED', unitId: 'a', version: 1, procedureCode: '1.000894' });
  });

  it('keeps a closed dossier as its row, and counts a later event in its version', async () => {
    const desk = await deskWith(['a']);
    const step = (type: string, occurredAt: string, data: object = {}) =>
      desk.dossiers.handle({ type, data: { dossierCode: code(0), occurredAt, officerId: 'o', ...data } }, context('thai-nguyen'));
    expect(isRight(await step('WithdrawDossier', '2026-03-03T09:00:00+07:00', { reason: 'Người nộp rút hồ sơ' }))).toBe(true);
    const store = foldIntoStore(dossierListProjection, await eventsOf(desk));
    expect((await listOver([], store)({ tenantId: 'thai-nguyen' })).items[0]).toMatchObject({ status: 'WITHDRAWN', version: 2 });
    const first = store.sync.get(dossierListProjection.name, `thai-nguyen/dossier/${code(0)}`);
    expect(first).toMatchObject({ kind: 'dossier' });
    expect(store.sync.get(dossierListProjection.name, rowKey('thai-nguyen', (first as { first: number }).first))).not.toHaveProperty('state');
    // An event after the close (appended as a sync would) leaves the status and moves the version.
    const [withdrawn] = (await desk.dossiers.history('thai-nguyen', code(0))).slice(-1);
    const metadata = { occurredAt: '2026-03-04T09:00:00+07:00', actor: context('thai-nguyen').actor, tenantId: 'thai-nguyen', correlationId: 'c', causationId: 'c' };
    await desk.store.appendToStream(desk.dossiers.streamId('thai-nguyen', code(0)), [{ type: withdrawn!.type, data: withdrawn!.data, metadata }]);
    const later = (await eventsOf(desk)).slice(-1);
    foldIntoStore(dossierListProjection, later, store);
    expect((await listOver([], store)({ tenantId: 'thai-nguyen' })).items[0]).toMatchObject({ status: 'WITHDRAWN', version: 3, unitId: 'a' });
  });

  it('shows both due dates after an apology, and judges the dossier when its result reached the desk', async () => {
    // 2.000488 takes 10 working days: received Mon 2 March at 09:00, due Mon 16 March.
    const desk = createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });
    const step = (n: number, type: string, occurredAt: string, data: object = {}) =>
      desk.dossiers.handle({ type, data: { dossierCode: code(n), occurredAt, officerId: 'o', ...data } }, context('thai-nguyen'));
    for (const n of [0, 1]) {
      const { data } = receive(n, 'a');
      const receipt = { ...data, procedureCode: '2.000488', documents: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)'] };
      expect(isRight(await desk.dossiers.handle({ type: 'ReceiveDossier', data: receipt }, context('thai-nguyen')))).toBe(true);
      expect(isRight(await step(n, 'TransferDossier', '2026-03-02T10:00:00+07:00'))).toBe(true);
    }
    // D0: apology on Thu 12 March with a new date of Fri 20 March; decided and ready at the desk on Wed 18 March.
    expect(isRight(await step(0, 'IssueApology', '2026-03-12T09:00:00+07:00', { reason: 'Chờ xác minh thực địa', newDueDate: '2026-03-20' }))).toBe(true);
    expect(isRight(await step(0, 'CompleteProcessing', '2026-03-18T09:00:00+07:00', { decision: 'approved' }))).toBe(true);
    expect(isRight(await step(0, 'RecordResultReady', '2026-03-18T10:00:00+07:00'))).toBe(true);
    // D1: decided and ready on Tue 3 March, collected on Mon 30 March.
    expect(isRight(await step(1, 'CompleteProcessing', '2026-03-03T09:00:00+07:00', { decision: 'approved' }))).toBe(true);
    expect(isRight(await step(1, 'RecordResultReady', '2026-03-03T10:00:00+07:00'))).toBe(true);
    expect(isRight(await step(1, 'ReturnResult', '2026-03-30T09:00:00+07:00', { via: 'counter' }))).toBe(true);
    const [apologised, collectedLate] = (await listOver(await eventsOf(desk))({ tenantId: 'thai-nguyen' })).items;
    // Late against the original date though before the apology's: both dates are on the row.
    expect(apologised).toMatchObject({ status: 'RESULT_READY', dueDate: '2026-03-20', originalDueDate: '2026-03-16', resultReadyAt: '2026-03-18T10:00:00+07:00', timeliness: 'late', judgedAt: 'ready' });
    // Collected two weeks after its due date, but ready at the desk on 3 March: early.
    expect(collectedLate).toMatchObject({ status: 'RETURNED', dueDate: '2026-03-16', originalDueDate: '2026-03-16', returnedAt: '2026-03-30T09:00:00+07:00', timeliness: 'early', judgedAt: 'ready' });
  });

  it('refuses a dossier event recorded on another dossier\'s stream', async () => {
    const desk = await deskWith(['a', 'a']);
    const [received] = await eventsOf(desk);
    const metadata = { occurredAt: '2026-03-02T10:00:00+07:00', actor: context('thai-nguyen').actor, tenantId: 'thai-nguyen', correlationId: 'c', causationId: 'c' };
    await desk.store.appendToStream(desk.dossiers.streamId('thai-nguyen', code(1)), [{ type: received!.type, data: received!.data, metadata }]);
    const events = await eventsOf(desk);
    expect(() => foldIntoStore(dossierListProjection, events)).toThrow(/is recorded on stream dossier-thai-nguyen:000\.00\.15\.H55-260302-0001/);
  });

  test.prop([fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom(undefined, 'a', 'b')], { numRuns: 25 })(
    'pages, followed by their cursors, add up to the whole list once',
    async (units, limit, unitId) => {
      const list = listOver(await eventsOf(await deskWith(units)));
      const query = { tenantId: 'thai-nguyen', ...(unitId === undefined ? {} : { unitId }) };
      const whole = (await list({ ...query, limit: 1000 })).items;
      const paged = [];
      let after: number | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await list({ ...query, limit, ...(after === undefined ? {} : { after }) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        paged.push(...page.items);
        if (page.next === undefined) break;
        after = page.next;
      }
      expect(paged).toEqual(whole);
    },
  );

  test.prop([fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 6 })], { numRuns: 20 })(
    'folding in batches equals folding at once, and one province\'s rows never move with the other\'s events',
    async (units, split) => {
      const events = await eventsOf(await deskWith(units));
      const once = foldIntoStore(dossierListProjection, events);
      const batched = new InMemoryDocumentStore();
      for (let start = 0; start < events.length; start += split) foldIntoStore(dossierListProjection, events.slice(start, start + split), batched);
      const alone = foldIntoStore(dossierListProjection, events.filter((event) => event.metadata.tenantId === 'thai-nguyen'));
      const rows = async (store: InMemoryDocumentStore, tenantId: string) =>
        (await store.list(dossierListProjection.name, { prefix: `${tenantId}/`, limit: 1000 })).documents;
      expect(await rows(batched, 'thai-nguyen')).toEqual(await rows(once, 'thai-nguyen'));
      expect(await rows(batched, 'bac-ninh')).toEqual(await rows(once, 'bac-ninh'));
      expect(await rows(alone, 'thai-nguyen')).toEqual(await rows(once, 'thai-nguyen'));
    },
  );
});
