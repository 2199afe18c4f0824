import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The page's files: one HTML page, its ES modules and its style sheet, nothing from elsewhere. */
const ASSETS: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'charts.js': 'text/javascript; charset=utf-8',
  'views.js': 'text/javascript; charset=utf-8',
  'explain.js': 'text/javascript; charset=utf-8',
  'periods.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'rights.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/**
 * Scripts and styles from this server only, no inline script or style, calls to this server only, never
 * framed, no referrer (docs/dashboard.md, "Security").
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const HEADERS = {
  'content-security-policy': DASHBOARD_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * The assets' folder: beside this module when run from its sources, and the sources' folder when run
 * from `dist/` (the package ships `src/`).
 */
const assetFolder = (): string => {
  for (const candidate of ['./assets/', '../../src/dashboard/assets/']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${path}index.html`)) return path;
  }
  throw new Error('the dashboard assets are missing (packages/http/src/dashboard/assets)');
};

/**
 * `GET /dashboard/` and its files, public (the page asks for a token and sends it as a bearer on every
 * call); `GET /` sends a browser there. Data comes from the API alone (docs/dashboard.md).
 */
export const registerDashboard = (app: FastifyInstance): void => {
  const folder = assetFolder();
  const cache = new Map<string, Buffer>();
  const send = async (file: string, reply: FastifyReply) => {
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (type === undefined) return reply.callNotFound();
    let content = cache.get(file);
    if (content === undefined) {
      content = await readFile(`${folder}${file}`);
      cache.set(file, content);
    }
    return reply.headers(HEADERS).header('cache-control', 'no-cache').type(type).send(content);
  };
  // Under the prefix the application mounts motcua at, if any: the page's own links are relative.
  const page = `${app.prefix}/dashboard/`;
  app.get('/', { config: { public: true } }, async (_request, reply) => reply.redirect(page, 302));
  app.get('/dashboard', { config: { public: true } }, async (_request, reply) => reply.redirect(page, 301));
  app.get('/dashboard/', { config: { public: true } }, async (_request, reply) => send('index.html', reply));
  app.get('/dashboard/:file', { config: { public: true } }, async (request, reply) => send((request.params as { file?: string }).file ?? '', reply));
};
