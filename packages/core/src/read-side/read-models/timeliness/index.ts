import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage, ReadModel, ReadModelDeps } from '../../read-model.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { documentFigureKeys, figureKeyPage } from '../../vocabulary/figure-keys.js';
import { lineageAt, lineageKeyPage, mergersInto } from '../../vocabulary/lineage.js';
import { listAll } from '../../vocabulary/listing.js';
import { parsePeriodOf, type DatedGrain } from '../../vocabulary/period.js';
import { explainTimeliness, timelinessFigure } from './explain.js';
import { TIMELINESS, timelinessProjection, type TimelinessDocument } from './projection.js';
import { TIMELINESS_METRIC_NAMES, timelinessQueries, type TimelinessQueries } from './queries.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

/**
 * A unit's lineage figure keys: each day, month, quarter and year in which a unit of its lineage on
 * the period's last day returned a dossier (had a row).
 */
const lineageKeysOf =
  (documents: DocumentQuery<TimelinessDocument>, tenantId: string, metrics: readonly string[]) =>
  async (unitId: string): Promise<string[]> => {
    const mergers = await mergersInto(documents, tenantId, unitId);
    const rows = new Map<string, ReadonlySet<string>>();
    for (const unit of lineageAt(unitId, mergers, '9999-12-31').units) {
      const prefix = documentPrefix(tenantId, TIMELINESS, 'unit', keyPart(unit));
      const found = await listAll(documents, prefix);
      rows.set(unit, new Set(found.flatMap(([key, document]) => (document.kind === 'counts' || document.kind === 'period' ? [key.slice(prefix.length)] : []))));
    }
    const keys: string[] = [];
    for (const row of new Set([...rows.values()].flatMap((periods) => [...periods]))) {
      const [grain, period] = row.split('/') as [DatedGrain, string];
      const parsed = parsePeriodOf(grain, period);
      if (parsed === undefined) continue;
      if (lineageAt(unitId, mergers, parsed.end).units.some((unit) => rows.get(unit)?.has(row) === true)) {
        keys.push(...metrics.map((metric) => `${tenantId}/${TIMELINESS}/lineage/${keyPart(unitId)}/${row}/${metric}`));
      }
    }
    return keys;
  };

/**
 * Timeliness statistics (tỷ lệ giải quyết trước hạn / đúng hạn / quá hạn, docs/domain/indices.md §3)
 * per province, unit, procedure and officer, by Vietnamese day, month, quarter and year of the return;
 * and per unit with the units merged into it (`lineage`, docs/domain/org-chart.md §2).
 *
 * Denominator: dossiers whose result (or reasoned refusal) was returned in the period ("resolved");
 * withdrawn dossiers and those still open are not in it. Early / on the day / late are judged on the day
 * the result reached the desk (`ResultReady`; for a log without it, the return day: the explanation
 * says how many were judged each way, docs/domain/dossier-lifecycle.md §4), against the due date before
 * any apology: an apology's new date is a promise, not a new limit (§5). `lateAgainstOriginalRate` is
 * therefore the same share as `lateShare` (kept so its keys still answer). Apology compliance is the
 * share of late dossiers whose apology gave at least the notice its rule set requires (judged at query
 * time, from `deps.rules`); explanations show each apologised dossier's original and new dates. The
 * officer is the one who completed processing, else the receiving officer. Three or more trips:
 * distinct days the applicant came in person (§6.3 proxy). Shares are per cent to 1 decimal, rounded
 * as the rule set in force on the period's last day says.
 *
 * Figure keys: `<tenant>/timeliness/<province|unit|procedure|officer|lineage>/<id>/<day|month|quarter|year>/<period>/<metric>`,
 * metric one of resolved, earlyShare, onDayShare, lateShare, onTimeRate, lateAgainstOriginalRate,
 * threeOrMoreTripsShare, apologies, apologiesInTime, apologyCompliance; e.g.
 * `tn/timeliness/unit/tn-hcc/month/2026-03/onTimeRate`.
 *
 * A `lineage` figure is the unit's with the units merged into it by the period's last day (down
 * chains of mergers): their `unit` counters summed (days and months as kept, quarters and years from
 * their months), then made into the figure as for a unit; read alone (`figure`) or explained, it is
 * the same sum. Its explanation lists the dossiers of every member unit and the merger events, with
 * one `sum` step per count naming the units. It is explained for any unit (a unit nothing was merged
 * into has its unit figure, explanation and all); its keys are listed for the units another unit was
 * merged into, for every period in which the unit, or a unit merged into it by that period's last
 * day, returned a dossier.
 *
 * Documents:
 * - `<tenant>/timeliness/<dimension>/<id>/<day|month>/<period>`: a row's counters (one tally:
 *   resolved, early, on the day, late, with three or more trips, apologised), with the rule sets of
 *   the dossiers and apologies counted (so a figure, without its explanation, is one read); a quarter's
 *   or a year's figures are its months' counters summed, and `<…>/<quarter|year>/<period>` marks a
 *   quarter or year with returns. The figure keys of a row are the document's key and a metric.
 * - A day's counters also name the dossiers they count, by code: a unit's, procedure's or officer's
 *   all of them; the province's the units whose days name them, and by code only those without a unit
 *   (so no list is longer than one unit's, procedure's or officer's returns of a day).
 * - `<tenant>/dossier/<code>`: an open dossier's unit, procedure, officers, rule set, days in person,
 *   last apology and event positions; dropped at its withdrawal. At its return it becomes the returned
 *   dossier's record, kept once whatever the rows that count it: how it was judged (the day, both due
 *   dates), its unit, trips, rule set, apology and the positions of the events behind it, what
 *   explanations list (reading the records a row's days name).
 * - `<tenant>/lineage/<unit>/merged`: the units merged into a unit (`vocabulary/lineage.ts`).
 */
