import type { Verdict } from '../verdict.js';
import type { VerdictDifference, WhatIf, WhatIfChange } from '../what-if.js';
import { answerOf } from './answer.js';
import { escapeHtml as h, escapeMarkdown as md } from './escape.js';
import { REPORT_LABELS, type ReportLanguage } from './labels.js';
import { findingOf } from './model.js';

/**
 * A what-if as a report (docs/audit.md, "What-if"): the question, the two answers side by side, what
 * the alternative changes, what the recorded facts keep (ADR 0003), and each difference named.
 */
const WORDS = {
  vi: {
    title: (kind: string, subject: string) => `Giả định: kết luận kiểm tra ${kind} ${subject} theo quy định khác`,
    sides: 'Hai kết luận, cạnh nhau',
    base: 'Theo quy định, lịch đã ghi nhận',
    alternative: 'Theo giả định',
    changes: 'Những gì giả định thay đổi',
    recorded: 'Sự kiện đã ghi nhận (nguyên văn tiếng Anh)',
    differences: 'Các điểm khác nhau',
    noDifference: 'Không có điểm nào khác nhau.',
    columns: { what: 'Bộ quy định / lịch', field: 'Trường', base: 'Đã ghi nhận', alternative: 'Giả định', applied: 'Kết luận có áp dụng', where: 'Ở đâu', name: 'Mục' },
    yes: 'có',
    no: 'không',
    calendar: 'lịch làm việc',
    outcome: 'kết luận',
    absent: '(không có)',
  },
  en: {
    title: (kind: string, subject: string) => `What-if: the audit verdict on ${kind} ${subject} under other rules`,
    sides: 'The two answers, side by side',
    base: 'As recorded',
    alternative: 'Under the alternative',
    changes: 'What the alternative changes',
    recorded: 'The recorded facts',
    differences: 'Differences',
    noDifference: 'Nothing differs.',
    columns: { what: 'Rule set / calendar', field: 'Field', base: 'Recorded', alternative: 'Alternative', applied: 'Applied by the verdict', where: 'Where', name: 'What' },
    yes: 'yes',
    no: 'no',
    calendar: 'calendar',
    outcome: 'answer',
    absent: '(none)',
  },
} as const;

type Words = (typeof WORDS)[ReportLanguage];

const shown = (value: unknown, words: Words): string => (value === undefined ? words.absent : String(value));
const changeRow = (change: WhatIfChange, words: Words): string[] => [
  change.what === 'calendar' ? words.calendar : (change.ruleSetId ?? ''),
  change.field,
  shown(change.base, words),
  shown(change.alternative, words),
  change.applied ? words.yes : words.no,
];
const differenceRow = (difference: VerdictDifference, words: Words, step: (id: string) => string): string[] => [
  difference.stepId === undefined ? (difference.in === 'outcome' ? words.outcome : difference.in) : `${step(difference.stepId)} (${difference.stepId})`,
  difference.name,
  shown(difference.base, words),
  shown(difference.alternative, words),
];

export const renderWhatIfReport = (whatIf: WhatIf, options: { readonly format: 'md' | 'html'; readonly lang?: ReportLanguage }): string => {
  const lang = options.lang ?? 'vi';
  const labels = REPORT_LABELS[lang];
  const words = WORDS[lang];
  const title = words.title(labels.kind[whatIf.kind], whatIf.subject);
  const answer = (verdict: Verdict) => {
    const last = verdict.steps[verdict.steps.length - 1];
    return answerOf(verdict, lang, last === undefined ? undefined : findingOf(verdict, last, new Map(), lang).finding);
  };
  const answers: [string, string, string][] = [
    [words.base, whatIf.base.label, answer(whatIf.base.verdict)],
    [words.alternative, whatIf.alternative.label, answer(whatIf.alternative.verdict)],
  ];
  const c = words.columns;
  const changes = whatIf.alternative.changes.map((change) => changeRow(change, words));
  const differences = whatIf.differences.map((difference) => differenceRow(difference, words, labels.step));
  if (options.format === 'md') {
    const row = (cells: readonly string[]) => `| ${cells.map(md).join(' | ')} |`;
    return [
      `# ${md(title)}`,
      '',
      `${md(labels.province)}: ${md(whatIf.tenantId)}`,
      '',
      `## ${md(labels.headings.question)}`,
      '',
      md(labels.question(whatIf.kind, whatIf.subject)),
      '',
      `## ${md(words.sides)}`,
      '',
      ...answers.map(([side, label, answer]) => `- **${md(side)}** (${md(label)}): ${md(answer)}`),
      '',
      `## ${md(words.changes)}`,
      '',
      row([c.what, c.field, c.base, c.alternative, c.applied]),
      '| --- | --- | --- | --- | --- |',
      ...changes.map(row),
      '',
      `## ${md(words.recorded)}`,
      '',
      md(whatIf.recordedFacts),
      '',
      `## ${md(words.differences)}`,
      '',
      ...(differences.length === 0 ? [md(words.noDifference)] : [row([c.where, c.name, c.base, c.alternative]), '| --- | --- | --- | --- |', ...differences.map(row)]),
      '',
    ].join('\n');
  }
  const table = (head: readonly string[], rows: readonly string[][]) =>
    `<table><thead><tr>${head.map((cell) => `<th>${h(cell)}</th>`).join('')}</tr></thead><tbody>\n${rows.map((cells) => `<tr>${cells.map((cell) => `<td>${h(cell)}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    `<head><meta charset="utf-8"><title>${h(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}</style></head>`,
    '<body><main>',
    `<h1>${h(title)}</h1>`,
    `<p>${h(labels.province)}: ${h(whatIf.tenantId)}</p>`,
    `<section><h2>${h(labels.headings.question)}</h2><p>${h(labels.question(whatIf.kind, whatIf.subject))}</p></section>`,
    `<section><h2>${h(words.sides)}</h2><ul>${answers.map(([side, label, answer]) => `<li><strong>${h(side)}</strong> (${h(label)}): ${h(answer)}</li>`).join('')}</ul></section>`,
    `<section><h2>${h(words.changes)}</h2>${table([c.what, c.field, c.base, c.alternative, c.applied], changes)}</section>`,
    `<section><h2>${h(words.recorded)}</h2><p>${h(whatIf.recordedFacts)}</p></section>`,
    `<section><h2>${h(words.differences)}</h2>${differences.length === 0 ? `<p>${h(words.noDifference)}</p>` : table([c.where, c.name, c.base, c.alternative], differences)}</section>`,
    '</main></body></html>',
    '',
  ].join('\n');
};
