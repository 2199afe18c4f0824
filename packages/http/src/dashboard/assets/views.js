/* global document, URL, DOMParser, window, performance */
// The dashboard's views, each drawn from figures read by key (docs/dashboard.md, "Views").

import { explanation, figure, figures, getBlob, getJson, getText, keysUnder, pool, reportUrl } from './api.js';
import { barChart, legend, lineChart, stackedBarChart } from './charts.js';
import { clear, fmt, h } from './dom.js';
import { aggregateOf, asOfNow, monthsOfPeriod, periodLabel } from './periods.js';

/** A unit id as a key part: `%` and `/` escaped, as the read models write them. */
export const part = (id) => (id.includes('%') || id.includes('/') ? id.replaceAll('%', '%25').replaceAll('/', '%2F') : id);
const unpart = (key) => (key.includes('%') ? key.replaceAll('%2F', '/').replaceAll('%25', '%') : key);

const chartShown = (node) => {
  if (window.motcuaFirstChartAt === undefined) window.motcuaFirstChartAt = performance.now();
  return node;
};

/** A figure's value as a button that opens its explanation. */
export const figureButton = (readModel, key, found, { showLabel = true } = {}) => {
  if (found === undefined) return h('span', { class: 'nm', title: `no figure ${key}` }, '–');
  const text = found.value === null ? 'not measured' : fmt(found.value);
  return h(
    'button',
    { type: 'button', class: `figure${found.value === null ? ' nm' : ''}`, 'data-key': key, 'data-read-model': readModel, title: found.value === null ? `not measured: ${found.notMeasured ?? ''}` : key },
    text,
    showLabel && found.label !== undefined ? ` (${found.label})` : '',
  );
};

const table = (headers, rows, { className = 'data' } = {}) =>
  h('table', { class: className }, h('thead', {}, h('tr', {}, headers.map((t) => h('th', {}, t)))), h('tbody', {}, rows));

const card = (title, ...children) => h('div', { class: 'card' }, h('h3', {}, title), ...children);

const point = (readModel, key, found) => ({ value: found?.value ?? null, key, readModel, notMeasured: found?.notMeasured });

// ---- unit board ---------------------------------------------------------------------------------

const BOARD_METRICS = ['received', 'dueToday', 'overdue', 'awaitingSupplement', 'withAgency', 'returnedEarly', 'returnedOnTime', 'returnedLate', 'averageWorkingDaysToReturn'];
const CHART_METRICS = ['received', 'returnedEarly', 'returnedOnTime', 'returnedLate', 'overdue'];

/** A report's cell as a button: one source opens its explanation, several list their keys. */
const cellButton = (cell, column) => {
  if (cell === undefined) return '';
  const text = cell.value === null ? 'not measured' : column.kind === 'band' ? cell.label ?? '' : fmt(cell.value);
  // A cell counting documents (dossiers) lists them: only a figure key has an explanation.
  const only = cell.sources.length === 1 && cell.sources[0].document !== true ? cell.sources[0] : undefined;
  return h(
    'button',
    {
      type: 'button',
      class: `figure${cell.value === null ? ' nm' : ''}`,
      'data-key': only?.key,
      'data-read-model': only?.readModel,
      'data-sources': only === undefined && cell.sources.length > 0 ? JSON.stringify(cell.sources) : undefined,
      title: cell.notMeasured === undefined ? `${cell.derivation} of ${cell.sources.length} figure(s)` : `not measured: ${cell.notMeasured}`,
    },
    text,
  );
};

export const reportTable = (report) =>
  table(
    ['unit', ...report.columns.map((column) => (column.group === undefined ? column.label : `${column.group}: ${column.label}`))],
    report.rows.map((row) => h('tr', { class: row.total ? 'total' : undefined }, h('th', {}, row.label), report.columns.map((column) => h('td', { class: 'n' }, cellButton(row.cells[column.id], column))))),
    { className: 'data report' },
  );

