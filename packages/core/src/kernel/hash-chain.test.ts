import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GENESIS_HASH, computeEventHash, eventHashProblems, verifyHashChain, type EventHashInput, type HashChainRow } from './hash-chain.js';

const chain = (events: readonly Omit<EventHashInput, 'globalPosition'>[]): HashChainRow[] => {
  let previousHash = GENESIS_HASH;
  return events.map((event, index) => {
    const content = { ...event, globalPosition: index + 1 };
    const hash = computeEventHash(previousHash, content);
    const row = { ...content, previousHash, hash };
    previousHash = hash;
    return row;
  });
};

const sample = (n: number) =>
  chain(
    Array.from({ length: n }, (_, i) => ({
      streamId: `dossier-${i % 3}`,
      streamVersion: Math.floor(i / 3) + 1,
      type: i % 2 ? 'DossierTransferred' : 'DossierReceived',
      dataJson: JSON.stringify({ n: i, note: 'hồ sơ' }),
      metadataJson: JSON.stringify({ eventId: `ev-${i}` }),
    })),
  );

describe('computeEventHash', () => {
  const event: EventHashInput = {
    globalPosition: 1,
    streamId: 'dossier-1',
    streamVersion: 1,
    type: 'DossierReceived',
    dataJson: '{"n":1}',
    metadataJson: '{"eventId":"ev-1"}',
  };

  it('is pinned: the encoding of stored logs never changes silently', () => {
    // Same as: printf 'v1\n<64 zeros>\n1\n1\n9:dossier-1\n15:DossierReceived\n7:{"n":1}\n18:{"eventId":"ev-1"}\n' | sha256sum
    expect(computeEventHash(GENESIS_HASH, event)).toBe('e84ee02fe6e7e51d2af87975afce5cf39a46a811efc561512ddeea93d64e1e59');
  });

  it('changes with every field and with the previous hash', () => {
    const base = computeEventHash(GENESIS_HASH, event);
    const variants: EventHashInput[] = [
      { ...event, globalPosition: 2 },
      { ...event, streamId: 'dossier-2' },
      { ...event, streamVersion: 2 },
      { ...event, type: 'DossierTransferred' },
      { ...event, dataJson: '{"n":2}' },
      { ...event, metadataJson: '{"eventId":"ev-2"}' },
    ];
    const hashes = new Set([base, ...variants.map((v) => computeEventHash(GENESIS_HASH, v))]);
    hashes.add(computeEventHash('f'.repeat(64), event));
    expect(hashes.size).toBe(variants.length + 2);
  });

  it('hashes the documented text, whatever the events before it (stream ids and types repeated or not, in any script)', () => {
    const bytes = (text: string) => new TextEncoder().encode(text).length;
    const documented = (previousHash: string, e: EventHashInput) =>
      createHash('sha256')
        .update(
          `v1\n${previousHash}\n${e.globalPosition}\n${e.streamVersion}\n${bytes(e.streamId)}:${e.streamId}\n${bytes(e.type)}:${e.type}\n` +
            `${bytes(e.dataJson)}:${e.dataJson}\n${bytes(e.metadataJson)}:${e.metadataJson}\n`,
        )
        .digest('hex');
    const text = fc.oneof(fc.constantFrom('dossier-1', 'hồ-sơ-1', 'DossierReceived', '𝔘'), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ maxLength: 8 }));
    const input = fc.record({ globalPosition: fc.nat(), streamId: text, streamVersion: fc.nat(), type: text, dataJson: text, metadataJson: text });
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 12 }), (events) => {
        for (const e of events) expect(computeEventHash(GENESIS_HASH, e)).toBe(documented(GENESIS_HASH, e));
      }),
    );
  });

  it('cannot be fooled by moving text from one field to the next', () => {
    const a = computeEventHash(GENESIS_HASH, { ...event, streamId: 'ab', type: 'c' });
    const b = computeEventHash(GENESIS_HASH, { ...event, streamId: 'a', type: 'bc' });
    const c = computeEventHash(GENESIS_HASH, { ...event, dataJson: '[1,2]', metadataJson: '{}' });
    const d = computeEventHash(GENESIS_HASH, { ...event, dataJson: '[1', metadataJson: '2]{}' });
    expect(a).not.toBe(b);
    expect(c).not.toBe(d);
  });
});

