import { periodText, scopeText, shownValue, sourceLines } from './layout.js';
import type { Report } from './report.js';

const quote = (value: string | number): string => {
  const text = String(value);
  // A cell starting with = + - @ would be a formula in a spreadsheet: prefixed with a quote mark.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};
const line = (values: readonly (string | number)[]): string => `${values.map(quote).join(',')}\r\n`;

/**
 * The report as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read Vietnamese names):
 * the title and period, the table, its notes, then one line per source of every cell (read model and
 * key), the cells named as in the XLSX (`C7`).
 */
export const reportCsv = (report: Report): string => {
  let text = '\uFEFF';
  text += line([report.title]);
  text += line(['province', report.tenantId, 'period', periodText(report), 'scope', scopeText(report)]);
  text += line([]);
  text += line(['', ...report.columns.map((column) => column.group ?? '')]);
  text += line(['unit', ...report.columns.map((column) => column.label)]);
  for (const row of report.rows) text += line([row.label, ...report.columns.map((column) => (row.cells[column.id] === undefined ? '' : shownValue(row.cells[column.id]!, column)))]);
  text += line([]);
  for (const note of report.notes) text += line([note]);
  text += line([]);
  text += line(['cell', 'row', 'column', 'value', 'derivation', 'read model', 'key', 'step', 'not measured', 'source']);
  for (const source of sourceLines(report)) {
    text += line([source.cell, source.row, source.column, source.value, source.derivation, source.readModel, source.key, source.step, source.notMeasured, source.source]);
  }
  return text;
};
