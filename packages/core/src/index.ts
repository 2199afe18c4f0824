export * from './fp.js';
export * from './kernel/index.js';
