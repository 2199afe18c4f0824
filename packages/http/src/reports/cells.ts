import type { FigureReader } from './figure-reader.js';
import { notMeasured, type ReportCell } from './report.js';

/** One figure as a cell: its value, band and "not measured" as the read model gives them. */
export const figureCell = async (reader: FigureReader, readModel: string, key: string): Promise<ReportCell> => {
  const figure = await reader.figure(readModel, key);
  const sources = [{ readModel, key }];
  if (figure === undefined) return notMeasured(`${readModel} has no figure ${key}`, sources);
  if (figure.value === null) return notMeasured(figure.notMeasured ?? 'not measured', sources);
  return { value: figure.value, ...(figure.label === undefined ? {} : { label: figure.label }), derivation: 'figure', sources };
};

/** The result of the explanation's step labelled `step` (a count the figure is made from). */
export const stepCell = async (reader: FigureReader, readModel: string, key: string, step: string): Promise<ReportCell> => {
  const explained = await reader.explain(readModel, key);
  const sources = [{ readModel, key, step }];
  if (explained === undefined) return notMeasured(`${readModel} has no figure ${key}`, sources);
  const found = explained.steps.find((candidate) => candidate.label === step);
  if (found === undefined) return notMeasured(explained.notMeasured ?? `the explanation of ${key} has no step "${step}"`, sources);
  return { value: found.result, derivation: 'figure', sources };
};
