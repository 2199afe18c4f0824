import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod, type ExplainedFigure, type Figure } from '@motcua/core';
import { reportCsv } from './csv.js';
import type { FigureReader } from './figure-reader.js';
import { reportHtml } from './html.js';
import { cellRef, TABLE } from './layout.js';
import { PROCESSING_COLUMNS, processingReport } from './processing-report.js';
import type { Report } from './report.js';
import { reportXlsx } from './xlsx.js';

const TENANT = 'thai-nguyen';
const COUNTS = ['received', 'returnedEarly', 'returnedOnTime', 'returnedLate'] as const;
type Day = Readonly<Record<(typeof COUNTS)[number], number>>;

/** A received dossier as the board files it: its receipt and, once returned or withdrawn, the day it closed. */
interface Dossier {
  readonly code: string;
  readonly received: string;
  readonly closed?: string;
}

/**
 * A province's unit boards: per unit, per day of March 2026, the day's counts; per unit, overdue at the
 * start of April; per unit, dossiers received from February to April.
 */
interface Boards {
  readonly days: Readonly<Record<string, Readonly<Record<string, Day>>>>;
  readonly overdue: Readonly<Record<string, number>>;
  readonly dossiers: Readonly<Record<string, readonly Dossier[]>>;
  readonly onlineShare: number;
}

const anyDay = fc.integer({ min: 0, max: 88 }).map((n) => new Date(Date.UTC(2026, 1, 1 + n)).toISOString().slice(0, 10));
const dossiersArbitrary = fc
  .array(fc.tuple(anyDay, fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined })), { maxLength: 12 })
  .map((list) => list.map(([received, open], i): Dossier => ({ code: `D-${i}`, received, ...(open === undefined ? {} : { closed: new Date(Date.parse(received) + open * 86_400_000).toISOString().slice(0, 10) }) })));