const boardByDay = async (target, s, month) => {
  const prefix = `board/${part(s.unit)}/${month}`;
  const keys = await keysUnder('unit-board', prefix);
  let days = [...new Set(keys.map((key) => key.split('/')[3]))].sort();
  if (s.grain === 'day') days = days.filter((day) => day === s.period);
  const keyOf = (day, metric) => `${s.tenantId}/board/${part(s.unit)}/${day}/${metric}`;
  const byKey = new Map();
  const load = async (metrics) => {
    const keys = days.flatMap((day) => metrics.map((metric) => keyOf(day, metric)));
    (await figures('unit-board', keys)).forEach((found, i) => byKey.set(keys[i], found));
  };
  const series = (metric) => days.map((day) => point('unit-board', keyOf(day, metric), byKey.get(keyOf(day, metric))));
  const labels = days.map((day) => day.slice(8));
  // The first chart needs one figure a day: drawn before the rest is read.
  await load(['received']);
  const cards = h('div', { class: 'cards' }, card(`Received per day · ${periodLabel('month', month)}`, chartShown(barChart(days.map((day, i) => ({ ...series('received')[i], label: labels[i], className: 'received' })), { title: 'received per day' }))));
  target.append(cards);
  if (s.stale()) return;
  await load(CHART_METRICS.filter((metric) => metric !== 'received'));
  cards.append(
      card('Returned per day: early, on the due date, late · overdue (dots)',
        legend([['early', 'early'], ['ontime', 'on the day'], ['late', 'late'], ['overdue', 'overdue']]),
        stackedBarChart(labels, [
          { name: 'returned early', className: 'early', values: series('returnedEarly') },
          { name: 'returned on the day', className: 'ontime', values: series('returnedOnTime') },
          { name: 'returned late', className: 'late', values: series('returnedLate') },
        ], { title: 'returned per day', overlay: { name: 'overdue', className: 'overdue', values: series('overdue') } })),
  );
  if (s.stale()) return;
  await load(BOARD_METRICS.filter((metric) => !CHART_METRICS.includes(metric)));
  target.append(
    card(`Board by day · ${s.unit}`,
      table(['day', ...BOARD_METRICS], days.map((day) => h('tr', {}, h('th', {}, day), BOARD_METRICS.map((metric) => h('td', { class: 'n' }, figureButton('unit-board', keyOf(day, metric), byKey.get(keyOf(day, metric)))))))),
    ),
  );
};

const boardByMonth = async (target, s) => {
  const months = monthsOfPeriod(s.grain, s.period).filter((month) => s.months.includes(month));
  const reports = await pool(months, 4, (month) => getJson(reportUrl('processing', { period: month, unit: s.unit, format: 'json' })));
  const cell = (report, id) => report.rows[0]?.cells[id];
  const values = (id) => reports.map((report) => ({ value: cell(report, id)?.value ?? 0, key: cell(report, id)?.sources[0]?.key, readModel: 'unit-board' }));
  target.append(
    h('div', { class: 'cards' },
      card(`Received and returned by month · ${periodLabel(s.grain, s.period)}`,
        legend([['received', 'received'], ['early', 'early'], ['ontime', 'on the day'], ['late', 'late']]),
        chartShown(stackedBarChart(months, [
          { name: 'returned early', className: 'early', values: values('resolvedEarly') },
          { name: 'returned on the day', className: 'ontime', values: values('resolvedOnTime') },
          { name: 'returned late', className: 'late', values: values('resolvedLate') },
        ], { title: 'returned by month', overlay: { name: 'received', className: 'received', values: values('newTotal') } }))),
    ),
  );
  const columns = reports[0]?.columns ?? [];
  target.append(card('Board by month', table(['month', ...columns.map((c) => `${c.group}: ${c.label}`)], reports.map((report, i) => h('tr', {}, h('th', {}, months[i]), columns.map((column) => h('td', { class: 'n' }, cellButton(cell(report, column.id), column))))))));
};

