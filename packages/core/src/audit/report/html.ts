import { escapeHtml as h } from './escape.js';
import type { ReportModel } from './model.js';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}' +
  'h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin-bottom:.25rem}' +
  '.answer{font-weight:bold;font-size:1.1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}' +
  'code{font-size:.9em}.muted{color:#555}';

/**
 * A report as one HTML document with no script and no external resource; every text from the verdict
 * is escaped (serve it with a Content-Security-Policy that forbids scripts all the same).
 */
export const writeHtml = (report: ReportModel): string => {
  const { labels } = report;
  const c = labels.eventColumns;
  const steps = report.steps
    .map(
      (step) =>
        `<li id="step-${step.number}"><h3>${h(step.label)} <code>${h(step.id)}</code></h3>` +
        `<p><span class="muted">${h(step.verbatim ? labels.findingVerbatim : labels.finding)}:</span> ${h(step.finding)}</p><ul>` +
        (step.rule === undefined
          ? ''
          : `<li>${h(labels.rule)}: <code>${h(step.rule.ruleSetId)}</code> <code>${h(step.rule.field)}</code> (${h(labels.source)}: ${h(step.rule.source)})</li>`) +
        (step.values.length === 0 ? '' : `<li>${h(labels.values)}: ${step.values.map(([name, value]) => `<code>${h(name)}</code> = ${h(value)}`).join('; ')}</li>`) +
        `<li>${h(labels.restsOn)}: ${step.events.length === 0 ? h(labels.none) : step.events.map((p) => `<a href="#event-${p}">#${p}</a>`).join(', ')}</li></ul></li>`,
    )
    .join('\n');
  const events = report.events
    .map((event) =>
      event.type === undefined
        ? `<tr id="event-${event.position}"><td>#${event.position}</td><td colspan="5">${h(labels.notInReport)}</td></tr>`
        : `<tr id="event-${event.position}"><td>#${event.position}</td><td>${h(event.type)}</td><td><code>${h(event.stream ?? '')}</code></td><td>${event.version ?? ''}</td>` +
          `<td>${h(event.occurredAt ?? '')}</td><td>${h(event.recordedAt ?? '')}${event.lateEntryWorkingDays === undefined ? '' : ` (${h(labels.lateEntry(event.lateEntryWorkingDays))})`}</td></tr>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${report.lang}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(report.title)}</title><style>${STYLE}</style></head>`,
    '<body><main>',
    `<h1>${h(report.title)}</h1>`,
    `<p class="muted">${h(labels.province)}: ${h(report.province)}</p>`,
    `<section><h2>${h(labels.headings.question)}</h2><p>${h(report.question)}</p></section>`,
    `<section><h2>${h(labels.headings.answer)}</h2><p class="answer">${h(report.answer)}</p></section>`,
    `<section><h2>${h(labels.headings.moment)}</h2><ul>${report.moment.map((line) => `<li>${h(line)}</li>`).join('')}</ul></section>`,
    `<section><h2>${h(labels.headings.steps)}</h2><ol>\n${steps}\n</ol></section>`,
    `<section><h2>${h(labels.headings.events)}</h2><table><thead><tr><th>${[c.position, c.type, c.stream, c.version, c.occurredAt, c.recordedAt].map(h).join('</th><th>')}</th></tr></thead><tbody>\n${events}\n</tbody></table></section>`,
    `<section><h2>${h(labels.headings.versions)}</h2><ul><li>${h(labels.ruleSets)}: ${report.ruleSetVersions.map(h).join(', ') || h(labels.none)}</li>` +
      `<li>${h(labels.calendars)}: ${report.calendarVersions.map(h).join(', ') || h(labels.none)}</li></ul></section>`,
    `<footer><p class="muted">${h(labels.footer)}</p></footer>`,
    '</main></body></html>',
    '',
  ].join('\n');
};
