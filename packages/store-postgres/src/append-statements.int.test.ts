import { describe, expect, it } from 'vitest';
import { isLeft, type NewEvent } from '@motcua/core';
import { openPostgresEventStore, SCHEMA_VERSION } from './index.js';
import { APPEND_EVENTS_FUNCTION_V4 } from './append-events-function.js';
import { counted, postgresDatabase } from './test-support.testkit.js';

const db = postgresDatabase('packages/store-postgres/src/append-statements.int.test.ts');

/** A group of one append is one plain statement (schema version 6), `append_events` deciding when it writes nothing; a group of several goes through `append_events`. */
describe.skipIf(db.skipped !== undefined)('one append as one statement', () => {
  const sql = (schema: string, text: string, values: unknown[] = []) => db.admin().query(text.replaceAll('$schema', `"${schema}"`), values);
  const open = (schema: string) => openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
  const dump = async (schema: string) => (await sql(schema, 'SELECT * FROM $schema.events ORDER BY global_position')).rows;
  const keyed = (n: number, key: string): NewEvent => ({ ...counted(n), metadata: { ...counted(n).metadata, idempotencyKey: key, commandHash: `h-${key}` } });

  it('checks the expected version, "no stream" and idempotency keys as a group append does, writing nothing when it refuses', async () => {
    const schema = db.freshSchema('one');
    const store = await open(schema);
    expect((await store.appendToStream('s-1', [counted(1)], { expectedVersion: 'no-stream' }))._tag).toBe('Right');
    const before = await dump(schema);
    const noStream = await store.appendToStream('s-1', [counted(2)], { expectedVersion: 'no-stream' });
    const wrong = await store.appendToStream('s-1', [counted(2)], { expectedVersion: 5 });
    const impossible = await store.appendToStream('s-1', [counted(2)], { expectedVersion: 2 ** 40 });
    for (const refused of [noStream, wrong, impossible]) expect(isLeft(refused) && refused.left).toMatchObject({ _tag: 'VersionConflict', actual: 1 });
    expect(await dump(schema)).toEqual(before);
    // A key used by a one-event append is recorded on its row, and refused afterwards
    const first = await store.appendToStream('s-2', [keyed(3, 'k-1')]);
    expect(first).toMatchObject({ _tag: 'Right', right: { nextExpectedVersion: 1, lastGlobalPosition: 2 } });
    expect(await store.findIdempotencyRecord('k-1')).toEqual({ idempotencyKey: 'k-1', commandHash: 'h-k-1', streamId: 's-2', firstVersion: 1, lastVersion: 1 });
    const again = await store.appendToStream('s-3', [keyed(4, 'k-1')]);
    expect(isLeft(again) && again.left._tag).toBe('IdempotencyKeyReused');
    // A key on an append of several events names them all, on the first event's row
    expect(await store.appendToStream('s-2', [keyed(41, 'k-2'), counted(42), counted(43)], { expectedVersion: 1 })).toMatchObject({ right: { nextExpectedVersion: 4, lastGlobalPosition: 5 } });
    expect(await store.findIdempotencyRecord('k-2')).toEqual({ idempotencyKey: 'k-2', commandHash: 'h-k-2', streamId: 's-2', firstVersion: 2, lastVersion: 4 });
    // Positions go on without a gap after the refusals, and the chain verifies
    expect(await store.appendToStream('s-1', [counted(5)], { expectedVersion: 1 })).toMatchObject({ right: { lastGlobalPosition: 6 } });
    expect(await store.verify()).toMatchObject({ ok: true, events: 6, lastPosition: 6 });
    await store.close();
  });

  it('an append whose statement read the log before the lock was granted is decided again under the lock: appended after the append that held it, refused when that one took its version or key', async () => {
    const schema = db.freshSchema('stale');
    const [a, b] = [await open(schema), await open(schema)];
    await a.appendToStream('other', [counted(0)]);
    const holder = await db.admin().connect();
    const lockWaits = async (n: number) => {
      for (;;) {
        const { rows } = await db.admin().query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
        if ((rows[0] as { n: number }).n >= n) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    // b's append, then a's, each queued behind a transaction holding the log's lock: a's statement reads
    // the stream's version and the keys from before b's commit
    const race = async <T, U>(first: () => Promise<T>, second: () => Promise<U>): Promise<[T, U]> => {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "${schema}".log_head FOR UPDATE`);
      const one = first();
      await lockWaits(1);
      const two = second();
      await lockWaits(2);
      await holder.query('COMMIT');
      return [await one, await two];
    };
    try {
      // 'any': a appends after b's event
      const [b1, a1] = await race(() => b.appendToStream('s', [counted(1)]), () => a.appendToStream('s', [counted(2), counted(22)]));
      expect(b1).toMatchObject({ right: { nextExpectedVersion: 1, lastGlobalPosition: 2 } });
      expect(a1).toMatchObject({ right: { nextExpectedVersion: 3, lastGlobalPosition: 4 } });
      // The version both expected: b took it, a is refused
      const [b2, a2] = await race(() => b.appendToStream('s', [counted(3)], { expectedVersion: 3 }), () => a.appendToStream('s', [counted(4), counted(44)], { expectedVersion: 3 }));
      expect(b2).toMatchObject({ right: { nextExpectedVersion: 4 } });
      expect(isLeft(a2) && a2.left).toMatchObject({ _tag: 'VersionConflict', actual: 4 });
      // The version after b's: a is appended, although what its statement read was one behind
      const [b3, a3] = await race(() => b.appendToStream('s', [counted(5)], { expectedVersion: 4 }), () => a.appendToStream('s', [counted(6)], { expectedVersion: 5 }));
      expect([b3, a3]).toMatchObject([{ right: { nextExpectedVersion: 5 } }, { right: { nextExpectedVersion: 6, lastGlobalPosition: 7 } }]);
      // 'no-stream' and a key that b used first: a is refused
      const [b4, a4] = await race(() => b.appendToStream('t', [keyed(7, 'k-7')]), () => a.appendToStream('t', [counted(8)], { expectedVersion: 'no-stream' }));
      expect(b4._tag).toBe('Right');
      expect(isLeft(a4) && a4.left).toMatchObject({ _tag: 'VersionConflict', actual: 1 });
      const [b5, a5] = await race(() => b.appendToStream('u', [keyed(9, 'k-9')]), () => a.appendToStream('v', [keyed(10, 'k-9'), counted(11)]));
      expect(b5._tag).toBe('Right');
      expect(isLeft(a5) && a5.left._tag).toBe('IdempotencyKeyReused');
    } finally {
      holder.release();
    }
    // And the log is as one writer at a time would have left it
    expect((await a.readStream('s')).events.map((e) => e.metadata.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await a.verify()).toMatchObject({ ok: true, events: 9, lastPosition: 9 });
    for (const store of [a, b]) await store.close();
  });

  it('append_events refuses texts that split into another number of events than counted, writing nothing', async () => {
    const schema = db.freshSchema('split');
    const store = await open(schema);
    await store.appendToStream('s-1', [counted(1), counted(2)]);
    const before = await dump(schema);
    const call = (data: string) =>
      sql(schema, 'SELECT * FROM $schema.append_events($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text, $8::text, $9::text)', [
        ['s-2'], [null], [null], [null], [2], ['T', 'T'], data, '{"a":1}\u001f{"a":2}', '{"a":1}\u001f{"a":2}',
      ]);
    // A data text holding the separator raw (no JSON text does) gives three pieces for two events
    await expect(call('{"x":"\u001f"}\u001f{}')).rejects.toThrow(/2 events counted, but 2 types, 3 data texts/);
    expect(await dump(schema)).toEqual(before);
    // Two pieces for two events are appended
    expect((await call('{"x":1}\u001f{}')).rows).toEqual([{ outcome: 0, current_version: 0, first_position: '3' }]);
    expect(await store.verify()).toMatchObject({ ok: true, events: 4 });
    await store.close();
  });

  it('Given a schema written at version 4, When it is opened, Then it moves to the current version (append_event added, then dropped for one statement, and append_events of joined texts) with its rows unchanged, the chain verifies as before and appends continue it', async () => {
    const schema = db.freshSchema('v4');
    let store = await open(schema);
    await store.appendToStream('dossier-a', [counted(1), counted(2)]);
    await store.appendToStream('dossier-b', [keyed(3, 'k-3'), counted(4)]);
    const verified = await store.verify();
    await store.close();
    // What version 4 left: append_events of arrays, four migrations
    await sql(schema, 'DROP FUNCTION $schema.append_events; DELETE FROM $schema.schema_migrations WHERE version > 4');
    await sql(schema, APPEND_EVENTS_FUNCTION_V4);
    const rows = await dump(schema);
    store = await open(schema);
    expect(await dump(schema)).toEqual(rows);
    expect(await store.verify()).toEqual(verified);
    expect(verified).toMatchObject({ ok: true, events: 4 });
    expect(await store.appendToStream('dossier-a', [counted(5)], { expectedVersion: 2 })).toMatchObject({ right: { lastGlobalPosition: 5 } });
    expect(await store.appendToStream('dossier-b', [counted(6), counted(7)], { expectedVersion: 2 })).toMatchObject({ right: { lastGlobalPosition: 7 } });
    expect(await store.verify()).toMatchObject({ ok: true, events: 7, lastPosition: 7 });
    await store.close();
    // Only the version 6 function is left: a process of version 4 or 5 gets an error rather than writing rows of another form
    const signatures = await sql(schema, "SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args FROM pg_proc p WHERE p.pronamespace = $1::regnamespace", [`"${schema}"`]);
    expect(signatures.rows.map((r) => `${r.proname}(${r.args})`)).toEqual([
      'append_events(p_stream_ids text[], p_expected integer[], p_keys text[], p_command_hashes text[], p_counts integer[], p_types text[], p_data text, p_metadata text, p_stored_metadata text)',
    ]);
    const versions = (await sql(schema, 'SELECT version FROM $schema.schema_migrations ORDER BY version')).rows.map((r) => r.version);
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(6);
  });
});
