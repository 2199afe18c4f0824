export { computeOfficerVerdict, officerVerdict, OFFICERS_SOURCE, type OfficerVerdictOutcome } from './compute.js';
export { gatherOfficerEvents } from './gather.js';
export { officerSubjectParts, officerSubjectProblem, RATING_PERIOD_FORMS } from './subject.js';
