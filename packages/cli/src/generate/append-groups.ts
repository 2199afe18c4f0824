import type { NewEvent } from '@motcua/core';
import { provinceYear, type DayBatch, type WorkloadOptions } from './province-year.js';

/** One stream's events of a group, as `appendToStream` (and a SQLite store's `appendBatch`) takes them. */
export interface GroupAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  /** The stream's version before these events (0: they create it). */
  readonly expectedVersion: number;
}

/** Appends written together (one transaction), recorded at one time: the latest business time among them. */
export interface AppendGroup {
  readonly appends: readonly GroupAppend[];
  /** Milliseconds since the epoch; never earlier than the group's events, nor than the group before. */
  readonly recordedAt: number;
  /** Days of the generator finished once this group is written (it ends a day when it grew). */
  readonly days: number;
}

/** The last business time among a batch's events: the batch is recorded then, never before its facts. */
const recordedAtOf = (batch: DayBatch): number => {
  let latest = 0;
  for (const event of batch.events) latest = Math.max(latest, Date.parse(event.metadata.occurredAt));
  return latest;
};

/**
 * A province-year as groups of at most `perGroup` appends: each day's batches in the order of their
 * recorded times (the latest business time of each), cut into groups in that order. Each append
 * creates its stream or continues it at the version expected, so nothing is written twice.
 */
export function* appendGroups(workload: WorkloadOptions, perGroup: number): Generator<AppendGroup> {
  let recordedAt = 0;
  let days = 0;
  for (const day of provinceYear(workload)) {
    const batches = day.map((batch) => ({ batch, at: recordedAtOf(batch) })).sort((a, b) => a.at - b.at);
    days++;
    for (let i = 0; i < batches.length; i += perGroup) {
      const end = Math.min(batches.length, i + perGroup);
      const appends = new Array<GroupAppend>(end - i);
      for (let j = i; j < end; j++) {
        const { batch, at } = batches[j] as (typeof batches)[number];
        recordedAt = Math.max(recordedAt, at);
        appends[j - i] = { streamId: batch.streamId, events: batch.events, expectedVersion: batch.expectedVersion };
      }
      yield { appends, recordedAt, days: end === batches.length ? days : days - 1 };
    }
  }
}
