import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, vi } from 'vitest';
import { InMemoryDocumentStore } from '@motcua/core';
import { openEventStoreDbEventStore, type EventStoreDbEventStore } from '@motcua/store-eventstoredb';
import { describeProjectionEngine } from '../../packages/core/src/read-side/engine/projection-engine-laws.testkit.js';
import { startEventStoreDbDouble, type EventStoreDbDouble } from './server.js';

// The laws open many worlds, each over the wire: tens of seconds on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

let double: EventStoreDbDouble;
beforeAll(async () => {
  double = await startEventStoreDbDouble();
});
afterAll(async () => {
  await double?.close();
});

const run = randomBytes(4).toString('hex');
let worlds = 0;

// The one projection engine on EventStoreDB: events through `$all`, checkpoints kept beside the read
// models in their document store. A restart opens the event store again on the same namespace.
describeProjectionEngine('eventstoredb over the gRPC double, documents in memory', () => {
  const namespace = `engine_${run}_${++worlds}`;
  const documentStore = new InMemoryDocumentStore();
  let opened: EventStoreDbEventStore | undefined;
  return {
    open: async () => {
      opened = await openEventStoreDbEventStore({ connectionString: double.url, namespace });
      return { eventStore: opened, documentStore };
    },
    close: async () => {
      await opened?.close();
      opened = undefined;
    },
  };
});
