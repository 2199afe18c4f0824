import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import type { EventStore } from '@motcua/core';
import { EventStoreDbEventStore, esdbStreamName, openEventStoreDbEventStore } from '@motcua/store-eventstoredb';
import { startEventStoreDbDouble, type EventStoreDbDouble } from '../eventstoredb-double/server.js';
import { describeEventStoreContract } from './event-store-contract.js';

// Every store gets a namespace of its own, so each starts empty on a shared server.
let stores = 0;
const run = randomBytes(4).toString('hex');
const freshNamespace = () => `contract_${run}_${++stores}`;

describe('EventStoreDB store over the gRPC double of the Streams service', () => {
  let double: EventStoreDbDouble;
  beforeAll(async () => {
    double = await startEventStoreDbDouble();
  });
  afterAll(async () => {
    await double?.close();
  });

  const freshStore = async (): Promise<EventStore> => openEventStoreDbEventStore({ connectionString: double.url, namespace: freshNamespace() });

  /** Rewrites the stored event's data with JSON that does not parse, behind the store's back. */
  const corrupt = (store: EventStore, streamId: string, version: number) => {
    if (!(store instanceof EventStoreDbEventStore)) throw new Error('not an EventStoreDB store');
    const record = double.log.stream(esdbStreamName(store.namespace, streamId))?.[version - 1];
    if (record === undefined) throw new Error(`no event ${streamId}@${version} to corrupt`);
    record.data = Buffer.from('{"n": ', 'utf8');
  };

  describeEventStoreContract('eventstoredb (gRPC double)', freshStore, { corrupt });
});

const url = process.env.MOTCUA_EVENTSTOREDB_URL;
const skipped =
  url === undefined || url === ''
    ? 'MOTCUA_EVENTSTOREDB_URL is not set (e.g. esdb://localhost:2113?tls=false); no EventStoreDB server can be installed on these machines, so the contract ran against the gRPC double only'
    : undefined;
if (skipped !== undefined) console.info(`tests/store-contract/eventstoredb.test.ts: real server skipped: ${skipped}`);

describe.skipIf(skipped !== undefined)(`EventStoreDB store on a real server${skipped === undefined ? '' : ` (skipped: ${skipped})`}`, () => {
  const freshStore = async (): Promise<EventStore> => openEventStoreDbEventStore({ connectionString: url as string, namespace: freshNamespace() });
  describeEventStoreContract('eventstoredb (MOTCUA_EVENTSTOREDB_URL)', freshStore);
});
