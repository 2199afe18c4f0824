import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CorruptEventError, GENESIS_HASH, computeEventHash, fixedClock, prepareAppend, NO_EVENT_CODECS, provinceStreamId, uuidGenerator, verifyHashChain } from '@motcua/core';
import type { WireRecord } from './client.js';
import {
  assertNamespace,
  decodeWireRecord,
  esdbEventId,
  esdbStreamName,
  expectedRevisionAt,
  motcuaStreamId,
  versionOfCurrent,
  versionOfRevision,
  wireEventOf,
} from './mapping.js';

// Mapping laws: no server, no client; the wire is JSON text both ways, as the client sends and reads it.

const clock = fixedClock('2026-03-02T02:00:00Z');
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What the server hands back for a wire event: data and metadata through JSON text, as the client does. */
const throughTheWire = (streamName: string, revision: bigint, event: ReturnType<typeof wireEventOf>): WireRecord => ({
  streamName,
  revision,
  type: event.type,
  isJson: true,
  data: JSON.parse(JSON.stringify(event.data)) as unknown,
  metadata: JSON.parse(JSON.stringify(event.metadata)) as unknown,
  position: undefined,
});

describe('stream names', () => {
  it('a province-qualified stream id round-trips through the namespaced server stream name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), fc.string({ minLength: 1 }), (kind, province, id) => {
        const streamId = provinceStreamId(kind, province, id);
        const name = esdbStreamName('motcua', streamId);
        expect(name).toBe(`motcua.${streamId}`);
        // EventStoreDB's category is what comes before the first `-`: the namespace and the kind
        expect(name.slice(0, name.indexOf('-'))).toBe(`motcua.${kind}`);
        expect(motcuaStreamId('motcua', name)).toBe(streamId);
      }),
    );
  });

  it('a stream of another namespace, or outside any, is not the namespace\'s', () => {
    expect(motcuaStreamId('motcua', 'motcua2.dossier-x:1')).toBeUndefined();
    expect(motcuaStreamId('motcua', 'motcua~idempotency.k')).toBeUndefined();
    expect(motcuaStreamId('motcua', '$stats-127.0.0.1:2113')).toBeUndefined();
    expect(motcuaStreamId('motcua', 'motcua.')).toBeUndefined();
  });

  it('a namespace is letters, digits and _: no `-` (it would split the category), no `$` (system streams)', () => {
    expect(assertNamespace('motcua_prod')).toBe('motcua_prod');
    for (const bad of ['', 'mot-cua', '$motcua', '1motcua', 'mot.cua']) expect(() => assertNamespace(bad)).toThrow(TypeError);
  });
});

describe('event ids', () => {
  it('a UUID is kept; any other id gives the same UUID every time, and different ids different UUIDs', () => {
    const uuid = uuidGenerator.next();
    expect(esdbEventId(uuid)).toBe(uuid);
    expect(esdbEventId(uuid.toUpperCase())).toBe(uuid);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(!UUID_SHAPE.test(a) && !/^[0-9a-f-]{36}$/i.test(a));
        expect(esdbEventId(a)).toMatch(UUID_SHAPE);
        expect(esdbEventId(a)).toBe(esdbEventId(a));
        if (a !== b) expect(esdbEventId(a)).not.toBe(esdbEventId(b));
      }),
    );
  });
});

describe('expected versions and revisions', () => {
  it('motcua version n (1-based) is revision n-1 (0-based bigint); version 0 is no stream', () => {
    expect(expectedRevisionAt(0)).toBe('no_stream');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER - 1 }), (version) => {
        const revision = expectedRevisionAt(version);
        expect(typeof revision).toBe('bigint');
        expect(versionOfRevision(revision as bigint)).toBe(version);
        expect(versionOfCurrent(revision)).toBe(version);
      }),
    );
    expect(versionOfCurrent('no_stream')).toBe(0);
  });

  it('a revision beyond what a JavaScript number holds exactly is refused, not rounded', () => {
    expect(() => versionOfRevision(2n ** 53n)).toThrow(RangeError);
    expect(() => versionOfRevision(2n ** 64n - 1n)).toThrow(RangeError);
    expect(() => versionOfRevision(-1n)).toThrow(RangeError);
  });
});

