import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GENESIS_HASH, computeEventHash } from '@motcua/core';
import { openSqliteEventStore } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

/** A file with 10 events over 3 streams; `tamper` then edits it behind the store's back. */
const givenLog = async (tamper: (db: Database.Database) => void) => {
  const file = tempFile();
  const store = openSqliteEventStore({ file, synchronous: 'NORMAL' });
  for (let n = 1; n <= 10; n++) await store.appendToStream(`dossier-${n % 3}`, [counted(n)]);
  await store.close();
  const db = new Database(file);
  tamper(db);
  db.close();
  const reopened = openSqliteEventStore({ file, readonly: true });
  const report = await reopened.verify();
  await reopened.close();
  return report;
};

const row = (db: Database.Database, position: number) =>
  db.prepare('SELECT * FROM events WHERE global_position = ?').get(position) as {
    global_position: number;
    stream_id: string;
    stream_version: number;
    type: string;
    data: string;
    metadata: string;
    previous_hash: string;
    hash: string;
  };

describe('the hash chain of the SQLite store', () => {
  it('links every event to the one before it, from the genesis hash', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    await store.appendToStream('a', [counted(1), counted(2)]);
    await store.appendToStream('b', [counted(3)]);
    const report = await store.verify();
    await store.close();
    const db = new Database(file, { readonly: true });
    const rows = [1, 2, 3].map((p) => row(db, p));
    db.close();
    expect(rows.map((r) => r.previous_hash)).toEqual([GENESIS_HASH, rows[0]?.hash, rows[1]?.hash]);
    for (const r of rows) {
      const content = { globalPosition: r.global_position, streamId: r.stream_id, streamVersion: r.stream_version, type: r.type, dataJson: r.data, metadataJson: r.metadata };
      expect(r.hash).toBe(computeEventHash(r.previous_hash, content));
    }
    expect(report).toEqual({ ok: true, events: 3, lastHash: rows[2]?.hash, lastPosition: 3 });
  });

  it('stays whole when two connections append in turn', async () => {
    const file = tempFile();
    const one = openSqliteEventStore({ file });
    const two = openSqliteEventStore({ file });
    for (let n = 1; n <= 12; n++) await (n % 3 === 0 ? two : one).appendToStream(`s-${n % 4}`, [counted(n), counted(n + 100)]);
    await Promise.all([one.appendToStream('x', [counted(50)]), two.appendToStream('y', [counted(51)]), one.appendToStream('z', [counted(52)])]);
    expect(await one.verify()).toMatchObject({ ok: true, events: 27 });
    expect(await two.verify()).toMatchObject({ ok: true, events: 27 });
    await one.close();
    await two.close();
  });

  it('a changed data byte is reported at that event', async () => {
    const report = await givenLog((db) => {
      db.prepare(`UPDATE events SET data = replace(data, '"n":4', '"n":5') WHERE global_position = 4`).run();
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 4, streamId: 'dossier-1', streamVersion: 2 });
  });

  it('a deleted event is reported at the event after the gap', async () => {
    const report = await givenLog((db) => {
      db.prepare('DELETE FROM events WHERE global_position = 4').run();
    });
    expect(report).toMatchObject({ ok: false, problem: 'removed', globalPosition: 5, message: expect.stringContaining('position 4 is missing') });
  });

  it('swapped data of two rows is reported at the first of them', async () => {
    const report = await givenLog((db) => {
      const [three, seven] = [row(db, 3), row(db, 7)];
      const update = db.prepare('UPDATE events SET data = ? WHERE global_position = ?');
      update.run(seven.data, 3);
      update.run(three.data, 7);
    });
    expect(report).toMatchObject({ ok: false, problem: 'reordered', globalPosition: 3, message: expect.stringContaining('position 7') });
  });

  it('swapped positions of two rows are reported at the first of them', async () => {
    const report = await givenLog((db) => {
      const move = db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?');
      move.run(-1, 3);
      move.run(3, 7);
      move.run(7, -1);
    });
    expect(report).toMatchObject({ ok: false, problem: 'reordered', globalPosition: 3, streamId: 'dossier-1', streamVersion: 3 });
  });

  it('an edited hash is reported at its event', async () => {
    const report = await givenLog((db) => {
      db.prepare(`UPDATE events SET hash = ? WHERE global_position = 6`).run('f'.repeat(64));
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 6, message: expect.stringContaining('stored hash was changed') });
  });

  it('an event changed and re-hashed is reported, not the innocent event after it', async () => {
    const report = await givenLog((db) => {
      const five = row(db, 5);
      const data = five.data.replace('"n":5', '"n":500');
      const hash = computeEventHash(five.previous_hash, {
        globalPosition: 5,
        streamId: five.stream_id,
        streamVersion: five.stream_version,
        type: five.type,
        dataJson: data,
        metadataJson: five.metadata,
      });
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE global_position = 5').run(data, hash);
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 5 });
  });

  it('dropping the newest events leaves a shorter valid chain: the last hash, kept elsewhere, shows it', async () => {
    let anchor = '';
    const report = await givenLog((db) => {
      anchor = row(db, 10).hash;
      db.prepare('DELETE FROM events WHERE global_position = 10').run();
    });
    expect(report).toMatchObject({ ok: true, events: 9, lastPosition: 9 });
    expect(report.ok && report.lastHash).not.toBe(anchor);
  });

  it('never reuses a position: an append after the newest event was deleted shows the gap', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    await store.appendToStream('a', [counted(1), counted(2), counted(3)]);
    const db = new Database(file);
    db.prepare('DELETE FROM events WHERE global_position = 3').run();
    db.close();
    const appended = await store.appendToStream('b', [counted(4)]);
    expect(appended).toMatchObject({ right: { lastGlobalPosition: 4 } });
    expect(await store.verify()).toMatchObject({ ok: false, problem: 'removed', globalPosition: 4 });
    await store.close();
  });
});
