import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactMetadataOfContext, prepareAppend } from './prepared-append.js';
import { EventMetadataRefused, NO_EVENT_CODECS } from './append-checks.js';
import { compactMetadataJson } from './stored-event.js';
import { ACTOR_ROLES } from './envelope.js';
import { decodeExact } from './codec.js';
import { EventMetadataCodec } from './event-metadata.js';
import { isLeft } from '../fp.js';

/** The metadata `prepareAppend` stores for a context, and its compact values (undefined: kept verbatim). */
const storedCompactOf = (context: Record<string, unknown>, eventId: string, recordedAt: string): string | undefined => {
  const metadata = Object.assign({}, context, { eventId: (context.eventId as string | undefined) ?? eventId, recordedAt });
  return compactMetadataJson(metadata, JSON.stringify(metadata));
};

const text = fc.string({ maxLength: 6 });
/** A non-empty id, as the metadata's ids must be. */
const id = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '');
const late = fc.record({ workingDays: fc.integer({ min: 0, max: 9 }), minutes: fc.integer({ min: 0, max: 600 }) });
/** A real instant, in UTC or at an offset. */
const instant = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('Z', '+07:00', '-03:30'))
  .map(([date, zone]) => `${date.toISOString().slice(0, 19)}${zone}`);
const province = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);

/** A context an append takes: the required keys in their order, some optional ones, maybe an event id first. */
const wellFormed = fc
  .record({
    eventId: fc.option(id, { nil: undefined }),
    occurredAt: instant,
    actor: fc.record({ id, role: fc.constantFrom(...ACTOR_ROLES) }),
    tenantId: province,
    correlationId: id,
    causationId: id,
    ruleSetVersion: fc.option(id, { nil: undefined }),
    idempotencyKey: fc.option(id, { nil: undefined }),
    commandHash: fc.option(id, { nil: undefined }),
    lateEntry: fc.option(late, { nil: undefined }),
  })
  .map((context) => {
    const shaped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(context)) if (value !== undefined) shaped[key] = value;
    return shaped;
  });

/** Anything else a caller might pass: keys shuffled, dropped, added or of other types. */
const role = fc.oneof(text, fc.constantFrom(...ACTOR_ROLES));
const value = fc.oneof(text, instant, province, fc.integer(), fc.constant(null), fc.constant(undefined), fc.record({ id: text, role }), late, fc.record({ workingDays: fc.integer({ min: -3, max: 3 }), minutes: fc.double() }), fc.record({ role, id: text }), fc.record({ id, role, extra: text }));
const key = fc.constantFrom('eventId', 'occurredAt', 'actor', 'tenantId', 'correlationId', 'causationId', 'ruleSetVersion', 'idempotencyKey', 'commandHash', 'lateEntry', 'recordedAt', 'streamId', 'channel', 'approvedBy');
const anyContext = fc.oneof(
  wellFormed,
  fc.array(fc.tuple(key, value), { maxLength: 12 }).map((pairs) => Object.fromEntries(pairs) as Record<string, unknown>),
  fc.tuple(wellFormed, key, value).map(([context, k, v]) => ({ ...context, [k]: v })),
  fc.tuple(wellFormed, fc.nat()).map(([context, n]) => {
    const entries = Object.entries(context);
    const [moved] = entries.splice(n % entries.length, 1);
    return Object.fromEntries(moved === undefined ? entries : [...entries, moved]) as Record<string, unknown>;
  }),
);

