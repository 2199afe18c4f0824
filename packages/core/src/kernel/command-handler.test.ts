import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from '../fp.js';
import { accessDenied } from './errors.js';
import { InMemoryEventStore } from './in-memory-event-store.js';
import type { EventStore } from './event-store.js';
import { counterHandler, increment } from './counter.testkit.js';

const context = { actor: { id: 'officer-7', role: 'receptionist' as const }, tenantId: 'province-01' };

const handlerOn = (store: EventStore, maxRetries?: number) =>
  counterHandler(store, { ruleSetVersionOf: () => 'test-rules-1', ...(maxRetries === undefined ? {} : { maxRetries }) });

describe('command handler', () => {
  it('loads, decides and appends, recording context in the metadata', async () => {
    const store = new InMemoryEventStore();
    const handle = handlerOn(store);
    const result = await handle(increment('a', 2), { ...context, correlationId: 'corr-1' });
    expect(isRight(result) && result.right).toMatchObject({ streamId: 'counter-a', version: 1, state: { total: 2 }, replayed: false });
    const [stored] = (await store.readStream('counter-a')).events;
    expect(stored?.metadata).toMatchObject({
      occurredAt: '2026-03-02T09:00:00+07:00',
      actor: context.actor,
      tenantId: 'province-01',
      correlationId: 'corr-1',
      causationId: 'corr-1',
      ruleSetVersion: 'test-rules-1',
    });
  });

  it('returns a rejection as a value and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const handle = handlerOn(store);
    const result = await handle(increment('a', 101), context);
    expect(isLeft(result) && result.left.code).toBe('COUNTER_CEILING');
    expect((await store.readStream('counter-a')).streamExists).toBe(false);
  });

  it('rejects a malformed command naming the field and the rule', async () => {
    const handle = handlerOn(new InMemoryEventStore());
    const result = await handle({ type: 'Increment', data: { counterId: 'a', by: -1, occurredAt: 'yesterday' } }, context);
    expect(isLeft(result) && result.left).toMatchObject({
      _tag: 'InvalidInput',
      issues: expect.arrayContaining([
        expect.objectContaining({ field: 'data.by', rule: 'PositiveInt' }),
        expect.objectContaining({ field: 'data.occurredAt', rule: 'Instant' }),
      ]),
    });
    const unknown = await handle({ type: 'Explode', data: {} }, context);
    expect(isLeft(unknown) && unknown.left).toMatchObject({ _tag: 'InvalidInput', issues: [expect.objectContaining({ field: 'type' })] });
  });

  it("returns a conflict with the caller's own expected version without retrying", async () => {
    const store = new InMemoryEventStore();
    const handle = handlerOn(store);
    await handle(increment('a', 1), context);
    const stale = await handle(increment('a', 1), { ...context, expectedVersion: 0 });
    expect(isLeft(stale) && stale.left._tag).toBe('VersionConflict');
    const fresh = await handle(increment('a', 1), { ...context, expectedVersion: 1 });
    expect(isRight(fresh) && fresh.right.version).toBe(2);
  });

  it('retries a conflict with a concurrent writer on fresh state, a bounded number of times', async () => {
    const inner = new InMemoryEventStore();
    let sabotage = 2;
    // A store where another writer slips in just before each of the first appends.
    const racing: EventStore = Object.assign(Object.create(inner) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        if (sabotage-- > 0) await inner.appendToStream(args[0], [{ type: 'Incremented', data: { by: 1 }, metadata: { ...args[1][0]!.metadata, eventId: undefined } }]);
        return inner.appendToStream(...args);
      },
    });
    const result = await handlerOn(racing, 3)(increment('a', 5), context);
    expect(isRight(result) && result.right.state.total).toBe(7);

    sabotage = 10;
    const exhausted = await handlerOn(racing, 2)(increment('a', 5), context);
    expect(isLeft(exhausted) && exhausted.left._tag).toBe('VersionConflict');
  });

  it('authorizes on the stream as loaded, again on every retry, and a denial appends nothing', async () => {
    // Given a store where another writer slips in before the first append
    const inner = new InMemoryEventStore();
    await handlerOn(inner)(increment('a', 1), context);
    let sabotage = 1;
    const racing: EventStore = Object.assign(Object.create(inner) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        if (sabotage-- > 0) await inner.appendToStream(args[0], [{ type: 'Incremented', data: { by: 1 }, metadata: { ...args[1][0]!.metadata, eventId: undefined } }]);
        return inner.appendToStream(...args);
      },
    });
    // When a command is authorized only while the stream has fewer than 3 events
    const seen: number[] = [];
    const authorize = ({ version }: { readonly version: number }) => {
      seen.push(version);
      return version < 3 ? undefined : accessDenied(`counter-a has ${version} events`);
    };
    const allowed = await handlerOn(racing)(increment('a', 5), { ...context, authorize });
    // Then the retry was authorized on the fresh stream
    expect(seen).toEqual([1, 2]);
    expect(isRight(allowed) && allowed.right.version).toBe(3);
    // And once the rule says no, the denial is the result and nothing is appended
    const denied = await handlerOn(racing)(increment('a', 5), { ...context, authorize });
    expect(isLeft(denied) && denied.left).toEqual({ _tag: 'AccessDenied', code: 'ACCESS_DENIED', message: 'counter-a has 3 events' });
    expect((await inner.readStream('counter-a')).currentVersion).toBe(3);
  });

  it("refuses a stream already past the caller's expected version before deciding", async () => {
    const store = new InMemoryEventStore();
    const handle = handlerOn(store);
    await handle(increment('a', 1), context);
    // A command the decider would reject gets the version conflict, which the caller can act on
    const stale = await handle(increment('a', 101), { ...context, expectedVersion: 'no-stream' });
    expect(isLeft(stale) && stale.left).toMatchObject({ _tag: 'VersionConflict', actual: 1 });
  });

  it('with an idempotency key appends once however often it is called (law)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 10 }), fc.boolean(), async (calls, by, concurrent) => {
        const store = new InMemoryEventStore();
        const handle = handlerOn(store);
        const keyed = { ...context, idempotencyKey: 'key-1' };
        const results = concurrent
          ? await Promise.all(Array.from({ length: calls }, () => handle(increment('a', by), keyed)))
          : await (async () => {
              const out = [];
              for (let i = 0; i < calls; i++) out.push(await handle(increment('a', by), keyed));
              return out;
            })();
        expect(results.every(isRight)).toBe(true);
        expect((await store.readStream('counter-a')).currentVersion).toBe(1);
        const versions = results.map((r) => (isRight(r) ? r.right.events.map((e) => e.metadata.eventId) : []));
        expect(new Set(versions.map((v) => v.join()))).toHaveProperty('size', 1);
        expect(results.filter((r) => isRight(r) && !r.right.replayed)).toHaveLength(1);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses the same idempotency key for a different command', async () => {
    const store = new InMemoryEventStore();
    const handle = handlerOn(store);
    const keyed = { ...context, idempotencyKey: 'key-1' };
    await handle(increment('a', 1), keyed);
    const other = await handle(increment('a', 2), keyed);
    expect(isLeft(other) && other.left.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherStream = await handle(increment('b', 1), keyed);
    expect(isLeft(otherStream) && otherStream.left.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await store.readStream('counter-a')).currentVersion).toBe(1);
  });

  it('reports a stored event that no longer matches its codec, naming stream and version', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('counter-a', [
      { type: 'Incremented', data: { by: 'lots' }, metadata: { ...context, occurredAt: '2026-03-02T09:00:00+07:00', correlationId: 'c', causationId: 'c' } },
    ]);
    await expect(handlerOn(store)(increment('a', 1), context)).rejects.toThrow(/stream counter-a at version 1.*data\.by/);
  });
});
