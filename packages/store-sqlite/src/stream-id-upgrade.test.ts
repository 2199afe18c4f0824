import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { verifyHashChain } from '@motcua/core';
import { openSqliteEventStore } from './index.js';
import { legacyChainRow, legacyRows, writeLegacyFile } from './legacy-file.testkit.js';
import { SCHEMA_VERSION } from './schema.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();
const CODE = '000.00.15.H55-260302-0001';

const inProvince = (n: number, tenantId: string) => {
  const event = counted(n);
  return { ...event, metadata: { ...event.metadata, tenantId } };
};

/** A file as version 1 of the store wrote it, with stream ids that do not name the province. */
const givenLegacyFile = async (streams: readonly (readonly [streamId: string, tenantId: string])[]) => {
  const file = tempFile();
  let n = 0;
  writeLegacyFile(file, 1, streams.map(([streamId, tenantId]) => [streamId, [inProvince(++n, tenantId), inProvince(++n, tenantId)]] as const));
  const before = await verifyLegacy(file);
  return { file, before };
};

/** What version 1 of the store's `verify()` reported: the same chain walk over its rows, hex hashes and all. */
const verifyLegacy = (file: string) => {
  const rows = legacyRows(file);
  return verifyHashChain(
    rows.map(legacyChainRow),
  );
};

const dump = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY global_position').all();
  } finally {
    db.close();
  }
};

describe('upgrading a file written before stream ids named the province', () => {
  const legacy = [
    [`dossier-${CODE}`, 'thai-nguyen'],
    ['unit-tn-01', 'thai-nguyen'],
    ['officer-lan', 'bac-ninh'],
  ] as const;

  it('Given a legacy file, When it is opened, Then its streams are read under their province ids and the chain verifies to the same last hash', async () => {
    const { file, before } = await givenLegacyFile(legacy);
    const store = openSqliteEventStore({ file });
    const dossier = await store.readStream(`dossier-thai-nguyen:${CODE}`);
    expect(dossier.events.map((e) => [e.data, e.metadata.streamId, e.metadata.streamVersion])).toEqual([
      [{ n: 1 }, `dossier-thai-nguyen:${CODE}`, 1],
      [{ n: 2 }, `dossier-thai-nguyen:${CODE}`, 2],
    ]);
    expect((await store.readStream('officer-bac-ninh:lan')).currentVersion).toBe(2);
    expect((await store.readStream(`dossier-${CODE}`)).streamExists).toBe(false);
    expect(await store.verify()).toEqual(before);
    await store.close();
  });

  it('upgrades once: opening again changes nothing, and new appends extend the same chain', async () => {
    const { file } = await givenLegacyFile(legacy);
    await openSqliteEventStore({ file }).close();
    const once = dump(file);
    const store = openSqliteEventStore({ file });
    expect(dump(file)).toEqual(once);
    await store.appendToStream('unit-thai-nguyen:tn-01', [inProvince(99, 'thai-nguyen')], { expectedVersion: 2 });
    expect(await store.verify()).toMatchObject({ ok: true, events: 7 });
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT hashed_stream_id FROM events WHERE global_position = 7').pluck().get()).toBeNull();
    db.close();
  });

  it('Given an upgraded file, When a row is moved to another province\'s stream, Then verify fails at that row', async () => {
    const { file } = await givenLegacyFile(legacy);
    await openSqliteEventStore({ file }).close();
    const db = new Database(file);
    db.prepare('UPDATE events SET stream_id = ? WHERE global_position = 2').run(`dossier-bac-ninh:${CODE}`);
    db.close();
    const store = openSqliteEventStore({ file, readonly: true });
    const report = await store.verify();
    await store.close();
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 2, streamId: `dossier-bac-ninh:${CODE}` });
    expect(!report.ok && report.message).toMatch(`which the upgrade moves to dossier-thai-nguyen:${CODE}`);
  });

  it('Given an upgraded file, When the id a row was hashed under is edited, Then verify fails at that row', async () => {
    const { file } = await givenLegacyFile(legacy);
    await openSqliteEventStore({ file }).close();
    const db = new Database(file);
    db.prepare("UPDATE events SET hashed_stream_id = 'unit-tn-02', stream_id = 'unit-thai-nguyen:tn-02' WHERE global_position = 4").run();
    db.close();
    const store = openSqliteEventStore({ file, readonly: true });
    expect(await store.verify()).toMatchObject({ ok: false, problem: 'altered', globalPosition: 4 });
    await store.close();
  });

  it('refuses to open a legacy file with a stream of two provinces, naming it, and leaves the file as it was', async () => {
    const { file } = await givenLegacyFile([...legacy, ['unit-tn-01', 'bac-ninh']]);
    const before = dump(file);
    expect(() => openSqliteEventStore({ file })).toThrow(/stream unit-tn-01 holds events of more than one province/);
    expect(dump(file)).toEqual(before);
  });

  it('asks for a writable open before a read-only one reads a legacy file', async () => {
    const { file } = await givenLegacyFile(legacy);
    expect(() => openSqliteEventStore({ file, readonly: true })).toThrow(/schema version 1, .* needs 3: open it once without readonly/);
  });
});
