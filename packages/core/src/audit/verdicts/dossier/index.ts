export { computeDossierVerdict, dossierVerdict, type DossierVerdictOutcome } from './compute.js';
export type { ApologyOutcome } from './facts.js';
export type { SupplementOutcome } from './supplements.js';
export { gatherDossierEvents } from './gather.js';
