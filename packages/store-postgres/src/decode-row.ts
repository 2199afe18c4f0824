import { recordedEventFromJson, type RecordedEvent } from '@motcua/core';

/** A row of the events table as `pg` returns it (bigint arrives as a string). */
export interface EventRow {
  readonly global_position: string | number;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/**
 * Turns one stored row into a `RecordedEvent`. PostgreSQL enforces the column types, so what can be
 * wrong is the JSON, which `recordedEventFromJson` checks.
 */
export const decodeRow = (row: EventRow): RecordedEvent =>
  recordedEventFromJson(row.stream_id, row.stream_version, Number(row.global_position), row.type, row.data, row.metadata);
