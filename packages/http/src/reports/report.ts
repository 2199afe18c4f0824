import type { Period } from '@motcua/core';

/**
 * Where a report cell's number comes from: a read-model figure key, or one step of its explanation
 * (`step`: the label of the arithmetic step whose result the cell takes). A cell summing figures
 * names each of them.
 */
export interface CellSource {
  readonly readModel: string;
  readonly key: string;
  readonly step?: string;
  /** A document of the read model's projection (a dossier a count lists), not a figure key. */
  readonly document?: true;
}

/** A number of a statutory form, or why the read models do not measure it. */
export interface ReportCell {
  /** `null` when not measured. */
  readonly value: number | null;
  /** A label the figure maps to (a band), when it has one. */
  readonly label?: string;
  readonly notMeasured?: string;
  /**
   * How the value is made from its sources: `figure` (one), `sum` (of all), `difference` (the first
   * cell's sources less the second's), `count` (of the documents listed).
   */
  readonly derivation: 'figure' | 'sum' | 'difference' | 'count' | 'none';
  readonly sources: readonly CellSource[];
}

export interface ReportColumn {
  readonly id: string;
  /** Heading above several columns (`received`, `resolved`, `pending`). */
  readonly group?: string;
  readonly label: string;
  /** Numbers (counts, points, per cent) are right-aligned; `band` columns hold labels. */
  readonly kind?: 'count' | 'share' | 'points' | 'band';
}

export interface ReportRow {
  readonly id: string;
  readonly label: string;
  /** The province's row (sum or figure of the whole province). */
  readonly total?: boolean;
  readonly cells: Readonly<Record<string, ReportCell>>;
}

export const REPORT_FORMS = ['processing', 'circular01', 'index766'] as const;
export type ReportForm = (typeof REPORT_FORMS)[number];

/** One statutory report, every cell with its sources (docs/domain/reports.md). */
export interface Report {
  readonly form: ReportForm;
  readonly title: string;
  readonly tenantId: string;
  readonly period: Period;
  /** A unit, or the whole province. */
  readonly scope: { readonly kind: 'unit' | 'province'; readonly id: string };
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  /** Notes printed under the table (what a column counts, what is not measured and why). */
  readonly notes: readonly string[];
  /** When the report was computed (ISO instant). */
  readonly computedAt: string;
}

export const notMeasured = (reason: string, sources: readonly CellSource[] = []): ReportCell => ({ value: null, notMeasured: reason, derivation: 'none', sources });

/** The sum of cells; not measured when any part is not. */
export const sumCells = (cells: readonly ReportCell[]): ReportCell => {
  const missing = cells.find((cell) => cell.value === null);
  const sources = cells.flatMap((cell) => cell.sources);
  if (missing !== undefined) return notMeasured(missing.notMeasured ?? 'a part is not measured', sources);
  return { value: cells.reduce((total, cell) => total + (cell.value as number), 0), derivation: 'sum', sources };
};

/** `a - b`; not measured when either is not. */
export const differenceOf = (a: ReportCell, b: ReportCell): ReportCell => {
  const sources = [...a.sources, ...b.sources];
  if (a.value === null || b.value === null) return notMeasured(a.notMeasured ?? b.notMeasured ?? 'a part is not measured', sources);
  return { value: a.value - b.value, derivation: 'difference', sources };
};
