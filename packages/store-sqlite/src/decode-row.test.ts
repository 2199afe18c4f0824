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
    }
    expect(byStream!.metadata.eventId).toBe(byLog!.metadata.eventId);
  });
});
