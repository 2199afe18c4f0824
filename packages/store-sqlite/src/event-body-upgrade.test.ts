import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { isRight, verifyHashChain, type NewEvent } from '@motcua/core';
import { openSqliteEventStore, SCHEMA_VERSION } from './index.js';
import { attachSqliteEventStore } from './open.js';
import { legacyChainRow, legacyRows, writeLegacyFile } from './legacy-file.testkit.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

/** Metadata in the command handler's key order with every optional field, and in an order of its own. */
const full = (n: number): NewEvent => {
  const { metadata } = counted(n);
  return {
    type: 'Counted',
    data: { n, text: 'Hồ sơ \u{1F4C4} "quoted" \\ \ud800' },
    metadata: { eventId: `ev-${n}`, ...metadata, ruleSetVersion: 'decree-118-2025', idempotencyKey: `key-${n}`, commandHash: `hash-${n}`, lateEntry: { workingDays: 3, minutes: 4410.5 } },
  };
};
const ownOrder = (n: number): NewEvent => {
  const { metadata } = counted(n);
  const { actor, occurredAt, tenantId, correlationId, causationId } = metadata;
  return { type: 'Counted', data: { n }, metadata: { actor, occurredAt, tenantId, correlationId, causationId, extra: 'kept' } as NewEvent['metadata'] };
};

const legacyAppends = [
  ['dossier-province-01:a', [counted(1), counted(2)]],
  ['dossier-province-01:b', [full(3)]],
  ['dossier-province-01:a', [ownOrder(4)]],
  ['dossier-province-01:c', [full(5), counted(6), full(7)]],
] as const;

/** What the rows of a version 2 file say, read with version 2's layout: events (parsed texts) and the verify report. */
const legacyView = async (file: string) => {
  const rows = legacyRows(file);
  const events = rows.map((r) => ({
    type: r.type,
    data: JSON.parse(r.data as string) as unknown,
    metadata: { ...(JSON.parse(r.metadata as string) as object), streamId: r.stream_id, streamVersion: r.stream_version, globalPosition: r.global_position },
  }));
  const report = await verifyHashChain(
    rows.map(legacyChainRow),
  );
  return { events, report, metadataTexts: rows.map((r) => r.metadata) };
};

const givenVersion2File = async () => {
  const file = tempFile();
  writeLegacyFile(file, 2, legacyAppends);
  return { file, before: await legacyView(file) };
};

const schemaVersion = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT max(version) FROM schema_migrations').pluck().get();
  } finally {
    db.close();
  }
};

describe('upgrading a file of schema version 2 to one JSON body per event', () => {
  it('Given a version 2 file, When it is opened, Then every event reads back as before, key order included, and the chain verifies to the same last hash', async () => {
    const { file, before } = await givenVersion2File();
    expect(before.report).toMatchObject({ ok: true, events: 7 });
    const store = openSqliteEventStore({ file });
    const read = (await store.readAll()).events;
    expect(read).toStrictEqual(before.events);
    expect(read.map((e) => JSON.stringify(e.metadata))).toEqual(before.events.map((e) => JSON.stringify(e.metadata)));
    expect(await store.verify()).toEqual(before.report);
    expect(await store.findIdempotencyRecord('key-5')).toMatchObject({ streamId: 'dossier-province-01:c', firstVersion: 1, lastVersion: 3 });
    await store.close();
    expect(schemaVersion(file)).toBe(SCHEMA_VERSION);
  });

  it('keeps verbatim the metadata the compact form cannot give back, and compacts the rest', async () => {
    const { file, before } = await givenVersion2File();
    await openSqliteEventStore({ file }).close();
    const db = new Database(file, { readonly: true });
    const bodies = db.prepare('SELECT body FROM events ORDER BY global_position').pluck().all() as string[];
    db.close();
    expect(bodies[3]).toContain(before.metadataTexts[3] as string);
    for (const i of [0, 1, 2, 4, 5, 6]) expect(bodies[i]).not.toContain('"correlationId"');
  });

  it('upgrades once, and new appends extend the same chain and never reuse a position', async () => {
    const { file } = await givenVersion2File();
    const raw = new Database(file);
    raw.prepare('DELETE FROM events WHERE global_position = 7').run();
    raw.close();
    const report = (await legacyView(file)).report;
    await openSqliteEventStore({ file }).close();
    const store = openSqliteEventStore({ file });
    // The same chain as before the upgrade, and the position counter still names the deleted newest event
    expect(report).toMatchObject({ ok: true, events: 6 });
    expect(await store.verify()).toMatchObject({ ok: false, problem: 'removed', globalPosition: 7, events: 6, message: expect.stringContaining('position 7 is missing at its end') });
    const appended = await store.appendToStream('dossier-province-01:b', [counted(9)], { expectedVersion: 1 });
    expect(isRight(appended) && appended.right.lastGlobalPosition).toBe(8);
    expect(await store.verify()).toMatchObject({ ok: false, problem: 'removed', globalPosition: 7, missing: { first: 7, last: 7, next: { globalPosition: 8 } } });
    await store.close();
  });

  it('When the disk fills up halfway through the upgrade, Then the file is left as it was, and a later open upgrades it', async () => {
    const file = tempFile();
    writeLegacyFile(file, 2, Array.from({ length: 400 }, (_, i) => [`dossier-province-01:${i}`, [full(i)]] as const));
    const before = await legacyView(file);
    const db = new Database(file);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 20}`);
    expect(() => attachSqliteEventStore(db, { file })).toThrow(/disk full/);
    expect(schemaVersion(file)).toBe(2);
    expect(await legacyView(file)).toEqual(before);
    const store = openSqliteEventStore({ file });
    expect(await store.verify()).toEqual(before.report);
    expect((await store.readAll({ maxCount: 500 })).events).toStrictEqual(before.events);
    await store.close();
  });
});
