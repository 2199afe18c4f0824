export * from './fp.js';
export * from './kernel/index.js';
export * from './calendar/index.js';
export * from './rules/index.js';
export * from './dossier/index.js';
// Recomputing recorded due dates with the calendar version and rule set their events name.
export {
  countingStartDate,
  recomputeDossierDates,
  recomputeReceiptDates,
  type RecomputeDeps,
  type RecomputedDate,
  type RecordedReceipt,
} from './dossier/due-date.js';
export * from './officer/index.js';
export * from './conduct/index.js';
export * from './feedback/index.js';
// The codec and its type; the rule book's `FeedbackKind` is the same union of literals.
export { FeedbackKind } from './feedback/index.js';
export * from './org/index.js';
export * from './desk/index.js';
export * from './read-side/index.js';
// Verdicts: a dispute's answer from the events alone, as of any moment (docs/audit.md).
export * from './audit/verdicts/index.js';
export * from './audit/bundle/index.js';
export * from './audit/what-if.js';
export * from './audit/figure-as-of.js';
export { lastProvinceEventAtOrBefore, ProvinceHeads } from './audit/province-event.js';
export * from './audit/report/index.js';
export * from './notifications/index.js';
