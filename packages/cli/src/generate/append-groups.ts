import type { NewEvent } from '@motcua/core';
import { SqliteEventStore, type EncodedBatch } from '@motcua/store-sqlite';
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

/**
 * A group as a SQLite store writes it, encoded on the generator's thread (`SqliteEventStore.encodeBatch`)
 * so the writing thread receives one text, not every event as an object; with what the summary counts.
 */
export interface EncodedGroup {
  readonly batch: EncodedBatch;
  readonly recordedAt: number;
  readonly days: number;
  readonly appends: number;
  readonly events: number;
  /** Events of each type in the group. */
  readonly types: Readonly<Record<string, number>>;
}

/** A group encoded for a SQLite store's `appendBatch`, its events recorded at the group's time. */
export const encodeGroup = (group: AppendGroup): EncodedGroup => {
  const at = new Date(group.recordedAt);
  const batch = SqliteEventStore.encodeBatch(
    group.appends.map(({ streamId, events, expectedVersion }) => ({ streamId, events, expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion })),
    { clock: { now: () => at } },
  );
  const types: Record<string, number> = {};
  let events = 0;
  for (const append of group.appends) {
    for (const event of append.events) types[event.type] = (types[event.type] ?? 0) + 1;
    events += append.events.length;
  }
  return { batch, recordedAt: group.recordedAt, days: group.days, appends: group.appends.length, events, types };
};

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
