import { InMemoryEventStore, type EventStore } from '@motcua/core';
import { packageVersion, W1_EVENT_CODECS, type StoreAdapter } from './store-adapter.js';

/** `InMemoryEventStore`: no I/O, the cost of the kernel's own bookkeeping (copies, deep freeze). */
export const memoryAdapter = (): StoreAdapter => {
  const stores = new Map<string, EventStore>();
  return {
    system: 'motcua-memory',
    version: packageVersion('../packages/core/package.json'),
    settings: 'InMemoryEventStore (no persistence; events are deep-frozen copies)',
    async create(role) {
      const store = new InMemoryEventStore({ eventCodecs: W1_EVENT_CODECS });
      stores.set(role, store);
      return store;
    },
    async reopen(role) {
      const store = stores.get(role);
      if (store === undefined) throw new Error(`no in-memory database ${role}`);
      return store;
    },
    async release() {},
    async sizeBytes() {
      return null;
    },
    async dispose() {
      for (const store of stores.values()) await store.close();
      stores.clear();
    },
  };
};
