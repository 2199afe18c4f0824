import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { GENESIS_HASH, computeEventHash } from '@motcua/core';
import { hashedTexts } from './event-body.js';
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

interface StoredRow {
  global_position: number;
  stream_id: string;
  stream_version: number;
  type: string;
  body: string;
  data_length: number;
  previous_hash: Buffer;
  hash: Buffer;
}

const row = (db: Database.Database, position: number) => db.prepare('SELECT * FROM events WHERE global_position = ?').get(position) as StoredRow;

/** What the row's hash covers, as the verifier reads it back from the row. */
const contentOf = (r: StoredRow) => ({
  globalPosition: r.global_position,
  streamId: r.stream_id,
  streamVersion: r.stream_version,
  type: r.type,
  ...hashedTexts(r.body, r.data_length),
});

/** The row with the data JSON `data` in place of its own. */
const withData = (r: StoredRow, data: string) => ({ body: `[${data}${r.body.slice(1 + r.data_length)}`, dataLength: data.length });

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
    const hex = (bytes: Buffer | undefined) => bytes?.toString('hex');
    expect(rows.map((r) => r.hash.length)).toEqual([32, 32, 32]);
    expect(rows.map((r) => hex(r.previous_hash))).toEqual([GENESIS_HASH, hex(rows[0]?.hash), hex(rows[1]?.hash)]);
    for (const [i, r] of rows.entries()) {
      const content = contentOf(r);
      expect(JSON.parse(content.dataJson)).toEqual({ n: i + 1 });
      expect(JSON.parse(content.metadataJson)).toMatchObject({ correlationId: `corr-${i + 1}`, recordedAt: expect.any(String) });
      expect(hex(r.hash)).toBe(computeEventHash(hex(r.previous_hash)!, content));
    }
    expect(report).toEqual({ ok: true, events: 3, lastHash: hex(rows[2]?.hash), lastPosition: 3 });
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
      db.prepare(`UPDATE events SET body = replace(body, '"n":4', '"n":5') WHERE global_position = 4`).run();
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 4, streamId: 'dossier-1', streamVersion: 2 });
  });

  it('a deleted event is reported by its position, and the event after the gap as where the chain breaks', async () => {
    const report = await givenLog((db) => {
      db.prepare('DELETE FROM events WHERE global_position = 4').run();
    });
    expect(report).toMatchObject({ ok: false, problem: 'removed', globalPosition: 4, streamId: '', missing: { first: 4, last: 4, next: { globalPosition: 5 } }, message: expect.stringContaining('the chain breaks at the event after it, at position 5') });
  });

  it('swapped data of two rows is reported at the first of them', async () => {
    const report = await givenLog((db) => {
      const [three, seven] = [row(db, 3), row(db, 7)];
      const update = db.prepare('UPDATE events SET body = @body, data_length = @dataLength WHERE global_position = @position');
      const dataOf = (r: StoredRow) => r.body.slice(1, 1 + r.data_length);
      update.run({ ...withData(three, dataOf(seven)), position: 3 });
      update.run({ ...withData(seven, dataOf(three)), position: 7 });
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
      db.prepare(`UPDATE events SET hash = ? WHERE global_position = 6`).run(Buffer.alloc(32, 0xff));
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 6, message: expect.stringContaining('stored hash was changed') });
  });

  it('an event changed and re-hashed is reported, not the innocent event after it', async () => {
    const report = await givenLog((db) => {
      const five = row(db, 5);
      const changed = withData(five, '{"n":500}');
      const hash = computeEventHash(five.previous_hash.toString('hex'), contentOf({ ...five, body: changed.body, data_length: changed.dataLength }));
      db.prepare('UPDATE events SET body = ?, data_length = ?, hash = ? WHERE global_position = 5').run(changed.body, changed.dataLength, Buffer.from(hash, 'hex'));
    });
    expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: 5 });
  });

  it("dropping the newest events is reported at the log's end: the file's position counter still counts them", async () => {
    const report = await givenLog((db) => {
      db.prepare('DELETE FROM events WHERE global_position >= 9').run();
    });
    expect(report).toMatchObject({ ok: false, problem: 'removed', globalPosition: 9, events: 8, message: expect.stringContaining('positions 9..10 are missing at its end') });
  });

  it('dropping the newest events and setting the counter back leaves a shorter valid chain: the last hash, kept elsewhere, shows it', async () => {
    let anchor = '';
    const report = await givenLog((db) => {
      anchor = row(db, 10).hash.toString('hex');
      db.prepare('DELETE FROM events WHERE global_position = 10').run();
      db.prepare("UPDATE sqlite_sequence SET seq = 9 WHERE name = 'events'").run();
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
    expect(await store.verify()).toMatchObject({ ok: false, problem: 'removed', globalPosition: 3, missing: { first: 3, last: 3, next: { globalPosition: 4, streamId: 'b' } } });
    await store.close();
  });
});
