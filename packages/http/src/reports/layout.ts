import type { Report, ReportCell, ReportColumn } from './report.js';

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export const columnLetter = (index: number): string => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

/** Where the table starts in every format: the row of the first data row (1-based) and its first value column. */
export const TABLE = { headerRows: 2, firstDataRow: 6, firstValueColumn: 1 } as const;

/** The spreadsheet reference of a data cell (`C7`), the same in the XLSX, the CSV's source list and the HTML's. */
export const cellRef = (rowIndex: number, columnIndex: number): string => `${columnLetter(TABLE.firstValueColumn + columnIndex)}${TABLE.firstDataRow + rowIndex}`;

/** What a cell shows: its number, the band's label, or nothing when not measured. */
export const shownValue = (cell: ReportCell, column: ReportColumn): string | number => {
  if (column.kind === 'band') return cell.label ?? '';
  return cell.value ?? '';
};

export const scopeText = (report: Report): string => (report.scope.kind === 'province' ? `province ${report.scope.id}` : `unit ${report.scope.id}`);

export const periodText = (report: Report): string => `${report.period.key} (${report.period.start} to ${report.period.end})`;

/** One line per source of every cell (a not-measured cell without sources gets one line with its reason). */
export interface SourceLine {
  readonly cell: string;
  readonly row: string;
  readonly column: string;
  readonly value: string | number;
  readonly derivation: string;
  readonly readModel: string;
  readonly key: string;
  readonly step: string;
  readonly notMeasured: string;
  /** `figure` (a figure key), `step` (a step of a figure's explanation) or `document` (a read-model document a count lists). */
  readonly source: string;
}

export const sourceLines = (report: Report): SourceLine[] =>
  report.rows.flatMap((row, r) =>
    report.columns.flatMap((column, c) => {
      const cell = row.cells[column.id];
      if (cell === undefined) return [];
      const base = { cell: cellRef(r, c), row: row.label, column: column.group === undefined ? column.label : `${column.group}: ${column.label}`, value: shownValue(cell, column), derivation: cell.derivation, notMeasured: cell.notMeasured ?? '' };
      if (cell.sources.length === 0) return [{ ...base, readModel: '', key: '', step: '', source: '' }];
      return cell.sources.map((source) => ({ ...base, readModel: source.readModel, key: source.key, step: source.step ?? '', source: source.document === true ? 'document' : source.step === undefined ? 'figure' : 'step' }));
    }),
  );