export const createTimelinessReadModel = (deps: ReadModelDeps): ReadModel<TimelinessDocument> & { readonly queries: TimelinessQueries } => {
  const metrics = [...TIMELINESS_METRIC_NAMES].sort();
  return {
    name: TIMELINESS,
    description: 'Returns before, on and after the due date, apologies and trips, per province, unit, procedure and officer, and per unit with the units merged into it, by day, month, quarter and year',
    projection: timelinessProjection,
    exampleKey: 'timeliness/unit/tn-hcc/month/2026-03/onTimeRate',
    keys: async (documents: DocumentQuery<TimelinessDocument>, query: ListQuery): Promise<KeyPage> => {
      // Lineage keys first (`lineage` sorts before `officer`, `procedure`, `province` and `unit`), then the rows'.
      const tenantId = query.prefix.slice(0, Math.max(0, query.prefix.indexOf('/')));
      const lineage = await lineageKeyPage(documents, query, tenantId, `${tenantId}/${TIMELINESS}/lineage/`, lineageKeysOf(documents, tenantId, metrics));
      if (lineage.next !== undefined) return lineage;
      const rest = await figureKeyPage(documents, { ...query, limit: query.limit - lineage.keys.length }, (tenantId) => [
        documentFigureKeys<TimelinessDocument>(tenantId, TIMELINESS, 6, (key, document) => (document.kind === 'counts' || document.kind === 'period' ? metrics.map((metric) => `${key}/${metric}`) : [])),
      ]);
      const all = [...lineage.keys, ...rest.keys];
      return rest.next === undefined ? { keys: all } : { keys: all, next: all[all.length - 1] as string };
    },
    explain: (documents, key) => explainTimeliness(deps.rules, documents, key),
    periodOfKey: keyPeriod.afterGrain,
    subjectOfKey: keySubject.afterGrain,
    figure: (documents, key) => timelinessFigure(deps.rules, documents, key),
    queries: timelinessQueries(deps.rules),
  };
};

export { TIMELINESS, TIMELINESS_DIMENSIONS, timelinessProjection, type ReturnedDossier, type ReturnedRecord, type TimelinessDimension, type TimelinessDocument } from './projection.js';
export { TIMELINESS_FIGURE_DIMENSIONS, TIMELINESS_METRICS, type TimelinessFigureDimension, type TimelinessFigures, type TimelinessMetric, type TimelinessQueries } from './queries.js';
