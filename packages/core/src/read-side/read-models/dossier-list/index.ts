/**
 * The dossier list (`GET /dossiers`): one row per dossier of a province, in the order dossiers first
 * appeared, with its status, unit, procedure, applicant, receipt, due dates (in force and original),
 * the result's arrival at the desk, its return and its timeliness as the desk's decider folds them.
 * Document keys: `<tenant>/dossier/<code>`, `<tenant>/row/<first position>`.
 */
export { dossierListProjection, type DossierListDocument, type DossierSummary } from './projection.js';
export { listDossiers, type DossierListPage, type DossierListQuery } from './queries.js';
