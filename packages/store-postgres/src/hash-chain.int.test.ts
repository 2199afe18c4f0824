import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type pg from 'pg';
import { GENESIS_HASH, computeEventHash } from '@motcua/core';
import { openPostgresEventStore } from './index.js';
import { hashedMetadataJson } from './stored-metadata.js';
import { counted, postgresDatabase } from './test-support.testkit.js';

const db = postgresDatabase('packages/store-postgres/src/hash-chain.int.test.ts');

interface Row {
  global_position: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
  previous_hash: string;
  hash: string;
}

describe.skipIf(db.skipped !== undefined)('the hash chain of the PostgreSQL store', () => {
  /** A log of 10 events over 3 streams; `tamper` then edits it with SQL behind the store's back. */
  const givenLog = async (tamper: (sql: (text: string, values?: unknown[]) => Promise<pg.QueryResult>, row: (p: number) => Promise<Row>) => Promise<void>) => {
    const schema = db.freshSchema('chain');
    const store = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
    for (let n = 1; n <= 10; n++) await store.appendToStream(`dossier-${n % 3}`, [counted(n)]);
    const sql = (text: string, values: unknown[] = []) => db.admin().query(text.replaceAll('$schema', `"${schema}"`), values);
    const row = async (p: number) => (await sql('SELECT * FROM $schema.events WHERE global_position = $1', [p])).rows[0] as Row;
    await tamper(sql, row);
    const report = await store.verify();
    await store.close();
    return report;
  };

  it('links every event to the one before it, from the genesis hash', async () => {
    let rows: Row[] = [];
    const report = await givenLog(async (_sql, row) => {
      rows = await Promise.all([1, 2, 3].map(row));
    });
    expect(rows.map((r) => r.previous_hash)).toEqual([GENESIS_HASH, rows[0]?.hash, rows[1]?.hash]);
    for (const r of rows) {
      const content = { globalPosition: Number(r.global_position), streamId: r.stream_id, streamVersion: r.stream_version, type: r.type, dataJson: r.data, metadataJson: hashedMetadataJson(r.metadata) };
      expect(r.hash).toBe(computeEventHash(r.previous_hash, content));
    }
    expect(report).toMatchObject({ ok: true, events: 10, lastPosition: 10 });
  });

  it('a changed data byte is reported at that event', async () => {
    const report = await givenLog(async (sql) => {
      await sql(`UPDATE $schema.events SET data = replace(data, '"n":4', '"n":5') WHERE global_position = 4`);
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 4, streamId: 'dossier-1', streamVersion: 2 });
  });

  it('a deleted event is reported at the event after the gap', async () => {
    const report = await givenLog(async (sql) => {
      await sql('DELETE FROM $schema.events WHERE global_position = 4');
    });
    expect(report).toMatchObject({ ok: false, problem: 'removed', globalPosition: 4, streamId: '', missing: { first: 4, last: 4, next: { globalPosition: 5 } }, message: expect.stringContaining('the chain breaks at the event after it, at position 5') });
  });

  it('swapped data of two rows is reported at the first of them', async () => {
    const report = await givenLog(async (sql, row) => {
      const [three, seven] = [await row(3), await row(7)];
      await sql('UPDATE $schema.events SET data = $1 WHERE global_position = 3', [seven.data]);
      await sql('UPDATE $schema.events SET data = $1 WHERE global_position = 7', [three.data]);
    });
    expect(report).toMatchObject({ ok: false, problem: 'reordered', globalPosition: 3, message: expect.stringContaining('position 7') });
  });

  it('swapped positions of two rows are reported at the first of them', async () => {
    const report = await givenLog(async (sql) => {
      // The primary key is checked row by row: move one row out of the way first
      for (const [to, from] of [[-1, 3], [3, 7], [7, -1]]) {
        await sql('UPDATE $schema.events SET global_position = $1 WHERE global_position = $2', [to, from]);
      }
    });
    expect(report).toMatchObject({ ok: false, problem: 'reordered', globalPosition: 3, streamId: 'dossier-1', streamVersion: 3 });
  });

  it('an edited hash is reported at its event', async () => {
    const report = await givenLog(async (sql) => {
      await sql('UPDATE $schema.events SET hash = $1 WHERE global_position = 6', ['f'.repeat(64)]);
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 6, message: expect.stringContaining('stored hash was changed') });
  });

  it('an event changed and re-hashed is reported, not the innocent event after it', async () => {
    const report = await givenLog(async (sql, row) => {
      const five = await row(5);
      const data = five.data.replace('"n":5', '"n":500');
      const hash = computeEventHash(five.previous_hash, {
        globalPosition: 5,
        streamId: five.stream_id,
        streamVersion: five.stream_version,
        type: five.type,
        dataJson: data,
        metadataJson: five.metadata,
      });
      await sql('UPDATE $schema.events SET data = $1, hash = $2 WHERE global_position = 5', [data, hash]);
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 5 });
  });

  it("dropping the newest events is reported at the log's end: log_head still counts them", async () => {
    const report = await givenLog(async (sql) => {
      await sql('DELETE FROM $schema.events WHERE global_position >= 9');
    });
    expect(report).toMatchObject({ ok: false, problem: 'removed', globalPosition: 9, events: 8, message: expect.stringContaining('positions 9..10 are missing at its end') });
  });

  it('dropping the newest events and setting log_head back leaves a shorter valid chain: the last hash, kept elsewhere, shows it', async () => {
    let anchor = '';
    const report = await givenLog(async (sql, row) => {
      anchor = (await row(10)).hash;
      await sql('DELETE FROM $schema.events WHERE global_position = 10');
      await sql('UPDATE $schema.log_head SET last_position = 9');
    });
    expect(report).toMatchObject({ ok: true, events: 9, lastPosition: 9 });
    expect(report.ok && report.lastHash).not.toBe(anchor);
  });

  it('never reuses a position: an append after the newest event was deleted shows the gap', async () => {
    const schema = db.freshSchema('reuse');
    const store = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
    await store.appendToStream('a', [counted(1), counted(2), counted(3)]);
    await db.admin().query(`DELETE FROM "${schema}".events WHERE global_position = 3`);
    const appended = await store.appendToStream('b', [counted(4)]);
    expect(appended).toMatchObject({ right: { lastGlobalPosition: 4 } });
    expect(await store.verify()).toMatchObject({ ok: false, problem: 'removed', globalPosition: 3, missing: { first: 3, last: 3, next: { globalPosition: 4, streamId: 'b' } } });
    await store.close();
  });

  it('keeps the JSON text exactly as written (text columns, not jsonb)', async () => {
    const schema = db.freshSchema('exact');
    const store = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
    await store.appendToStream('a', [counted(1, { z: 1, a: 'Hồ sơ', b: [3, 2, 1] })]);
    const { rows } = await db.admin().query(`SELECT data FROM "${schema}".events`);
    expect(rows[0]?.data).toBe('{"n":1,"z":1,"a":"Hồ sơ","b":[3,2,1]}');
    expect(await store.verify()).toMatchObject({ ok: true, events: 1 });
    await store.close();
  });

  it('the server hashes the bytes computeEventHash hashes, for any stream id, type and JSON text', async () => {
    // Given a store whose appends are hashed by the database (append_events), in a UTF-8 database
    const schema = db.freshSchema('bytes');
    const store = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
    const text = (minLength: number) => fc.string({ unit: 'binary', minLength, maxLength: 12 }).filter((t) => !t.includes('\u0000'));
    const event = fc.record({ type: text(1), data: fc.jsonValue(), note: text(0) });
    let appended = 0;
    await fc.assert(
      fc.asyncProperty(text(1), fc.array(event, { minLength: 1, maxLength: 3 }), async (streamId, events) => {
        // When any texts (multi-byte, astral, escapes) are appended, several at a time
        const result = await store.appendToStream(
          streamId,
          // (metadata in a key order of its own is stored as its text, in the usual order as its values)
          events.map((e) => {
            const { actor, ...context } = counted(0).metadata;
            const id = e.note.trim() === '' ? 'c' : e.note;
            return { type: e.type, data: e.data, metadata: e.note.length % 2 === 0 ? { actor, ...context, correlationId: id } : { ...counted(0).metadata, correlationId: id } };
          }),
        );
        expect(result._tag).toBe('Right');
        appended += events.length;
        // Then every stored hash is the one computeEventHash gives over the stored row (its metadata as hashed)
        const { rows } = await db.admin().query<Row>(`SELECT * FROM "${schema}".events WHERE global_position > $1 ORDER BY global_position`, [
          appended - events.length,
        ]);
        for (const r of rows) {
          const content = { globalPosition: Number(r.global_position), streamId: r.stream_id, streamVersion: r.stream_version, type: r.type, dataJson: r.data, metadataJson: hashedMetadataJson(r.metadata) };
          expect(r.hash).toBe(computeEventHash(r.previous_hash, content));
        }
      }),
      { numRuns: 40 },
    );
    // And the whole chain verifies
    expect(await store.verify()).toMatchObject({ ok: true, events: appended });
    await store.close();
  });
});
