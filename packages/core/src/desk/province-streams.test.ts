import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from '../fp.js';
import { ACTOR_ROLES } from '../kernel/envelope.js';
import { ActorId } from '../kernel/primitives.js';
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

/** Who acted is written into the log for good (docs/record-as-evidence.md): the desk takes only an actor someone can be. */
describe('the actor of a command', () => {
  const as = (actor: unknown) => ({ actor: actor as never, tenantId: 'bac-ninh' });

  it.each([
    [{ id: 'x', role: 'janitor' }, 'actor.role', 'ActorRole'],
    [{ id: '', role: 'system' }, 'actor.id', 'ActorId'],
    [{ id: 7, role: 'system' }, 'actor.id', 'ActorId'],
    // The log keeps the actor id for good: never personal data (docs/personal-data.md).
    [{ id: '001203004567', role: 'citizen' }, 'actor.id', 'ActorId'],
    [{ id: 'nguyen.van.an', role: 'receptionist' }, 'actor.id', 'ActorId'],
    [{ id: 'an@example.com', role: 'citizen' }, 'actor.id', 'ActorId'],
    [{ role: 'system' }, 'actor.id', 'required'],
    [undefined, 'actor', 'required'],
  ])('refuses the actor %j, naming %s, and writes nothing', async (actor, field, rule) => {
    const desk = createDesk();
    const result = await desk.units.handle(establish(), as(actor));
    expect(isLeft(result) && result.left).toMatchObject({ _tag: 'InvalidInput', issues: [{ field, rule }] });
    expect((await desk.store.readAll()).events).toEqual([]);
  });

  it.each(['auth0|5f8a2c', '3f2b9c1e-8d4a-4e7b-9a6c-1d2e3f4a5b6c', 'officer-lan'])('takes an actor id as identity providers give it: %s', async (id) => {
    expect(isRight(await createDesk({ references: 'unchecked' }).units.handle(establish(), as({ id, role: 'system' })))).toBe(true);
  });

  it('law: the desk takes a command exactly when its actor has an opaque id (ActorId) and one of the roles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ id: fc.oneof(fc.constant('sync'), fc.string({ maxLength: 3 })), role: fc.oneof(fc.constantFrom(...ACTOR_ROLES), fc.string({ maxLength: 12 })) }), async (actor) => {
        const result = await createDesk({ references: 'unchecked' }).units.handle(establish(), as(actor));
        const good = ActorId.is(actor.id) && (ACTOR_ROLES as readonly string[]).includes(actor.role);
        expect(isRight(result)).toBe(good);
      }),
      { numRuns: 60 },
    );
  });
});
