import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTOR_ROLES, CorruptEventError, decodeStoredEvent, prepareAppend, NO_EVENT_CODECS, type Clock, type IdGenerator, type NewEvent } from '@motcua/core';
import { decodeRow } from './decode-row.js';
import { storedMetadataText, hashedMetadataJson } from './stored-metadata.js';

const text = fc.string({ unit: 'binary', maxLength: 12 });
/** Any text an id of the metadata may be: not empty nor white space only (escapes and lone surrogates included). */
const id = text.filter((s) => s.trim() !== '');
/** A real instant, in UTC or at an offset, as the metadata's `occurredAt` must be. */
const instant = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('Z', '+07:00', '-03:30'))
  .map(([date, zone]) => `${date.toISOString().slice(0, 19)}${zone}`);
const clock: Clock = { now: () => new Date('2026-03-02T02:00:00.000Z') };
const ids: IdGenerator = { next: () => 'ev-store' };

/** A caller's context as commands write it, with any texts, the optional fields or not, eventId set first or left to the store. */
const context = fc.record(
  {
    eventId: id,
    occurredAt: instant,
    // Metadata an append takes (EventMetadataCodec): any other is refused before it is stored.
    actor: fc.record({ id, role: fc.constantFrom(...ACTOR_ROLES) }),
    tenantId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/),
    correlationId: id,
    causationId: id,
    ruleSetVersion: id,
    idempotencyKey: id,
    commandHash: id,
    lateEntry: fc.record({ workingDays: fc.integer({ min: 0, max: 400 }), minutes: fc.integer({ min: 0, max: 1e6 }) }),
  },
  { requiredKeys: ['occurredAt', 'actor', 'tenantId', 'correlationId', 'causationId'] },
);

