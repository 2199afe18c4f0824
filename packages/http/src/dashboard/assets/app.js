/* global document, window, history, location */
// The dashboard: sign-in, the province and unit pickers limited to the caller's scope, the period
// picker, the views, and the explanation of any figure on click (docs/dashboard.md).

import { ApiError, claimsOf, forgetToken, keepToken, keysUnder, me, tokenOf } from './api.js';
import { clear, h } from './dom.js';
import { renderExplanation, renderHistory, renderVerdict } from './explain.js';
import { periodLabel, periodsOver } from './periods.js';
import { keepRights, mayOpenTab, streamScope } from './rights.js';
import { boardView, conductView, index766View, officersView, reportsView, satisfactionView, timelinessView, verdictForm } from './views.js';

const $ = (id) => document.getElementById(id);

/** Roles whose token names their units: the unit picker offers those units only. */
const UNIT_SCOPED = new Set(['receptionist', 'processing-officer', 'unit-head']);

const VIEWS = { board: boardView, timeliness: timelinessView, satisfaction: satisfactionView, index766: index766View, conduct: conductView, officers: officersView, reports: reportsView };

const state = { tenantId: '', role: '', unitIds: [], officers: 'none', units: [], months: [], unit: '', grain: 'month', period: '', view: 'board' };
let periods = { day: [], month: [], quarter: [], year: [] };
let rendering = 0;

const showError = (target, error) => {
  const text = error instanceof ApiError ? `${error.status}: ${error.message}` : String(error?.message ?? error);
  target.append(h('p', { class: 'error', role: 'alert' }, text));
  if (error instanceof ApiError && error.status === 401) signOut('Your token was refused: sign in again.');
};

const navigate = (hash) => {
  if (location.hash === `#${hash}`) route();
  else location.hash = hash;
};

// ---- sign-in ----------------------------------------------------------------------------------------

const signOut = (message = '') => {
  forgetToken();
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
};

const signIn = async (token) => {
  try {
    claimsOf(token);
  } catch {
    signOut('This is not a JWT (three parts separated by dots).');
    return;
  }
  keepToken(token);
  // Who the caller is and what it may open, as the server verifies and decides it (`GET /me`).
  let caller;
  try {
    caller = await me();
  } catch (error) {
    signOut(error instanceof ApiError && error.status === 401 ? `The server refused the token: ${error.message}` : `The server could not be asked who you are: ${error.message}`);
    return;
  }
  state.tenantId = caller.tenantId;
  state.role = caller.role;
  state.unitIds = caller.unitIds;
  keepRights(caller.may);
  state.officers = streamScope('officers');
  for (const a of document.querySelectorAll('#tabs a')) a.hidden = !mayOpenTab(a.dataset.view);
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = `${caller.sub} · ${caller.role} · ${caller.tenantId}`;
  if (await loadScope()) route();
};

/** Units and months of the caller's province, from the Decision 766 index's keys (one per unit and month with receipts). */
const loadScope = async () => {
  const view = $('view');
  clear(view);
  let keys = [];
  try {
    keys = await keysUnder('service-index-766', 'index766/unit/');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut(`The server refused the token: ${error.message}`);
      return false;
    }
    showError(view, error);
  }
  const units = new Set();
  const months = new Set();
  for (const key of keys) {
    const [, , , unit, grain, period] = key.split('/');
    units.add(unit.replaceAll('%2F', '/').replaceAll('%25', '%'));
    if (grain === 'month') months.add(period);
  }
  state.units = UNIT_SCOPED.has(state.role) ? state.unitIds : [...units].sort();
  state.months = [...months].sort();
  periods = periodsOver(state.months);
  const province = $('province');
  clear(province);
  province.append(h('option', { value: state.tenantId }, state.tenantId));
  const unit = $('unit');
  clear(unit);
  for (const id of state.units) unit.append(h('option', { value: id }, id));
  state.unit = state.units.includes(state.unit) ? state.unit : state.units[0] ?? '';
  unit.value = state.unit;
  fillPeriods();
  return true;
};

const fillPeriods = () => {
  const select = $('period');
  clear(select);
  for (const key of periods[state.grain]) select.append(h('option', { value: key }, periodLabel(state.grain, key)));
  if (!periods[state.grain].includes(state.period)) state.period = periods[state.grain][0] ?? '';
  select.value = state.period;
};

// ---- routing ----------------------------------------------------------------------------------------

/** `#token=<jwt>`: the sign-in link `motcua serve` prints in development; the token leaves the address at once. */
const tokenInAddress = () => {
  const match = /^#token=([A-Za-z0-9_\-.]+)$/.exec(location.hash);
  if (match === null) return undefined;
  history.replaceState(null, '', `${location.pathname}#board`);
  return match[1];
};