export const boardView = async (target, s) => {
  target.append(h('h2', {}, `Unit board · ${s.unit} · ${periodLabel(s.grain, s.period)}`));
  if (s.grain === 'day' || s.grain === 'month') await boardByDay(target, s, s.grain === 'day' ? s.period.slice(0, 7) : s.period);
  else await boardByMonth(target, s);
  if (s.stale()) return;
  const units = h('div', {}, h('p', { class: 'muted' }, 'Loading the units of the province…'));
  target.append(card(`Units of the province · ${periodLabel(s.grain, s.period)} (periodic report)`, units));
  const report = await getJson(reportUrl('processing', { period: s.period, format: 'json' }));
  clear(units);
  units.append(reportTable(report));
};

// ---- timeliness -----------------------------------------------------------------------------------

const TIMELINESS = ['resolved', 'onTimeRate', 'earlyShare', 'onDayShare', 'lateShare', 'apologies', 'apologyCompliance'];

export const timelinessView = async (target, s) => {
  const last = monthsOfPeriod(s.grain, s.period).at(-1);
  const months = s.months.filter((month) => month <= last).sort().slice(-12);
  target.append(h('h2', {}, `Timeliness trend · ${s.unit} · up to ${periodLabel('month', last)}`));
  const keyOf = (month, metric) => `${s.tenantId}/timeliness/unit/${part(s.unit)}/month/${month}/${metric}`;
  const keys = months.flatMap((month) => TIMELINESS.map((metric) => keyOf(month, metric)));
  const found = await figures('timeliness', keys);
  const byKey = new Map(keys.map((key, i) => [key, found[i]]));
  const series = (metric) => months.map((month) => ({ ...point('timeliness', keyOf(month, metric), byKey.get(keyOf(month, metric))), label: month }));
  target.append(
    h('div', { class: 'cards' },
      card('On-time rate (%) by month', chartShown(lineChart(series('onTimeRate'), { title: 'on-time rate', max: 100 }))),
      card('Shares of returns (%): early, on the day, late', legend([['early', 'early'], ['ontime', 'on the day'], ['late', 'late']]),
        stackedBarChart(months, [
          { name: 'early', className: 'early', values: series('earlyShare') },
          { name: 'on the day', className: 'ontime', values: series('onDayShare') },
          { name: 'late', className: 'late', values: series('lateShare') },
        ], { title: 'shares of returns' })),
    ),
    card('By month', table(['month', ...TIMELINESS], months.map((month) => h('tr', {}, h('th', {}, month), TIMELINESS.map((metric) => h('td', { class: 'n' }, figureButton('timeliness', keyOf(month, metric), byKey.get(keyOf(month, metric))))))))),
  );
};

// ---- Circular 01 and SIPAS ---------------------------------------------------------------------------

const TT01 = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9', 'total'];
const SIPAS = ['access', 'procedure', 'officers', 'result', 'feedbackHandling', 'dossierHandling', 'overall'];

