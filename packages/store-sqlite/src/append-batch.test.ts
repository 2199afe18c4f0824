import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock, isLeft, isRight, type Clock, type ExpectedVersion, type IdGenerator, type NewEvent } from '@motcua/core';
import { openSqliteEventStore, SqliteEventStore, type BatchAppend, type EncodedBatch } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

const expected = fc.oneof(fc.constant<ExpectedVersion>('any'), fc.constant<ExpectedVersion>('no-stream'), fc.integer({ min: 0, max: 4 }));

/** Every column of every row, in global order: what two logs must share to be the same evidence. */
const rowsOf = (file: string): unknown[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY global_position').raw().all();
  } finally {
    db.close();
  }
};

/** Ids as a store assigns them, but the same sequence in every store that starts one. */
const countingIds = (): IdGenerator => {
  let n = 0;
  return { next: () => `event-${++n}` };
};

/**
 * An event of the kinds a batch must store as `appendToStream` does: plain (compact metadata), with
 * an idempotency key (from a small pool, so some are used twice), with its metadata in a key order of
 * its own (kept verbatim), with the caller's event id.
 */
const eventOf = (n: number, kind: number, key: string): NewEvent => {
  const event = counted(n);
  if (kind === 1) return { ...event, metadata: { ...event.metadata, idempotencyKey: key, commandHash: `hash-${n}` } };
  if (kind === 2) {
    const { actor, ...rest } = event.metadata;
    return { ...event, metadata: { actor, ...rest } };
  }
  if (kind === 3) return { ...event, metadata: { eventId: `given-${n}`, ...event.metadata } };
  return event;
};

/** An append drawn for a batch: its stream, how many events, what it expects, and the kind of its first event (`eventOf`). */
interface Keyed {
  readonly stream: number;
  readonly count: number;
  readonly expectedVersion: ExpectedVersion;
  readonly kind: number;
  readonly key: string;
}

const keyed: fc.Arbitrary<Keyed> = fc.record({
  stream: fc.integer({ min: 0, max: 3 }),
  count: fc.integer({ min: 0, max: 3 }),
  expectedVersion: expected,
  kind: fc.integer({ min: 0, max: 3 }),
  key: fc.constantFrom('key-a', 'key-b', 'key-c'),
});

/** Appends of `keyed` records, their events numbered from `offset`. */
const batchOf = (list: readonly Keyed[], offset: number): BatchAppend[] =>
  list.map(({ stream, count, expectedVersion, kind, key }, i) => ({
    streamId: `dossier-${stream}`,
    events: Array.from({ length: count }, (_, k) => eventOf(offset + 10 * i + k, k === 0 ? kind : kind === 1 ? 0 : kind, key)),
    expectedVersion,
  }));

/** One more event to each stream `batchOf` writes, expecting its current version: each accepted, and the chain verifies. */
const expectNextAppendsAccepted = async (store: SqliteEventStore, clock: Clock): Promise<void> => {
  for (let stream = 0; stream < 4; stream++) {
    const version = (await store.readStream(`dossier-${stream}`)).currentVersion;
    const next = await store.appendBatch(SqliteEventStore.encodeBatch([{ streamId: `dossier-${stream}`, events: [counted(9)], expectedVersion: version === 0 ? 'no-stream' : version }], { clock }));
    expect(isRight(next)).toBe(true);
  }
  expect(await store.verify()).toMatchObject({ ok: true });
};

