import { isLeft, type EventStore } from '@motcua/core';
import { SqliteEventStore } from '@motcua/store-sqlite';
import { appendGroups, type AppendGroup, type EncodedGroup } from './append-groups.js';
import { generatorThreadAvailable, groupsFromThread } from './generator-thread.js';
import type { WorkloadOptions } from './province-year.js';

export interface GenerateSummary {
  readonly events: number;
  readonly appends: number;
  readonly days: number;
  /** Events of each type, for the proportions. */
  readonly types: Readonly<Record<string, number>>;
  readonly lastPosition: number;
}

export interface WriteOptions {
  /** The store's clock: set before each group to the time it records (see `AppendGroup.recordedAt`). */
  readonly clock: { now(): Date; set(at: Date | string): void };
  /**
   * Appends written together in one transaction; default 20,000 into a SQLite store, about a day of a
   * province-year (a page of its stream index that several of them change is written once per commit:
   * 2,000 wrote a third more to the file than 8,000, which took 3 to 6 us more CPU per event than
   * 20,000), 2,000 into any other.
   */
  readonly appendsPerGroup?: number;
  /**
   * Generate on a worker thread while this one writes (`motcua generate`), where one can load the
   * generator (`generatorThreadAvailable`); default: on this thread.
   */
  readonly generatorThread?: boolean;
  /** Called after each generated day with the days and events written so far and the time that day's last group was recorded at (ms). */
  readonly onDay?: (days: number, events: number, recordedAt: number) => void;
}

/**
 * Writes one group in one transaction: a SQLite store takes it as one batch (`appendBatch`); any
 * other store gets its appends issued together, which its group commit shares a transaction for.
 * Returns the last global position written.
 */
const writeGroup = async (store: EventStore, group: AppendGroup): Promise<number> => {
  if (store instanceof SqliteEventStore) {
    const result = await store.appendBatch(group.appends.map(({ streamId, events, expectedVersion }) => ({ streamId, events, expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion })));
    if (isLeft(result)) throw new Error(`the store refused an append: ${result.left.error.message}`);
    return result.right.lastGlobalPosition;
  }
  let lastPosition = 0;
  const results = await Promise.all(
    group.appends.map(({ streamId, events, expectedVersion }) => store.appendToStream(streamId, events, { expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion })),
  );
  for (const result of results) {
    if (isLeft(result)) throw new Error(`the store refused an append: ${result.left.message}`);
    lastPosition = Math.max(lastPosition, result.right.lastGlobalPosition);
  }
  return lastPosition;
};

/** Writes a group the generator's thread encoded for a SQLite store (`encodedGroups`). */
const writeEncodedGroup = async (store: SqliteEventStore, group: EncodedGroup): Promise<number> => {
  const result = await store.appendBatch(group.batch);
  if (isLeft(result)) throw new Error(`the store refused an append: ${result.left.error.message}`);
  return result.right.lastGlobalPosition;
};

/** How many groups a generator's thread may be ahead of the writer: about 32,000 appends (a day and a half), and at least two groups. */
export const groupsAhead = (perGroup: number): number => Math.max(2, Math.round(32_000 / perGroup));

/**
 * The groups to write: generated here, or on a worker thread. (Into a SQLite file, `motcua generate`
 * encodes them there and writes them on a thread of its own: `writeProvinceYearOnThreads`.)
 */
const groupsFor = (workload: WorkloadOptions, perGroup: number, options: WriteOptions): AsyncIterable<AppendGroup> | Iterable<AppendGroup> =>
  options.generatorThread === true && generatorThreadAvailable() ? groupsFromThread(workload, perGroup, groupsAhead(perGroup)) : appendGroups(workload, perGroup);

/** Where `writeGroups` reports each day written, and what it sets the store's clock to. */
interface GroupWriting {
  readonly clock: WriteOptions['clock'];
  readonly onDay?: WriteOptions['onDay'];
}

/**
 * Writes `groups` in order, one transaction each, each recorded at its latest business time (the
 * store's clock set to it): what `writeProvinceYear` does on this thread and the writer's thread does
 * with the groups posted to it (sqlite-writer-thread.ts).
 */
export const writeGroups = async (store: EventStore, groups: AsyncIterable<AppendGroup | EncodedGroup> | Iterable<AppendGroup>, writing: GroupWriting): Promise<GenerateSummary> => {
  const types: Record<string, number> = {};
  let events = 0;
  let appends = 0;
  let days = 0;
  let lastPosition = 0;
  for await (const group of groups) {
    writing.clock.set(new Date(group.recordedAt));
    if ('batch' in group) {
      lastPosition = Math.max(lastPosition, await writeEncodedGroup(store as SqliteEventStore, group));
      for (const [type, count] of Object.entries(group.types)) types[type] = (types[type] ?? 0) + count;
      events += group.events;
      appends += group.appends;
    } else {
      lastPosition = Math.max(lastPosition, await writeGroup(store, group));
      for (const { events: written } of group.appends) {
        for (const event of written) types[event.type] = (types[event.type] ?? 0) + 1;
        events += written.length;
      }
      appends += group.appends.length;
    }
    if (group.days > days) {
      days = group.days;
      writing.onDay?.(days, events, group.recordedAt);
    }
  }
  return { events, appends, days, types, lastPosition };
};

/** Appends written together into a SQLite store, unless told otherwise (`WriteOptions.appendsPerGroup`). */
export const SQLITE_APPENDS_PER_GROUP = 20_000;

/**
 * Appends a province-year day by day, in groups of appends that share a transaction (`appendGroups`
 * says in which order), each group recorded at its latest business time.
 */
export const writeProvinceYear = async (store: EventStore, workload: WorkloadOptions, options: WriteOptions): Promise<GenerateSummary> => {
  const perGroup = options.appendsPerGroup ?? (store instanceof SqliteEventStore ? SQLITE_APPENDS_PER_GROUP : 2000);
  return writeGroups(store, groupsFor(workload, perGroup, options), options);
};
