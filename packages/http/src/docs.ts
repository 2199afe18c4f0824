import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Files of `swagger-ui-dist` the page needs; served from the package, never from a CDN. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

/** The page, its assets under `base` (the prefix the application mounts motcua at, if any). */
const page = (base: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>motcua API</title>
<link rel="stylesheet" href="${base}/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="${base}/docs/assets/swagger-ui-bundle.js"></script>
<script src="${base}/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="${base}/docs/assets/init.js"></script>
</body>
</html>
`;

// The token typed into "Authorize" lives in the page only: nothing is kept in the browser's storage
// (no `persistAuthorization`), and no validator badge is fetched from another site.
const init = (base: string) => `window.ui = SwaggerUIBundle({
  url: '${base}/openapi.json',
  dom_id: '#docs',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

/**
 * The page loads scripts and styles from this server only (Swagger UI sets inline styles on its
 * elements, hence `'unsafe-inline'` for styles alone), calls this server only, and is never framed.
 */
export const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * `GET /docs`: Swagger UI on `/openapi.json`, with its assets from the installed package, so the page
 * works without the Internet.
 */
export const registerDocs = (app: FastifyInstance): void => {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Buffer>();
  app.get('/docs', { config: { public: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY).header('cache-control', 'no-cache').send(page(app.prefix)),
  );
  app.get('/docs/assets/init.js', { config: { public: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(init(app.prefix)),
  );
  app.get('/docs/assets/:file', { config: { public: true } }, async (request, reply) => {
    const file = (request.params as { file?: string }).file ?? '';
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (type === undefined) return reply.callNotFound();
    let content = cache.get(file);
    if (content === undefined) {
      content = await readFile(join(folder, file));
      cache.set(file, content);
    }
    return reply.type(type).header('cache-control', 'public, max-age=86400').send(content);
  });
};
