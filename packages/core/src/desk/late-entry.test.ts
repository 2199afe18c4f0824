import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import { fixedClock } from '../kernel/ports.js';
import { createDesk } from './create-desk.js';
import { staffUnit } from './organisation.testkit.js';

const TENANT = 'thai-nguyen';
const receptionist = { actor: { id: 'officer-lan', role: 'receptionist' as const }, tenantId: TENANT };
const receive = (code: string, occurredAt: string) => ({
  type: 'ReceiveDossier',
  data: {
    dossierCode: code, occurredAt, receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.000894', channel: 'counter',
    applicantId: 'subject-1', priorityGroup: 'none', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'], feeDong: 0, officerId: 'officer-lan',
  },
});

// Monday 23 February 2026, 10:00 in Vietnam: the first working day after the Tết break (16–20 February).
const deskAt = async (now: string) => {
  const clock = fixedClock(now);
  const desk = createDesk({ store: new InMemoryEventStore({ clock }), clock });
  await staffUnit(desk, TENANT, { unit: 'tn-phuc-vu-hcc', officers: ['officer-lan'] });
  return desk;
};

describe('late entries, on the desk calendar', () => {
  it('Given paper forms of Thursday 12 February typed in on 23 February, Then the receipt is stamped 2 working days late (Friday 13th and Monday 23rd: the Tết break does not count)', async () => {
    const desk = await deskAt('2026-02-23T03:00:00Z');
    const result = await desk.dossiers.handle(receive('000.00.15.H55-260212-0001', '2026-02-12T14:10:00+07:00'), receptionist);
    expect(isRight(result) && result.right.events[0]?.metadata.lateEntry).toEqual({ workingDays: 2, minutes: 10 * 1440 + 19 * 60 + 50 });
  });

  it('Given a receipt typed in the same afternoon, Then it carries no late-entry stamp', async () => {
    const desk = await deskAt('2026-02-23T08:00:00Z');
    const result = await desk.dossiers.handle(receive('000.00.15.H55-260223-0001', '2026-02-23T09:00:00+07:00'), receptionist);
    expect(isRight(result) && 'lateEntry' in (result.right.events[0]?.metadata ?? {})).toBe(false);
  });

  it('Given a receipt dated 2030 on a desk living in 2026, Then it is refused and nothing is written', async () => {
    const desk = await deskAt('2026-02-23T03:00:00Z');
    const result = await desk.dossiers.handle(receive('000.00.15.H55-300101-0001', '2030-01-02T09:00:00+07:00'), receptionist);
    expect(isLeft(result) && result.left.code).toBe('OCCURRED_IN_THE_FUTURE');
    expect((await desk.dossiers.load(TENANT, '000.00.15.H55-300101-0001')).version).toBe(0);
  });
});
