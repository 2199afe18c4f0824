/**
 * SIPAS-style satisfaction index (docs/domain/indices.md §4): per aspect the share of answers
 * satisfied or very satisfied, `dossierHandling` (all aspects but feedback handling) and `overall`
 * (all five), per unit and province, by the month, quarter and year of the rating; and per unit with
 * the units merged into it (`lineage`, docs/domain/org-chart.md §2).
 *
 * Figure keys: `<tenant>/sipas/<unit|province|lineage>/<id>/<month|quarter|year>/<period>/<access|procedure|officers|result|feedbackHandling|dossierHandling|overall>`.
 * A `lineage` figure is the unit's with the units merged into it by the period's last day (down
 * chains of mergers): their answers summed per aspect, then made into the figure as for a unit. It
 * is explained for any unit (a unit nothing was merged into has its unit figure); its keys are listed
 * for the units another unit was merged into, for every month, quarter and year in which the unit, or
 * a unit merged into it by that period's last day, was rated.
 *
 * Documents (`projection.ts`): `<tenant>/dossier/<code>` (unit, rated), counters
 * `<tenant>/ratings/<unit|province>/<id>/<YYYY-MM>`, day lists `<tenant>/rated/<unit|province>/<id>/<YYYY-MM-DD>`
 * (a head, and its sealed chunks `…/<YYYY-MM-DD>/<nnnn>`: `satisfaction-support/day-list.ts`) and the units merged into a unit `<tenant>/lineage/<unit>/merged` (`vocabulary/lineage.ts`).
 * Percentages are rounded at query time by the rule set in force on the period's last day.
 */
import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage, ReadModel, ReadModelDeps } from '../../read-model.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import type { SatisfactionDocument } from '../satisfaction-support/documents.js';
import { figureKeyPage } from '../../vocabulary/figure-keys.js';
import { lineageAt, lineageKeyPage, mergersInto } from '../../vocabulary/lineage.js';
import { listAll } from '../../vocabulary/listing.js';
import { explainSipas, SIPAS } from './explain.js';
import { sipasProjection } from './projection.js';
import { sipasQueries, SIPAS_METRICS } from './queries.js';
import { monthsOf, parseAggregatePeriod, periodsOfMonth } from '../../vocabulary/period.js';
import { ratingsPrefix } from '../satisfaction-support/ratings.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

export { sipasProjection, SIPAS_PROJECTION, SIPAS_ASPECTS, SIPAS_DIMENSIONS, type SipasDimension } from './projection.js';
export { SIPAS_FIGURE_DIMENSIONS, SIPAS_METRICS, type SipasFigureDimension, type SipasMetric, type SipasIndex } from './queries.js';
export { SIPAS } from './explain.js';

const monthOfKey = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/** A unit's lineage figure keys: each period in which a unit of its lineage on the period's last day was rated. */
const lineageKeysOf = (documents: DocumentQuery<SatisfactionDocument>, tenantId: string) => async (unitId: string): Promise<string[]> => {
  const mergers = await mergersInto(documents, tenantId, unitId);
  const rated = new Map<string, readonly string[]>();
  for (const unit of lineageAt(unitId, mergers, '9999-12-31').units) {
    rated.set(unit, (await listAll(documents, ratingsPrefix(tenantId, 'unit', unit))).map(([key]) => monthOfKey(key)));
  }
  const candidates = new Set([...rated.values()].flatMap((months) => months.flatMap((month) => periodsOfMonth(month).map(({ grain, key }) => `${grain}/${key}`))));
  const keys: string[] = [];
  for (const candidate of candidates) {
    const [grain, key] = candidate.split('/') as [string, string];
    const period = parseAggregatePeriod(grain, key);
    if (period === undefined) continue;
    const months = new Set(monthsOf(period));
    const measured = lineageAt(unitId, mergers, period.end).units.some((unit) => rated.get(unit)?.some((month) => months.has(month)) === true);
    if (measured) keys.push(...SIPAS_METRICS.map((metric) => `${tenantId}/sipas/lineage/${keyPart(unitId)}/${candidate}/${metric}`));
  }
  return keys;
};

/** Lineage keys first (`lineage` sorts before `province` and `unit`), then the unit and province keys. */
const keys = async (documents: DocumentQuery<SatisfactionDocument>, query: ListQuery): Promise<KeyPage> => {
  const tenantId = query.prefix.slice(0, query.prefix.indexOf('/'));
  const lineage = await lineageKeyPage(documents, query, tenantId, `${tenantId}/sipas/lineage/`, lineageKeysOf(documents, tenantId));
  if (lineage.next !== undefined) return lineage;
  const rest = await figureKeyPage(documents, { ...query, limit: query.limit - lineage.keys.length }, (tenantId) => [
    {
      figurePrefix: `${tenantId}/sipas/`,
      documentPrefix: documentPrefix(tenantId, 'ratings'),
      groupParts: 2,
      expand: (scope, months) => {
        const periods = new Set(months.flatMap(([key]) => periodsOfMonth(monthOfKey(key)).map(({ grain, key: period }) => `${grain}/${period}`)));
        return [...periods].flatMap((period) => SIPAS_METRICS.map((metric) => `${tenantId}/sipas/${scope}/${period}/${metric}`));
      },
    },
  ]);
  const all = [...lineage.keys, ...rest.keys];
  return rest.next === undefined ? { keys: all } : { keys: all, next: all[all.length - 1] as string };
};

export const createSipasReadModel = (deps: ReadModelDeps) => {
  const queries = sipasQueries(deps.rules);
  const readModel: ReadModel<SatisfactionDocument> & { readonly queries: typeof queries } = {
    name: SIPAS,
    description: 'SIPAS-style satisfaction index: share of satisfied answers per aspect, unit and province, and per unit with the units merged into it',
    projection: sipasProjection,
    exampleKey: 'sipas/unit/tn-hcc/month/2026-03/overall',
    keys,
    explain: explainSipas(deps.rules),
    periodOfKey: keyPeriod.afterGrain,
    subjectOfKey: keySubject.afterGrain,
    queries,
  };
  return readModel;
};
