import type { ProjectionFailure, ProjectionRecord, ProjectionSlot } from './projection.js';
import { jsonCopy, type ProjectionCommit, type ProjectionEntriesCommit, type ProjectionStore } from './projection-store.js';

/** A `ProjectionStore` in memory; state goes in and out as a JSON copy, as with the databases. */
export class InMemoryProjectionStore implements ProjectionStore {
  private readonly records = new Map<string, ProjectionRecord>();

  async load<State = unknown>(name: string, slot: ProjectionSlot = 'live'): Promise<ProjectionRecord<State> | undefined> {
    const record = this.records.get(key(name, slot));
    return record === undefined ? undefined : (jsonCopy(record) as ProjectionRecord<State>);
  }

  async commit<State>(name: string, commit: ProjectionCommit<State>, slot: ProjectionSlot = 'live'): Promise<void> {
    const { version, state, checkpoint } = commit;
    // Copy first: a state that cannot be serialised leaves the stored one as it was.
    const stored = jsonCopy({ version, state, checkpoint, status: 'running' as const });
    this.records.set(key(name, slot), stored);
  }

  async commitEntries(name: string, commit: ProjectionEntriesCommit, slot: ProjectionSlot = 'live'): Promise<void> {
    // Copy first: an entry that cannot be serialised leaves the stored copy as it was.
    const entries = commit.entries.map(([table, key, value]) => [table, key, value === undefined ? undefined : jsonCopy(value)] as const);
    const stored = this.records.get(key(name, slot));
    const base = commit.fresh || stored === undefined ? {} : (stored.state as Record<string, Record<string, unknown>>);
    const state: Record<string, Record<string, unknown>> = { ...base };
    const copied = new Set<string>();
    for (const [table, entryKey, value] of entries) {
      if (!copied.has(table)) {
        state[table] = { ...(state[table] ?? {}) };
        copied.add(table);
      }
      const rows = state[table] as Record<string, unknown>;
      if (value === undefined) delete rows[entryKey];
      else rows[entryKey] = value;
    }
    this.records.set(key(name, slot), { version: commit.version, state, checkpoint: commit.checkpoint, status: 'running' });
  }

  async recordFailure(name: string, failure: ProjectionFailure, slot: ProjectionSlot = 'live'): Promise<void> {
    const record = this.records.get(key(name, slot));
    this.records.set(key(name, slot), {
      version: record?.version ?? 0,
      state: record?.state ?? null,
      checkpoint: record?.checkpoint ?? 0,
      status: 'failed',
      failure: { ...failure },
    });
  }

  async promoteShadow(name: string): Promise<void> {
    const shadow = this.records.get(key(name, 'shadow'));
    if (shadow === undefined) throw new Error(`projection ${name} has no shadow copy to promote`);
    this.records.set(key(name, 'live'), shadow);
    this.records.delete(key(name, 'shadow'));
  }

  async discardShadow(name: string): Promise<void> {
    this.records.delete(key(name, 'shadow'));
  }

  async names(): Promise<readonly string[]> {
    return [...this.records.keys()].filter((k) => k.endsWith('\u0000live')).map((k) => k.slice(0, -5));
  }
}

const key = (name: string, slot: ProjectionSlot): string => `${name}\u0000${slot}`;
