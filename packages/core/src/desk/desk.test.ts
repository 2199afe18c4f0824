import { describe, it, expect } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import { fixedClock, sequentialIds } from '../kernel/ports.js';
import { createVietnamCalendar } from '../calendar/index.js';
import { createMotcuaContainer } from './container.js';
import { createDesk } from './create-desk.js';
import { TOKENS } from './tokens.js';
import { staffUnit } from './organisation.testkit.js';

const staffed = { unit: 'tn-phuc-vu-hcc', officers: ['officer-lan'] };

const receptionist = { actor: { id: 'officer-lan', role: 'receptionist' as const }, tenantId: 'thai-nguyen' };
const code = '000.00.15.H55-250627-0001';
const receive = (occurredAt: string) => ({
  type: 'ReceiveDossier',
  data: {
    dossierCode: code, occurredAt, receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.000894', channel: 'counter',
    applicantId: 'subject-1', priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0,
    officerId: 'officer-lan',
  },
});

describe('desk wiring', () => {
  it('gives each container its own store and singletons', () => {
    const a = createMotcuaContainer();
    const b = createMotcuaContainer();
    expect(a.resolve(TOKENS.EventStore)).toBe(a.resolve(TOKENS.EventStore));
    expect(a.resolve(TOKENS.EventStore)).not.toBe(b.resolve(TOKENS.EventStore));
    expect(a.resolve(TOKENS.Desk)).toBe(a.resolve(TOKENS.Desk));
  });

  it('uses what the embedder registers instead of the defaults', async () => {
    const store = new InMemoryEventStore({ clock: fixedClock('2025-06-27T03:00:00Z'), ids: sequentialIds('evt') });
    const calendar = createVietnamCalendar({ version: 'province-tn-2025' });
    const container = createMotcuaContainer({ store, calendar, ids: sequentialIds('corr') });
    expect(container.resolve(TOKENS.Calendar).version).toBe('province-tn-2025');
    const desk = container.resolve(TOKENS.Desk);
    await staffUnit(desk, receptionist.tenantId, staffed);
    await desk.dossiers.handle(receive('2025-06-27T09:00:00+07:00'), receptionist);
    const [event] = (await store.readStream(desk.dossiers.streamId(receptionist.tenantId, code))).events;
    expect(event?.metadata).toMatchObject({ recordedAt: '2025-06-27T03:00:00.000Z', correlationId: expect.stringMatching(/^corr-\d+$/) });
    expect(event?.data).toMatchObject({ calendarVersion: 'province-tn-2025' });
  });

  it('keeps a dossier under the rule set in force at receipt, after the rules change', async () => {
    const desk = createDesk();
    await staffUnit(desk, receptionist.tenantId, staffed);
    expect(isRight(await desk.dossiers.handle(receive('2025-06-27T09:00:00+07:00'), receptionist))).toBe(true);
    const transfer = { type: 'TransferDossier', data: { dossierCode: code, occurredAt: '2025-07-01T08:00:00+07:00', officerId: 'officer-lan' } };
    expect(isRight(await desk.dossiers.handle(transfer, receptionist))).toBe(true);
    const history = await desk.dossiers.history(receptionist.tenantId, code);
    expect(history.map((e) => e.metadata.ruleSetVersion)).toEqual(['decree-61-2018', 'decree-61-2018']);
  });

  it('rejects a malformed command before it reaches the decider', async () => {
    const desk = createDesk();
    const result = await desk.dossiers.handle({ type: 'ReceiveDossier', data: { dossierCode: code } }, receptionist);
    expect(isLeft(result) && result.left._tag).toBe('InvalidInput');
    expect((await desk.dossiers.load(receptionist.tenantId, code)).version).toBe(0);
  });
});
