import Database from 'better-sqlite3';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from './index.js';
import { eventsAfterReader } from './read-events.js';
import { counted, tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();

describe('the events after a position, as an inline fold reads them', () => {
  test.prop([fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.nat(45), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 6 })], { numRuns: 15 })(
    'are the log after it, in order, at most the page size asked, whatever page sizes a connection asks for in turn',
    async (events, reads) => {
      // Given a log of `events` events in three streams
      const file = tempFile();
      const store = openSqliteEventStore({ file });
      for (let n = 1; n <= events; n++) await store.appendToStream(`dossier-${n % 3}`, [counted(n)]);
      const all = (await store.readAll({ maxCount: 1000 })).events;
      await store.close();
      // When one reader reads after several positions with several page sizes, each page size again later
      const db = new Database(file, { readonly: true });
      try {
        const readAfter = eventsAfterReader(db);
        for (const [after, limit] of [...reads, ...reads]) {
          // Then each read is the slice of the log after the position, cut at the page size
          expect(readAfter(after, limit)).toStrictEqual(all.filter((event) => event.metadata.globalPosition > after).slice(0, limit));
        }
      } finally {
        db.close();
      }
    },
  );

  it('refuses a page size that is not a whole number of events', async () => {
    const file = tempFile();
    const store = openSqliteEventStore({ file });
    await store.appendToStream('dossier-1', [counted(1)]);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      const readAfter = eventsAfterReader(db);
      for (const limit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => readAfter(0, limit)).toThrow(/whole number/);
    } finally {
      db.close();
    }
  });
});
