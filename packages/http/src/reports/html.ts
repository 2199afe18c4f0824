import { cellRef, periodText, scopeText, shownValue } from './layout.js';
import type { CellSource, Report, ReportCell } from './report.js';

const escape = (text: string | number): string =>
  String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The dashboard's page, at the root of the server; under the prefix an application mounts motcua at, if any. */
const DASHBOARD = '/dashboard/';

/** The dashboard's explanation of a figure (it reads the figure with the caller's token). */
export const explainLink = (readModel: string, key: string, dashboard = DASHBOARD): string => `${dashboard}#explain/${encodeURIComponent(readModel)}/${encodeURIComponent(key)}`;

/** Where a source opens in the dashboard: a figure's explanation, or the history of the dossier a document is about (its key's last part). */
const sourceLink = (source: CellSource, dashboard: string): string =>
  source.document === true ? `${dashboard}#dossier/${encodeURIComponent(source.key.slice(source.key.lastIndexOf('/') + 1))}` : explainLink(source.readModel, source.key, dashboard);

const STYLE = `body{font:11pt/1.35 "DejaVu Sans",Arial,sans-serif;margin:1.5cm;color:#111}
h1{font-size:14pt;margin:0 0 .3em}p.meta{margin:0 0 1em;color:#333}
table{border-collapse:collapse;width:100%;font-size:10pt}th,td{border:1px solid #888;padding:3px 5px}
th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:bold}
td.nm{color:#777;font-style:italic;text-align:center}a{color:inherit;text-decoration:none}a:hover{text-decoration:underline}
ol.notes{font-size:9.5pt}section.sources{font-size:8.5pt;page-break-before:always}section.sources td{font-family:monospace}
@page{size:A4 landscape;margin:1.2cm}@media print{body{margin:0}a{color:inherit}}`;

const cellHtml = (cell: ReportCell | undefined, ref: string, shown: string | number, dashboard: string): string => {
  if (cell === undefined) return '<td></td>';
  const title = [cell.notMeasured === undefined ? '' : `not measured: ${cell.notMeasured}`, ...cell.sources.slice(0, 20).map((source) => `${source.readModel} ${source.key}${source.step === undefined ? '' : ` (step: ${source.step})`}`)]
    .filter((part) => part !== '')
    .join('\n');
  const only = cell.sources.length === 1 ? cell.sources[0] : undefined;
  const href = only !== undefined ? sourceLink(only, dashboard) : `#src-${ref}`;
  const text = cell.value === null ? 'not measured' : String(shown);
  const keyAttribute = only === undefined || only.document === true ? '' : ` data-key="${escape(only.key)}"`;
  return `<td id="${ref}" class="${cell.value === null ? 'nm' : 'n'}" title="${escape(title)}"${keyAttribute}><a href="${escape(href)}">${escape(text)}</a></td>`;
};

/**
 * The report as a print-ready HTML page (A4 landscape): the table, its notes, and a last section with
 * every cell's sources; a cell's value links to its figure's explanation in the dashboard, or to its
 * sources when it adds several. No script: the page is a document. `dashboard` is the dashboard's page
 * the links lead to (`/api/motcua/dashboard/` under a prefix).
 */
export const reportHtml = (report: Report, { dashboard = DASHBOARD }: { readonly dashboard?: string } = {}): string => {
  const groups: { label: string; span: number }[] = [];
  for (const column of report.columns) {
    const label = column.group ?? '';
    const last = groups[groups.length - 1];
    if (last !== undefined && last.label === label && label !== '') last.span += 1;
    else groups.push({ label, span: 1 });
  }
  const second = report.columns.filter((column) => column.group !== undefined).map((column) => `<th>${escape(column.label)}</th>`).join('');
  // An ungrouped column spans both header rows: its label goes in the first.
  let groupIndex = 0;
  const firstRow = `<tr><th rowspan="2">unit</th>${groups
    .map((group) => {
      const column = report.columns[groupIndex];
      groupIndex += group.span;
      return group.label === '' ? `<th rowspan="2">${escape(column?.label ?? '')}</th>` : `<th colspan="${group.span}">${escape(group.label)}</th>`;
    })
    .join('')}</tr>`;
  const body = report.rows
    .map(
      (row, r) =>
        `<tr${row.total === true ? ' class="total"' : ''}><th scope="row">${escape(row.label)}</th>${report.columns
          .map((column, c) => {
            const cell = row.cells[column.id];
            return cellHtml(cell, cellRef(r, c), cell === undefined ? '' : shownValue(cell, column), dashboard);
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const sources = report.rows
    .flatMap((row, r) =>
      report.columns.map((column, c) => {
        const cell = row.cells[column.id];
        if (cell === undefined) return '';
        const ref = cellRef(r, c);
        const list = cell.sources.map((source) => `<a href="${escape(sourceLink(source, dashboard))}">${escape(source.readModel)}${source.document === true ? ' document' : ''} ${escape(source.key)}</a>${source.step === undefined ? '' : ` (step: ${escape(source.step)})`}`);
        const what = cell.notMeasured === undefined ? cell.derivation : `not measured: ${escape(cell.notMeasured)}`;
        return `<tr id="src-${ref}"><th>${ref}</th><td>${escape(row.label)} · ${escape(column.group === undefined ? column.label : `${column.group}: ${column.label}`)}</td><td>${what}</td><td>${list.join('<br>') || '–'}</td></tr>`;
      }),
    )
    .filter((line) => line !== '')
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(report.title)} · ${escape(report.period.key)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(report.title)}</h1>
<p class="meta">Province <b>${escape(report.tenantId)}</b> · period <b>${escape(periodText(report))}</b> · ${escape(scopeText(report))} · computed ${escape(report.computedAt)}</p>
<table class="report">
<thead>${firstRow}<tr>${second}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<ol class="notes">${report.notes.map((note) => `<li>${escape(note)}</li>`).join('')}</ol>
<section class="sources">
<h2>Sources of every cell</h2>
<table><thead><tr><th>cell</th><th>row · column</th><th>derivation</th><th>read-model figures</th></tr></thead>
<tbody>
${sources}
</tbody></table>
</section>
</body>
</html>
`;
};
