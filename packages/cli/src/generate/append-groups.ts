import type { NewEvent } from '@motcua/core';
import { SqliteEventStore, type EncodedBatch } from '@motcua/store-sqlite';
import { provinceYear, provinceYearOfTexts, type DayBatch, type DayBatchOfTexts, type WorkloadOptions } from './province-year.js';

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
const encodeGroup = (group: Group<DayBatchOfTexts>): EncodedGroup => {
  const at = new Date(group.recordedAt);
  const batch = SqliteEventStore.encodeBatch(
    group.appends.map(({ streamId, events, expectedVersion }) => ({ streamId, texts: events, expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion })),
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

/** What grouping needs of a day's batch: its stream's version, and when each of its events happened. */
interface Batch {
  readonly streamId: string;
  readonly events: readonly { readonly metadata: { readonly occurredAt: string } }[];
  readonly expectedVersion: number;
}

/** `AppendGroup` of the generator's batches as they come. */
interface Group<B extends Batch> {
  readonly appends: readonly B[];
  readonly recordedAt: number;
  readonly days: number;
}

/**
 * The last business time among a batch's events: the batch is recorded then, never before its facts.
 * The generator writes every time as `<day>T<hh>:<mm>:00+07:00`, so the latest text is the latest time.
 */
const recordedAtOf = (batch: Batch): number => {
  let latest = '';
  for (const event of batch.events) if (event.metadata.occurredAt > latest) latest = event.metadata.occurredAt;
  return latest === '' ? 0 : Date.parse(latest);
};

/**
 * Days of batches as groups of at most `perGroup` appends: each day's batches in the order of their
 * recorded times (the latest business time of each), cut into groups in that order. Each append
 * creates its stream or continues it at the version expected, so nothing is written twice.
 */
function* groupsOf<B extends Batch>(days: Iterable<readonly B[]>, perGroup: number): Generator<Group<B>> {
  let recordedAt = 0;
  let dayCount = 0;
  for (const day of days) {
    const batches = day.map((batch) => ({ batch, at: recordedAtOf(batch) })).sort((a, b) => a.at - b.at);
    dayCount++;
    for (let i = 0; i < batches.length; i += perGroup) {
      const end = Math.min(batches.length, i + perGroup);
      const appends = new Array<B>(end - i);
      for (let j = i; j < end; j++) {
        const { batch, at } = batches[j] as (typeof batches)[number];
        recordedAt = Math.max(recordedAt, at);
        appends[j - i] = batch;
      }
      yield { appends, recordedAt, days: end === batches.length ? dayCount : dayCount - 1 };
    }
  }
}

/** A province-year as groups of at most `perGroup` appends (`groupsOf`). */
export const appendGroups = (workload: WorkloadOptions, perGroup: number): Generator<AppendGroup> => groupsOf<DayBatch>(provinceYear(workload), perGroup);

/**
 * The groups of `appendGroups`, each encoded for a SQLite store's `appendBatch`: generated with each
 * event's data as JSON text (`provinceYearOfTexts`), which is encoded as it stands.
 */
export function* encodedGroups(workload: WorkloadOptions, perGroup: number): Generator<EncodedGroup> {
  for (const group of groupsOf<DayBatchOfTexts>(provinceYearOfTexts(workload), perGroup)) yield encodeGroup(group);
}
