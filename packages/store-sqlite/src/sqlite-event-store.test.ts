import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { fixedClock, isLeft, isRight, sequentialIds } from '@motcua/core';
import { hashedTexts } from './event-body.js';
import { openSqliteEventStore, SCHEMA_VERSION } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

describe('SqliteEventStore', () => {
  it('keeps events across close and reopen, and continues positions and the hash chain', async () => {
    const file = tempFile();
    const first = openSqliteEventStore({ file });
    await first.appendToStream('dossier-1', [counted(1), counted(2)], { expectedVersion: 'no-stream' });
    await first.close();

    const second = openSqliteEventStore({ file });
    const appended = await second.appendToStream('dossier-1', [counted(3)], { expectedVersion: 2 });
    expect(isRight(appended) && appended.right).toMatchObject({ nextExpectedVersion: 3, lastGlobalPosition: 3 });
    const read = await second.readStream('dossier-1');
    expect(read.events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await second.verify()).toMatchObject({ ok: true, events: 3, lastPosition: 3 });
    await second.close();
  });

  it('stores metadata as JSON without the positions, and fills them from the columns on read', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file, clock: fixedClock('2026-03-02T02:00:00Z'), ids: sequentialIds('ev') });
    await store.appendToStream('dossier-1', [counted(1)]);
    const [event] = (await store.readStream('dossier-1')).events;
    expect(event?.metadata).toEqual({
      occurredAt: '2026-03-02T09:00:00+07:00',
      actor: { id: 'officer-1', role: 'receptionist' },
      tenantId: 'province-01',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      eventId: 'ev-1',
      recordedAt: '2026-03-02T02:00:00.000Z',
      streamId: 'dossier-1',
      streamVersion: 1,
      globalPosition: 1,
    });
    await store.close();
    const db = new Database(file, { readonly: true });
    const { body, data_length: dataLength } = db.prepare('SELECT body, data_length FROM events').get() as { body: string; data_length: number };
    db.close();
    const stored = JSON.parse(hashedTexts(body, dataLength).metadataJson) as Record<string, unknown>;
    expect(Object.keys(stored)).not.toContain('globalPosition');
    expect(stored).toMatchObject({ eventId: 'ev-1', recordedAt: '2026-03-02T02:00:00.000Z' });
    expect(JSON.parse(body)).not.toContainEqual('dossier-1');
  });

  it("returns the append's events equal to what a read gives back", async () => {
    const store = openSqliteEventStore({ file: tempFile() });
    const appended = await store.appendToStream('dossier-1', [counted(1, { at: new Date('2026-01-01T00:00:00Z') })]);
    const read = await store.readStream('dossier-1');
    expect(isRight(appended) && appended.right.events).toEqual(read.events);
    expect(read.events[0]?.data).toEqual({ n: 1, at: '2026-01-01T00:00:00.000Z' });
    await store.close();
  });

  it('records the schema version in schema_migrations', async () => {
    const file = tempFile();
    await openSqliteEventStore({ file }).close();
    const db = new Database(file, { readonly: true });
    const versions = db.prepare('SELECT version FROM schema_migrations').pluck().all();
    db.close();
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('creates a file with the page size asked, keeps the page size of a file that exists, and refuses one that is not a power of two', async () => {
    const file = tempFile();
    const pageSize = (path: string) => {
      const db = new Database(path, { readonly: true });
      const size = db.pragma('page_size', { simple: true });
      db.close();
      return size;
    };
    const created = openSqliteEventStore({ file, pageSize: 16384 });
    await created.appendToStream('s', [counted(1)]);
    await created.close();
    expect(pageSize(file)).toBe(16384);
    const reopened = openSqliteEventStore({ file, pageSize: 8192 });
    expect((await reopened.readStream('s')).events.map((e) => e.data)).toEqual([{ n: 1 }]);
    await reopened.close();
    expect(pageSize(file)).toBe(16384);
    expect(() => openSqliteEventStore({ file: tempFile(), pageSize: 10_000 })).toThrow(/pageSize must be a power of two from 512 to 65536, not 10000/);
  });

  it('refuses a file written by a newer schema', async () => {
    const file = tempFile();
    await openSqliteEventStore({ file }).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 'later')").run();
    db.close();
    expect(() => openSqliteEventStore({ file })).toThrow(/schema version 99, newer than/);
  });

  it('works in memory', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    await store.appendToStream('s', [counted(1)], { expectedVersion: 'no-stream' });
    expect((await store.readAll()).events).toHaveLength(1);
    expect(await store.verify()).toMatchObject({ ok: true, events: 1 });
    await store.close();
  });

  it('finds the idempotency record of a batch among other appends', async () => {
    const store = openSqliteEventStore({ file: tempFile() });
    await store.appendToStream('dossier-1', [counted(1)]);
    const keyed = [2, 3, 4].map((n) => {
      const event = counted(n);
      return { ...event, metadata: { ...event.metadata, idempotencyKey: 'k-7', commandHash: 'h-7' } };
    });
    await store.appendToStream('dossier-1', keyed, { expectedVersion: 1 });
    await store.appendToStream('dossier-1', [counted(5)], { expectedVersion: 4 });
    expect(await store.findIdempotencyRecord('k-7')).toEqual({
      idempotencyKey: 'k-7',
      commandHash: 'h-7',
      streamId: 'dossier-1',
      firstVersion: 2,
      lastVersion: 4,
    });
    await store.close();
  });

  it('refuses events it cannot store before writing anything', async () => {
    const store = openSqliteEventStore({ file: tempFile() });
    const bad = { ...counted(2), data: { n: 2n } };
    await expect(store.appendToStream('dossier-1', [counted(1), bad])).rejects.toThrow(TypeError);
    await expect(store.appendToStream('dossier-1', [{ ...counted(1), data: undefined }])).rejects.toThrow(/cannot be stored as JSON/);
    expect((await store.readAll()).events).toHaveLength(0);
    await store.close();
  });

  it('commits appends still queued when closed, then refuses new ones', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    const pending = store.appendToStream('dossier-1', [counted(1)]);
    await store.close();
    expect(isRight(await pending)).toBe(true);
    await expect(store.appendToStream('dossier-1', [counted(2)])).rejects.toThrow(/is closed/);
    await store.close();
    const reopened = openSqliteEventStore({ file });
    expect((await reopened.readStream('dossier-1')).currentVersion).toBe(1);
    await reopened.close();
  });

  it('appends one by one without group commit', async () => {
    const store = openSqliteEventStore({ file: tempFile(), groupCommit: false });
    const results = await Promise.all([1, 2, 3].map((n) => store.appendToStream('s', [counted(n)], { expectedVersion: 'no-stream' })));
    expect(results.filter(isRight)).toHaveLength(1);
    expect(results.filter(isLeft)).toHaveLength(2);
    expect(store.commitStats()).toEqual({ transactions: 3, appends: 3 });
    await store.close();
  });

  describe('subscriptions', () => {
    it('see appends made through another connection to the file', async () => {
      const file = tempFile();
      const reader = openSqliteEventStore({ file, pollIntervalMs: 10 });
      const writer = openSqliteEventStore({ file });
      const seen: number[] = [];
      let arrived: () => void = () => undefined;
      const third = new Promise<void>((resolve) => (arrived = resolve));
      const subscription = reader.subscribe({
        after: 0,
        handler: (event) => {
          seen.push((event.data as { n: number }).n);
          if (seen.length === 3) arrived();
        },
      });
      await subscription.caughtUp();
      await writer.appendToStream('a', [counted(1), counted(2)]);
      await writer.appendToStream('b', [counted(3)]);
      await third;
      expect(seen).toEqual([1, 2, 3]);
      await subscription.close();
      await reader.close();
      await writer.close();
    });

    it('stop when the store closes', async () => {
      const file = tempFile();
      const reader = openSqliteEventStore({ file, pollIntervalMs: 5 });
      const writer = openSqliteEventStore({ file });
      const seen: number[] = [];
      reader.subscribe({ after: 0, handler: (event) => void seen.push((event.data as { n: number }).n) });
      await reader.close();
      await writer.appendToStream('a', [counted(1)]);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(seen).toEqual([]);
      await writer.close();
    });
  });
});
