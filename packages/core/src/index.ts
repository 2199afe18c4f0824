export * from './fp.js';
export * from './kernel/index.js';
export * from './calendar/index.js';
export * from './rules/index.js';
export * from './dossier/index.js';
export * from './officer/index.js';
export * from './conduct/index.js';
export * from './feedback/index.js';
// The codec and its type; the rule book's `FeedbackKind` is the same union of literals.
export { FeedbackKind } from './feedback/index.js';
export * from './org/index.js';
export * from './desk/index.js';
export * from './projections/engine/index.js';
export * from './read-side/explain/index.js';
export * from './read-side/index.js';
export * from './projections/by-province.js';
export * from './projections/conduct/index.js';
export * from './projections/officer-rating/index.js';
export * from './projections/dossier-read-models.js';
