// A child process for the SIGKILL test: appends batches of 1–10 events to a few streams until it is
// killed. Several async lanes append at once so group commit puts several batches in one transaction.
// Each lane re-reads the stream's version after a conflict. After an append's promise resolves, the
// lane writes `ACK <batchId> <streamId> <lastVersion>` to stdout synchronously, so every line the
// parent reads was acknowledged before the kill.
// In mode `append+project` the same process also runs the counting projection asynchronously
// (`ProjectionEngine`, SQLite document store on the same file, small batches so it commits often).
// Usage: node --import tsx --conditions=source appender-child.ts FILE ROUND SEED FULL|NORMAL [append|append+project]
import { writeSync } from 'node:fs';
import { isRight, ProjectionEngine } from '@motcua/core';
import { openSqliteDocumentStore, openSqliteEventStore } from '@motcua/store-sqlite';
import { batchEvents, randomBatchSize, seededRandom } from './crash-batches.js';
import { countingProjection } from './counting-projection.js';

const [file, round, seedText, synchronous, mode = 'append'] = process.argv.slice(2);
if (file === undefined || round === undefined || seedText === undefined || (synchronous !== 'FULL' && synchronous !== 'NORMAL')) {
  throw new Error('usage: appender-child.ts FILE ROUND SEED FULL|NORMAL [append|append+project]');
}
const seed = Number(seedText);
const lanes = 4;
const streams = 3;

/** Writes the whole line to fd 1 before returning; retries when the pipe is momentarily full. */
const say = (line: string): void => {
  let buffer = Buffer.from(`${line}\n`);
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(1, buffer));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
};

const store = openSqliteEventStore({ file, synchronous, busyTimeoutMs: 15_000, pollIntervalMs: 0 });

const lane = async (laneNumber: number): Promise<never> => {
  const random = seededRandom(seed * 31 + laneNumber);
  for (let n = 0; ; n++) {
    const batchId = `${round}.${laneNumber}.${n}`;
    const size = randomBatchSize(random);
    const streamId = `crash-${Math.floor(random() * streams)}`;
    const events = batchEvents(batchId, size);
    for (;;) {
      const { currentVersion } = await store.readStream(streamId, { maxCount: 0 });
      const result = await store.appendToStream(streamId, events, {
        expectedVersion: currentVersion === 0 ? 'no-stream' : currentVersion,
      });
      if (isRight(result)) {
        say(`ACK ${batchId} ${streamId} ${result.right.nextExpectedVersion}`);
        break;
      }
      if (result.left._tag !== 'VersionConflict') throw new Error(`append of ${batchId} refused: ${result.left.message}`);
    }
  }
};

if (mode === 'append+project') {
  const documentStore = openSqliteDocumentStore({ file, busyTimeoutMs: 15_000 });
  const engine = new ProjectionEngine({ eventStore: store, documentStore, projections: [countingProjection], batchSize: 20 });
  await engine.start();
}
say('READY');
await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
