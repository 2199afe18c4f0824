import type { ProjectionFailure, ProjectionRecord, ProjectionSlot } from './projection.js';

/** What a commit writes: the state and the checkpoint it reflects, together. */
export interface ProjectionCommit<State = unknown> {
  readonly version: number;
  readonly state: State;
  readonly checkpoint: number;
}

/** Changed entries of a table-shaped state (`Projection.changes`); `value` undefined removes the entry. */
export interface ProjectionEntriesCommit {
  readonly version: number;
  readonly checkpoint: number;
  readonly entries: readonly (readonly [table: string, key: string, value: unknown])[];
  /** The copy starts over: whatever it held before is dropped. */
  readonly fresh: boolean;
}

/**
 * Where projections keep their state and checkpoint. Each call is atomic: a commit writes state and
 * checkpoint in one transaction, so after a crash a projection resumes exactly after the last event
 * whose effect is stored. Every method takes the slot it works on; `live` is the default.
 */
export interface ProjectionStore {
  load<State = unknown>(name: string, slot?: ProjectionSlot): Promise<ProjectionRecord<State> | undefined>;
  /** Writes state and checkpoint together and sets the status to `running` (clearing any failure). */
  commit<State>(name: string, commit: ProjectionCommit<State>, slot?: ProjectionSlot): Promise<void>;
  /**
   * Optional: writes the changed entries and the checkpoint together; `load` then returns the state
   * assembled from all entries. Stores without it get whole-state commits.
   */
  commitEntries?(name: string, commit: ProjectionEntriesCommit, slot?: ProjectionSlot): Promise<void>;
  /** Marks the copy `failed` at the event described, keeping its state and checkpoint. */
  recordFailure(name: string, failure: ProjectionFailure, slot?: ProjectionSlot): Promise<void>;
  /** Atomically makes the shadow copy the live one (the old live copy is dropped). Throws without a shadow. */
  promoteShadow(name: string): Promise<void>;
  discardShadow(name: string): Promise<void>;
  /** Names of the projections with a live copy. */
  names(): Promise<readonly string[]>;
}

/** JSON round trip: what any store hands back, so memory behaves like the databases. */
export const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value) ?? 'null') as T;
