import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from '../fp.js';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import { establish } from '../org/org.testkit.js';
import { buildDesk } from './desk.js';
import { createMotcuaContainer } from './container.js';
import { createDesk } from './create-desk.js';

const system = { actor: { id: 'sync', role: 'system' as const }, tenantId: 'bac-ninh' };
const FAR_FUTURE = '2099-01-01T09:00:00+07:00';
const { calendar, rules } = createDesk();
const isGoodDuration = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Options are the embedder's code: a bad one throws at once, naming it, as createRuleBook and createVietnamCalendar do. */
describe('the options of a desk', () => {
  it('Given the default options, When a unit is established on 1 January 2099, Then it is refused as a fact from the future', async () => {
    const result = await createDesk().units.handle(establish({ occurredAt: FAR_FUTURE }), system);
    expect(isLeft(result) && result.left.code).toBe('OCCURRED_IN_THE_FUTURE');
  });

  it.each([
    ['maxFutureSkewMs', Number('abc'), 'NaN (not a number)'],
    ['maxFutureSkewMs', -1, '-1'],
    ['maxFutureSkewMs', Infinity, 'Infinity (a number out of range)'],
    ['lateEntryAfterMs', '3600000', '"3600000"'],
    ['lateEntryAfterMs', -86_400_000, '-86400000'],
  ])('Given businessTime.%s = %j, Then createDesk throws naming the option and the value', (option, value, shown) => {
    expect(() => createDesk({ store: new InMemoryEventStore(), businessTime: { [option]: value } })).toThrow(`businessTime.${option} must be a finite number of milliseconds, 0 or more, got ${shown}`);
  });

  it('law: a business-time duration is taken exactly when it is a finite number of milliseconds, 0 or more', () => {
    fc.assert(
      fc.property(fc.constantFrom('maxFutureSkewMs', 'lateEntryAfterMs'), fc.oneof(fc.double(), fc.anything()), (option, value) => {
        const build = () => buildDesk({ store: new InMemoryEventStore(), calendar, rules, businessTime: { [option]: value as number } });
        if (isGoodDuration(value) || value === undefined) expect(build).not.toThrow();
        else expect(build).toThrow(`businessTime.${option}`);
      }),
    );
  });

  it('Given a valid skew of 0, Then the desk is built and a fact from 2099 is still refused', async () => {
    const result = await createDesk({ businessTime: { maxFutureSkewMs: 0 } }).units.handle(establish({ occurredAt: FAR_FUTURE }), system);
    expect(isLeft(result) && result.left.code).toBe('OCCURRED_IN_THE_FUTURE');
  });

  it.each([
    [{ businessTime: { maxFutureSkew: 60_000 } }, 'businessTime.maxFutureSkew is not a business-time option (they are maxFutureSkewMs, lateEntryAfterMs)'],
    [{ businessTime: 5 }, 'businessTime must be an object, got 5'],
    [{ stor: new InMemoryEventStore() }, 'stor is not an option of a desk'],
    [{ clock: { now: new Date() } }, 'clock must be an object with now()'],
    [{ ids: () => 'id' }, 'ids must be an object with next()'],
    [{ store: {} }, 'store must be an object with appendToStream(), readStream(), readAll(), findIdempotencyRecord(), got {}'],
    [{ references: 'uncheked' }, `references must be 'unchecked' or a registry with officer() and unit(), got "uncheked"`],
  ])('Given the options %j, Then createDesk and createMotcuaContainer throw: %s', (options, message) => {
    expect(() => createDesk(options as never)).toThrow(message);
    expect(() => createMotcuaContainer(options as never)).toThrow(message);
  });

  it('Given every option set to a good value, Then the desk takes a command', async () => {
    const result = await createDesk({ store: new InMemoryEventStore(), businessTime: { maxFutureSkewMs: 60_000, lateEntryAfterMs: 0 }, references: 'unchecked' }).units.handle(establish(), system);
    expect(isRight(result)).toBe(true);
  });
});
