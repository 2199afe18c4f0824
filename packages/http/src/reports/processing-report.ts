import { addCalendarDays, idOfKeyPart, keyPart, monthsOf, type Period } from '@motcua/core';
import { figureCell, stepCell } from './cells.js';
import type { FigureReader } from './figure-reader.js';
import { differenceOf, notMeasured, sumCells, type Report, type ReportCell, type ReportColumn, type ReportRow } from './report.js';

const BOARD = 'unit-board';
const INDEX766 = 'service-index-766';

/** The periodic report on dossier processing (docs/domain/reports.md §1). */
export const PROCESSING_COLUMNS: readonly ReportColumn[] = [
  { id: 'receivedTotal', group: 'received', label: 'total', kind: 'count' },
  { id: 'carriedOver', group: 'received', label: 'carried over', kind: 'count' },
  { id: 'newOnline', group: 'received', label: 'new, online', kind: 'count' },
  { id: 'newInPerson', group: 'received', label: 'new, in person or by post', kind: 'count' },
  { id: 'newTotal', group: 'received', label: 'new, total', kind: 'count' },
  { id: 'resolvedEarly', group: 'resolved', label: 'before the due date', kind: 'count' },
  { id: 'resolvedOnTime', group: 'resolved', label: 'on the due date', kind: 'count' },
  { id: 'resolvedLate', group: 'resolved', label: 'after the due date', kind: 'count' },
  { id: 'resolvedTotal', group: 'resolved', label: 'total', kind: 'count' },
  { id: 'pendingInTime', group: 'pending', label: 'not yet due', kind: 'count' },
  { id: 'pendingOverdue', group: 'pending', label: 'overdue', kind: 'count' },
];

const ONLINE_BY_MONTH = 'the Decision 766 index counts dossiers filed online by month, quarter and year, not by day';
const RECEIVED_STEP = 'received';
const ONLINE_STEP = 'filed online';

/** Days of the period on which the unit's board has counters (the days its figure keys are listed for). */
const daysWithCounters = async (reader: FigureReader, tenantId: string, unit: string, period: Period): Promise<string[]> => {
  const days = new Set<string>();
  for (const month of monthsOf(period)) {
    const prefix = `${tenantId}/board/${unit}/${month}-`;
    for (const key of await reader.keys(BOARD, prefix)) {
      const day = key.slice(prefix.length - 8, prefix.length + 2);
      if (day >= period.start && day <= period.end) days.add(day);
    }
  }
  return [...days].sort();
};

const sumOver = async (reader: FigureReader, keys: readonly string[]): Promise<ReportCell> =>
  sumCells(await Promise.all(keys.map((key) => figureCell(reader, BOARD, key))));

/** Received online and in person, from the Decision 766 index's online-service count of the unit and period. */
const receivedByChannel = async (reader: FigureReader, indexKey: string | undefined, newTotal: ReportCell): Promise<{ readonly online: ReportCell; readonly inPerson: ReportCell }> => {
  if (newTotal.value === 0) return { online: { value: 0, derivation: 'sum', sources: [] }, inPerson: { value: 0, derivation: 'sum', sources: [] } };
  if (indexKey === undefined) return { online: notMeasured(ONLINE_BY_MONTH), inPerson: notMeasured(ONLINE_BY_MONTH) };
  const online = await stepCell(reader, INDEX766, indexKey, ONLINE_STEP);
  const received = await stepCell(reader, INDEX766, indexKey, RECEIVED_STEP);
  return { online, inPerson: differenceOf(received, online) };
};

/** The board's view of a received dossier (`BoardDossier` of the unit-board read model), as far as a count needs it. */
interface BoardDossierDocument {
  readonly kind: 'dossier';
  readonly code: string;
  readonly received: string;
  readonly closed?: string;
}
const isBoardDossier = (document: unknown): document is BoardDossierDocument =>
  typeof document === 'object' && document !== null && (document as { kind?: unknown }).kind === 'dossier' && typeof (document as { received?: unknown }).received === 'string';

/**
 * The unit's dossiers open (received, not yet returned or withdrawn) at the start of `day`, from the
 * board's dossier documents: those still open, and the closed ones filed under `month` (a closed
 * dossier is filed under every month from its receipt to its close, so one open on a day of the
 * month is there).
 */
const openAt = async (reader: FigureReader, tenantId: string, unit: string, month: string, day: string): Promise<ReportCell> => {
  const found = new Map<string, string>();
  const candidates = [...(await reader.documents(BOARD, `${tenantId}/board-closed/${unit}/${month}/`)), ...(await reader.documents(BOARD, `${tenantId}/board-open/${unit}/`))];
  for (const [key, document] of candidates) {
    if (!isBoardDossier(document) || found.has(document.code)) continue;
    if (document.received < day && (document.closed === undefined || document.closed >= day)) found.set(document.code, key);
  }
  return { value: found.size, derivation: 'count', sources: [...found.values()].sort().map((key) => ({ readModel: BOARD, key, document: true as const })) };
};

