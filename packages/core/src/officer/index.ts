export * from './commands.js';
export * from './events.js';
export * from './breaches.js';
export * from './vocabulary.js';
export {
  EVALUATION_LEVELS,
  EvaluationLevel,
  EvaluationScore,
  PeriodKey,
  levelFromScore,
  evaluationPeriodOf,
  type EvaluationPeriod,
  type PeriodKind,
} from './evaluation.js';
export {
  DISCIPLINE_FORMS,
  DISCIPLINE_FORMS_BY_STATUS,
  DisciplineForm,
  isFormAvailable,
  limitationFor,
  type Limitation,
} from './discipline.js';
export { OfficerErrorCode } from './errors.js';
export {
  initialOfficerState,
  officerStreamId,
  type Assignment,
  type DisciplineEntry,
  type EvaluationEntry,
  type OfficerRecord,
  type OfficerState,
} from './state.js';
export { createOfficerDecider, type OfficerDecider, type OfficerDeciderDeps } from './decider.js';
