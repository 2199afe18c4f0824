import type { RecordedEvent } from '../../kernel/envelope.js';
import type { Verdict } from '../verdict.js';
import { writeHtml } from './html.js';
import type { ReportLanguage } from './labels.js';
import { writeMarkdown } from './markdown.js';
import { reportModel } from './model.js';

export { escapeHtml, escapeMarkdown } from './escape.js';
export { REPORT_LABELS, REPORT_LANGUAGES, type ReportLabels, type ReportLanguage } from './labels.js';
export { reportModel, type ReportEvent, type ReportModel, type ReportStep } from './model.js';
export { renderWhatIfReport } from './what-if.js';

/** The formats a verdict's report is written in. */
export type ReportFormat = 'md' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html'];

/** The media type of a report of each format. */
export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = { md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' };

/**
 * A verdict as a report the citizen and the officer concerned can read (docs/audit.md, "Reports and
 * HTTP"): the question, the answer, each step in plain words with its rule and source page (in a
 * Vietnamese report, worded from the step's id and values by `vi/`; a step without wording shows the
 * verdict's English finding, marked), the events it rests on (type, stream, version, position,
 * occurred and recorded at), the versions applied and the moment. `events` are the verdict's own (as `computeVerdictFromStore` returns them); one missing
 * is listed by its position. Vietnamese by default.
 */
export const renderVerdictReport = (
  input: { readonly verdict: Verdict; readonly events: readonly RecordedEvent[] },
  options: { readonly format: ReportFormat; readonly lang?: ReportLanguage },
): string => {
  const model = reportModel(input.verdict, input.events, options.lang ?? 'vi');
  return options.format === 'html' ? writeHtml(model) : writeMarkdown(model);
};
