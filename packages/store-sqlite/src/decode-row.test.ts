import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from './index.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

describe('metadata read back from SQLite', () => {
  it('is a plain object with every field: spread, JSON and structuredClone keep them all', async () => {
    // Given an event appended with the full context
    const store = openSqliteEventStore({ file: tempFile() });
    const event = counted(1);
    const metadata = { ...event.metadata, ruleSetVersion: 'decree-118-2025', idempotencyKey: 'k-1', commandHash: 'h-1' };
    await store.appendToStream('dossier-1', [{ ...event, metadata }]);
    // When it is read back by stream and through the log
    const [byStream] = (await store.readStream('dossier-1')).events;
    const [byLog] = (await store.readAll()).events;
    await store.close();
    // Then the metadata has the caller's context and the store's fields, and survives every copy
    for (const read of [byStream!, byLog!]) {
      const expected = { ...metadata, streamId: 'dossier-1', streamVersion: 1, globalPosition: 1, eventId: expect.any(String), recordedAt: expect.any(String) };
      expect(read.metadata).toStrictEqual(expected);
      expect({ ...read.metadata }).toStrictEqual(expected);
      expect(JSON.parse(JSON.stringify(read))).toStrictEqual({ type: 'Counted', data: { n: 1 }, metadata: expected });
      expect(structuredClone(read).metadata).toStrictEqual(expected);
      for (const object of [read, read.metadata, read.metadata.actor]) expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    }
    expect(byStream!.metadata.eventId).toBe(byLog!.metadata.eventId);
  });

  it('without optional fields, in either key order, reads back the appended metadata key for key and as plain objects', async () => {
    // Given one event whose eventId the caller set first and one whose eventId the store assigns
    const store = openSqliteEventStore({ file: tempFile() });
    const first = counted(1);
    const callerId = { ...first, metadata: { eventId: 'ev-1', ...first.metadata } };
    await store.appendToStream('dossier-1', [callerId, counted(2)]);
    // When they are read back by stream and through the log
    const byStream = (await store.readStream('dossier-1')).events;
    const byLog = (await store.readAll()).events;
    await store.close();
    // Then each is a plain object equal to the appended context plus the store's fields, in the same key order
    for (const events of [byStream, byLog]) {
      const [a, b] = events;
      expect(Object.keys(a!.metadata)).toEqual(['eventId', 'occurredAt', 'actor', 'tenantId', 'correlationId', 'causationId', 'recordedAt', 'streamId', 'streamVersion', 'globalPosition']);
      expect(Object.keys(b!.metadata)).toEqual(['occurredAt', 'actor', 'tenantId', 'correlationId', 'causationId', 'eventId', 'recordedAt', 'streamId', 'streamVersion', 'globalPosition']);
      expect(a).toStrictEqual({ type: 'Counted', data: { n: 1 }, metadata: { ...callerId.metadata, recordedAt: expect.any(String), streamId: 'dossier-1', streamVersion: 1, globalPosition: 1 } });
      expect(b!.metadata).toStrictEqual({ ...counted(2).metadata, eventId: expect.any(String), recordedAt: expect.any(String), streamId: 'dossier-1', streamVersion: 2, globalPosition: 2 });
      for (const event of events) {
        for (const object of [event, event.metadata, event.metadata.actor]) expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
        expect(structuredClone(event)).toStrictEqual(event);
      }
    }
  });
});