describe('appendBatch', () => {
  it('stores, as encoded (from objects or from data texts) or as objects, the very rows appending one by one stores, or nothing when an append is refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(keyed, { maxLength: 8 }),
        fc.array(keyed, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('objects', 'encoded', 'encoded from texts'),
        fc.boolean(),
        async (before, batch, form, reopen) => {
          const clock = fixedClock('2026-01-05T00:00:00Z');
          const oneByOneFile = tempFile();
          const batchedFile = tempFile();
          const batchedIds = countingIds();
          const oneByOne = openSqliteEventStore({ file: oneByOneFile, synchronous: 'NORMAL', clock, ids: countingIds(), pollIntervalMs: 0 });
          let batched = openSqliteEventStore({ file: batchedFile, synchronous: 'NORMAL', clock, ids: batchedIds, pollIntervalMs: 0 });
          try {
            for (const store of [oneByOne, batched]) {
              for (const { streamId, events, expectedVersion } of batchOf(before, 0)) await store.appendToStream(streamId, events, { expectedVersion: expectedVersion ?? 'any' });
            }
            if (reopen) {
              // A connection that knows no stream's version: an append expecting no stream is checked by the file's index.
              await batched.close();
              batched = openSqliteEventStore({ file: batchedFile, synchronous: 'NORMAL', clock, ids: batchedIds, pollIntervalMs: 0 });
            }
            const history = rowsOf(batchedFile);
            let firstRefused = -1;
            for (const [index, { streamId, events, expectedVersion }] of batchOf(batch, 1000).entries()) {
              const result = await oneByOne.appendToStream(streamId, events, { expectedVersion: expectedVersion ?? 'any' });
              if (isLeft(result) && firstRefused === -1) firstRefused = index;
            }
            const appends = batchOf(batch, 1000);
            const texts = appends.map(({ streamId, events, expectedVersion }) => ({
              streamId,
              texts: events.map(({ type, data, metadata }) => ({ type, dataJson: JSON.stringify(data), metadata })),
              expectedVersion,
            }));
            const result = await batched.appendBatch(
              form === 'objects' ? appends : SqliteEventStore.encodeBatch(form === 'encoded' ? appends : texts, { clock, ids: batchedIds }),
            );
            if (firstRefused === -1) {
              const written = batch.reduce((sum, { count }) => sum + count, 0);
              expect(result).toEqual({ _tag: 'Right', right: { appends: batch.length, events: written, lastGlobalPosition: history.length + written } });
              expect(rowsOf(batchedFile)).toEqual(rowsOf(oneByOneFile));
            } else {
              expect(isLeft(result) && result.left.index).toBe(firstRefused);
              expect(rowsOf(batchedFile)).toEqual(history);
            }
            expect(await batched.verify()).toMatchObject({ ok: true });
            // What the batch left (written or rolled back) is what the next appends are checked against.
            await expectNextAppendsAccepted(batched, clock);
          } finally {
            await oneByOne.close();
            await batched.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes nothing of an encoded batch with a damaged event, wherever it stands: it names that event, or an append refused before it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(keyed, { maxLength: 6 }),
        fc.array(keyed, { minLength: 1, maxLength: 40 }).filter((batch) => batch.some(({ count }) => count > 0)),
        fc.nat(),
        async (before, batch, pick) => {
          const clock = fixedClock('2026-01-05T00:00:00Z');
          const file = tempFile();
          const store = openSqliteEventStore({ file, synchronous: 'NORMAL', clock, ids: countingIds(), pollIntervalMs: 0 });
          try {
            for (const { streamId, events, expectedVersion } of batchOf(before, 0)) await store.appendToStream(streamId, events, { expectedVersion: expectedVersion ?? 'any' });
            const history = rowsOf(file);
            const good = SqliteEventStore.encodeBatch(batchOf(batch, 1000), { clock, ids: countingIds() });
            const newline = good.text.indexOf('\n');
            const entries = JSON.parse(good.text.slice(0, newline)) as [string, unknown, ...unknown[]][];
            // Every event's place: its append, its index there, where its body starts and its data ends.
            const places: { append: number; event: number; dataEnd: number }[] = [];
            let offset = newline + 1;
            entries.forEach((entry, append) => {
              for (let event = 0; event < (entry.length - 2) / 3; event++) {
                places.push({ append, event, dataEnd: offset + (entry[3 + 3 * event] as number) });
                offset += entry[4 + 3 * event] as number;
              }
            });
            const damaged = places[pick % places.length] as (typeof places)[number];
            // The data's closing brace becomes '!': not JSON.
            const bad: EncodedBatch = { ...good, text: `${good.text.slice(0, damaged.dataEnd)}!${good.text.slice(damaged.dataEnd + 1)}` };
            const outcome = await store.appendBatch(bad).then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            );
            if ('error' in outcome) {
              expect(outcome.error).toBeInstanceOf(TypeError);
              expect((outcome.error as Error).message).toContain(`event ${damaged.event} of append ${damaged.append} `);
            } else {
              expect(isLeft(outcome.result) && outcome.result.left.index).toBeLessThan(damaged.append);
            }
            expect(rowsOf(file)).toEqual(history);
            // The connection knows the log as it stands: the next appends are checked against it.
            await expectNextAppendsAccepted(store, clock);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stores a batch of many appends as appending one by one does, and names the append the index refuses among them', async () => {
    const clock = fixedClock('2026-01-05T00:00:00Z');
    // 300 appends to 60 streams, about 600 events: rows go in many at a time.
    const appends = (offset: number, versions: number[]): BatchAppend[] =>
      Array.from({ length: 300 }, (_, i) => {
        const stream = (i * 7) % 60;
        const events = Array.from({ length: 1 + (i % 3) }, (_, k) => eventOf(offset + 10 * i + k, i % 11 === 0 ? 2 : 0, ''));
        const expectedVersion: ExpectedVersion = versions[stream] === 0 ? 'no-stream' : (versions[stream] as number);
        versions[stream] = (versions[stream] as number) + events.length;
        return { streamId: `dossier-${stream}`, events, expectedVersion };
      });
    const oneByOneFile = tempFile();
    const batchedFile = tempFile();
    const oneByOne = openSqliteEventStore({ file: oneByOneFile, clock, ids: countingIds(), pollIntervalMs: 0 });
    const batched = openSqliteEventStore({ file: batchedFile, clock, ids: countingIds(), pollIntervalMs: 0 });
    try {
      const versions = new Array<number>(60).fill(0);
      for (const { streamId, events, expectedVersion } of appends(0, [...versions])) await oneByOne.appendToStream(streamId, events, { expectedVersion: expectedVersion ?? 'any' });
      const result = await batched.appendBatch(SqliteEventStore.encodeBatch(appends(0, versions), { clock, ids: countingIds() }));
      expect(isRight(result) && result.right.appends).toBe(300);
      expect(rowsOf(batchedFile)).toEqual(rowsOf(oneByOneFile));
      // Another connection, which knows no stream: the 31st append, the first to its stream in the batch, expects it not to exist.
      const other = openSqliteEventStore({ file: batchedFile, clock, pollIntervalMs: 0 });
      try {
        const current = versions[30];
        const next = appends(10_000, versions);
        const stale = next.map((append, i) => (i === 30 ? { ...append, expectedVersion: 'no-stream' as const } : append));
        const before = rowsOf(batchedFile);
        const refused = await other.appendBatch(SqliteEventStore.encodeBatch(stale, { clock }));
        expect(isLeft(refused) && refused.left).toEqual({ index: 30, error: expect.objectContaining({ _tag: 'VersionConflict', actual: current }) });
        expect(rowsOf(batchedFile)).toEqual(before);
        expect(isRight(await other.appendBatch(SqliteEventStore.encodeBatch(next, { clock })))).toBe(true);
        expect(await other.verify()).toMatchObject({ ok: true });
      } finally {
        await other.close();
      }
    } finally {
      await oneByOne.close();
      await batched.close();
    }
  });

  it("checks a stream's version again after another connection appended to it", async () => {
    const file = tempFile();
    const ours = openSqliteEventStore({ file, pollIntervalMs: 0 });
    const theirs = openSqliteEventStore({ file, pollIntervalMs: 0 });
    try {
      expect(isRight(await ours.appendBatch([{ streamId: 's', events: [counted(1)], expectedVersion: 'no-stream' }]))).toBe(true);
      expect(isRight(await theirs.appendToStream('s', [counted(2)], { expectedVersion: 1 }))).toBe(true);
      const stale = await ours.appendBatch([{ streamId: 's', events: [counted(3)], expectedVersion: 1 }]);
      expect(isLeft(stale) && stale.left).toEqual({ index: 0, error: expect.objectContaining({ _tag: 'VersionConflict', actual: 2 }) });
      expect(isRight(await ours.appendBatch([{ streamId: 's', events: [counted(3)], expectedVersion: 2 }]))).toBe(true);
      expect((await theirs.readStream('s')).events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(await ours.verify()).toMatchObject({ ok: true, events: 3 });
    } finally {
      await ours.close();
      await theirs.close();
    }
  });

  it('refuses an event that cannot be stored before anything is written', async () => {
    const store = openSqliteEventStore({ file: tempFile(), pollIntervalMs: 0 });
    try {
      const unstorable = { type: 'Counted', data: undefined, metadata: counted(0).metadata } as unknown as ReturnType<typeof counted>;
      const appends = [{ streamId: 'a', events: [counted(1)] }, { streamId: 'b', events: [unstorable] }];
      await expect(store.appendBatch(appends)).rejects.toThrow(/cannot be stored as JSON/);
      expect(() => SqliteEventStore.encodeBatch(appends, { clock: fixedClock('2026-01-05T00:00:00Z') })).toThrow(/cannot be stored as JSON/);
      expect(await store.headPosition()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('refuses, as an append does, an event of the desk that does not match its codec and an event of another province than its stream, before anything is written', async () => {
    const store = openSqliteEventStore({ file: tempFile(), pollIntervalMs: 0 });
    const clock = fixedClock('2026-01-05T00:00:00Z');
    try {
      const malformed: NewEvent = { type: 'DossierReceived', data: { dossierCode: '000.00.15.H55-260212-0009' }, metadata: counted(2).metadata };
      const stranger: NewEvent = { ...counted(3), metadata: { ...counted(3).metadata, tenantId: 'ha-noi' } };
      for (const [bad, refusal] of [[malformed, /event 0 \(DossierReceived\) of stream dossier-province-01:x: data does not match its codec: .*data\.procedureCode/], [stranger, /tenantId "ha-noi" is not the stream's province province-01/]] as const) {
        // Given a batch whose second append holds the bad event, to a stream of province-01
        const appends = [{ streamId: 'a', events: [counted(1)] }, { streamId: 'dossier-province-01:x', events: [bad] }];
        // Then the batch, as objects or encoded (from objects or from data texts), is refused whole
        await expect(store.appendBatch(appends)).rejects.toThrow(refusal);
        expect(() => SqliteEventStore.encodeBatch(appends, { clock })).toThrow(refusal);
        const texts = appends.map(({ streamId, events }) => ({ streamId, texts: events.map((e) => ({ type: e.type, dataJson: JSON.stringify(e.data), metadata: e.metadata })) }));
        expect(() => SqliteEventStore.encodeBatch(texts, { clock })).toThrow(refusal);
        expect(await store.headPosition()).toBe(0);
      }
    } finally {
      await store.close();
    }
  });

  it('refuses an encoded batch that is not one an append makes, naming what is wrong, with nothing written', async () => {
    const store = openSqliteEventStore({ file: tempFile(), pollIntervalMs: 0 });
    const clock = fixedClock('2026-01-05T00:00:00Z');
    // Append 0 has compact metadata, append 1 a key order of its own (its metadata kept verbatim).
    const good = SqliteEventStore.encodeBatch(
      [
        { streamId: 'a', events: [counted(1)], expectedVersion: 'no-stream' },
        { streamId: 'b', events: [eventOf(2, 2, ''), counted(3)] },
      ],
      { clock, ids: countingIds() },
    );
    const [header = '', bodies = ''] = good.text.split('\n');
    const withHeader = (entries: unknown[]): EncodedBatch => ({ ...good, text: `${JSON.stringify(entries)}\n${bodies}` });
    const withBodies = (edit: (bodies: string) => string): EncodedBatch => ({ ...good, text: `${header}\n${edit(bodies)}` });
    const entries = JSON.parse(header) as unknown[][];
    const data = JSON.stringify(counted(1).data);
    const firstBody = bodies.slice(0, entries[0]?.[4] as number);
    const verbatim = bodies.slice(firstBody.length, firstBody.length + (entries[1]?.[4] as number));
    expect(verbatim).toContain(',{"actor"');
    const cases: [string, EncodedBatch, RegExp][] = [
      ['no header', { ...good, text: bodies }, /does not start with a header/],
      ['an empty stream id', withHeader([['', ...(entries[0] ?? []).slice(1)], entries[1]]), /append 0: streamId must be a non-empty string/],
      ['an expected version of another kind', withHeader([['a', true, ...(entries[0] ?? []).slice(2)], entries[1]]), /append 0 \(stream a\): expected version/],
      ['a type that is no string', withHeader([entries[0], ['b', 'any', 7, ...(entries[1] ?? []).slice(3)]]), /event 0 of append 1 \(stream b\): type must be a string/],
      ['lengths past the text', withHeader([['a', 'no-stream', 'Counted', 1, 1e6]]), /event 0 of append 0 \(stream a\): its lengths do not fit/],
      ['a data length that does not end the data', withHeader([['a', 'no-stream', 'Counted', data.length - 1, firstBody.length], entries[1]]), /event 0 of append 0 \(stream a\): its body is not \[data,metadata...\]/],
      ['text after the last event', { ...good, text: `${good.text} ` }, /1 characters after the last event/],
      ['data that is not JSON', withBodies((b) => b.replace(data, `${data.slice(0, -1)}!`)), /event 0 of append 0 \(stream a\): its data is not JSON/],
      // The data is JSON, but two values: the body would read back as other data and metadata than hashed.
      ['data of two values', withHeader([['a', 'no-stream', 'Counted', data.length + 2, firstBody.length], entries[1]]), /event 0 of append 0 \(stream a\): its (body is not|data is not JSON)/],
      ['compact values of the wrong form', withBodies((b) => b.replace(`${data},2,`, `${data},7,`)), /event 0 of append 0 \(stream a\): its metadata is neither compact values nor a JSON object/],
      [
        'metadata without its recorded time',
        withBodies((b) => b.replace(verbatim, verbatim.replace('"recordedAt"', '"recordedOn"'))),
        /event 0 of append 1 \(stream b\): its metadata is not a JSON object with eventId and recordedAt/,
      ],
      [
        'metadata with a position',
        withBodies((b) => b.replace(verbatim, verbatim.replace('"tenantId"', '"streamId"'))),
        /without streamId, streamVersion and globalPosition/,
      ],
    ];
    try {
      for (const [, batch, message] of cases) {
        await expect(store.appendBatch(batch)).rejects.toThrow(message);
        expect(await store.headPosition()).toBe(0);
      }
      // The text itself was fine: written as it stands, it verifies.
      expect(isRight(await store.appendBatch(structuredClone(good)))).toBe(true);
      expect(await store.verify()).toMatchObject({ ok: true, events: 3 });
    } finally {
      await store.close();
    }
  });

  it('writes nothing of an encoded batch whose event is refused after many rows of it went in', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file, pollIntervalMs: 0 });
    const clock = fixedClock('2026-01-05T00:00:00Z');
    // 100 appends of one event each: the write inserts them 32 rows a statement before it reads the last.
    const appends: BatchAppend[] = Array.from({ length: 100 }, (_, i) => ({ streamId: `dossier-${i}`, events: [counted(i)], expectedVersion: 'no-stream' }));
    const good = SqliteEventStore.encodeBatch(appends, { clock, ids: countingIds() });
    const [header = '', bodies = ''] = good.text.split('\n');
    const last = JSON.stringify(counted(99).data);
    const bad: EncodedBatch = { ...good, text: `${header}\n${bodies.slice(0, bodies.lastIndexOf(last))}${last.slice(0, -1)}!${bodies.slice(bodies.lastIndexOf(last) + last.length)}` };
    try {
      await expect(store.appendBatch(bad)).rejects.toThrow(/event 0 of append 99 \(stream dossier-99\): its data is not JSON/);
      expect(await store.headPosition()).toBe(0);
      expect(rowsOf(file)).toEqual([]);
      // The connection forgot what the rolled-back write knew: the batch as encoded goes in whole and verifies.
      expect(isRight(await store.appendBatch(good))).toBe(true);
      expect(await store.verify()).toMatchObject({ ok: true, events: 100 });
    } finally {
      await store.close();
    }
  });
});
