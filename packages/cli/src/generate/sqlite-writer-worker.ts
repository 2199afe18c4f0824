// The writer of `motcua generate` into a SQLite file, on a thread of its own (sqlite-writer-thread.ts):
// it appends the groups the generator's thread posts to it, in order, and reports each day written.
import { parentPort, workerData } from 'node:worker_threads';
import { fixedClock } from '@motcua/core';
import type { EncodedGroup } from './append-groups.js';
import { receivedGroups } from './generator-thread.js';
import { openSqliteTarget, type WriterMessage, type WriterThreadData } from './sqlite-writer-thread.js';
import { writeGroups } from './write-province-year.js';

const { file, startAt, groups, progress } = workerData as WriterThreadData;
const post = (message: WriterMessage) => parentPort?.postMessage(message);
const clock = fixedClock(new Date(startAt));
const store = openSqliteTarget(file, clock);
try {
  const summary = await writeGroups(store, receivedGroups<EncodedGroup>(groups, progress), {
    clock,
    onDay: (days, events, recordedAt) => post({ kind: 'day', days, events, recordedAt }),
  });
  groups.close();
  await store.close();
  post({ kind: 'done', summary });
} catch (error) {
  await store.close().catch(() => undefined);
  throw error;
}
