import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createDesk, InMemoryEventStore, isRight } from '@motcua/core';
import { DossierIndex } from './dossier-index.js';

const code = (n: number) => `000.00.15.H55-260302-${String(n).padStart(4, '0')}`;
const receive = (n: number, unit: string) => ({
  type: 'ReceiveDossier',
  data: {
    dossierCode: code(n), occurredAt: '2026-03-02T09:00:00+07:00', receivingUnitId: unit, procedureCode: '1.000894', channel: 'counter',
    applicantId: `subject-${n}`, priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
  },
});

const deskWith = async (units: readonly string[]) => {
  // The list is what is under test: the officers and units the receipts name are not set up.
  const desk = createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });
  for (const [n, unit] of units.entries()) {
    const tenantId = n % 3 === 2 ? 'bac-ninh' : 'thai-nguyen';
    expect(isRight(await desk.dossiers.handle(receive(n, unit), { actor: { id: 'o', role: 'receptionist' }, tenantId }))).toBe(true);
  }
  const index = new DossierIndex(desk);
  await index.caughtUp();
  return { desk, index };
};

describe('the dossier list', () => {
  it('filters by province, unit and status', async () => {
    const { index } = await deskWith(['a', 'b', 'a', 'a']);
    const all = index.list({ tenantId: 'thai-nguyen', limit: 10 });
    expect(all.items.map((row) => row.code)).toEqual([code(0), code(1), code(3)]);
    expect(index.list({ tenantId: 'thai-nguyen', unitId: 'a', limit: 10 }).items.map((row) => row.code)).toEqual([code(0), code(3)]);
    expect(index.list({ tenantId: 'thai-nguyen', status: 'WITHDRAWN', limit: 10 }).items).toEqual([]);
    expect(index.list({ tenantId: 'thai-nguyen', withinUnits: ['b'], limit: 10 }).items.map((row) => row.code)).toEqual([code(1)]);
    expect(all.items[0]).toMatchObject({ status: 'RECEIVED', unitId: 'a', version: 1, procedureCode: '1.000894' });
  });

  it('leaves out an event it cannot apply and goes on', async () => {
    const { desk, index } = await deskWith(['a']);
    const metadata = { occurredAt: '2026-03-02T09:00:00+07:00', actor: { id: 'o', role: 'receptionist' as const }, tenantId: 'thai-nguyen', correlationId: 'c', causationId: 'c' };
    await desk.store.appendToStream(desk.dossiers.streamId('thai-nguyen', code(1)), [{ type: 'DossierReceived', data: { nonsense: true }, metadata }]);
    expect(isRight(await desk.dossiers.handle(receive(2, 'a'), { actor: { id: 'o', role: 'receptionist' }, tenantId: 'thai-nguyen' }))).toBe(true);
    await index.caughtUp();
    expect(index.list({ tenantId: 'thai-nguyen', limit: 10 }).items.map((row) => row.code)).toEqual([code(0), code(2)]);
    expect(index.skipped).toBe(1);
  });

  it('keeps a closed dossier as its row only, and folds it again from the store for a later event', async () => {
    const { desk, index } = await deskWith(['a']);
    const context = { actor: { id: 'o', role: 'receptionist' as const }, tenantId: 'thai-nguyen' };
    const step = (type: string, occurredAt: string, data: object = {}) =>
      desk.dossiers.handle({ type, data: { dossierCode: code(0), occurredAt, officerId: 'o', ...data } }, context);
    expect(isRight(await step('WithdrawDossier', '2026-03-03T09:00:00+07:00', { reason: 'Người nộp rút hồ sơ' }))).toBe(true);
    await index.caughtUp();
    expect(index.list({ tenantId: 'thai-nguyen', limit: 10 }).items[0]).toMatchObject({ status: 'WITHDRAWN', version: 2 });
    // An event after the close (appended as a sync would) is folded onto the state as it stood before it.
    const metadata = { occurredAt: '2026-03-04T09:00:00+07:00', actor: context.actor, tenantId: 'thai-nguyen', correlationId: 'c', causationId: 'c' };
    const [withdrawn] = (await desk.dossiers.history('thai-nguyen', code(0))).slice(-1);
    await desk.store.appendToStream(desk.dossiers.streamId('thai-nguyen', code(0)), [{ type: withdrawn!.type, data: withdrawn!.data, metadata }]);
    await index.caughtUp();
    expect(index.list({ tenantId: 'thai-nguyen', limit: 10 }).items[0]).toMatchObject({ status: 'WITHDRAWN', version: 3, unitId: 'a' });
    expect(index.skipped).toBe(0);
  });

  test.prop([fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom(undefined, 'a', 'b')], { numRuns: 25 })(
    'pages, followed by their cursors, add up to the whole list once',
    async (units, limit, unitId) => {
      const { index } = await deskWith(units);
      const query = { tenantId: 'thai-nguyen', ...(unitId === undefined ? {} : { unitId }) };
      const whole = index.list({ ...query, limit: 1000 }).items;
      const paged = [];
      let after: number | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = index.list({ ...query, limit, ...(after === undefined ? {} : { after }) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        paged.push(...page.items);
        if (page.next === undefined) break;
        after = page.next;
      }
      expect(paged).toEqual(whole);
      },
  );
});
