/**
 * SIPAS-style satisfaction index (docs/domain/indices.md §4): per aspect the share of answers
 * satisfied or very satisfied, `dossierHandling` (all aspects but feedback handling) and `overall`
 * (all five), per unit and province, by the month, quarter and year of the rating.
 *
 * Figure keys: `<tenant>/sipas/<unit|province>/<id>/<month|quarter|year>/<period>/<access|procedure|officers|result|feedbackHandling|dossierHandling|overall>`.
 *
 * Documents (`projection.ts`): `<tenant>/dossier/<code>` (unit, rated), counters
 * `<tenant>/ratings/<unit|province>/<id>/<YYYY-MM>` and day lists `<tenant>/rated/<unit|province>/<id>/<YYYY-MM-DD>`.
 * Percentages are rounded at query time by the rule set in force on the period's last day.
 */
import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage, ReadModel, ReadModelDeps } from '../../read-model.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { figureKeyPage } from '../../vocabulary/figure-keys.js';
import { explainSipas, SIPAS } from './explain.js';
import { sipasProjection } from './projection.js';
import { sipasQueries, SIPAS_METRICS } from './queries.js';
import { periodsOfMonth } from '../../vocabulary/period.js';

export { sipasProjection, SIPAS_PROJECTION, SIPAS_ASPECTS, SIPAS_DIMENSIONS, type SipasDimension } from './projection.js';
export { SIPAS_METRICS, type SipasMetric, type SipasIndex } from './queries.js';
export { SIPAS } from './explain.js';

const keys = (documents: DocumentQuery<SatisfactionDocument>, query: ListQuery): Promise<KeyPage> => {
  return figureKeyPage(documents, query, (tenantId) => [
    {
      figurePrefix: `${tenantId}/sipas/`,
      documentPrefix: documentPrefix(tenantId, 'ratings'),
      groupParts: 2,
      expand: (scope, months) => {
        const periods = new Set(months.flatMap(([key]) => periodsOfMonth(key.slice(key.lastIndexOf('/') + 1)).map(({ grain, key: period }) => `${grain}/${period}`)));
        return [...periods].flatMap((period) => SIPAS_METRICS.map((metric) => `${tenantId}/sipas/${scope}/${period}/${metric}`));
      },
    },
  ]);
};

export const createSipasReadModel = (deps: ReadModelDeps) => {
  const queries = sipasQueries(deps.rules);
  const readModel: ReadModel<SatisfactionDocument> & { readonly queries: typeof queries } = {
    name: SIPAS,
    description: 'SIPAS-style satisfaction index: share of satisfied answers per aspect, unit and province',
    projection: sipasProjection,
    exampleKey: 'sipas/unit/tn-hcc/month/2026-03/overall',
    keys,
    explain: explainSipas(deps.rules),
    queries,
  };
  return readModel;
};
