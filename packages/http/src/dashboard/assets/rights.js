// What the caller may open, as the server decides it (`GET /me`, docs/dashboard.md "What a role is
// shown"): the dashboard offers only the tabs and links those rights open.

let rights = { readModels: [], reports: [], verdicts: 'none', streams: {} };

/** Keeps the rights `GET /me` gave (its `may`). */
export const keepRights = (may) => {
  rights = may;
};

/** The read models each tab reads; the verdicts tab reads the audit API. */
const TAB_READ_MODELS = {
  board: ['unit-board'],
  timeliness: ['timeliness'],
  satisfaction: ['circular01', 'sipas'],
  index766: ['service-index-766'],
  conduct: ['incident-register', 'feedback-compliance'],
  officers: ['officer-rating'],
};

/** Whether the caller may read every verdict of its province (a dossier's among them). */
export const mayReadVerdicts = () => rights.verdicts === 'province';

/** Whose entities of a stream collection the caller may read: `province`, `own-units`, `own` or `none`. */
export const streamScope = (collection) => rights.streams[collection] ?? 'none';

/** Whether the tab `view` opens for the caller. */
export const mayOpenTab = (view) => {
  if (view === 'verdict') return mayReadVerdicts();
  if (view === 'reports') return rights.reports.length > 0;
  const needed = TAB_READ_MODELS[view];
  return needed !== undefined && needed.every((name) => rights.readModels.includes(name));
};
