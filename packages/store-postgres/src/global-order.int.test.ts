import { describe, expect, it } from 'vitest';
import { isRight } from '@motcua/core';
import { openPostgresEventStore, type PostgresEventStore } from './index.js';
import { counted, postgresDatabase } from './test-support.testkit.js';

const db = postgresDatabase('packages/store-postgres/src/global-order.int.test.ts');

describe.skipIf(db.skipped !== undefined)('global order under concurrent writers (PostgreSQL)', () => {
  it('a reader paging from its checkpoint sees every position exactly once, in order, while several processes append', async () => {
    // Given four writers with pools of their own (as four processes would be) and a reader
    const schema = db.freshSchema('gap');
    const writers: PostgresEventStore[] = [];
    for (let w = 0; w < 4; w++) writers.push(await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 3 }));
    const reader = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 });
    const appendsPerWriter = 60;
    let expectedTotal = 0;
    const batchSize = (w: number, i: number) => 1 + ((w * 7 + i) % 3);
    for (let w = 0; w < writers.length; w++) for (let i = 0; i < appendsPerWriter; i++) expectedTotal += batchSize(w, i);

    // When they append in parallel (each writer also issues bursts that share a transaction)
    let writing = true;
    const written = Promise.all(
      writers.map(async (store, w) => {
        for (let i = 0; i < appendsPerWriter; i += 3) {
          const burst = [i, i + 1, i + 2].map((j) =>
            store.appendToStream(`w${w}-s${j % 5}`, Array.from({ length: batchSize(w, j) }, (_, k) => counted(j * 10 + k))),
          );
          for (const result of await Promise.all(burst)) expect(isRight(result)).toBe(true);
        }
      }),
    ).finally(() => {
      writing = false;
    });

    // And the reader pages from its checkpoint over and over meanwhile
    const seen: number[] = [];
    let checkpoint = 0;
    let pages = 0;
    while (writing || checkpoint < expectedTotal) {
      const page = await reader.readAll({ after: checkpoint, maxCount: 7 });
      pages++;
      for (const event of page.events) {
        // Then each event is the very next position: nothing skipped, nothing seen twice
        expect(event.metadata.globalPosition).toBe(checkpoint + 1);
        seen.push(event.metadata.globalPosition);
        checkpoint = event.metadata.globalPosition;
      }
      expect(page.nextPosition).toBe(checkpoint);
      if (!writing && page.isEnd && checkpoint >= expectedTotal) break;
    }
    await written;

    expect(seen).toEqual(Array.from({ length: expectedTotal }, (_, i) => i + 1));
    expect(pages).toBeGreaterThan(1);
    // And the chain links every event to its predecessor across the writers
    expect(await reader.verify()).toMatchObject({ ok: true, events: expectedTotal, lastPosition: expectedTotal });
    for (const store of [...writers, reader]) await store.close();
  });

  it('writers racing on the same streams keep versions contiguous and exactly one wins each expected version', async () => {
    const schema = db.freshSchema('race');
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2 })));
    const rounds = 15;
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.all(stores.map((store, s) => store.appendToStream('shared', [counted(round * 10 + s)], { expectedVersion: round })));
      expect(results.filter(isRight)).toHaveLength(1);
    }
    const { events, currentVersion } = await (stores[0] as PostgresEventStore).readStream('shared');
    expect(currentVersion).toBe(rounds);
    expect(events.map((e) => e.metadata.streamVersion)).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
    expect(await (stores[1] as PostgresEventStore).verify()).toMatchObject({ ok: true, events: rounds });
    for (const store of stores) await store.close();
  });
});
