import { readFileSync } from 'node:fs';
import { NO_EVENT_CODECS, type EventCodecs, type EventStore } from '@motcua/core';

/**
 * One motcua store as the W1 driver sees it. A bench database is named by its role (`single`,
 * `batch`, `check`, `concurrent`); the driver creates each one fresh, closes it, and may reopen it.
 */
export interface StoreAdapter {
  /** `system` of the JSON line, e.g. `motcua-sqlite`. */
  readonly system: string;
  /** Version of the store package. */
  readonly version: string;
  /** Durability and other settings, for `extra.settings`. */
  readonly settings: string;
  /** A new, empty database for this role. */
  create(role: string): Promise<EventStore>;
  /** The same database again, after `release`. */
  reopen(role: string): Promise<EventStore>;
  /** Closes the connection (an in-memory store keeps its events for `reopen`). */
  release(role: string, store: EventStore): Promise<void>;
  /** Size of the database in bytes once released, or null when it has no such size. */
  sizeBytes(role: string): Promise<number | null>;
  /** How appends were grouped into transactions, when the store can tell. */
  commitStats?(store: EventStore): { transactions: number; appends: number } | undefined;
  /** Extra fields for `extra`, e.g. the SQLite version. */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Removes every database this adapter made. */
  dispose(keep: boolean): Promise<void>;
}

export interface AdapterOptions {
  /** Temporary directory of this run (file stores put their files there). */
  readonly dir: string;
  readonly synchronous: 'NORMAL' | 'FULL';
  readonly pgUrl?: string | undefined;
}

export const packageVersion = (relativeToBench: string): string =>
  (JSON.parse(readFileSync(new URL(relativeToBench, new URL('../', import.meta.url)), 'utf8')) as { version: string }).version;

/**
 * What a store checks W1's events against: no codec. W1's events are its own (../shared/peers/WORKLOAD.md),
 * their types named like the desk's but not their data, so its stores are opened as an embedder's
 * log of its own events that gives no codecs: each append costs one map look-up per event.
 */
export const W1_EVENT_CODECS: EventCodecs = NO_EVENT_CODECS;
