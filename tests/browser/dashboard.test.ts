import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, PROVINCE_CENTRE } from '../../packages/cli/src/seed/index.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

/**
 * The dashboard in a real browser (Debian's chromium, driven by playwright-core) on the demo province:
 * sign-in, the pickers, every view's charts, a figure's explanation down to a dossier's history and
 * verdict, and a report downloaded and read back. Screenshots go to test-results/dashboard/.
 */
const CHROMIUM = process.env['MOTCUA_CHROMIUM'] ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`dashboard browser tests skipped: no Chromium at ${CHROMIUM} (run scripts/ensure-chromium.sh as root)`);

const SHOTS = join(process.cwd(), 'test-results', 'dashboard');
const UNIT = PROVINCE_CENTRE;
const MONTH = '2026-03';
// The board last: the explanation is opened from it next.
const VIEWS = ['timeliness', 'satisfaction', 'index766', 'conduct', 'officers', 'board'] as const;

let server: DemoServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const api = async (path: string, token: string): Promise<unknown> => {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
};

/** The sum of a unit-board metric over the days of the month the board lists, read figure by figure. */
const boardSum = async (token: string, unit: string, month: string, metric: string): Promise<number> => {
  const { keys } = (await api(`/read-models/unit-board?limit=1000&prefix=${encodeURIComponent(`board/${unit}/${month}`)}`, token)) as { keys: string[] };
  const values = await Promise.all(keys.filter((k) => k.endsWith(`/${metric}`)).map(async (key) => ((await api(`/read-models/unit-board/${encodeURIComponent(key)}`, token)) as { value: number }).value));
  return values.reduce((a, b) => a + b, 0);
};

const waitReady = (view: string) => page.waitForSelector(`#view [data-view="${view}"][data-ready="true"]`, { timeout: 20_000 });