export const satisfactionView = async (target, s) => {
  const at = aggregateOf(s.grain, s.period);
  target.append(h('h2', {}, `Circular 01 and SIPAS · ${s.unit} · ${periodLabel(at.grain, at.key)}`));
  const tt01Key = (scope, id, metric) => `${s.tenantId}/tt01/${scope}/${part(id)}/${at.grain}/${at.key}/${metric}`;
  const sipasKey = (scope, id, metric) => `${s.tenantId}/sipas/${scope}/${part(id)}/${at.grain}/${at.key}/${metric}`;
  const [unitTt01, provinceTt01, unitSipas, provinceSipas] = await Promise.all([
    figures('circular01', TT01.map((m) => tt01Key('unit', s.unit, m))),
    figures('circular01', TT01.map((m) => tt01Key('province', s.tenantId, m))),
    figures('sipas', SIPAS.map((m) => sipasKey('unit', s.unit, m))),
    figures('sipas', SIPAS.map((m) => sipasKey('province', s.tenantId, m))),
  ]);
  const items = (readModel, metrics, keyOf, found) => metrics.map((metric, i) => ({ ...point(readModel, keyOf(metric), found[i]), label: metric, className: 'value' }));
  const total = unitTt01[TT01.length - 1];
  target.append(
    h('div', { class: 'cards' },
      card('Circular 01 indices of the unit', chartShown(barChart(items('circular01', TT01.slice(0, -1), (m) => tt01Key('unit', s.unit, m), unitTt01), { title: 'Circular 01 indices' })),
        h('p', {}, 'Total: ', figureButton('circular01', tt01Key('unit', s.unit, 'total'), total), ' · band: ', h('b', { class: 'band' }, total?.label ?? (total?.value === null ? 'not measured' : '–')))),
      card('SIPAS: satisfied or very satisfied (%)', barChart(items('sipas', SIPAS, (m) => sipasKey('unit', s.unit, m), unitSipas), { title: 'SIPAS', max: 100 })),
    ),
    card('Unit and province',
      table(['index', s.unit, `province ${s.tenantId}`], [
        ...TT01.map((metric, i) => h('tr', {}, h('th', {}, `Circular 01 ${metric}`), h('td', { class: 'n' }, figureButton('circular01', tt01Key('unit', s.unit, metric), unitTt01[i])), h('td', { class: 'n' }, figureButton('circular01', tt01Key('province', s.tenantId, metric), provinceTt01[i])))),
        ...SIPAS.map((metric, i) => h('tr', {}, h('th', {}, `SIPAS ${metric}`), h('td', { class: 'n' }, figureButton('sipas', sipasKey('unit', s.unit, metric), unitSipas[i])), h('td', { class: 'n' }, figureButton('sipas', sipasKey('province', s.tenantId, metric), provinceSipas[i])))),
      ])),
  );
};

// ---- Decision 766 ------------------------------------------------------------------------------------

/** The components' points out of 100 (docs/domain/indices.md §2). */
const INDEX766 = { transparency: 18, progress: 20, onlineService: 12, onlinePayment: 10, digitisation: 22, satisfaction: 18 };

export const index766View = async (target, s) => {
  const at = aggregateOf(s.grain, s.period);
  target.append(h('h2', {}, `Decision 766 index · ${s.unit} · ${periodLabel(at.grain, at.key)}`));
  const metrics = [...Object.keys(INDEX766), 'total'];
  const keyOf = (scope, id, metric) => `${s.tenantId}/index766/${scope}/${part(id)}/${at.grain}/${at.key}/${metric}`;
  const [unit, province] = await Promise.all([figures('service-index-766', metrics.map((m) => keyOf('unit', s.unit, m))), figures('service-index-766', metrics.map((m) => keyOf('province', s.tenantId, m)))]);
  const items = Object.keys(INDEX766).map((metric, i) => ({ ...point('service-index-766', keyOf('unit', s.unit, metric), unit[i]), label: metric, max: INDEX766[metric], className: 'value' }));
  const reason = (found) => (found?.value === null ? h('span', { class: 'nm' }, `not measured: ${found.notMeasured ?? ''}`) : '');
  target.append(
    h('div', { class: 'cards' },
      card('Components: points of the maximum (dashed: not measured)', chartShown(barChart(items, { title: 'Decision 766 components' }))),
      card('Total (100 points)', h('p', { class: 'big' }, figureButton('service-index-766', keyOf('unit', s.unit, 'total'), unit[metrics.length - 1])), reason(unit[metrics.length - 1])),
    ),
    card('Components, unit and province',
      table(['component', 'max', s.unit, `province ${s.tenantId}`, 'why not measured'], metrics.map((metric, i) =>
        h('tr', {}, h('th', {}, metric), h('td', { class: 'n' }, String(INDEX766[metric] ?? 100)), h('td', { class: 'n' }, figureButton('service-index-766', keyOf('unit', s.unit, metric), unit[i])), h('td', { class: 'n' }, figureButton('service-index-766', keyOf('province', s.tenantId, metric), province[i])), h('td', {}, reason(unit[i])))))),
  );
};

