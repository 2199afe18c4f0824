import { createReadModels, createVietnamCalendar, defaultRuleBook, type ReadModels } from '@motcua/core';
import { DEMO_TENANT } from './seed/province.js';

let defaults: ReadModels | undefined;

/** The built-in read models on the default calendar and rule book (those `createDesk` uses). */
export const defaultReadModels = (): ReadModels => (defaults ??= createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() }));

/** Names of the read models `explain` answers for, and of the projections `rebuild` knows (the dossier list too). */
export const readModelNames = (): readonly string[] => defaultReadModels().all.map((readModel) => readModel.name);
export const projectionNames = (): readonly string[] => defaultReadModels().projections.map((projection) => projection.name);

/** A figure of the demo province per read model, for help texts. */
export const DEMO_KEYS: Readonly<Record<string, string>> = {
  'unit-board': `${DEMO_TENANT}/board/tn-phuc-vu-hcc/2026-03-02/received`,
  timeliness: `${DEMO_TENANT}/timeliness/unit/tn-phuc-vu-hcc/month/2026-03/onTimeRate`,
  circular01: `${DEMO_TENANT}/tt01/unit/tn-phuc-vu-hcc/month/2026-03/total`,
  sipas: `${DEMO_TENANT}/sipas/unit/tn-phuc-vu-hcc/month/2026-03/overall`,
  'service-index-766': `${DEMO_TENANT}/index766/unit/tn-phuc-vu-hcc/month/2026-03/total`,
  'incident-register': `${DEMO_TENANT}/incident-register/2026-03/total/all/reported`,
  'feedback-compliance': `${DEMO_TENANT}/feedback-compliance/2026-03/total/all/on-time-share`,
  praise: `${DEMO_TENANT}/praise/2026-03/total/all/count`,
  'officer-rating': `${DEMO_TENANT}/officer-rating/officer/officer-phuc-vu-hcc-receiving-officer-1/quarter/2026-Q1/points`,
};
