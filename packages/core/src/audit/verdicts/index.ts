export type { AsOf, Verdict, VerdictDefinition, VerdictDeps, VerdictKind, VerdictStep } from '../verdict.js';
export {
  asOfOfVerdict,
  cutAsOf,
  isPositionAsOf,
  isWithin,
  judgingInstant,
  parseAsOf,
  recordedAfter,
  resolveAsOf,
  verdictAsOf,
  type BusinessTimeAsOf,
  type PositionAsOf,
} from '../as-of.js';
export { judgeDeadline, type DeadlineOutcome, type DeadlineStatus } from './deadlines.js';
export { breachesOf } from './evidence.js';
export * from './incident/index.js';
export * from './feedback/index.js';
export * from './dossier/index.js';
export * from './officer/index.js';
export {
  BUILT_IN_VERDICTS,
  computeVerdictFromStore,
  createVerdictRegistry,
  withinCoverage,
  type VerdictError,
  type VerdictKindEntry,
  type VerdictRegistry,
  type VerdictRequest,
} from './registry.js';
