import { escapeMarkdown as md } from './escape.js';
import type { ReportModel } from './model.js';

/** A report as Markdown (CommonMark with GFM tables); every text from the verdict is escaped. */
export const writeMarkdown = (report: ReportModel): string => {
  const { labels } = report;
  const lines: string[] = [
    `# ${md(report.title)}`,
    '',
    `${md(labels.province)}: ${md(report.province)}`,
    '',
    `## ${md(labels.headings.question)}`,
    '',
    md(report.question),
    '',
    `## ${md(labels.headings.answer)}`,
    '',
    `**${md(report.answer)}**`,
    '',
    `## ${md(labels.headings.moment)}`,
    '',
    ...report.moment.map((line) => `- ${md(line)}`),
    '',
    `## ${md(labels.headings.steps)}`,
    '',
  ];
  for (const step of report.steps) {
    lines.push(`### ${step.number}\\. ${md(step.label)} (${md(step.id)})`, '', `${md(step.verbatim ? labels.findingVerbatim : labels.finding)}: ${md(step.finding)}`, '');
    if (step.rule !== undefined) {
      lines.push(`- ${md(labels.rule)}: ${md(step.rule.ruleSetId)} ${md(step.rule.field)} (${md(labels.source)}: ${md(step.rule.source)})`);
    }
    if (step.values.length > 0) lines.push(`- ${md(labels.values)}: ${step.values.map(([name, value]) => `${md(name)} = ${md(value)}`).join('; ')}`);
    lines.push(`- ${md(labels.restsOn)}: ${step.events.length === 0 ? md(labels.none) : step.events.map((p) => `\\#${p}`).join(', ')}`, '');
  }
  const c = labels.eventColumns;
  lines.push(
    `## ${md(labels.headings.events)}`,
    '',
    `| ${[c.position, c.type, c.stream, c.version, c.occurredAt, c.recordedAt].map(md).join(' | ')} |`,
    '| ---: | --- | --- | ---: | --- | --- |',
    ...report.events.map((event) =>
      event.type === undefined
        ? `| \\#${event.position} | ${md(labels.notInReport)} |  |  |  |  |`
        : `| \\#${event.position} | ${md(event.type)} | ${md(event.stream ?? '')} | ${event.version ?? ''} | ${md(event.occurredAt ?? '')} | ${md(event.recordedAt ?? '')}` +
          `${event.lateEntryWorkingDays === undefined ? '' : ` (${md(labels.lateEntry(event.lateEntryWorkingDays))})`} |`,
    ),
    '',
    `## ${md(labels.headings.versions)}`,
    '',
    `- ${md(labels.ruleSets)}: ${report.ruleSetVersions.map(md).join(', ') || md(labels.none)}`,
    `- ${md(labels.calendars)}: ${report.calendarVersions.map(md).join(', ') || md(labels.none)}`,
    '',
    `_${md(labels.footer)}_`,
    '',
  );
  return lines.join('\n');
};
