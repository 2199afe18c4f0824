import type { Either } from '../fp.js';
import type { IdempotencyKeyReused, VersionConflict } from './errors.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import type { HashChainRow } from './hash-chain.js';

/**
 * What the caller expects the stream's version to be before the append:
 * `'any'` (no check), `'no-stream'` (the stream must not exist yet), or the exact current version.
 */
export type ExpectedVersion = 'any' | 'no-stream' | number;

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append; pass it as the next expected version. */
  readonly nextExpectedVersion: number;
  /** Global position of the last appended event. */
  readonly lastGlobalPosition: number;
  readonly events: readonly RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First version to return (1-based, inclusive); default 1. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadStreamResult {
  readonly streamId: string;
  /** Current version of the stream (0 when it does not exist). */
  readonly currentVersion: number;
  readonly streamExists: boolean;
  readonly events: readonly RecordedEvent[];
}

export interface ReadAllOptions {
  /** Return events with a global position strictly greater than this; default 0 (from the start). */
  readonly after?: number;
  /** Page size; default 1000. */
  readonly maxCount?: number;
  /**
   * Only events of these types; the others are skipped by the store, never decoded. A page then holds
   * up to `maxCount` matching events, and its `nextPosition` is how far the store looked (the head
   * position on the last page), so the skipped events are not scanned again.
   */
  readonly types?: readonly string[];
}

export interface ReadAllPage {
  readonly events: readonly RecordedEvent[];
  /**
   * Pass as `after` to read the next page: the position of the page's last event, or further on when
   * a `types` filter skipped events after it.
   */
  readonly nextPosition: number;
  readonly isEnd: boolean;
}

export interface IdempotencyRecord {
  readonly idempotencyKey: string;
  readonly commandHash: string;
  readonly streamId: string;
  readonly firstVersion: number;
  readonly lastVersion: number;
}

export interface SubscribeOptions {
  /** Deliver events with a global position strictly greater than this checkpoint. */
  readonly after: number;
  /** Called once per event, in global order; the next event waits for the returned promise. */
  readonly handler: (event: RecordedEvent) => void | Promise<void>;
  /**
   * Called when the handler throws, with the event it threw on: the subscription stops there. Called
   * without an event when a read of the log failed: the subscription reads again after a pause.
   */
  readonly onError?: (error: unknown, event?: RecordedEvent) => void;
}

export interface Subscription {
  /** Global position of the last event handed to the handler and completed. */
  readonly checkpoint: () => number;
  /** Resolves when every event appended so far has been handled. */
  readonly caughtUp: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/**
 * Why an append was refused: the stream moved on, or the idempotency key of the batch was already
 * used by another append.
 */
export type AppendError = VersionConflict | IdempotencyKeyReused;

/** The port every event store adapter implements and the store contract suite checks. */
export interface EventStore {
  /** Appends all events atomically, or none when the expected version does not hold. */
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: { readonly expectedVersion?: ExpectedVersion },
  ): Promise<Either<AppendError, AppendResult>>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** Global position of the last event in the log (0 when empty). Optional: without it, page `readAll`. */
  headPosition?(): Promise<number>;
  /**
   * The stored rows at these global positions as the hash chain reads them (the texts and hashes as
   * stored), by position, without walking the log; positions the log does not hold are left out. What
   * a verdict checks the events it rests on against (`storedEventProblems`). Optional: a store that
   * keeps no hash chain has none.
   */
  chainRowsAt?(positions: readonly number[]): Promise<ReadonlyMap<number, HashChainRow>>;
  subscribe(options: SubscribeOptions): Subscription;
  /** The append that used this idempotency key, if any. */
  findIdempotencyRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined>;
  close(): Promise<void>;
}

export const describeExpectedVersion = (expected: ExpectedVersion): string =>
  typeof expected === 'number' ? String(expected) : expected;

/** Whether a stream at `currentVersion` satisfies the expectation. */
export const expectedVersionHolds = (expected: ExpectedVersion, currentVersion: number): boolean =>
  expected === 'any' || (expected === 'no-stream' ? currentVersion === 0 : expected === currentVersion);
