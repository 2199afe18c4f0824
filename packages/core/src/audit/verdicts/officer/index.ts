export { computeOfficerVerdict, officerVerdict, OFFICERS_SOURCE, type OfficerVerdictOutcome } from './compute.js';
export { gatherOfficerEvents } from './gather.js';