const route = async () => {
  const linked = tokenInAddress();
  if (linked !== undefined) {
    await signIn(linked);
    return;
  }
  if (tokenOf() === null) return;
  const hash = decodeURIComponent(location.hash.slice(1));
  const [head, ...rest] = hash.split('/');
  if (head === 'explain') {
    // `#explain/<readModel>/<key>`: the panel over the current view.
    openExplanation(rest[0], rest.slice(1).join('/'));
    return;
  }
  const view = $('view');
  const ticket = ++rendering;
  clear(view);
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === (head === 'dossier' ? '' : head || 'board'));
  try {
    if (head === 'dossier') await renderHistory(view, rest.join('/'));
    else if (head === 'verdict') {
      if (!mayOpenTab('verdict')) {
        view.append(h('p', {}, 'Verdicts are read by inspectors: your role may not open them.'));
        return;
      }
      verdictForm(view, navigate);
      if (rest.length >= 2) {
        const target = h('div', { id: 'verdict' });
        view.append(target);
        await renderVerdict(target, rest[0], rest.slice(1).join('/'));
      }
    } else {
      state.view = VIEWS[head] === undefined ? 'board' : head;
      if (!mayOpenTab(state.view)) {
        view.append(h('p', {}, 'Your role may not open this view.'));
        return;
      }
      if (state.unit === '' || state.period === '') {
        view.append(h('p', {}, 'No unit or period with figures in your scope yet.'));
        return;
      }
      const target = h('div', { class: `view-${state.view}`, 'data-view': state.view });
      view.append(target);
      // A view stops reading once another has been asked for (`stale`).
      await VIEWS[state.view](target, { ...state, stale: () => ticket !== rendering });
      if (ticket === rendering) target.setAttribute('data-ready', 'true');
    }
  } catch (error) {
    if (ticket === rendering) showError(view, error);
  }
};

const openExplanation = async (readModel, key) => {
  const aside = $('explain');
  aside.hidden = false;
  // Ready again only once this explanation is drawn.
  $('explain-body').removeAttribute('data-ready');
  try {
    await renderExplanation($('explain-body'), readModel, key);
    $('explain-body').setAttribute('data-ready', 'true');
  } catch (error) {
    showError($('explain-body'), error);
  }
};

const openSources = (sources) => {
  const aside = $('explain');
  aside.hidden = false;
  const body = $('explain-body');
  clear(body);
  body.append(h('h2', {}, `Sources (${sources.length} figures)`), h('p', { class: 'muted' }, 'The cell is made from these figures (open one for its events and arithmetic) or counts these dossiers (open one for its history).'));
  const item = (source) =>
    source.document === true
      ? h('li', {}, h('a', { href: `#dossier/${encodeURIComponent(source.key.slice(source.key.lastIndexOf('/') + 1))}`, class: 'dossier-link' }, source.key.slice(source.key.lastIndexOf('/') + 1)), h('span', { class: 'muted' }, ` (${source.readModel} document ${source.key})`))
      : h('li', {}, h('button', { type: 'button', class: 'figure', 'data-key': source.key, 'data-read-model': source.readModel }, source.key), source.step === undefined ? '' : ` (step: ${source.step})`);
  body.append(h('ul', {}, sources.map(item)));
};

// ---- wiring -----------------------------------------------------------------------------------------

const start = () => {
  const linked = tokenInAddress();
  if (linked !== undefined) keepToken(linked);
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('token').value.trim());
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('unit').addEventListener('change', (event) => {
    state.unit = event.target.value;
    route();
  });
  $('grain').addEventListener('change', (event) => {
    state.grain = event.target.value;
    fillPeriods();
    route();
  });
  $('period').addEventListener('change', (event) => {
    state.period = event.target.value;
    route();
  });
  $('explain-close').addEventListener('click', () => {
    $('explain').hidden = true;
  });
  // Any figure, in a chart or a table, opens its explanation; a cell adding several lists them.
  document.addEventListener('click', (event) => {
    const target = event.target.closest?.('[data-read-model], [data-sources]');
    if (target === null || target === undefined) return;
    const sources = target.getAttribute('data-sources');
    if (sources !== null) openSources(JSON.parse(sources));
    else openExplanation(target.getAttribute('data-read-model'), target.getAttribute('data-key'));
  });
  window.addEventListener('hashchange', route);
  const token = tokenOf();
  if (token === null) signOut();
  else signIn(token);
};

start();