describe('compactMetadataOfContext', () => {
  it('gives the compact values compactMetadataJson gives for the metadata an append stores, or nothing', () => {
    fc.assert(
      fc.property(anyContext, text, text, (context, eventId, recordedAt) => {
        const fast = compactMetadataOfContext(context as never, eventId, recordedAt);
        if (fast !== undefined) expect(fast).toBe(storedCompactOf(context, eventId, recordedAt));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives them for every context in the order an append takes it', () => {
    fc.assert(
      fc.property(wellFormed, text, text, (context, eventId, recordedAt) => {
        const fast = compactMetadataOfContext(context as never, eventId, recordedAt);
        expect(fast).toBeDefined();
        expect(fast).toBe(storedCompactOf(context, eventId, recordedAt));
      }),
      { numRuns: 500 },
    );
  });

  it('gives nothing for an actor no one can act as, so the append takes the long way and refuses it', () => {
    for (const actor of [{ id: 'x', role: 'janitor' }, { id: '', role: 'system' }]) {
      expect(compactMetadataOfContext({ occurredAt: 'x', actor, tenantId: 't', correlationId: 'c', causationId: 'c' } as never, 'id', 'at')).toBeUndefined();
    }
  });

  it('gives nothing for a context that is not a plain object', () => {
    class Context {
      occurredAt = 'x';
    }
    for (const context of [null, undefined, 'context', [], new Context()]) expect(compactMetadataOfContext(context as never, 'id', 'at')).toBeUndefined();
  });
});

describe('prepareAppend', () => {
  const clock = { now: () => new Date('2026-03-02T02:00:00.000Z') };
  const ids = { next: () => 'e-1' };
  const prepare = (metadata: unknown) => () => prepareAppend('s-1', [{ type: 'T', data: {}, metadata } as never], 'any', clock, ids, NO_EVENT_CODECS);

  /** The metadata an append stores for a context: the context with its event id and recorded time, without positions. */
  const storedOf = (context: Record<string, unknown>): Record<string, unknown> => {
    const { streamId: _s, streamVersion: _v, globalPosition: _g, ...rest } = context;
    return Object.assign(rest, { eventId: context.eventId ?? 'e-1', recordedAt: '2026-03-02T02:00:00.000Z' });
  };

  it('takes exactly the contexts whose metadata EventMetadataCodec accepts exactly (what export, import and migrate take), and names what is wrong with any other', () => {
    fc.assert(
      fc.property(anyContext, (context) => {
        const decoded = decodeExact(EventMetadataCodec, storedOf(context));
        if (!isLeft(decoded)) {
          expect(prepare(context)).not.toThrow();
          return;
        }
        let error: unknown;
        try {
          prepare(context)();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(EventMetadataRefused);
        expect((error as EventMetadataRefused).issues.map((issue) => issue.field)).toEqual(decoded.left.issues.map((issue) => `metadata.${issue.field}`));
        expect((error as Error).message).toMatch(/^event 0 \(T\) of stream s-1: metadata does not match its codec: metadata\./);
      }),
      { numRuns: 1000 },
    );
  });

  it('takes every well-formed context', () => {
    fc.assert(fc.property(wellFormed, (context) => void prepare(context)()));
  });

  const context = { occurredAt: '2026-03-02T09:00:00+07:00', actor: { id: 'a', role: 'system' }, tenantId: 'thai-nguyen', correlationId: 'c', causationId: 'c' };

  it.each([
    [{ id: 'x', role: 'janitor' }, 'metadata.actor.role: must be ActorRole, got "janitor"'],
    [{ id: ' ', role: 'system' }, 'metadata.actor.id: must be a non-empty string, got " "'],
  ])('refuses the actor %j, which no one can act as, naming what is wrong', (actor, message) => {
    expect(prepare({ ...context, actor })).toThrow(`event 0 (T) of stream s-1: metadata does not match its codec: ${message}`);
  });

  it('refuses metadata without the province, naming it', () => {
    const { tenantId: _tenantId, ...withoutProvince } = context;
    expect(prepare(withoutProvince)).toThrow(/metadata\.tenantId: must be a province id/);
  });

  it.each([
    ['an occurredAt that is no instant', { occurredAt: 'yesterday' }, 'metadata.occurredAt'],
    ['an occurredAt on a day the calendar has not', { occurredAt: '2026-02-30T08:00:00+07:00' }, 'metadata.occurredAt'],
    ['a key the metadata has not', { approvedBy: 'director' }, 'metadata.approvedBy'],
    ['an empty correlation id', { correlationId: '' }, 'metadata.correlationId'],
    ['an empty causation id', { causationId: '' }, 'metadata.causationId'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'metadata.idempotencyKey'],
    ['a late entry of negative days', { lateEntry: { workingDays: -5, minutes: 1.5 } }, 'metadata.lateEntry.workingDays'],
  ])('refuses %s, naming the field', (_what, change, field) => {
    expect(prepare({ ...context, ...change })).toThrow(`${field}: `);
  });
});