describe('verifyHashChain', () => {
  it('accepts an intact chain, from arrays and async iterables alike', async () => {
    const rows = sample(10);
    const expected = { ok: true, events: 10, lastHash: rows[9]?.hash, lastPosition: 10 };
    expect(await verifyHashChain(rows)).toEqual(expected);
    async function* streamed() {
      yield* rows;
    }
    expect(await verifyHashChain(streamed())).toEqual(expected);
    expect(await verifyHashChain([])).toEqual({ ok: true, events: 0, lastHash: GENESIS_HASH, lastPosition: 0 });
  });

  it('verifies a suffix from a trusted position and hash', async () => {
    const rows = sample(10);
    const start = { afterPosition: 4, previousHash: rows[3]?.hash as string };
    expect(await verifyHashChain(rows.slice(4), { start })).toMatchObject({ ok: true, events: 6 });
  });

  it('names the first altered, removed or moved event', async () => {
    const rows = sample(8);
    const at = (i: number) => rows[i] as HashChainRow;
    const replace = (i: number, row: HashChainRow) => rows.map((r, j) => (j === i ? row : r));

    expect(await verifyHashChain(replace(3, { ...at(3), dataJson: '{"n":99}' }))).toMatchObject({
      ok: false,
      problem: 'altered',
      globalPosition: 4,
      streamId: at(3).streamId,
      streamVersion: at(3).streamVersion,
    });
    expect(await verifyHashChain(replace(3, { ...at(3), hash: 'a'.repeat(64) }))).toMatchObject({
      problem: 'altered',
      globalPosition: 4,
      message: expect.stringContaining('stored hash was changed'),
    });
    // A removed event is named by its position, its stream and version gone with it; the intact event after the gap is where the chain breaks.
    expect(await verifyHashChain(rows.filter((_, i) => i !== 3))).toEqual({
      ok: false,
      problem: 'removed',
      globalPosition: 4,
      streamId: '',
      streamVersion: 0,
      missing: { first: 4, last: 4, next: { globalPosition: 5, streamId: at(4).streamId, streamVersion: at(4).streamVersion } },
      message: `event at position 4 (its stream and version are unknown: the row is gone): the chain breaks at the event after it, at position 5 (stream ${at(4).streamId}, version ${at(4).streamVersion})`,
      events: 3,
    });
    expect(await verifyHashChain(rows.filter((_, i) => i !== 3 && i !== 4))).toMatchObject({
      globalPosition: 4,
      missing: { first: 4, last: 5, next: { globalPosition: 6 } },
      message: expect.stringMatching(/^events at positions 4\.\.5 \(their streams and versions are unknown: the rows are gone\): the chain breaks at the event after them, at position 6 /),
    });
    expect(await verifyHashChain(rows.slice(0, 6), { head: 8 })).toMatchObject({ globalPosition: 7, streamId: '', missing: { first: 7, last: 8 } });
    const swapped = rows.map((r, i) => (i === 2 ? { ...at(5), globalPosition: 3 } : i === 5 ? { ...at(2), globalPosition: 6 } : r));
    expect(await verifyHashChain(swapped)).toMatchObject({ problem: 'reordered', globalPosition: 3 });
    const dataSwapped = rows.map((r, i) =>
      i === 2 ? { ...r, dataJson: at(5).dataJson } : i === 5 ? { ...r, dataJson: at(2).dataJson } : r,
    );
    expect(await verifyHashChain(dataSwapped)).toMatchObject({
      problem: 'reordered',
      globalPosition: 3,
      message: expect.stringContaining('position 6'),
    });
    const rehashed = { ...at(3), dataJson: '{"n":99}' };
    expect(await verifyHashChain(replace(3, { ...rehashed, hash: computeEventHash(rehashed.previousHash, rehashed) }))).toMatchObject({
      problem: 'altered',
      globalPosition: 4,
      message: expect.stringContaining('hash recomputed'),
    });
  });

  it('any single change to a stored event is reported at that event', async () => {
    const fields = ['streamId', 'type', 'dataJson', 'metadataJson', 'previousHash', 'hash'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        fc.constantFrom(...fields),
        fc.string({ minLength: 1, maxLength: 5 }),
        async ([n, index], field, extra) => {
          const rows = sample(n);
          const target = rows[index] as HashChainRow;
          const tampered = rows.map((r, i) => (i === index ? { ...r, [field]: `${target[field]}${extra}` } : r));
          const report = await verifyHashChain(tampered);
          expect(report).toMatchObject({ ok: false, globalPosition: index + 1, events: index });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('eventHashProblems', () => {
  const at = (rows: readonly HashChainRow[]) => (position: number) => rows.find((row) => row.globalPosition === position);

  it('finds any event asked for whose content was changed, in place or with its hash recomputed, and nothing in a log that verifies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.boolean(), (n, pick, rehash) => {
        const rows = sample(n);
        const all = rows.map((row) => row.globalPosition);
        expect(eventHashProblems(at(rows), all)).toEqual([]);
        // Not the last: an edit re-hashed there leaves the chain sound, and only an anchor kept elsewhere shows it.
        const i = pick % (n - 1);
        const dataJson = rows[i]!.dataJson.replace('hồ sơ', 'hồ sơ giả');
        const edited = { ...rows[i]!, dataJson, ...(rehash ? { hash: computeEventHash(rows[i]!.previousHash, { ...rows[i]!, dataJson }) } : {}) };
        const tampered = rows.map((row, j) => (j === i ? edited : row));
        const found = eventHashProblems(at(tampered), all);
        expect(found.map((p) => p.globalPosition)).toEqual([i + 1]);
        expect(found[0]!.message).toMatch(rehash ? /its hash recomputed: the next event/ : /its content does not match its hash/);
        // An event asked for elsewhere in the log says nothing of it: only a walk of the whole log does.
        expect(eventHashProblems(at(tampered), all.filter((p) => p !== i + 1))).toEqual([]);
      }),
    );
  });
});
