import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactMetadataOfContext, prepareAppend } from './prepared-append.js';
import { NO_EVENT_CODECS } from './append-checks.js';
import { compactMetadataJson, metadataProblem } from './stored-event.js';
import { actorProblem } from './actor.js';
import { ACTOR_ROLES } from './envelope.js';

/** The metadata `prepareAppend` stores for a context, and its compact values (undefined: kept verbatim). */
const storedCompactOf = (context: Record<string, unknown>, eventId: string, recordedAt: string): string | undefined => {
  const metadata = Object.assign({}, context, { eventId: (context.eventId as string | undefined) ?? eventId, recordedAt });
  return compactMetadataJson(metadata, JSON.stringify(metadata));
};

const text = fc.string({ maxLength: 6 });
const late = fc.record({ workingDays: fc.integer({ min: -3, max: 9 }), minutes: fc.integer({ min: 0, max: 600 }) });

/** A context an append takes: the required keys in their order, some optional ones, maybe an event id first. */
const wellFormed = fc
  .record({
    eventId: fc.option(text, { nil: undefined }),
    occurredAt: text,
    actor: fc.record({ id: text.filter((id) => id.trim() !== ''), role: fc.constantFrom(...ACTOR_ROLES) }),
    tenantId: text,
    correlationId: text,
    causationId: text,
    ruleSetVersion: fc.option(text, { nil: undefined }),
    idempotencyKey: fc.option(text, { nil: undefined }),
    commandHash: fc.option(text, { nil: undefined }),
    lateEntry: fc.option(late, { nil: undefined }),
  })
  .map((context) => {
    const shaped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(context)) if (value !== undefined) shaped[key] = value;
    return shaped;
  });

/** Anything else a caller might pass: keys shuffled, dropped, added or of other types. */
const role = fc.oneof(text, fc.constantFrom(...ACTOR_ROLES));
const value = fc.oneof(text, fc.integer(), fc.constant(null), fc.constant(undefined), fc.record({ id: text, role }), late, fc.record({ role, id: text }));
const key = fc.constantFrom('eventId', 'occurredAt', 'actor', 'tenantId', 'correlationId', 'causationId', 'ruleSetVersion', 'idempotencyKey', 'commandHash', 'lateEntry', 'recordedAt', 'streamId', 'channel');
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

  it('takes exactly the contexts whose metadata a reader can rely on, and names what is wrong with any other', () => {
    fc.assert(
      fc.property(anyContext, (context) => {
        const problem = metadataProblem(Object.assign({}, context, { eventId: context.eventId ?? 'e-1', recordedAt: 'at' })) ?? actorProblem(context.actor as Record<string, unknown>);
        if (problem === undefined) expect(prepare(context)).not.toThrow();
        else expect(prepare(context)).toThrow(`event 0 (T) of stream s-1: metadata: ${problem}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('takes every well-formed context', () => {
    fc.assert(fc.property(wellFormed, (context) => void prepare(context)()));
  });

  it.each([
    [{ id: 'x', role: 'janitor' }, 'actor.role is "janitor", not one of receptionist, processing-officer, unit-head, director, inspector, citizen, system, device'],
    [{ id: ' ', role: 'system' }, 'actor.id is " ", not a non-empty string'],
  ])('refuses the actor %j, which no one can act as, naming what is wrong', (actor, message) => {
    expect(prepare({ occurredAt: 'x', actor, tenantId: 't', correlationId: 'c', causationId: 'c' })).toThrow(`event 0 (T) of stream s-1: metadata: ${message}`);
  });

  it('refuses metadata without the province, naming it', () => {
    expect(prepare({ occurredAt: 'x', actor: { id: 'a', role: 'system' }, correlationId: 'c', causationId: 'c' })).toThrow('metadata: tenantId is undefined, not a string');
  });
});
