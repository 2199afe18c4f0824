import type { DocumentQuery, ListQuery } from '../../engine/document-store.js';
import type { KeyPage, ReadModel, ReadModelDeps } from '../../read-model.js';
import { documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { documentFigureKeys, figureKeyPage } from '../../vocabulary/figure-keys.js';
import { lineageAt, lineageKeyPage, mergersInto } from '../../vocabulary/lineage.js';
import { listAll } from '../../vocabulary/listing.js';
import { BOARD_LINEAGE, explainUnitBoard } from './explain.js';
import { createUnitBoardProjection, UNIT_BOARD, type UnitBoardDocument } from './projection.js';
import { UNIT_BOARD_METRICS, unitBoardQueries, type UnitBoardQueries } from './queries.js';
import { keyPeriod } from '../../vocabulary/key-period.js';
import { keySubject } from '../../vocabulary/key-subject.js';

/** A unit's lineage board keys: each day on which a unit of its lineage that day has counters. */
const lineageKeysOf =
  (documents: DocumentQuery<UnitBoardDocument>, tenantId: string, metrics: readonly string[]) =>
  async (unitId: string): Promise<string[]> => {
    const mergers = await mergersInto(documents, tenantId, unitId);
    const days = new Map<string, ReadonlySet<string>>();
    for (const unit of lineageAt(unitId, mergers, '9999-12-31').units) {
      const prefix = documentPrefix(tenantId, 'board', keyPart(unit));
      days.set(unit, new Set((await listAll(documents, prefix)).flatMap(([key, document]) => (document.kind === 'day' ? [key.slice(prefix.length)] : []))));
    }
    const keys: string[] = [];
    for (const day of new Set([...days.values()].flatMap((own) => [...own]))) {
      if (lineageAt(unitId, mergers, day).units.some((unit) => days.get(unit)?.has(day) === true)) {
        keys.push(...metrics.map((metric) => `${tenantId}/${BOARD_LINEAGE}/${keyPart(unitId)}/${day}/${metric}`));
      }
    }
    return keys;
  };

/**
 * Unit board (bảng theo dõi của bộ phận một cửa, docs/domain/dossier-lifecycle.md): per unit and
 * Vietnamese calendar day, dossiers received, due that day, overdue, waiting for a supplement, with
 * another agency, returned early / on the day / late, and the average working days from receipt to
 * return (rounded to 1 decimal as the rule set in force that day says, at query time).
 *
 * Definitions: "due" counts dossiers whose due date in force is that day (an apology's new date
 * included: the day the desk promised; withdrawn ones excluded); "overdue" on day D counts dossiers
 * whose due date before any apology is before D and whose result had not reached the desk at the start
 * of D (ready, else returned or withdrawn, on D or later: docs/domain/dossier-lifecycle.md §4, §5), a
 * dossier waiting for a supplement included until the supplement moves its due date; "returned early /
 * on the day / late" count returns that day, judged on the day the result reached the desk (else the
 * return day) against the due date before any apology; "waiting for a supplement" and "with another
 * agency" count dossiers in that state at the start of D.
 *
 * Figure keys: `<tenant>/board/<unitId>/<YYYY-MM-DD>/<metric>`, metric one of received, dueToday,
 * overdue, awaitingSupplement, withAgency, returnedEarly, returnedOnTime, returnedLate,
 * averageWorkingDaysToReturn; listed for the days a unit has counters on, e.g.
 * `tn/board/tn-hcc/2026-03-02/overdue`. Any day of any unit has a figure: zeros for a unit with no
 * dossier yet (a unit its province's log never names has none: `withNamedSubjects`).
 *
 * Lineage boards (docs/domain/org-chart.md §2): `<tenant>/board-lineage/<unitId>/<YYYY-MM-DD>/<metric>`,
 * the unit's board with those of the units merged into it by that day (down chains of mergers), their
 * counters added up (the average: their working days over their returns). Explained for any unit (a
 * unit nothing was merged into has its own board, explanation and all), with the dossiers of every
 * member unit, one `sum` step naming the units, and the merger events; listed for the units another
 * unit was merged into, for the days on which a unit of the lineage that day has counters.
 *
 * Documents:
 * - `<tenant>/board/<unitId>/<day>`: the day's counters (interval figures as differences by the day an
 *   interval starts or ends); its figure keys are the document's key and a metric.
 * - `<tenant>/board-month/<unitId>/<YYYY-MM>`: the month's sums of those differences, so a figure on a
 *   day reads the unit's months and the days of its own month.
 * - `<tenant>/board-open/<unitId>/<code>`: a received dossier's receipt, due date, intervals and events
 *   while it may still be counted on days to come; `<tenant>/board-closed/<unitId>/<YYYY-MM>/<code>`:
 *   its copy once closed, under each month it may be counted in. Explanations list these instead of
 *   every dossier of the unit.
 * - `<tenant>/dossier/<code>`: the unit of a received dossier (written once), to find its open document.
 * - `<tenant>/lineage/<unit>/merged`: the units merged into a unit (`vocabulary/lineage.ts`).
 */
export const createUnitBoardReadModel = (deps: ReadModelDeps): ReadModel<UnitBoardDocument> & { readonly queries: UnitBoardQueries } => {
  const metrics = [...UNIT_BOARD_METRICS].sort();
  return {
    name: UNIT_BOARD,
    description: 'Per unit and day: dossiers received, due, overdue, awaiting a supplement, with another agency, returned early, on the day or late, and working days to return; and per unit with the units merged into it',
    projection: createUnitBoardProjection(deps),
    exampleKey: 'board/tn-hcc/2026-03-02/overdue',
    keys: async (documents: DocumentQuery<UnitBoardDocument>, query: ListQuery): Promise<KeyPage> => {
      // Lineage keys first (`board-lineage/` sorts before `board/`), then the units'.
      const tenantId = query.prefix.slice(0, Math.max(0, query.prefix.indexOf('/')));
      const lineage = await lineageKeyPage(documents, query, tenantId, `${tenantId}/${BOARD_LINEAGE}/`, lineageKeysOf(documents, tenantId, metrics));
      if (lineage.next !== undefined) return lineage;
      const rest = await figureKeyPage(documents, { ...query, limit: query.limit - lineage.keys.length }, (tenantId) => [
        documentFigureKeys<UnitBoardDocument>(tenantId, 'board', 4, (key, document) => (document.kind === 'day' ? metrics.map((metric) => `${key}/${metric}`) : [])),
      ]);
      const all = [...lineage.keys, ...rest.keys];
      return rest.next === undefined ? { keys: all } : { keys: all, next: all[all.length - 1] as string };
    },
    explain: (documents, key) => explainUnitBoard(deps.rules, documents, key),
    periodOfKey: keyPeriod.dayAfterUnit,
    subjectOfKey: keySubject.dayAfterUnit,
    queries: unitBoardQueries(deps.rules),
  };
};

export { UNIT_BOARD, createUnitBoardProjection, type UnitBoardDocument } from './projection.js';
export { UNIT_BOARD_METRICS, type UnitBoardDay, type UnitBoardMetric, type UnitBoardQueries } from './queries.js';
