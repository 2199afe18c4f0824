import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { establish } from '../org/org.testkit.js';
import { createDesk } from './create-desk.js';

/** A province is a wall: the same id in two provinces names two streams (docs/adr/0011-province-in-stream-ids.md). */
describe('streams by province', () => {
  const system = (tenantId: string) => ({ actor: { id: 'sync', role: 'system' as const }, tenantId });

  it('Given a unit code taken in one province, When another province establishes the same code, Then each has its own stream', async () => {
    const desk = createDesk();
    expect(isRight(await desk.units.handle(establish(), system('bac-ninh')))).toBe(true);
    const second = await desk.units.handle(establish({ name: 'Bộ phận Một cửa (Thái Nguyên)' }), system('thai-nguyen'));
    expect(isRight(second) && second.right.streamId).toBe('unit-thai-nguyen:BK-H-CHO-MOI');
    expect(desk.units.streamId('bac-ninh', 'BK-H-CHO-MOI')).toBe('unit-bac-ninh:BK-H-CHO-MOI');
    const names = async (tenantId: string) => (await desk.units.history(tenantId, 'BK-H-CHO-MOI')).map((event) => (event.data as { name: string }).name);
    expect(await names('bac-ninh')).toEqual(['Bộ phận Một cửa huyện Chợ Mới']);
    expect(await names('thai-nguyen')).toEqual(['Bộ phận Một cửa (Thái Nguyên)']);
    expect((await desk.units.load('ha-giang', 'BK-H-CHO-MOI')).version).toBe(0);
  });

  it.each(['A/B', '', 'Thai-Nguyen', 'thai:nguyen'])('refuses a command sent for province %j, naming tenantId, and writes nothing', async (tenantId) => {
    const desk = createDesk();
    const result = await desk.units.handle(establish(), system(tenantId));
    expect(isLeft(result) && result.left).toMatchObject({ _tag: 'InvalidInput', issues: [{ field: 'tenantId', rule: 'TenantId' }] });
    expect((await desk.store.readAll()).events).toEqual([]);
  });
});