describe('the chain in the metadata', () => {
  const jsonObject = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 });
  /** The context every event carries (`EventMetadataCodec` of core). */
  const CONTEXT = {
    occurredAt: '2026-03-02T09:00:00+07:00',
    actor: { id: 'officer-1', role: 'receptionist' },
    tenantId: 'province-01',
    correlationId: 'c-1',
    causationId: 'c-1',
  };
  const { actor: _actor, ...withoutActor } = CONTEXT;

  it('any event read back gives the JSON texts it was hashed over, so the chain verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.oneof(jsonObject, fc.jsonValue()), fc.boolean()), { minLength: 1, maxLength: 5 }), async (events) => {
        const append = prepareAppend(
          's-1',
          // The context in the handler's key order, or in one of its own.
          events.map(([data, reordered]) => ({ type: 'Counted', data, metadata: (reordered ? { ...withoutActor, actor: CONTEXT.actor } : CONTEXT) as never })),
          'any',
          clock,
          uuidGenerator,
          NO_EVENT_CODECS,
        );
        let previousHash = GENESIS_HASH;
        const records = append.events.map((event, i) => {
          const globalPosition = i + 1;
          const hash = computeEventHash(previousHash, { globalPosition, streamId: 's-1', streamVersion: i + 1, type: event.type, dataJson: event.dataJson, metadataJson: event.metadataJson });
          const wire = wireEventOf(event, events[i]?.[0], { globalPosition, previousHash, hash });
          previousHash = hash;
          return throughTheWire('ns.s-1', BigInt(i), wire);
        });
        const decoded = records.map((record) => decodeWireRecord('ns', record));
        decoded.forEach(({ row, event }, i) => {
          expect(row.dataJson).toBe(append.events[i]?.dataJson);
          expect(row.metadataJson).toBe(append.events[i]?.metadataJson);
          expect(event.metadata).toMatchObject({ streamId: 's-1', streamVersion: i + 1, globalPosition: i + 1 });
          expect(event.metadata).not.toHaveProperty('$motcua');
        });
        expect(await verifyHashChain(decoded.map((d) => d.row))).toMatchObject({ ok: true, events: events.length, lastHash: previousHash });
      }),
      { numRuns: 60 },
    );
  });

  const stored = () => {
    const [event] = prepareAppend('s-1', [{ type: 'Counted', data: { n: 1 }, metadata: CONTEXT as never }], 'any', clock, uuidGenerator, NO_EVENT_CODECS).events;
    if (event === undefined) throw new Error('no event');
    return throughTheWire('ns.s-1', 4n, wireEventOf(event, { n: 1 }, { globalPosition: 7, previousHash: GENESIS_HASH, hash: 'h' }));
  };

  it('data the client could not parse, metadata without the chain, or a non-JSON event is a corrupt event naming stream and version', () => {
    const cases: [WireRecord, string][] = [
      [{ ...stored(), data: '{"n": ' }, 'data is not valid JSON'],
      [{ ...stored(), metadata: new Uint8Array([123]) }, 'metadata is not valid JSON'],
      [{ ...stored(), metadata: { tenantId: 'province-01' } }, 'no $motcua'],
      [{ ...stored(), metadata: { ...(stored().metadata as object), tenantId: 7 } }, 'the stored metadata is damaged: tenantId is number, not a string'],
      [{ ...stored(), metadata: { $motcua: { globalPosition: 0, previousHash: '', hash: '' } } }, 'globalPosition'],
      [{ ...stored(), isJson: false, data: new Uint8Array([1]) }, 'not stored as JSON'],
    ];
    for (const [record, why] of cases) {
      const error = (() => {
        try {
          decodeWireRecord('ns', record);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(CorruptEventError);
      expect(error).toMatchObject({ streamId: 's-1', streamVersion: 5 });
      expect((error as Error).message).toContain(why);
    }
  });

  it('data that is a JSON string is told apart from data that did not parse', () => {
    const [event] = prepareAppend('s-1', [{ type: 'Noted', data: '{"n": ', metadata: CONTEXT as never }], 'any', clock, uuidGenerator, NO_EVENT_CODECS).events;
    if (event === undefined) throw new Error('no event');
    const record = throughTheWire('ns.s-1', 0n, wireEventOf(event, '{"n": ', { globalPosition: 1, previousHash: GENESIS_HASH, hash: 'h' }));
    expect(decodeWireRecord('ns', record).event.data).toBe('{"n": ');
  });

  it('a caller cannot pass the store\'s own metadata key', () => {
    // An append refuses it as any key the metadata does not name
    expect(() => prepareAppend('s-1', [{ type: 'Counted', data: {}, metadata: { ...CONTEXT, $motcua: 1 } as never }], 'any', clock, uuidGenerator, NO_EVENT_CODECS)).toThrow(
      expect.objectContaining({ code: 'EVENT_METADATA_REFUSED', issues: [expect.objectContaining({ field: 'metadata.$motcua' })] }),
    );
    // And the wire mapping refuses it still, should an event prepared otherwise hold it
    const [event] = prepareAppend('s-1', [{ type: 'Counted', data: {}, metadata: CONTEXT as never }], 'any', clock, uuidGenerator, NO_EVENT_CODECS).events;
    if (event === undefined) throw new Error('no event');
    const forged = { ...event, metadata: { ...event.metadata, $motcua: 1 } };
    expect(() => wireEventOf(forged, {}, { globalPosition: 1, previousHash: GENESIS_HASH, hash: 'h' })).toThrow(TypeError);
  });
});
