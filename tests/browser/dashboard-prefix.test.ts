import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from './demo-server.js';

/**
 * The dashboard served under a prefix (`buildServer({ prefix })`, as `motcuaPlugin` under an
 * application's prefix): the page, its scripts and every call it makes to the API stay under it.
 */
const CHROMIUM = process.env['MOTCUA_CHROMIUM'] ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`dashboard browser tests under a prefix skipped: no Chromium at ${CHROMIUM} (run scripts/ensure-chromium.sh as root)`);

const PREFIX = '/api/motcua';
let server: DemoServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const requested: string[] = [];

describe.skipIf(!present)('the dashboard in Chromium, under a prefix', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer({ prefix: PREFIX }), chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })]);
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens from the prefix, signs in from a development link and draws the board, every asset and call under the prefix', async () => {
    await page.goto(`${server.url}${PREFIX}#token=${await server.tokenFor('inspector')}`);
    await page.waitForSelector('#view [data-view="board"][data-ready="true"]', { timeout: 20_000 });
    expect(page.url()).toBe(`${server.url}${PREFIX}/dashboard/#board`);
    expect(await page.$$eval('#view [data-view="board"] svg.chart:not(.empty)', (svgs) => svgs.length)).toBeGreaterThan(0);
    expect(requested.some((path) => path.startsWith(`${PREFIX}/read-models/`))).toBe(true);
    expect(requested.filter((path) => path !== PREFIX && !path.startsWith(`${PREFIX}/`))).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
