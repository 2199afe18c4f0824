import { deskEventCodecs, InMemoryEventStore } from '@motcua/core';
import { describeEventStoreContract } from './event-store-contract.js';

describeEventStoreContract('in-memory', async () => new InMemoryEventStore({ eventCodecs: deskEventCodecs() }));
