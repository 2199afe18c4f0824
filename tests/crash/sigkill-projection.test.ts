import { describe, expect, it } from 'vitest';
import { DocumentSession, foldBatch, InMemoryDocumentStore, ProjectionEngine, type DocumentStore, type RecordedEvent } from '@motcua/core';
import { openSqliteDocumentStore, openSqliteEventStore, type SqliteEventStore } from '@motcua/store-sqlite';
import { seededRandom, type Ack } from './crash-batches.js';
import { runUntilKilled } from './child-processes.js';
import { countingProjection, type StreamCount } from './counting-projection.js';
import { appendProbe, checkRecoveredLog, crashSeed, tempFiles } from './crash-support.js';

const seed = crashSeed();
const tempFile = tempFiles();
const { name } = countingProjection;

/** The documents folding the log up to `checkpoint` gives, by key. */
const foldUpTo = (log: readonly RecordedEvent[], checkpoint: number): Record<string, StreamCount> => {
  const session = new DocumentSession<StreamCount>(() => undefined);
  const folded = foldBatch(countingProjection, session, 0, log.filter((e) => e.metadata.globalPosition <= checkpoint));
  if (folded.failure !== undefined) throw new Error(folded.failure.message);
  const documents: Record<string, StreamCount> = {};
  for (const [key, document] of session.take()) if (document !== undefined) documents[key] = document;
  return documents;
};

/** Every live document of the counting projection, by key. */
const documentsOf = async (store: DocumentStore): Promise<Record<string, unknown>> =>
  Object.fromEntries((await store.list(name, { prefix: '', limit: 10_000 })).documents);

/** Runs the counting projection to the head of the log with a fresh engine, then stops it. */
const runToHead = async (eventStore: SqliteEventStore, documentStore: DocumentStore) => {
  const engine = new ProjectionEngine({ eventStore, documentStore, projections: [countingProjection], batchSize: 20 });
  await engine.start();
  await engine.caughtUp();
  await engine.stop();
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
      const documentStore = openSqliteDocumentStore({ file });
      try {
        // Then the log holds as in the appender-only test
        const { log } = await checkRecoveredLog(store, acknowledged, round, context);
        const head = log.at(-1)?.metadata.globalPosition ?? 0;
        // And the stored documents are exactly the fold of the events up to the stored checkpoint
        const killed = await documentStore.header(name);
        expect(killed, context).toBeDefined();
        expect(killed?.status, context).toBe('running');
        expect(killed?.checkpoint, context).toBeLessThanOrEqual(head);
        expect(await documentsOf(documentStore), context).toEqual(foldUpTo(log, killed?.checkpoint ?? 0));
        if ((killed?.checkpoint ?? 0) < head) killedBehindHead++;

        // And resuming from that checkpoint reaches the head with the state of a rebuild from zero
        await runToHead(store, documentStore);
        const rebuiltStore = new InMemoryDocumentStore();
        await runToHead(store, rebuiltStore);
        expect((await documentStore.header(name))?.checkpoint, context).toBe(head);
        expect((await rebuiltStore.header(name))?.checkpoint, context).toBe(head);
        expect(await documentsOf(documentStore), context).toEqual(await documentsOf(rebuiltStore));
        expect(await documentsOf(documentStore), context).toEqual(foldUpTo(log, head));
        // And the store still takes appends; the projection catches them up in the next round
        acknowledged.push(await appendProbe(store, round, random, context));
      } finally {
        documentStore.close();
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
