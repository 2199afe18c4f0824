/* global document */
// A figure's explanation: its value, rule-set versions, the arithmetic re-added here, and the events
// behind it, each linking to its dossier's history.

import { explanation, history, verdict } from './api.js';
import { h, clear, fmt } from './dom.js';
import { mayReadVerdicts } from './rights.js';

const round = (value, digits, mode) => {
  const factor = 10 ** digits;
  const scaled = value * factor;
  if (mode === 'half-even') {
    const floor = Math.floor(scaled);
    const diff = scaled - floor;
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (Math.abs(diff - 0.5) < 1e-9 ? even : Math.round(scaled)) / factor;
  }
  if (mode === 'down' || mode === 'floor') return Math.floor(scaled + 1e-9) / factor;
  if (mode === 'up' || mode === 'ceil') return Math.ceil(scaled - 1e-9) / factor;
  return Math.round(scaled + 1e-9) / factor;
};

/** The step's result recomputed from its inputs (`undefined` for a band, which the read model checks). */
export const reAdd = (step) => {
  const inputs = step.inputs;
  switch (step.op) {
    case 'sum': return inputs.reduce((a, b) => a + b, 0);
    case 'count': return inputs.length;
    case 'mean': return inputs.length === 0 ? 0 : inputs.reduce((a, b) => a + b, 0) / inputs.length;
    case 'ratio': return inputs[1] === 0 ? 0 : inputs[0] / inputs[1];
    case 'round': return round(inputs[0], step.digits, step.mode);
    case 'min': return Math.min(...inputs);
    case 'max': return Math.max(...inputs);
    case 'copy': return inputs[0];
    default: return undefined;
  }
};

const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

const inputsText = (inputs) => (inputs.length > 12 ? `${inputs.slice(0, 12).join(', ')}, … (${inputs.length} inputs)` : inputs.join(', '));

/** The dossier code of a dossier stream id (`dossier-<province>:<code>`), else undefined. */
export const dossierOf = (streamId) => (streamId.startsWith('dossier-') && streamId.includes(':') ? streamId.slice(streamId.indexOf(':') + 1) : undefined);

export const renderExplanation = async (target, readModel, key) => {
  clear(target);
  target.append(h('p', { class: 'muted' }, 'Loading the explanation…'));
  const found = await explanation(readModel, key);
  clear(target);
  target.append(
    h('h2', {}, 'Explanation'),
    h('p', {}, h('span', { class: 'badge' }, found.readModel), ' ', h('code', { class: 'key' }, found.key)),
    h('p', { class: 'figure-value' }, 'Value: ', found.value === null ? h('span', { class: 'nm' }, `not measured: ${found.notMeasured ?? ''}`) : h('b', {}, fmt(found.value)), found.label === undefined ? '' : h('span', { class: 'badge' }, ` ${found.label}`)),
    h('p', {}, 'Rule sets: ', found.ruleSetVersions.length === 0 ? '—' : found.ruleSetVersions.map((v) => h('code', {}, v)).flatMap((node, i) => (i === 0 ? [node] : [', ', node]))),
  );
  const steps = h('ol', { class: 'steps' });
  for (const step of found.steps) {
    const again = reAdd(step);
    const check = again === undefined ? '' : close(again, step.result) ? h('span', { class: 'ok', title: 're-added here' }, ' ✓') : h('span', { class: 'bad', title: `re-added here: ${again}` }, ` ✗ (${again})`);
    // A band maps its number to a label: the label is what it gives (its result is the number itself).
    const outcome = step.op === 'band' ? `→ ${step.band}` : `= ${fmt(step.result)}`;
    steps.append(h('li', {}, h('b', {}, step.label), h('br'), `${step.op}(${inputsText(step.inputs)}${step.op === 'round' ? `; ${step.digits} digits, ${step.mode}` : ''}) ${outcome}`, check));
  }
  target.append(h('h3', {}, `Arithmetic (${found.steps.length} steps)`), steps);
  const events = h('ul', { class: 'events' });
  for (const ref of found.contributions.slice(0, 300)) {
    const code = dossierOf(ref.streamId);
    events.append(
      h('li', {}, `#${ref.globalPosition} `, h('code', {}, ref.type), ' · ', code === undefined ? h('code', {}, `${ref.streamId} v${ref.streamVersion}`) : [h('a', { href: `#dossier/${encodeURIComponent(code)}`, class: 'dossier-link' }, `${code} v${ref.streamVersion}`), mayReadVerdicts() ? [' · ', h('a', { href: `#verdict/dossier/${encodeURIComponent(code)}`, class: 'muted explain-verdict' }, 'verdict')] : []]),
    );
  }
  target.append(h('h3', {}, `Events (${found.contributions.length})`), events);
  if (found.contributions.length > 300) target.append(h('p', { class: 'muted' }, `…and ${found.contributions.length - 300} more`));
  if (found.breaches !== undefined && found.breaches.length > 0) {
    target.append(h('h3', {}, `Rule breaches (${found.breaches.length})`), h('ul', {}, found.breaches.map((breach) => h('li', {}, h('code', {}, breach.rule ?? breach.code ?? ''), ' ', breach.message ?? ''))));
  }
};

