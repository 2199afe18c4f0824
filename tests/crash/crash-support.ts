// The parent side of the crash tests: temporary files, and the checks made after every kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { isRight, type RecordedEvent } from '@motcua/core';
import type { SqliteEventStore } from '@motcua/store-sqlite';
import { batchEvents, checkLog, randomBatchSize, type Ack } from './crash-batches.js';
import { killAll } from './child-processes.js';

/** A fresh path for a store file; the directories go, and any child left is killed, after the test file. */
export const tempFiles = (): (() => string) => {
  const directories: string[] = [];
  afterAll(() => {
    killAll();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    const directory = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
    directories.push(directory);
    return join(directory, 'events.db');
  };
};

export const readWholeLog = async (store: SqliteEventStore): Promise<RecordedEvent[]> => {
  const log: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    log.push(...page.events);
    if (page.isEnd || page.events.length === 0) return log;
    after = page.nextPosition;
  }
};

/**
 * The checks after a kill, on the reopened store: whole batches, contiguous stream versions and
 * increasing positions; every acknowledged append present at the version it was told; the hash chain
 * verifies. Returns the log and how many batches of `round` were committed without an acknowledgement.
 */
export const checkRecoveredLog = async (
  store: SqliteEventStore,
  acknowledged: readonly Ack[],
  round: number,
  context: string,
): Promise<{ log: RecordedEvent[]; committedNotAcknowledged: number }> => {
  const log = await readWholeLog(store);
  const { problems, batches } = checkLog(log);
  expect(problems, context).toEqual([]);
  const lost = acknowledged.filter((ack) => {
    const batch = batches.get(ack.batchId);
    return batch?.streamId !== ack.streamId || batch.events.at(-1)?.metadata.streamVersion !== ack.lastVersion;
  });
  expect(lost, context).toEqual([]);
  expect(await store.verify(), context).toMatchObject({ ok: true, events: log.length });
  const ofRound = [...batches.keys()].filter((id) => id.startsWith(`${round}.`)).length;
  const acknowledgedInRound = acknowledged.filter((ack) => ack.batchId.startsWith(`${round}.`)).length;
  return { log, committedNotAcknowledged: ofRound - acknowledgedInRound };
};

/** Appends one batch with an exact expected version, as a restarted writer would; returns its ack. */
export const appendProbe = async (store: SqliteEventStore, round: number, random: () => number, context: string): Promise<Ack> => {
  const streamId = `crash-${round % 3}`;
  const batchId = `probe.${round}`;
  const { currentVersion } = await store.readStream(streamId, { maxCount: 0 });
  const size = randomBatchSize(random);
  const appended = await store.appendToStream(streamId, batchEvents(batchId, size), {
    expectedVersion: currentVersion === 0 ? 'no-stream' : currentVersion,
  });
  expect(isRight(appended), context).toBe(true);
  return { batchId, streamId, lastVersion: currentVersion + size };
};

/** One seed per test file; CRASH_SEED repeats a run's batch sizes, streams and kill delays. */
export const crashSeed = (): number => Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