// ---- incidents and feedback -----------------------------------------------------------------------------

export const conductView = async (target, s) => {
  const p = s.period;
  const asOf = asOfNow();
  target.append(h('h2', {}, `Incidents and feedback · ${s.unit} · ${periodLabel(s.grain, p)}`));
  const incidentKey = (dimension, value, measure) => `${s.tenantId}/incident-register/${p}/${dimension}/${part(value)}/${measure}`;
  const feedbackKey = (dimension, value, measure) => `${s.tenantId}/feedback-compliance/${p}/${dimension}/${part(value)}/${measure}`;
  const incidentMeasures = ['reported', 'open', 'substantiated', `overdue@${asOf}`];
  const feedbackMeasures = ['judged', 'on-time', 'on-time-share', `judged@${asOf}`, `on-time@${asOf}`, `on-time-share@${asOf}`];
  const [unitIncidents, allIncidents, unitFeedback, allFeedback, categoryKeys, kindKeys] = await Promise.all([
    figures('incident-register', incidentMeasures.map((m) => incidentKey('unit', s.unit, m))),
    figures('incident-register', incidentMeasures.map((m) => incidentKey('total', 'all', m))),
    figures('feedback-compliance', feedbackMeasures.map((m) => feedbackKey('unit', s.unit, m))),
    figures('feedback-compliance', feedbackMeasures.map((m) => feedbackKey('total', 'all', m))),
    keysUnder('incident-register', `incident-register/${p}/category/`),
    keysUnder('feedback-compliance', `feedback-compliance/${p}/kind/`),
  ]);
  const reportedKeys = categoryKeys.filter((key) => key.endsWith('/reported'));
  const shareKeys = kindKeys.filter((key) => key.endsWith('/on-time-share'));
  const [reported, shares] = await Promise.all([figures('incident-register', reportedKeys), figures('feedback-compliance', shareKeys)]);
  const labelOf = (key) => key.split('/').at(-2);
  target.append(
    h('div', { class: 'cards' },
      card('Incidents reported by category (province)', chartShown(barChart(reportedKeys.map((key, i) => ({ ...point('incident-register', key, reported[i]), label: labelOf(key), className: 'late' })), { title: 'incidents by category' }))),
      card('Feedback answered in time by kind (%, province)', barChart(shareKeys.map((key, i) => ({ ...point('feedback-compliance', key, shares[i]), label: labelOf(key), className: 'early' })), { title: 'feedback on time', max: 100 })),
    ),
    card(`Incidents (open and overdue as of ${asOf})`, table(['measure', s.unit, 'province'], incidentMeasures.map((m, i) => h('tr', {}, h('th', {}, m.split('@')[0]), h('td', { class: 'n' }, figureButton('incident-register', incidentKey('unit', s.unit, m), unitIncidents[i])), h('td', { class: 'n' }, figureButton('incident-register', incidentKey('total', 'all', m), allIncidents[i])))))),
    card('Feedback (received in the period; "as of now" counts unhandled feedback past its due date as late)', table(['measure', s.unit, 'province'], feedbackMeasures.map((m, i) => h('tr', {}, h('th', {}, m.includes('@') ? `${m.split('@')[0]} as of now` : m), h('td', { class: 'n' }, figureButton('feedback-compliance', feedbackKey('unit', s.unit, m), unitFeedback[i])), h('td', { class: 'n' }, figureButton('feedback-compliance', feedbackKey('total', 'all', m), allFeedback[i])))))),
  );
};

// ---- officer rating proposals --------------------------------------------------------------------------

/**
 * The officers serving the unit on the period's last day, by id, as the read model lists them on its
 * unit figure's explanation (its typed `officers`, events in the period or none); none without one.
 */
