import { isLeft, type EventStore } from '@motcua/core';
import { provinceYear, type DayBatch, type WorkloadOptions } from './province-year.js';

export interface GenerateSummary {
  readonly events: number;
  readonly appends: number;
  readonly days: number;
  /** Events of each type, for the proportions. */
  readonly types: Readonly<Record<string, number>>;
  readonly lastPosition: number;
}

export interface WriteOptions {
  /** The store's clock: set before each append to the time it records (see `recordedAtOf`). */
  readonly clock: { now(): Date; set(at: Date | string): void };
  /** Appends issued together (the store's group commit makes them one transaction). */
  readonly appendsPerGroup?: number;
  /** Called after each generated day with the days written so far. */
  readonly onDay?: (days: number, events: number) => void;
}

/** The last business time among a batch's events: the batch is recorded then, never before its facts. */
const recordedAtOf = (batch: DayBatch): number => {
  let latest = 0;
  for (const event of batch.events) latest = Math.max(latest, Date.parse(event.metadata.occurredAt));
  return latest;
};

/**
 * Appends a province-year day by day: each day's batches in the order of their recorded times (the
 * latest business time of each), many appends issued together so that they share a transaction. Each
 * append creates its stream or continues it at the version expected, so nothing is written twice.
 */
export const writeProvinceYear = async (store: EventStore, workload: WorkloadOptions, options: WriteOptions): Promise<GenerateSummary> => {
  const perGroup = options.appendsPerGroup ?? 2000;
  const types: Record<string, number> = {};
  let events = 0;
  let appends = 0;
  let days = 0;
  let lastPosition = 0;
  let recordedAt = 0;
  for (const day of provinceYear(workload)) {
    const batches = day.map((batch) => ({ batch, at: recordedAtOf(batch) })).sort((a, b) => a.at - b.at);
    for (let i = 0; i < batches.length; i += perGroup) {
      const group = batches.slice(i, i + perGroup).map(({ batch, at }) => {
        recordedAt = Math.max(recordedAt, at);
        options.clock.set(new Date(recordedAt));
        for (const event of batch.events) types[event.type] = (types[event.type] ?? 0) + 1;
        return store.appendToStream(batch.streamId, batch.events, { expectedVersion: batch.expectedVersion === 0 ? 'no-stream' : batch.expectedVersion });
      });
      for (const result of await Promise.all(group)) {
        if (isLeft(result)) throw new Error(`the store refused an append: ${result.left.message}`);
        lastPosition = Math.max(lastPosition, result.right.lastGlobalPosition);
      }
      appends += group.length;
    }
    for (const { batch } of batches) events += batch.events.length;
    days++;
    options.onDay?.(days, events);
  }
  return { events, appends, days, types, lastPosition };
};
