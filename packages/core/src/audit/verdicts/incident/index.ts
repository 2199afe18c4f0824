export { computeIncidentVerdict, incidentVerdict, INCIDENT_DEADLINES_SOURCE, type IncidentVerdictOutcome } from './compute.js';
export { gatherIncidentEvents } from './gather.js';
