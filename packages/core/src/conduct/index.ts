export * from './commands.js';
export * from './events.js';
export * from './vocabulary.js';
export {
  INCIDENT_CATALOGUE,
  IncidentCategory,
  incidentCategory,
  type IncidentCategoryCode,
  type IncidentCategoryEntry,
} from './catalogue.js';
export { IncidentErrorCode } from './errors.js';
export {
  incidentStreamId,
  initialIncidentState,
  type DisciplineTrack,
  type IncidentRecord,
  type IncidentStage,
  type IncidentState,
  type StepRecord,
} from './state.js';
export { createIncidentDecider, type IncidentDecider, type IncidentDeciderDeps } from './decider.js';
export { stepDeadline, stepAllowanceText, type StepCase, type StepDeadline } from './deadlines.js';
export * from './breaches.js';