/** One unit's row: board figures summed over the period's days; overdue as the board stands at the start of the next day. */
export const processingRow = async (reader: FigureReader, tenantId: string, unitId: string, period: Period): Promise<ReportRow> => {
  const unit = keyPart(unitId);
  const days = await daysWithCounters(reader, tenantId, unit, period);
  const keysOf = (metric: string) => days.map((day) => `${tenantId}/board/${unit}/${day}/${metric}`);
  const [newTotal, resolvedEarly, resolvedOnTime, resolvedLate] = await Promise.all(
    ['received', 'returnedEarly', 'returnedOnTime', 'returnedLate'].map((metric) => sumOver(reader, keysOf(metric))),
  ) as [ReportCell, ReportCell, ReportCell, ReportCell];
  const indexKey = period.grain === 'day' ? undefined : `${tenantId}/index766/unit/${unit}/${period.grain}/${period.key}/onlineService`;
  const { online, inPerson } = await receivedByChannel(reader, indexKey, newTotal);
  const next = addCalendarDays(period.end, 1);
  const pendingOverdue = await figureCell(reader, BOARD, `${tenantId}/board/${unit}/${next}/overdue`);
  const months = monthsOf(period);
  const carriedOver = await openAt(reader, tenantId, unit, months[0] as string, period.start);
  const pending = await openAt(reader, tenantId, unit, months[months.length - 1] as string, next);
  return {
    id: unitId,
    label: unitId,
    cells: {
      receivedTotal: sumCells([carriedOver, newTotal]),
      carriedOver,
      newOnline: online,
      newInPerson: inPerson,
      newTotal,
      resolvedEarly,
      resolvedOnTime,
      resolvedLate,
      resolvedTotal: sumCells([resolvedEarly, resolvedOnTime, resolvedLate]),
      pendingInTime: differenceOf(pending, pendingOverdue),
      pendingOverdue,
    },
  };
};

/** Units with a board by the period's end: those with a month of counters up to its last month. */
export const boardUnits = async (reader: FigureReader, tenantId: string, period: Period): Promise<string[]> => {
  const prefix = `${tenantId}/board-month/`;
  const lastMonth = period.end.slice(0, 7);
  const units = new Set<string>();
  for (const key of await reader.documentKeys(BOARD, prefix)) {
    const [unit, month] = key.slice(prefix.length).split('/') as [string, string | undefined];
    if (month !== undefined && month <= lastMonth) units.add(idOfKeyPart(unit));
  }
  return [...units].sort();
};

/** The province's row: every unit's cells added up. */
export const totalRow = (id: string, label: string, rows: readonly ReportRow[], columns: readonly ReportColumn[]): ReportRow => ({
  id,
  label,
  total: true,
  cells: Object.fromEntries(columns.map((column) => [column.id, sumCells(rows.map((row) => row.cells[column.id] ?? notMeasured('no cell')))])),
});

export const processingReport = async (
  reader: FigureReader,
  { tenantId, unitId, period, now }: { readonly tenantId: string; readonly unitId?: string; readonly period: Period; readonly now: Date },
): Promise<Report> => {
  const units = unitId === undefined ? await boardUnits(reader, tenantId, period) : [unitId];
  const rows: ReportRow[] = [];
  for (const unit of units) rows.push(await processingRow(reader, tenantId, unit, period));
  return {
    form: 'processing',
    title: 'Periodic report on the receipt and resolution of administrative procedure dossiers',
    tenantId,
    period,
    scope: unitId === undefined ? { kind: 'province', id: tenantId } : { kind: 'unit', id: unitId },
    columns: PROCESSING_COLUMNS,
    rows: unitId === undefined ? [...rows, totalRow(tenantId, `province ${tenantId}`, rows, PROCESSING_COLUMNS)] : rows,
    notes: [
      'New: dossiers received in the period, the sum of the unit board\'s daily `received`; online and in person from the Decision 766 index\'s online-service count of the same period.',
      'Resolved: results returned in the period, judged on the day the result reached the desk against the due date before any apology (unit board `returnedEarly`, `returnedOnTime`, `returnedLate`).',
      'Carried over: dossiers received before the period and neither returned nor withdrawn at its start (the unit board\'s dossier documents, each listed).',
      'Pending, overdue: the unit board\'s `overdue` at the start of the day after the period; not yet due: the dossiers open then (listed) less the overdue.',
    ],
    computedAt: now.toISOString(),
  };
};
