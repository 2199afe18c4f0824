export { seedDemoProvince, DEFAULT_SEED, SeedConflictError, type SeedOptions, type SeedSummary } from './seed-demo.js';
export { SeedCommandRejected } from './seed-session.js';
export { SCENARIO_WEIGHTS, type Scenario } from './dossiers.js';
export { ACTIVE_DESKS, DEMO_TENANT, MERGER, OFFICERS, PROVINCE_CENTRE, UNITS, type DemoOfficer, type DemoUnit } from './province.js';
export { seededRandom, type Random } from './random.js';
export { BusinessTime } from './business-time.js';
