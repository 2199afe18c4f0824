export * from './incident-register.js';
export * from './incident-register-queries.js';
export * from './incident-register-explain.js';
export * from './feedback-compliance.js';
export * from './feedback-compliance-explain.js';
export * from './praise.js';
export { parseReportingPeriod, type PeriodGrain, type ReportingPeriod } from './periods.js';
export { parseConductKey, type ConductKey } from './keys.js';