/** A dossier's events, oldest first, with a link to its verdict for a caller who may read it. */
export const renderHistory = async (target, code) => {
  clear(target);
  const found = await history(code);
  const verdictLink = mayReadVerdicts() ? [' · ', h('a', { href: `#verdict/dossier/${encodeURIComponent(code)}`, class: 'verdict-link' }, 'verdict (audit)')] : [];
  target.append(h('h2', {}, `Dossier ${code}`), h('p', {}, `${found.events.length} events · version ${found.version}`, verdictLink));
  const table = h('table', { class: 'data history' }, h('thead', {}, h('tr', {}, ['#', 'event', 'occurred at', 'actor', 'rule set'].map((t) => h('th', {}, t)))));
  const body = h('tbody');
  for (const event of found.events) {
    body.append(h('tr', {}, h('td', { class: 'n' }, String(event.metadata?.globalPosition ?? '')), h('td', {}, h('code', {}, event.type)), h('td', {}, event.data?.occurredAt ?? ''), h('td', {}, `${event.metadata?.actor?.role ?? ''} ${event.metadata?.actor?.id ?? ''}`), h('td', {}, event.metadata?.ruleSetVersion ?? '')));
  }
  table.append(body);
  target.append(table);
};

/** A verdict from the audit API: its outcome, reasoning steps (rule set, field, source) and the events it rests on. */
export const renderVerdict = async (target, kind, subject) => {
  clear(target);
  const found = await verdict(kind, subject);
  const v = found.verdict;
  target.append(h('h2', {}, `Verdict on ${kind} ${subject}`), h('p', { class: 'muted' }, `as of position ${v.asOf?.globalPosition ?? ''}, judged ${v.asOf?.judgedAt ?? ''} · rule sets ${(v.ruleSetVersions ?? []).join(', ')} · calendars ${(v.calendarVersions ?? []).join(', ')}`));
  const outcome = h('table', { class: 'data outcome' }, h('tbody', {}, Object.entries(v.outcome ?? {}).map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))))));
  target.append(h('h3', {}, 'Outcome'), outcome);
  const steps = h('ol', { class: 'steps verdict-steps' });
  for (const step of v.steps ?? []) {
    const rule = step.rule === undefined ? '' : h('span', { class: 'muted' }, ` (${step.rule.ruleSetId ?? ''} · ${step.rule.field ?? ''} · ${step.rule.source ?? ''})`);
    steps.append(h('li', {}, h('b', {}, step.id ?? ''), ': ', step.finding ?? '', rule, (step.events ?? []).length > 0 ? h('span', { class: 'muted' }, ` events ${step.events.map((p) => `#${p}`).join(' ')}`) : ''));
  }
  target.append(h('h3', {}, 'Reasoning'), steps);
  target.append(h('h3', {}, `Events (${found.events.length})`), h('ul', {}, found.events.map((event) => h('li', {}, `#${event.metadata?.globalPosition ?? ''} `, h('code', {}, event.type), ` ${event.data?.occurredAt ?? ''}`))));
};

export const panel = () => document.getElementById('explain');