const dayArbitrary = fc.record({ received: fc.nat(6), returnedEarly: fc.nat(4), returnedOnTime: fc.nat(4), returnedLate: fc.nat(2) });
const boardsArbitrary: fc.Arbitrary<Boards> = fc
  .uniqueArray(fc.constantFrom('tn-hcc', 'tn-a/b', 'tn-x%y', 'dong-hy', 'pho-yen'), { minLength: 1, maxLength: 4 })
  .chain((units) =>
    fc.record({
      days: fc.record(Object.fromEntries(units.map((unit) => [unit, fc.dictionary(fc.integer({ min: 1, max: 31 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`), dayArbitrary, { maxKeys: 8 })]))),
      overdue: fc.record(Object.fromEntries(units.map((unit) => [unit, fc.nat(5)]))),
      dossiers: fc.record(Object.fromEntries(units.map((unit) => [unit, dossiersArbitrary]))),
      onlineShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  );

const openOn = (boards: Boards, unit: string, day: string) => (boards.dossiers[unit] ?? []).filter((d) => d.received < day && (d.closed === undefined || d.closed >= day)).length;
const overdueOf = (boards: Boards, unit: string) => Math.min(boards.overdue[unit] ?? 0, openOn(boards, unit, '2026-04-01'));

const part = (id: string) => id.replaceAll('%', '%25').replaceAll('/', '%2F');
const unpart = (p: string) => p.replaceAll('%2F', '/').replaceAll('%25', '%');

/** The read models as a report reads them, over `boards`; every key asked for is recorded. */
const readerOf = (boards: Boards) => {
  const asked: string[] = [];
  const unitOf = (p: string) => Object.keys(boards.days).find((unit) => part(unit) === p);
  const receivedIn = (unit: string) => Object.values(boards.days[unit] ?? {}).reduce((sum, day) => sum + day.received, 0);
  const reader: FigureReader = {
    figure: async (readModel, key): Promise<Figure | undefined> => {
      asked.push(key);
      const [, , p, day, metric] = key.split('/') as [string, string, string, string, string];
      const unit = unitOf(p);
      if (readModel !== 'unit-board' || unit === undefined) return undefined;
      // Overdue dossiers are among the open ones.
      if (metric === 'overdue') return day === '2026-04-01' ? { readModel, key, value: overdueOf(boards, unit), ruleSetVersions: [] } : undefined;
      const counts = boards.days[unit]?.[day];
      return counts === undefined ? undefined : { readModel, key, value: counts[metric as keyof Day], ruleSetVersions: [] };
    },
    explain: async (readModel, key): Promise<ExplainedFigure | undefined> => {
      asked.push(key);
      const unit = unitOf(key.split('/')[3] ?? '');
      if (readModel !== 'service-index-766' || unit === undefined || !key.endsWith('/month/2026-03/onlineService')) return undefined;
      const received = receivedIn(unit);
      const online = Math.floor(received * boards.onlineShare);
      return { readModel, key, value: 0, ruleSetVersions: [], contributions: [], steps: [{ label: 'filed online', op: 'count', inputs: [], result: online }, { label: 'received', op: 'count', inputs: [], result: received }] };
    },
    keys: async (readModel, prefix) => {
      asked.push(prefix);
      const [, , p, monthDash] = prefix.split('/') as [string, string, string, string];
      const unit = unitOf(p);
      if (readModel !== 'unit-board' || unit === undefined) return [];
      return Object.keys(boards.days[unit] ?? {}).filter((day) => day.startsWith(monthDash)).flatMap((day) => [...COUNTS, 'overdue'].map((metric) => `${TENANT}/board/${p}/${day}/${metric}`)).sort();
    },
    documents: async (_readModel, prefix) => {
      asked.push(prefix);
      const [, kind, p, month] = prefix.split('/') as [string, string, string, string | undefined];
      const unit = unitOf(p);
      if (unit === undefined) return [];
      // Filed as the board files them: open ones once, closed ones under each month from receipt to close.
      const monthsFrom = (from: string, to: string) => ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].filter((m) => m >= from.slice(0, 7) && m <= to.slice(0, 7));
      const dossiers = boards.dossiers[unit] ?? [];
      if (kind === 'board-open') return dossiers.filter((d) => d.closed === undefined).map((d) => [`${TENANT}/board-open/${p}/${d.code}`, { kind: 'dossier', ...d }] as const);
      return dossiers.filter((d) => d.closed !== undefined && monthsFrom(d.received, d.closed!).includes(month ?? '')).map((d) => [`${TENANT}/board-closed/${p}/${month}/${d.code}`, { kind: 'dossier', ...d }] as const);
    },
    documentKeys: async (_readModel, prefix) => {
      asked.push(prefix);
      return Object.keys(boards.days).map((unit) => `${TENANT}/board-month/${part(unit)}/2026-03`);
    },
  };
  return { reader, asked };
};

const MARCH = parsePeriod('2026-03')!;
const now = new Date('2026-04-02T00:00:00Z');
const sumOf = (boards: Boards, unit: string, metric: (typeof COUNTS)[number]) => Object.values(boards.days[unit] ?? {}).reduce((sum, day) => sum + day[metric], 0);
const valueAt = (report: Report, row: string, column: string) => report.rows.find((r) => r.id === row)?.cells[column]?.value;

describe('the periodic report on dossier processing', () => {
  it("gives each unit the sums of its board's daily figures, the province the sum of its units, and reads only its province's keys", async () => {
    await fc.assert(
      fc.asyncProperty(boardsArbitrary, async (boards) => {
        const { reader, asked } = readerOf(boards);
        const report = await processingReport(reader, { tenantId: TENANT, period: MARCH, now });
        const units = Object.keys(boards.days).sort();
        expect(report.rows.map((row) => row.id)).toEqual([...units, TENANT]);
        for (const unit of units) {
          expect(valueAt(report, unit, 'newTotal')).toBe(sumOf(boards, unit, 'received'));
          expect(valueAt(report, unit, 'resolvedEarly')).toBe(sumOf(boards, unit, 'returnedEarly'));
          expect(valueAt(report, unit, 'resolvedLate')).toBe(sumOf(boards, unit, 'returnedLate'));
          expect(valueAt(report, unit, 'resolvedTotal')).toBe(sumOf(boards, unit, 'returnedEarly') + sumOf(boards, unit, 'returnedOnTime') + sumOf(boards, unit, 'returnedLate'));
          expect(valueAt(report, unit, 'pendingOverdue')).toBe(overdueOf(boards, unit));
          expect((valueAt(report, unit, 'newOnline') ?? 0) + (valueAt(report, unit, 'newInPerson') ?? 0)).toBe(sumOf(boards, unit, 'received'));
          expect(valueAt(report, unit, 'carriedOver')).toBe(openOn(boards, unit, '2026-03-01'));
          expect(valueAt(report, unit, 'receivedTotal')).toBe(openOn(boards, unit, '2026-03-01') + sumOf(boards, unit, 'received'));
          expect((valueAt(report, unit, 'pendingInTime') ?? 0) + (valueAt(report, unit, 'pendingOverdue') ?? 0)).toBe(openOn(boards, unit, '2026-04-01'));
        }
        for (const column of PROCESSING_COLUMNS) {
          expect(valueAt(report, TENANT, column.id)).toBe(units.reduce((sum, unit) => sum + (valueAt(report, unit, column.id) ?? 0), 0));
        }
        expect(asked.every((key) => key.startsWith(`${TENANT}/`))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('adds up to each cell from the figures it names (a sum re-adds, a figure is itself)', async () => {
    await fc.assert(
      fc.asyncProperty(boardsArbitrary, async (boards) => {
        const { reader } = readerOf(boards);
        const report = await processingReport(reader, { tenantId: TENANT, period: MARCH, now });
        for (const column of report.columns) {
          // A difference's sources are what is taken away too, so a sum of differences does not re-add from them.
          const differences = report.rows.some((row) => row.cells[column.id]?.derivation === 'difference');
          for (const row of report.rows) {
            const cell = row.cells[column.id]!;
            if (cell.derivation === 'count') expect(cell.value).toBe(cell.sources.length);
            if (cell.value === null || cell.derivation !== 'sum' || differences || cell.sources.some((source) => source.step !== undefined || source.document === true)) continue;
            let total = 0;
            for (const source of cell.sources) total += (await reader.figure(source.readModel, source.key))?.value ?? Number.NaN;
            expect(total).toBe(cell.value);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reads back from its XLSX and CSV as it was computed, every cell with its keys in the sources sheet', async () => {
    await fc.assert(
      fc.asyncProperty(boardsArbitrary, async (boards) => {
        const { reader } = readerOf(boards);
        const report = await processingReport(reader, { tenantId: TENANT, period: MARCH, now });
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load((await reportXlsx(report)) as unknown as ArrayBuffer);
        const sheet = workbook.getWorksheet('report')!;
        const sourceRows: string[][] = [];
        workbook.getWorksheet('sources')!.eachRow((row, n) => {
          if (n > 1) sourceRows.push((row.values as unknown[]).slice(1).map((value) => String(value ?? '')));
        });
        const csvLines = reportCsv(report).replace(/^\uFEFF/, '').split('\r\n');
        report.rows.forEach((row, r) => {
          expect(sheet.getCell(`A${TABLE.firstDataRow + r}`).value).toBe(row.label);
          expect(csvLines[TABLE.firstDataRow - 1 + r]?.split(',')[0]).toBe(row.label.includes(',') ? `"${row.label}"` : row.label);
          report.columns.forEach((column, c) => {
            const cell = row.cells[column.id]!;
            const ref = cellRef(r, c);
            const read = sheet.getCell(ref).value;
            expect(read === null || read === '' ? null : read).toBe(cell.value);
            const keys = sourceRows.filter((line) => line[0] === ref).map((line) => line[6]).filter((key) => key !== '');
            expect(keys).toEqual(cell.sources.map((source) => source.key));
          });
        });
      }),
      { numRuns: 15 },
    );
  });

  it('prints as HTML with no script, each single-figure cell naming its key', async () => {
    const boards: Boards = { days: { 'tn-hcc': { '2026-03-02': { received: 3, returnedEarly: 1, returnedOnTime: 0, returnedLate: 0 } } }, overdue: { 'tn-hcc': 1 }, dossiers: { 'tn-hcc': [{ code: 'D-1', received: '2026-02-27' }] }, onlineShare: 0.5 };
    const report = await processingReport(readerOf(boards).reader, { tenantId: TENANT, unitId: 'tn-hcc', period: MARCH, now });
    const html = reportHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`data-key="${TENANT}/board/tn-hcc/2026-04-01/overdue"`);
    expect(html).toContain(`href="/dashboard/#explain/unit-board/${encodeURIComponent(`${TENANT}/board/tn-hcc/2026-03-02/received`)}"`);
    expect(html).toContain('href="/dashboard/#dossier/D-1"');
    // Served under a prefix, the links lead to the dashboard under it.
    const prefixed = reportHtml(report, { dashboard: '/api/motcua/dashboard/' });
    expect(prefixed).toContain(`href="/api/motcua/dashboard/#explain/unit-board/${encodeURIComponent(`${TENANT}/board/tn-hcc/2026-03-02/received`)}"`);
    expect(prefixed).toContain('href="/api/motcua/dashboard/#dossier/D-1"');
    expect(prefixed).not.toContain('href="/dashboard/');
    expect(unpart(part('a/b%c'))).toBe('a/b%c');
  });
});
