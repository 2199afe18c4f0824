import { describe, vi } from 'vitest';
import type { DocumentStore } from '@motcua/core';
import { describeProjectionEngine } from '../../../core/src/read-side/engine/projection-engine-laws.testkit.js';
import { openPostgresEventStore } from '../open.js';
import { postgresDatabase } from '../test-support.testkit.js';

// The laws open many worlds, each a schema of its own with its tables: tens of seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const db = postgresDatabase('packages/store-postgres/src/projections/postgres-document-engine.int.test.ts');

/**
 * The store with its reads counted, so that closing the world waits for reads still running: a law
 * may hand back a promise of reads from inside the `try` whose `finally` closes the world, which a
 * store in memory survives and a pool that has ended does not.
 */
const countingReads = (store: DocumentStore) => {
  let running = 0;
  const counted = <T>(read: Promise<T>): Promise<T> => {
    running++;
    return read.finally(() => running--);
  };
  const documentStore: DocumentStore = {
    header: (name, slot) => counted(store.header(name, slot)),
    getMany: (name, keys, slot) => counted(store.getMany(name, keys, slot)),
    list: (name, query, slot) => counted(store.list(name, query, slot)),
    commit: (name, commit, slot) => store.commit(name, commit, slot),
    promoteShadow: (name) => store.promoteShadow(name),
    drop: (name, slot) => store.drop(name, slot),
    names: () => store.names(),
  };
  const idle = async () => {
    do await new Promise((resolve) => setImmediate(resolve));
    while (running > 0);
  };
  return { documentStore, idle };
};

describe.skipIf(db.skipped !== undefined)('postgres documents', () => {
  // Each world in a schema of its own; a restart opens the store again on the same schema.
  describeProjectionEngine('postgres, events and documents in one schema', () => {
    const schema = db.freshSchema('engine');
    let opened: { close: () => Promise<void>; idle: () => Promise<void> } | undefined;
    return {
      open: async () => {
        const eventStore = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2, pollIntervalMs: 0 });
        const { documentStore, idle } = countingReads(eventStore.documents);
        opened = { close: () => eventStore.close(), idle };
        return { eventStore, documentStore };
      },
      // The store folds the projections inside each append's transaction.
      openInline: async (projections) => {
        const eventStore = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2, pollIntervalMs: 0, projections });
        const { documentStore, idle } = countingReads(eventStore.documents);
        opened = { close: () => eventStore.close(), idle };
        return { eventStore, documentStore };
      },
      close: async () => {
        await opened?.idle();
        await opened?.close();
        opened = undefined;
      },
    };
  });
});
