// A child process for the two-process test: appends to shared streams with optimistic concurrency,
// retrying conflicts on the fresh version, and prints every acknowledged append as JSON. It starts
// appending when it reads a line on stdin, so both processes run at once.
// Usage: node --import tsx --conditions=source concurrent-appender.testkit.ts FILE WORKER STREAMS APPENDS LANES
import { isRight } from '@motcua/core';
import { openSqliteEventStore } from './index.js';
import { counted } from './test-support.testkit.js';

export interface Acknowledged {
  readonly streamId: string;
  readonly version: number;
  readonly worker: string;
  readonly n: number;
}

const [file, worker, streams, appends, lanes] = process.argv.slice(2);
if (file === undefined || worker === undefined) throw new Error('usage: FILE WORKER STREAMS APPENDS LANES');
const store = openSqliteEventStore({ file, synchronous: 'NORMAL', busyTimeoutMs: 15_000 });
const acknowledged: Acknowledged[] = [];
let conflicts = 0;

const lane = async (first: number) => {
  for (let n = first; n < Number(appends); n += Number(lanes)) {
    const streamId = `shared-${n % Number(streams)}`;
    for (;;) {
      const { currentVersion } = await store.readStream(streamId, { maxCount: 0 });
      const result = await store.appendToStream(streamId, [counted(n, { worker })], {
        expectedVersion: currentVersion === 0 ? 'no-stream' : currentVersion,
      });
      if (isRight(result)) {
        acknowledged.push({ streamId, version: result.right.nextExpectedVersion, worker, n });
        break;
      }
      conflicts++;
    }
  }
};

// Start together: say ready, wait for the parent's go (a line on stdin).
process.stderr.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();
await Promise.all(Array.from({ length: Number(lanes) }, (_, i) => lane(i)));
await store.close();
process.stdout.write(JSON.stringify({ acknowledged, conflicts }));
