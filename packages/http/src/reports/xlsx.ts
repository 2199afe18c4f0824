import ExcelJS from 'exceljs';
import { cellRef, periodText, scopeText, shownValue, sourceLines, TABLE } from './layout.js';
import type { Report } from './report.js';

/** Sources shown in a cell's note; the `sources` sheet lists them all. */
const NOTE_SOURCES = 12;

/**
 * The report as an XLSX workbook: the sheet `report` laid out as the CSV (title, period, two header
 * rows, one row per unit, the province last), each cell's sources in its note, and the sheet `sources`
 * with one row per source of every cell (the cell reference, read model and key).
 */
export const reportXlsx = async (report: Report): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  workbook.created = new Date(report.computedAt);
  const sheet = workbook.addWorksheet('report', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.getCell('A1').value = report.title;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getRow(2).values = ['province', report.tenantId, 'period', periodText(report), 'scope', scopeText(report)];
  sheet.getRow(TABLE.firstDataRow - TABLE.headerRows).values = ['', ...report.columns.map((column) => column.group ?? '')];
  sheet.getRow(TABLE.firstDataRow - 1).values = ['unit', ...report.columns.map((column) => column.label)];
  for (const r of [TABLE.firstDataRow - 2, TABLE.firstDataRow - 1]) sheet.getRow(r).font = { bold: true };
  report.rows.forEach((row, r) => {
    const excelRow = sheet.getRow(TABLE.firstDataRow + r);
    excelRow.getCell(1).value = row.label;
    if (row.total === true) excelRow.font = { bold: true };
    report.columns.forEach((column, c) => {
      const cell = row.cells[column.id];
      if (cell === undefined) return;
      const target = sheet.getCell(cellRef(r, c));
      target.value = shownValue(cell, column);
      const keys = cell.sources.slice(0, NOTE_SOURCES).map((source) => `${source.readModel} ${source.document === true ? 'document ' : ''}${source.key}${source.step === undefined ? '' : ` (step: ${source.step})`}`);
      const more = cell.sources.length > NOTE_SOURCES ? [`… ${cell.sources.length - NOTE_SOURCES} more in the sources sheet`] : [];
      const reason = cell.notMeasured === undefined ? [] : [`not measured: ${cell.notMeasured}`];
      const note = [...reason, ...(cell.sources.length > 0 ? [`${cell.derivation} of:`] : []), ...keys, ...more].join('\n');
      if (note !== '') target.note = note;
    });
  });
  let next = TABLE.firstDataRow + report.rows.length + 1;
  for (const note of report.notes) sheet.getCell(`A${next++}`).value = note;
  sheet.getColumn(1).width = 28;
  report.columns.forEach((_column, c) => (sheet.getColumn(TABLE.firstValueColumn + c + 1).width = 14));

  const sources = workbook.addWorksheet('sources');
  sources.columns = [
    { header: 'cell', key: 'cell', width: 8 },
    { header: 'row', key: 'row', width: 24 },
    { header: 'column', key: 'column', width: 28 },
    { header: 'value', key: 'value', width: 10 },
    { header: 'derivation', key: 'derivation', width: 11 },
    { header: 'read model', key: 'readModel', width: 18 },
    { header: 'key', key: 'key', width: 80 },
    { header: 'step', key: 'step', width: 16 },
    { header: 'not measured', key: 'notMeasured', width: 60 },
    { header: 'source', key: 'source', width: 10 },
  ];
  sources.getRow(1).font = { bold: true };
  for (const line of sourceLines(report)) sources.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