describe.skipIf(!present)('the dashboard in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const started = performance.now();
    [server, browser] = await Promise.all([startDemoServer(), chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })]);
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    console.log(JSON.stringify({ measure: 'demo province seeded and served, browser started (ms)', value: Math.round(performance.now() - started) }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is served with a strict content security policy, and / leads to it', async () => {
    const response = await fetch(`${server.url}/dashboard/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/dashboard/');
  });

  it('signs in with a pasted token; a unit head is offered their own unit only', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#sign-in:not([hidden])');
    await page.screenshot({ path: join(SHOTS, 'sign-in.png') });
    await page.fill('#token', 'not-a-token');
    await page.click('#sign-in-form button[type=submit]');
    await expect.poll(() => page.textContent('#sign-in-error')).toContain('JWT');
    await page.fill('#token', await server.tokenFor('unit-head'));
    await page.click('#sign-in-form button[type=submit]');
    await waitReady('board');
    expect(await page.$$eval('#unit option', (options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual([UNIT]);
    expect(await page.evaluate('sessionStorage.getItem("motcua.token")')).not.toBeNull();
    expect(await page.evaluate('localStorage.length')).toBe(0);
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in:not([hidden])');
  }, 30_000);

  it('opens from a development sign-in link, picks a unit and a month, and draws every view with charts that are not empty', async () => {
    await page.goto(`${server.url}/dashboard/#token=${await server.tokenFor('inspector')}`);
    await waitReady('board');
    const firstChartMs = (await page.evaluate('window.motcuaFirstChartAt')) as number | undefined;
    const loadedMs = (await page.evaluate("performance.getEntriesByType('navigation')[0]?.loadEventEnd")) as number | undefined;
    console.log(JSON.stringify({ measure: 'dashboard page load (ms)', value: Math.round(loadedMs ?? -1) }));
    console.log(JSON.stringify({ measure: 'dashboard first chart after navigation (ms)', value: Math.round(firstChartMs ?? -1) }));
    expect(page.url()).not.toContain('token=');
    expect((await page.$$eval('#unit option', (options) => options.length)) > 1).toBe(true);
    await page.selectOption('#unit', UNIT);
    await page.selectOption('#grain', 'month');
    await page.selectOption('#period', MONTH);
    for (const view of VIEWS) {
      await page.click(`#tabs a[data-view="${view}"]`);
      await waitReady(view);
      const charts = await page.$$eval(`#view [data-view="${view}"] svg.chart`, (svgs) =>
        svgs.map((svg) => ({
          empty: svg.classList.contains('empty'),
          marks: [...svg.querySelectorAll('[data-key]')].filter((mark) => {
            const box = (mark as unknown as { getBBox(): { width: number; height: number } }).getBBox();
            return box.width > 0 && box.height > 0;
          }).length,
          label: svg.getAttribute('aria-label'),
        })),
      );
      expect(charts.length, `${view} has charts`).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(chart.empty, `${view}: ${chart.label} is empty`).toBe(false);
        expect(chart.marks, `${view}: ${chart.label} has marks`).toBeGreaterThan(0);
      }
      await page.screenshot({ path: join(SHOTS, `${view}.png`), fullPage: true });
      // "Not measured" shown as such; the cap flag beside the agencies' shares.
      if (view === 'index766') expect(await page.textContent('#view [data-view="index766"]')).toContain('not measured');
      if (view === 'officers') expect(await page.$$eval('#view .cap-flag', (flags) => flags.length)).toBeGreaterThan(0);
    }
  }, 60_000);

  it("opens a figure's explanation on click, whose events link to the dossier's history and its verdict", async () => {
    await waitReady('board');
    const bar = page.locator('#view [data-view="board"] svg.chart rect.bar.received[data-key]').first();
    const key = await bar.getAttribute('data-key');
    await bar.click();
    await page.waitForSelector('#explain:not([hidden]) #explain-body[data-ready="true"]');
    expect(await page.textContent('#explain-body')).toContain(key ?? '?');
    expect(await page.$$eval('#explain-body .steps .ok', (checks) => checks.length)).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'explanation.png') });
    const link = page.locator('#explain-body a.dossier-link').first();
    const code = await link.textContent();
    await link.click();
    await page.waitForSelector('table.history tbody tr');
    expect(await page.textContent('#view h2')).toContain((code ?? '?').split(' ')[0]);
    await page.screenshot({ path: join(SHOTS, 'dossier-history.png'), fullPage: true });
    await page.click('#explain-close');
    await page.click('a.verdict-link');
    await page.waitForSelector('ol.verdict-steps li');
    await page.screenshot({ path: join(SHOTS, 'verdict.png'), fullPage: true });
  }, 30_000);

  it("downloads the periodic report as XLSX, whose totals equal the unit board's figures, and shows it printable", async () => {
    const token = await server.tokenFor('inspector');
    await page.click('#tabs a[data-view="reports"]');
    await waitReady('reports');
    await page.selectOption('#report-form', 'processing');
    await page.selectOption('#report-scope', 'province');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
    const file = join(SHOTS, 'processing-province.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('report');
    const sources = workbook.getWorksheet('sources');
    expect(sheet).toBeDefined();
    expect(sources).toBeDefined();
    const groups = (sheet!.getRow(4).values as unknown[]).map(String);
    const labels = (sheet!.getRow(5).values as unknown[]).map(String);
    const column = (group: string, label: string) => labels.findIndex((text, i) => text === label && groups[i] === group);
    const rows = new Map<string, ExcelJS.Row>();
    sheet!.eachRow((row, n) => {
      if (n >= 6 && typeof row.getCell(1).value === 'string') rows.set(row.getCell(1).value as string, row);
    });
    const unitRow = rows.get(UNIT);
    expect(unitRow).toBeDefined();
    const received = await boardSum(token, UNIT, MONTH, 'received');
    expect(received).toBeGreaterThan(0);
    expect(unitRow!.getCell(column('received', 'new, total')).value).toBe(received);
    const resolved = (await Promise.all(['returnedEarly', 'returnedOnTime', 'returnedLate'].map((metric) => boardSum(token, UNIT, MONTH, metric)))).reduce((a, b) => a + b, 0);
    expect(unitRow!.getCell(column('resolved', 'total')).value).toBe(resolved);
    // Received in all: those carried over (each listed in the sources sheet) and the new ones.
    expect(unitRow!.getCell(column('received', 'total')).value).toBe(Number(unitRow!.getCell(column('received', 'carried over')).value) + received);
    // The province's row adds the units'.
    const province = [...rows.entries()].find(([label]) => label.startsWith('province '))?.[1];
    const units = [...rows.entries()].filter(([label]) => !label.startsWith('province ')).map(([, row]) => row);
    expect(province!.getCell(column('received', 'new, total')).value).toBe(units.reduce((sum, row) => sum + Number(row.getCell(column('received', 'new, total')).value), 0));
    // Every figure key the unit's "new, total" cell names is a unit-board key of that unit and month.
    const ref = unitRow!.getCell(column('received', 'new, total')).address;
    const keys: string[] = [];
    sources!.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === ref) keys.push(String(row.getCell(7).value));
    });
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(new RegExp(`/board/${UNIT}/${MONTH}-\\d\\d/received$`));

    await page.selectOption('#report-scope', 'unit');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    await page.click('#show-printable');
    await page.waitForSelector('#printable table.report td[data-key]');
    await page.screenshot({ path: join(SHOTS, 'report-printable.png'), fullPage: true });
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  }, 45_000);

  it('shows a director and a unit head only what their roles open: no verdicts, no other unit\'s officers', async () => {
    const refused: string[] = [];
    const onResponse = (response: { status(): number; url(): string }) => {
      if (response.status() === 403) refused.push(response.url());
    };
    page.on('response', onResponse);
    try {
      for (const role of ['director', 'unit-head'] as const) {
        await page.goto(`${server.url}/dashboard/#token=${await server.tokenFor(role)}`);
        await waitReady('board');
        // The server says what the role may open: verdicts are the inspector's.
        expect(await page.isVisible('#tabs a[data-view="verdict"]'), role).toBe(false);
        expect(await page.isVisible('#tabs a[data-view="board"]'), role).toBe(true);
        await page.selectOption('#unit', UNIT);
        await page.selectOption('#period', MONTH);
        await waitReady('board');
        const bar = page.locator('#view [data-view="board"] svg.chart rect.bar.received[data-key]').first();
        await bar.click();
        await page.waitForSelector('#explain:not([hidden]) #explain-body[data-ready="true"]');
        expect(await page.$$eval('#explain-body a.dossier-link', (links) => links.length), role).toBeGreaterThan(0);
        expect(await page.$$eval('#explain-body a[href^="#verdict/"]', (links) => links.length), role).toBe(0);
        await page.locator('#explain-body a.dossier-link').first().click();
        await page.waitForSelector('table.history tbody tr');
        expect(await page.$$eval('#view a[href^="#verdict/"]', (links) => links.length), role).toBe(0);
        await page.click('#explain-close');
        await page.click('#tabs a[data-view="officers"]');
        await waitReady('officers');
        expect(await page.$$eval('#view [data-view="officers"] table tbody tr', (rows) => rows.length), role).toBeGreaterThan(0);
        await page.click('#sign-out');
      }
      expect(refused, refused.join('\n')).toEqual([]);
    } finally {
      page.off('response', onResponse);
    }
  }, 60_000);
  it("lists to a unit head exactly the officers serving the unit in the period, an idle one included, whatever the explanation's events", async () => {
    // Given an officer appointed to the centre for March, with no event in it.
    const idle = 'OF-CHUA-CO-HO-SO';
    const appointed = await fetch(`${server.url}/officers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.tokenFor('director')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ officerId: idle, unitId: UNIT, deskLevel: 'province', role: 'receiving-officer', fields: ['civil-status'], legalStatus: 'civil-servant', secondingAgencyId: 'TN-SO-TU-PHAP', effectiveDate: '2026-03-01', occurredAt: '2026-02-27T09:00:00+07:00' }),
    });
    expect(appointed.status, await appointed.text()).toBe(201);
    const token = await server.tokenFor('unit-head');
    const shareKey = `${DEMO_TENANT}/officer-rating/unit/${UNIT}/month/${MONTH}/excellent-share`;
    const { officers } = (await api(`/read-models/officer-rating/${encodeURIComponent(shareKey)}/explain`, token)) as { officers: string[] };
    expect(officers).toContain(idle);
    // Each serves the centre, by its own state.
    for (const officer of officers) expect(((await api(`/officers/${encodeURIComponent(officer)}`, token)) as { state: { assignment?: { unitId: string } } }).state.assignment?.unitId, officer).toBe(UNIT);
    // When the explanation's events change shape (here: none at all), the page lists the same officers.
    const share = (url: URL) => url.pathname.endsWith('/explain') && decodeURIComponent(url.pathname).includes('/excellent-share');
    await page.route(share, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), contributions: [] } });
    });
    try {
      await page.goto(`${server.url}/dashboard/#token=${token}`);
      await waitReady('board');
      await page.selectOption('#unit', UNIT);
      await page.selectOption('#period', MONTH);
      await waitReady('board');
      await page.click('#tabs a[data-view="officers"]');
      await waitReady('officers');
      const listed = await page.$$eval('#view [data-view="officers"] table.officers tbody tr th', (cells) => cells.map((cell) => cell.textContent));
      expect(listed).toEqual(officers);
      await page.click('#sign-out');
    } finally {
      await page.unroute(share);
    }
  }, 60_000);
});
