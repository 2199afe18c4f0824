import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from './index.js';
import type { Acknowledged } from './concurrent-appender.testkit.js';
import { tempFiles } from './test-support.testkit.js';

const tempFile = tempFiles();
const here = dirname(fileURLToPath(import.meta.url));

/** Starts an appender process; resolves `ready` once it waits for the go, `done` with what it acknowledged. */
const startAppender = (...args: string[]) => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', join(here, 'concurrent-appender.testkit.ts'), ...args], {
    cwd: here,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    if (err.includes('ready\n')) markReady();
  });
  const done = new Promise<{ acknowledged: Acknowledged[]; conflicts: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`appender ${args[1]} exited with ${code}: ${err}`))));
  });
  return { ready: Promise.race([ready, done.then(() => undefined)]), go: () => child.stdin.end('go\n'), done };
};

describe('two processes sharing one file', () => {
  it('every stream version is written exactly once and no acknowledged append is lost', async () => {
    // Given a store file and two processes appending to the same three streams, four callers each
    const file = tempFile();
    await openSqliteEventStore({ file }).close();
    const appenders = [startAppender(file, 'one', '3', '200', '4'), startAppender(file, 'two', '3', '200', '4')];
    await Promise.all(appenders.map((a) => a.ready));
    // When both start at once
    for (const appender of appenders) appender.go();
    const [one, two] = await Promise.all(appenders.map((a) => a.done));
    const acknowledged = [...(one?.acknowledged ?? []), ...(two?.acknowledged ?? [])];
    console.info(`conflicts retried: ${one?.conflicts} and ${two?.conflicts}`);
    expect(acknowledged).toHaveLength(400);

    // Then each stream holds versions 1..n, each version once, and n adds up to what was acknowledged
    const store = openSqliteEventStore({ file, readonly: true });
    let total = 0;
    for (let s = 0; s < 3; s++) {
      const { events } = await store.readStream(`shared-${s}`);
      expect(events.map((e) => e.metadata.streamVersion)).toEqual(events.map((_, i) => i + 1));
      total += events.length;
      // And every acknowledged append is the event stored at the version it was told
      for (const ack of acknowledged.filter((a) => a.streamId === `shared-${s}`)) {
        expect(events[ack.version - 1]?.data).toEqual({ n: ack.n, worker: ack.worker });
      }
    }
    expect(total).toBe(400);
    // And the hash chain stayed whole across both writers
    expect(await store.verify()).toMatchObject({ ok: true, events: 400 });
    await store.close();
  }, 60_000);
});
