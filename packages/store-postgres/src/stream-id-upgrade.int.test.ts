import { describe, expect, it } from 'vitest';
import { openPostgresEventStore, SCHEMA_VERSION } from './index.js';
import { hashedMetadataJson } from './stored-metadata.js';
import { counted, postgresDatabase } from './test-support.testkit.js';

const db = postgresDatabase('packages/store-postgres/src/stream-id-upgrade.int.test.ts');
const CODE = '000.00.15.H55-260302-0001';

const inProvince = (n: number, tenantId: string) => {
  const event = counted(n);
  return { ...event, metadata: { ...event.metadata, tenantId } };
};

describe.skipIf(db.skipped !== undefined)('upgrading a PostgreSQL schema written before stream ids named the province', () => {
  const legacy = [
    [`dossier-${CODE}`, 'thai-nguyen'],
    ['unit-tn-01', 'thai-nguyen'],
    ['officer-lan', 'bac-ninh'],
  ] as const;
  const sql = (schema: string, text: string, values: unknown[] = []) => db.admin().query(text.replaceAll('$schema', `"${schema}"`), values);

  /** A schema as the previous version left it: the same writer, then taken back to schema version 1. */
  const givenLegacySchema = async (streams: readonly (readonly [string, string])[]) => {
    const schema = db.freshSchema('legacy');
    const store = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
    let n = 0;
    for (const [streamId, tenantId] of streams) await store.appendToStream(streamId, [inProvince(++n, tenantId), inProvince(++n, tenantId)]);
    const before = await store.verify();
    await store.close();
    // Version 1 kept the metadata text as hashed.
    for (const row of (await sql(schema, 'SELECT global_position, metadata FROM $schema.events')).rows) {
      await sql(schema, 'UPDATE $schema.events SET metadata = $1 WHERE global_position = $2', [hashedMetadataJson(row.metadata), row.global_position]);
    }
    await sql(schema, [
        'DROP FUNCTION $schema.append_events',
        'ALTER TABLE $schema.events DROP COLUMN hashed_stream_id',
        'DELETE FROM $schema.schema_migrations WHERE version > 1',
      ].join('; '));
    return { schema, before };
  };
  const open = (schema: string) => openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
  const dump = async (schema: string) => (await sql(schema, 'SELECT * FROM $schema.events ORDER BY global_position')).rows;

  it('Given a legacy schema, When it is opened, Then its streams are read under their province ids and the chain verifies to the same last hash', async () => {
    const { schema, before } = await givenLegacySchema(legacy);
    const store = await open(schema);
    const dossier = await store.readStream(`dossier-thai-nguyen:${CODE}`);
    expect(dossier.events.map((e) => [e.data, e.metadata.streamId, e.metadata.streamVersion])).toEqual([
      [{ n: 1 }, `dossier-thai-nguyen:${CODE}`, 1],
      [{ n: 2 }, `dossier-thai-nguyen:${CODE}`, 2],
    ]);
    expect((await store.readStream('officer-bac-ninh:lan')).currentVersion).toBe(2);
    expect((await store.readStream(`dossier-${CODE}`)).streamExists).toBe(false);
    expect(await store.verify()).toEqual(before);
    await store.appendToStream('unit-thai-nguyen:tn-01', [inProvince(99, 'thai-nguyen')], { expectedVersion: 2 });
    expect(await store.verify()).toMatchObject({ ok: true, events: 7 });
    await store.close();
    const versions = (await sql(schema, 'SELECT version FROM $schema.schema_migrations ORDER BY version')).rows.map((r) => r.version);
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('upgrades once: opening again changes nothing', async () => {
    const { schema } = await givenLegacySchema(legacy);
    await (await open(schema)).close();
    const once = await dump(schema);
    await (await open(schema)).close();
    expect(await dump(schema)).toEqual(once);
  });

  it('Given an upgraded schema, When a row is moved to another province\'s stream, Then verify fails at that row', async () => {
    const { schema } = await givenLegacySchema(legacy);
    const store = await open(schema);
    await sql(schema, 'UPDATE $schema.events SET stream_id = $1 WHERE global_position = 2', [`dossier-bac-ninh:${CODE}`]);
    const report = await store.verify();
    await store.close();
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 2, streamId: `dossier-bac-ninh:${CODE}` });
    expect(!report.ok && report.message).toMatch(`which the upgrade moves to dossier-thai-nguyen:${CODE}`);
  });

  it('refuses to open a legacy schema with a stream of two provinces, naming it, and leaves it as it was', async () => {
    const { schema } = await givenLegacySchema([...legacy, ['unit-tn-01', 'bac-ninh']]);
    const before = await dump(schema);
    await expect(open(schema)).rejects.toThrow(/stream unit-tn-01 holds events of more than one province/);
    expect(await dump(schema)).toEqual(before);
  });
});
