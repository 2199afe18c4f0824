import type { ReadModel, ReadModelDeps } from '../../read-model.js';
import { documentFigureKeys, figureKeyPage } from '../../vocabulary/figure-keys.js';
import { explainTimeliness, timelinessFigure } from './explain.js';
import { TIMELINESS, timelinessProjection, type TimelinessDocument } from './projection.js';
import { TIMELINESS_METRIC_NAMES, timelinessQueries, type TimelinessQueries } from './queries.js';

/**
 * Timeliness statistics (tỷ lệ giải quyết trước hạn / đúng hạn / quá hạn, docs/domain/indices.md §3)
 * per province, unit, procedure and officer, by Vietnamese day, month, quarter and year of the return.
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
 * Figure keys: `<tenant>/timeliness/<province|unit|procedure|officer>/<id>/<day|month|quarter|year>/<period>/<metric>`,
 * metric one of resolved, earlyShare, onDayShare, lateShare, onTimeRate, lateAgainstOriginalRate,
 * threeOrMoreTripsShare, apologies, apologiesInTime, apologyCompliance; e.g.
 * `tn/timeliness/unit/tn-hcc/month/2026-03/onTimeRate`.
 *
 * Documents:
 * - `<tenant>/timeliness/<dimension>/<id>/<day|month>/<period>`: a row's counters, with the rule sets of
 *   the dossiers and apologies counted (so a figure, without its explanation, is one read); a quarter's
 *   or a year's figures are its months' counters summed, and `<…>/<quarter|year>/<period>` marks a
 *   quarter or year with returns. The figure keys of a row are the document's key and a metric.
 * - `<tenant>/dossier/<code>`: an open dossier's unit, procedure, officers, rule set, visits in person,
 *   last apology and event positions; dropped at its return or withdrawal.
 * - `<tenant>/returned/<dimension>/<id>/<return day>/<code>`: a returned dossier as its rows counted it,
 *   with the positions of the events behind it: what explanations list.
 */
export const createTimelinessReadModel = (deps: ReadModelDeps): ReadModel<TimelinessDocument> & { readonly queries: TimelinessQueries } => {
  const metrics = [...TIMELINESS_METRIC_NAMES].sort();
  return {
    name: TIMELINESS,
    description: 'Returns before, on and after the due date, apologies and trips, per province, unit, procedure and officer, by day, month, quarter and year',
    projection: timelinessProjection,
    exampleKey: 'timeliness/unit/tn-hcc/month/2026-03/onTimeRate',
    keys: (documents, query) =>
      figureKeyPage(documents, query, (tenantId) => [
        documentFigureKeys<TimelinessDocument>(tenantId, TIMELINESS, 6, (key, document) => (document.kind === 'counts' || document.kind === 'period' ? metrics.map((metric) => `${key}/${metric}`) : [])),
      ]),
    explain: (documents, key) => explainTimeliness(deps.rules, documents, key),
    figure: (documents, key) => timelinessFigure(deps.rules, documents, key),
    queries: timelinessQueries(deps.rules),
  };
};

export { TIMELINESS, TIMELINESS_DIMENSIONS, timelinessProjection, type ReturnedDossier, type TimelinessDimension, type TimelinessDocument } from './projection.js';
export { TIMELINESS_METRICS, type TimelinessFigures, type TimelinessMetric, type TimelinessQueries } from './queries.js';