describe('metadata as the PostgreSQL store keeps it', () => {
  it('a context of the usual keys is stored as its values, hashed as its text, and read back key for key in the same order', () => {
    fc.assert(
      fc.property(context, fc.jsonValue(), (metadata, data) => {
        // Given an append of any context (eventId first, or assigned by the store after it)
        const [event] = prepareAppend('s-1', [{ type: 'T', data, metadata } as NewEvent], 'any', clock, ids, NO_EVENT_CODECS).events;
        const { dataJson, metadataJson } = event!;
        // When its metadata is stored
        const stored = storedMetadataText(event!.metadata, metadataJson);
        // Then it is the compact form, from which the chain gets back the very text it hashed
        expect(stored).not.toBe(metadataJson);
        expect(stored.startsWith('[')).toBe(true);
        expect(hashedMetadataJson(stored)).toBe(metadataJson);
        // And a read gives back the appended metadata with its positions, keys in the same order
        const read = decodeRow(7, 's-1', 3, 'T', dataJson, stored);
        expect(JSON.stringify(read.metadata)).toBe(JSON.stringify({ ...JSON.parse(metadataJson), streamId: 's-1', streamVersion: 3, globalPosition: 7 }));
        expect(read.data).toStrictEqual(JSON.parse(dataJson));
        for (const object of [read, read.metadata, read.metadata.actor]) expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      }),
    );
  });

  it('metadata the values cannot give back byte for byte is stored as its text and read back as it was', () => {
    const other = fc.oneof(
      // another key order: of the actor, of the late entry, of the context
      context.map(({ actor, ...rest }) => ({ ...rest, actor: { role: actor.role, id: actor.id } })),
      context.map((m) => ({ ...m, lateEntry: { minutes: 2, workingDays: 1 } })),
      context.map(({ tenantId, ...rest }) => ({ tenantId, ...rest })),
    );
    fc.assert(
      fc.property(other, (metadata) => {
        const [event] = prepareAppend('s-1', [{ type: 'T', data: { n: 1 }, metadata } as unknown as NewEvent], 'any', clock, ids, NO_EVENT_CODECS).events;
        expect(storedMetadataText(event!.metadata, event!.metadataJson)).toBe(event!.metadataJson);
        expect(hashedMetadataJson(event!.metadataJson)).toBe(event!.metadataJson);
        const read = decodeRow(1, 's-1', 1, 'T', event!.dataJson, event!.metadataJson);
        expect(JSON.stringify(read.metadata)).toBe(JSON.stringify({ ...JSON.parse(event!.metadataJson), streamId: 's-1', streamVersion: 1, globalPosition: 1 }));
      }),
    );
  });

  it('data and metadata read apart give the event the body they stand for gives, key for key, and are never read where the body is a CorruptEventError', () => {
    // The body of the shared stored forms (kernel/stored-event.ts) for a row's two texts
    const bodyOf = (data: string, metadata: string): string => (metadata.startsWith('[') ? `[${data},${metadata.slice(1)}` : `[${data},${metadata}]`);
    const outcome = (read: () => unknown): unknown => {
      try {
        const event = read();
        return { json: JSON.stringify(event), event };
      } catch (error) {
        expect(error).toBeInstanceOf(CorruptEventError);
        expect(error).toMatchObject({ streamId: 's-1', streamVersion: 4, globalPosition: 9 });
        return 'corrupt';
      }
    };
    const appended = context.map((metadata) => {
      const [event] = prepareAppend('s-1', [{ type: 'T', data: { n: 1 }, metadata } as NewEvent], 'any', clock, ids, NO_EVENT_CODECS).events;
      return storedMetadataText(event!.metadata, event!.metadataJson);
    });
    // Stored metadata as appended, edited by hand (a value retyped, cut, spaced), or any text
    const edited = appended.chain((stored) =>
      fc.oneof(
        fc.constant(stored),
        fc.constant(` ${stored}`),
        fc.nat({ max: stored.length }).map((n) => stored.slice(0, n)),
        fc.nat({ max: stored.length }).map((n) => `${stored.slice(0, n)}7${stored.slice(n)}`),
        fc.constant(stored.replace('"', '1,"')),
        fc.constant(stored.replace(/,"[^"]*"\]$/, ',null]')),
      ),
    );
    const metadataText = fc.oneof(edited, fc.json(), fc.string(), fc.constantFrom('[]', '[1]', '[2]', '{}', '[{}]', 'null', '[1,"a","b","c","d","e","f","g","h",7,null]'));
    fc.assert(
      fc.property(fc.json(), metadataText, (data, metadata) => {
        const apart = outcome(() => decodeRow(9, 's-1', 4, 'T', data, metadata));
        const joined = outcome(() => decodeStoredEvent(bodyOf(data, metadata), 'T', 's-1', 4, 9));
        // Never more lenient than the body; stricter only where the body cannot tell data from values (`[{…}]` as `[<data>,{…}]`)
        if (apart !== 'corrupt' || joined === 'corrupt') expect(apart).toStrictEqual(joined);
      }),
      { numRuns: 500 },
    );
    // And metadata as appended reads back alike both ways
    fc.assert(
      fc.property(fc.json(), appended, (data, metadata) => {
        expect(outcome(() => decodeRow(9, 's-1', 4, 'T', data, metadata))).toStrictEqual(outcome(() => decodeStoredEvent(bodyOf(data, metadata), 'T', 's-1', 4, 9)));
        expect(decodeRow(9, 's-1', 4, 'T', data, metadata).data).toStrictEqual(JSON.parse(data));
      }),
    );
  });

  it('a stored text edited into anything else never throws for the chain and is a CorruptEventError for a reader naming the event', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.constantFrom('[]', '[1]', '[2,"a"]', '[3,"a","b","c","d","e","f","g","h"]', 'null', '[')), (stored) => {
        expect(typeof hashedMetadataJson(stored)).toBe('string');
        let read: unknown;
        try {
          read = decodeRow(5, 'dossier-9', 2, 'T', '{"n":1}', stored);
        } catch (error) {
          expect(error).toBeInstanceOf(CorruptEventError);
          expect(error).toMatchObject({ streamId: 'dossier-9', streamVersion: 2, globalPosition: 5 });
          return;
        }
        // Whatever still reads is an event whose metadata is an object carrying the row's positions
        expect(read).toMatchObject({ type: 'T', data: { n: 1 }, metadata: { streamId: 'dossier-9', streamVersion: 2, globalPosition: 5 } });
      }),
    );
  });
});
