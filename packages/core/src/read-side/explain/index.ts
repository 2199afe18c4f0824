export * from './explanation.js';
export * from './re-add.js';
