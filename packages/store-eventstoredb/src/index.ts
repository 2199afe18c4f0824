export { openEventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './open.js';
export { EventStoreDbEventStore } from './eventstoredb-event-store.js';
export { EventStoreDbStoreError, type RetryPolicy } from './retries.js';
export { esdbStreamName, esdbEventId, assertNamespace } from './mapping.js';
export { parseEventStoreDbUrl, isEventStoreDbUrl, redactEventStoreDbUrl, type EventStoreDbUrl } from './store-url.js';
export type { VerifyReport, HashChainProblem } from '@motcua/core';