const officersServing = async (unitShareKey) => {
  const found = await explanation('officer-rating', unitShareKey).catch(() => undefined);
  return Array.isArray(found?.officers) ? found.officers.filter((id) => typeof id === 'string') : [];
};

export const officersView = async (target, s) => {
  const at = aggregateOf(s.grain, s.period);
  target.append(h('h2', {}, `Officer rating proposals · ${s.unit} · ${periodLabel(at.grain, at.key)}`));
  const suffix = `/${at.grain}/${at.key}/`;
  const unitShareKey = `${s.tenantId}/officer-rating/unit/${part(s.unit)}/${at.grain}/${at.key}/excellent-share`;
  const [serving, agencyKeys] = await Promise.all([officersServing(unitShareKey), keysUnder('officer-rating', 'officer-rating/agency/')]);
  // Each officer's seconding agency, from the officer's own state (`GET /officers/{id}`), read only where
  // the caller may: any officer of the province, or (unit staff) the officers of one of its units. The
  // server decides again on every read.
  const mayRead = s.officers === 'province' || (s.officers === 'own-units' && s.unitIds.includes(s.unit));
  const states = await pool(serving, 6, (id) => (mayRead ? getJson(`/officers/${encodeURIComponent(id)}`).then((found) => found.state, () => undefined) : Promise.resolve(undefined)));
  const officers = serving.map((id, i) => ({ officer: part(id), state: states[i] }));
  const keyOf = (officer, measure) => `${s.tenantId}/officer-rating/officer/${officer}/${at.grain}/${at.key}/${measure}`;
  const measures = ['dossiers', 'on-time-share', 'points', 'level', 'recorded'];
  const found = await figures('officer-rating', officers.flatMap(({ officer }) => measures.map((m) => keyOf(officer, m))));
  const figureOf = (o, m) => found[o * measures.length + measures.indexOf(m)];
  const agencies = agencyKeys.filter((key) => key.includes(suffix));
  const [agencyShares, unitShare] = await Promise.all([figures('officer-rating', agencies), figure('officer-rating', unitShareKey)]);
  const agencyOf = new Map(agencies.map((key, i) => [unpart(key.split('/')[3]), { key, share: agencyShares[i] }]));
  const capCell = (agencyId) => {
    const agency = agencyOf.get(agencyId);
    if (agency?.share?.label === undefined) return '';
    return h('span', { class: agency.share.label === 'cap-exceeded' ? 'badge warn cap-flag' : 'badge cap-flag', 'data-key': agency.key, 'data-read-model': 'officer-rating', title: `${agencyId}: ${agency.share.value}% excellent` }, agency.share.label);
  };
  target.append(
    h('div', { class: 'cards' },
      card('Share of excellent proposals by rating agency (%; the cap flag in red)', chartShown(barChart(agencies.map((key, i) => ({ ...point('officer-rating', key, agencyShares[i]), label: key.split('/')[3], className: agencyShares[i]?.label === 'cap-exceeded' ? 'late' : 'early' })), { title: 'excellent share by agency', max: 100 })),
        table(['agency', 'excellent share', 'cap'], agencies.map((key, i) => h('tr', {}, h('th', {}, key.split('/')[3]), h('td', { class: 'n' }, figureButton('officer-rating', key, agencyShares[i], { showLabel: false })), h('td', {}, capCell(unpart(key.split('/')[3]))))))),
      card(`Unit ${s.unit}: share of excellent proposals (information, no cap at a desk)`, h('p', {}, figureButton('officer-rating', unitShareKey, unitShare))),
    ),
    card(`Proposals of the officers serving ${s.unit} (${officers.length})`,
      table(['officer', 'rating agency', ...measures.map((m) => (m === 'recorded' ? 'recorded decision' : m)), 'agency cap'], officers.map(({ officer, state }, o) =>
        h('tr', {}, h('th', {}, unpart(officer)), h('td', {}, state?.secondingAgencyId ?? ''), measures.map((m) => h('td', { class: 'n' }, figureButton('officer-rating', keyOf(officer, m), figureOf(o, m)))), h('td', {}, capCell(state?.secondingAgencyId)))), { className: 'data officers' })),
  );
};

