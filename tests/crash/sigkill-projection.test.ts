import { describe, expect, it } from 'vitest';
import { applyEvents, InMemoryProjectionStore, ProjectionRunner, type RecordedEvent } from '@motcua/core';
import { openSqliteEventStore, openSqliteProjectionStore, type SqliteEventStore } from '@motcua/store-sqlite';
import { seededRandom, type Ack } from './crash-batches.js';
import { runUntilKilled } from './child-processes.js';
import { countingProjection, type CountingState } from './counting-projection.js';
import { appendProbe, checkRecoveredLog, crashSeed, tempFiles } from './crash-support.js';

const seed = crashSeed();
const tempFile = tempFiles();
const { name } = countingProjection;

const foldUpTo = (log: readonly RecordedEvent[], checkpoint: number): CountingState =>
  applyEvents(countingProjection, countingProjection.initialState(), 0, log.filter((e) => e.metadata.globalPosition <= checkpoint)).state;

/** Runs the counting projection to the head of the log with a fresh runner, then stops it. */
const runToHead = async (eventStore: SqliteEventStore, projectionStore: ConstructorParameters<typeof ProjectionRunner>[0]['projectionStore']) => {
  const runner = new ProjectionRunner({ eventStore, projectionStore, projections: [countingProjection], batchSize: 20 });
  await runner.start();
  await runner.caughtUp();
  await runner.stop();
};

describe(`an appender and an async projection killed together with SIGKILL (seed ${seed})`, () => {
  it('the stored state always matches its checkpoint, and resuming reaches the state of a rebuild', async () => {
    // Given one store file that every round reuses, holding the log and the projection's tables
    const file = tempFile();
    const random = seededRandom(seed + 2);
    const acknowledged: Ack[] = [];
    let killedBehindHead = 0;
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      // When one process appending on four lanes and running the projection is killed at a random moment
      const delayMs = 50 + Math.floor(random() * 351);
      const { acks } = await runUntilKilled({ file, round, seed: Math.floor(random() * 2 ** 31), synchronous: 'FULL', delayMs, mode: 'append+project' });
      acknowledged.push(...acks);
      const context = `seed ${seed}, projection, round ${round}, killed after ${delayMs} ms`;

      const store = openSqliteEventStore({ file });
      const projectionStore = openSqliteProjectionStore({ file });
      try {
        // Then the log holds as in the appender-only test
        const { log } = await checkRecoveredLog(store, acknowledged, round, context);
        const head = log.at(-1)?.metadata.globalPosition ?? 0;
        // And the stored state is exactly the fold of the events up to its stored checkpoint
        const killed = await projectionStore.load<CountingState>(name);
        expect(killed, context).toBeDefined();
        expect(killed?.status, context).toBe('running');
        expect(killed?.checkpoint, context).toBeLessThanOrEqual(head);
        expect(killed?.state, context).toEqual(foldUpTo(log, killed?.checkpoint ?? 0));
        if ((killed?.checkpoint ?? 0) < head) killedBehindHead++;

        // And resuming from that checkpoint reaches the head with the state of a rebuild from zero
        await runToHead(store, projectionStore);
        const resumed = await projectionStore.load<CountingState>(name);
        const rebuiltStore = new InMemoryProjectionStore();
        await runToHead(store, rebuiltStore);
        const rebuilt = await rebuiltStore.load<CountingState>(name);
        expect(resumed?.checkpoint, context).toBe(head);
        expect(rebuilt?.checkpoint, context).toBe(head);
        expect(resumed?.state, context).toEqual(rebuilt?.state);
        expect(resumed?.state, context).toEqual(foldUpTo(log, head));
        // And the store still takes appends; the projection catches them up in the next round
        acknowledged.push(await appendProbe(store, round, random, context));
      } finally {
        projectionStore.close();
        await store.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(rounds * 2);
    console.info(
      `crash projection: ${rounds} kills, ${acknowledged.length} acknowledged batches, ` +
        `${killedBehindHead} kills left the projection behind the head (seed ${seed})`,
    );
  }, 120_000);
});
