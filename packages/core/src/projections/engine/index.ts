export * from './projection.js';
export * from './projection-store.js';
export * from './in-memory-projection-store.js';
export * from './head-position.js';
export * from './projection-worker.js';
export * from './projection-runner.js';
export * from './inline-projections.js';