// ---- reports -------------------------------------------------------------------------------------------

const FORMS = { processing: 'Periodic report on dossier processing', circular01: 'Circular 01 satisfaction report', index766: 'Decision 766 index report' };

const download = async (url, name) => {
  const blob = await getBlob(url);
  const link = h('a', { href: URL.createObjectURL(blob), download: name, class: 'no-print' });
  document.body.append(link);
  link.click();
  link.remove();
};

export const reportsView = async (target, s) => {
  target.append(h('h2', {}, `Statutory reports · ${periodLabel(s.grain, s.period)}`));
  const form = h('select', { id: 'report-form' }, Object.entries(FORMS).map(([value, label]) => h('option', { value }, label)));
  const scope = h('select', { id: 'report-scope' }, h('option', { value: 'unit' }, `unit ${s.unit}`), h('option', { value: 'province' }, `province ${s.tenantId}`));
  const status = h('span', { class: 'muted', id: 'report-status' });
  const printable = h('div', { class: 'printable', id: 'printable' });
  const periodFor = () => (form.value === 'processing' ? s.period : aggregateOf(s.grain, s.period).key);
  const options = (format) => ({ period: periodFor(), format, ...(scope.value === 'unit' ? { unit: s.unit } : {}) });
  const name = (format) => `${form.value}-${scope.value === 'unit' ? s.unit : s.tenantId}-${periodFor()}.${format}`;
  const act = (label, id) => h('button', { type: 'button', id }, label);
  const buttons = ['csv', 'xlsx', 'html'].map((format) => act(`Download ${format.toUpperCase()}`, `download-${format}`));
  const show = act('Show printable', 'show-printable');
  const print = act('Print', 'print');
  buttons.forEach((button, i) => button.addEventListener('click', () => {
    const format = ['csv', 'xlsx', 'html'][i];
    status.textContent = `preparing ${format}…`;
    download(reportUrl(form.value, options(format)), name(format)).then(() => (status.textContent = `${name(format)} downloaded`), (error) => (status.textContent = error.message));
  }));
  show.addEventListener('click', async () => {
    status.textContent = 'computing…';
    try {
      const html = await getText(reportUrl(form.value, options('html')));
      // The page's own style sheet styles the report here; its inline one would break this page's CSP.
      const parsed = new DOMParser().parseFromString(html.replace(/<style>[\s\S]*?<\/style>/, ''), 'text/html');
      clear(printable);
      for (const node of parsed.body.children) printable.append(document.importNode(node, true));
      status.textContent = '';
    } catch (error) {
      status.textContent = error.message;
    }
  });
  print.addEventListener('click', () => window.print());
  target.append(h('div', { class: 'actions' }, form, scope, ...buttons, show, print, status), h('p', { class: 'muted' }, 'Circular 01 and Decision 766 reports take the month of a picked day. Every cell names its read-model keys: in the XLSX its note and the sheet "sources", in the HTML its title and the last section.'), printable);
};

// ---- verdicts ----------------------------------------------------------------------------------------

export const verdictForm = (target, navigate) => {
  const kind = h('select', { id: 'verdict-kind' }, ['dossier', 'incident', 'feedback', 'officer'].map((k) => h('option', { value: k }, k)));
  const subject = h('input', { id: 'verdict-subject', size: 40, placeholder: 'dossier code, incident id, feedback id or officerId/period' });
  const go = h('button', { type: 'submit' }, 'Show the verdict');
  const form = h('form', { class: 'actions' }, kind, subject, go);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`verdict/${kind.value}/${subject.value.trim()}`);
  });
  target.append(h('h2', {}, 'Verdicts (audit)'), h('p', { class: 'muted' }, 'The verdict on a dispute from the events alone (inspectors). A dossier\'s history links here too.'), form);
};
