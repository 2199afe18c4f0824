import { idOfKeyPart, keyPart, type Period } from '@motcua/core';
import { figureCell } from './cells.js';
import type { FigureReader } from './figure-reader.js';
import type { Report, ReportColumn, ReportForm, ReportRow } from './report.js';

/** A form whose cells are figures of one read model, per unit and for the province: `<segment>/<unit|province>/<id>/<grain>/<period>/<metric>`. */
interface IndexForm {
  readonly form: ReportForm;
  readonly title: string;
  readonly readModel: string;
  readonly segment: string;
  readonly columns: readonly ReportColumn[];
  readonly notes: readonly string[];
}

/** Circular 01/2018 satisfaction evaluation (docs/domain/reports.md §2). */
export const CIRCULAR01_FORM: IndexForm = {
  form: 'circular01',
  title: 'Evaluation of satisfaction with the resolution of administrative procedures (Circular 01/2018)',
  readModel: 'circular01',
  segment: 'tt01',
  columns: [
    ...['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9'].map((id, i): ReportColumn => ({ id, group: 'indices', label: `index ${i + 1}`, kind: 'points' })),
    { id: 'total', label: 'total', kind: 'points' },
    { id: 'band', label: 'band', kind: 'band' },
  ],
  notes: [
    'Indices 1–4 and 7: means over the dossiers returned in the period; 8: from the feedback received, else the unit-level input, else 2 (none received), and 0 with a protracted case in the inputs; 5, 6, 9: from the unit-level inputs (circular01 read model).',
    'Band: the label of the total under the rule set in force on the period\'s last day.',
  ],
};

/** Decision 766/QĐ-TTg service index (docs/domain/reports.md §3). */
export const INDEX766_FORM: IndexForm = {
  form: 'index766',
  title: 'Index of service to citizens and businesses (Decision 766/QĐ-TTg)',
  readModel: 'service-index-766',
  segment: 'index766',
  columns: [
    { id: 'transparency', group: 'components', label: 'transparency', kind: 'points' },
    { id: 'progress', group: 'components', label: 'progress', kind: 'points' },
    { id: 'onlineService', group: 'components', label: 'online service', kind: 'points' },
    { id: 'onlinePayment', group: 'components', label: 'online payment', kind: 'points' },
    { id: 'digitisation', group: 'components', label: 'digitisation', kind: 'points' },
    { id: 'satisfaction', group: 'components', label: 'satisfaction', kind: 'points' },
    { id: 'total', label: 'total (100)', kind: 'points' },
  ],
  notes: ['A component no event carries and no unit-level input gives is not measured, and neither is the total then (service-index-766 read model).'],
};

const metricOf = (column: ReportColumn): string => (column.id === 'band' ? 'total' : column.id);

const indexRow = async (reader: FigureReader, form: IndexForm, base: string, id: string, label: string, total: boolean): Promise<ReportRow> => {
  const cells = await Promise.all(form.columns.map(async (column) => [column.id, await figureCell(reader, form.readModel, `${base}/${metricOf(column)}`)] as const));
  // The band column shows the total figure's label (`metricOf`).
  return { id, label, ...(total ? { total } : {}), cells: Object.fromEntries(cells) };
};

/** Units with figures of the form for the period (those its keys are listed for). */
const unitsWithFigures = async (reader: FigureReader, form: IndexForm, tenantId: string, period: Period): Promise<string[]> => {
  const prefix = `${tenantId}/${form.segment}/unit/`;
  const units = new Set<string>();
  for (const key of await reader.keys(form.readModel, prefix)) {
    const [unit, grain, periodKey] = key.slice(prefix.length).split('/');
    if (unit !== undefined && grain === period.grain && periodKey === period.key) units.add(idOfKeyPart(unit));
  }
  return [...units].sort();
};

export const indexReport = async (
  reader: FigureReader,
  form: IndexForm,
  { tenantId, unitId, period, now }: { readonly tenantId: string; readonly unitId?: string; readonly period: Period; readonly now: Date },
): Promise<Report> => {
  const at = `${period.grain}/${period.key}`;
  const units = unitId === undefined ? await unitsWithFigures(reader, form, tenantId, period) : [unitId];
  const rows: ReportRow[] = [];
  for (const unit of units) rows.push(await indexRow(reader, form, `${tenantId}/${form.segment}/unit/${keyPart(unit)}/${at}`, unit, unit, false));
  if (unitId === undefined) rows.push(await indexRow(reader, form, `${tenantId}/${form.segment}/province/${keyPart(tenantId)}/${at}`, tenantId, `province ${tenantId}`, true));
  return {
    form: form.form,
    title: form.title,
    tenantId,
    period,
    scope: unitId === undefined ? { kind: 'province', id: tenantId } : { kind: 'unit', id: unitId },
    columns: form.columns,
    rows,
    notes: form.notes,
    computedAt: now.toISOString(),
  };
};
