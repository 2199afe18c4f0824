/**
 * Service index by Decision 766/QĐ-TTg (docs/domain/indices.md §2): transparency, progress, online
 * service, online payment, digitisation and satisfaction, 100 points, per unit and province.
 *
 * Figure keys: `<tenant>/index766/<unit|province>/<id>/<month|quarter|year>/<period>/<transparency|progress|onlineService|onlinePayment|digitisation|satisfaction|total>`,
 * listed for every scope and period with a dossier received or returned, a rating or feedback.
 *
 * Documents (`projection.ts`): `<tenant>/dossier/<code>`, counters `<tenant>/month/<unit|province>/<id>/<YYYY-MM>`,
 * day lists `<tenant>/received|returned|rated|feedback-days/<unit|province>/<id>/<YYYY-MM-DD>` (a head,
 * and its sealed chunks `…/<YYYY-MM-DD>/<nnnn>`: `satisfaction-support/day-list.ts`) and
 * `<tenant>/feedback/<id>`. Rounding and the unit-level inputs apply at query time: no rebuild for either.
 */
import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage, ReadModel, ReadModelDeps } from '../../read-model.js';
import { documentPrefix } from '../../vocabulary/document-key.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { figureKeyPage } from '../../vocabulary/figure-keys.js';
import { explainServiceIndex, SERVICE_INDEX, SERVICE_INDEX_METRICS } from './explain.js';
import { serviceIndexProjection } from './projection.js';
import { serviceIndexQueries } from './queries.js';
import { periodsOfMonth } from '../../vocabulary/period.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

export { serviceIndexProjection, SERVICE_INDEX_PROJECTION, SERVICE_INDEX_DIMENSIONS, type ServiceIndexDimension } from './projection.js';
export { COMPONENTS as SERVICE_INDEX_COMPONENTS, MAX_POINTS as SERVICE_INDEX_MAX_POINTS, type ComponentFigure, type ServiceIndex } from './queries.js';
export { SERVICE_INDEX, SERVICE_INDEX_METRICS } from './explain.js';

const keys = (documents: DocumentQuery<SatisfactionDocument>, query: ListQuery): Promise<KeyPage> => {
  return figureKeyPage(documents, query, (tenantId) => [
    {
      figurePrefix: `${tenantId}/index766/`,
      documentPrefix: documentPrefix(tenantId, 'month'),
      groupParts: 2,
      expand: (scope, months) => {
        const periods = new Set(months.flatMap(([key]) => periodsOfMonth(key.slice(key.lastIndexOf('/') + 1)).map(({ grain, key: period }) => `${grain}/${period}`)));
        return [...periods].flatMap((period) => SERVICE_INDEX_METRICS.map((metric) => `${tenantId}/index766/${scope}/${period}/${metric}`));
      },
    },
  ]);
};

export const createServiceIndexReadModel = (deps: ReadModelDeps) => {
  const context = { rules: deps.rules, inputs: deps.inputs ?? {} };
  const queries = serviceIndexQueries(context);
  const readModel: ReadModel<SatisfactionDocument> & { readonly queries: typeof queries } = {
    name: SERVICE_INDEX,
    description: 'Decision 766 service index: six components of 100 points per unit and province',
    projection: serviceIndexProjection,
    exampleKey: 'index766/unit/tn-hcc/month/2026-03/total',
    keys,
    explain: explainServiceIndex(context),
    periodOfKey: keyPeriod.afterGrain,
    subjectOfKey: keySubject.afterGrain,
    queries,
  };
  return readModel;
};
