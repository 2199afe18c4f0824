export { TOKENS } from './tokens.js';
export { createMotcuaContainer, type MotcuaContainerOptions } from './container.js';
export { createDesk } from './create-desk.js';
export { deskBusinessTime } from './business-time.js';
export { InMemoryEventStore } from './in-memory-store.js';
export { buildDesk, type Desk, type DeskOptions, type StreamApi } from './desk.js';
export { ACTING_FOR_OTHERS, checkReferences, type Reference, type ReferenceRegistry } from './references.js';
export * from './stream-definitions.js';
export { STREAMS, type StreamDescription } from './catalogue.js';
