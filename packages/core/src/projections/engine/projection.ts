import type { RecordedEvent } from '../../kernel/envelope.js';
import { errorMessage, type ProjectionFailure } from '../../read-side/engine/fold.js';

export { errorMessage, type ProjectionFailure } from '../../read-side/engine/fold.js';
export type { ProjectionSlot } from '../../read-side/engine/document-store.js';

/**
 * A read model as a pure fold over the log: no clock, no I/O. Its state must survive a JSON round trip
 * (stores keep it as JSON), e.g. a record of rows keyed by id.
 */
export interface Projection<State = unknown> {
  /** Stable name: the key of its state and checkpoint in a `ProjectionStore`. */
  readonly name: string;
  /** Bump it when `handle` changes meaning: the stored state is then rebuilt from position 0. */
  readonly version: number;
  readonly initialState: () => State;
  /**
   * Returns the next state; must not mutate `state` unless `mutable`. Throwing stops this projection
   * (only).
   */
  readonly handle: (state: State, event: RecordedEvent) => State;
  /**
   * The event types `handle` acts on: the engine reads only those, and the store skips the others
   * without decoding them. Leave it out to see every event. `handle` must ignore every other type, so
   * the list makes a build faster, never different.
   */
  readonly eventTypes?: readonly string[];
  /**
   * Set when `handle` updates `state` in place (a big read model would otherwise copy its maps on
   * every event). Such a handler must throw before it changes anything, or not at all; the engine then
   * reloads the stored copy after a failed commit instead of trusting the one in memory.
   */
  readonly mutable?: boolean;
  /**
   * For a mutable projection whose state is a record of tables (`Record<table, Record<key, value>>`):
   * the entries changed since the last `settle`, so a store that keeps entries as rows writes only
   * those. Every change must be reported, or a reload after a restart misses it.
   */
  readonly changes?: ProjectionChanges<State>;
}

export interface ProjectionChanges<State> {
  readonly since: (state: State) => Iterable<readonly [table: string, key: string]>;
  /** Called once the changes are committed. */
  readonly settle: (state: State) => void;
}

export type ProjectionStatus = 'running' | 'failed';

/** What a `ProjectionStore` keeps for one copy of a projection. */
export interface ProjectionRecord<State = unknown> {
  readonly version: number;
  readonly state: State;
  /** Global position of the last event applied to `state`; 0 before any. */
  readonly checkpoint: number;
  readonly status: ProjectionStatus;
  readonly failure?: ProjectionFailure;
}

/** The outcome of applying a batch of events in memory. */
export interface AppliedBatch<State> {
  readonly state: State;
  readonly checkpoint: number;
  /** Set when an event threw: `state` and `checkpoint` are those just before it. */
  readonly failure?: ProjectionFailure;
}

/**
 * Folds `events` into `state`, skipping any at or before `checkpoint` (so a replayed page is harmless),
 * and stops at the first event whose handler throws.
 */
export const applyEvents = <State>(
  projection: Projection<State>,
  state: State,
  checkpoint: number,
  events: readonly RecordedEvent[],
): AppliedBatch<State> => {
  let current = state;
  let position = checkpoint;
  for (const event of events) {
    const { globalPosition, streamId, streamVersion } = event.metadata;
    if (globalPosition <= position) continue;
    try {
      current = projection.handle(current, event);
    } catch (error) {
      return {
        state: current,
        checkpoint: position,
        failure: { globalPosition, streamId, streamVersion, eventType: event.type, message: errorMessage(error) },
      };
    }
    position = globalPosition;
  }
  return { state: current, checkpoint: position };
};
