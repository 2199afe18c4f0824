import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, InMemoryEventStore, type ActorRole } from '@motcua/core';
import { issueDevelopmentToken } from './auth.js';
import { motcuaPlugin } from './plugin.js';
import { buildServer } from './server.js';

const SECRET = 'motcua-plugin-test-secret-0123456789';
const bearer = async (role: ActorRole) => ({
  authorization: `Bearer ${await issueDevelopmentToken(SECRET, { sub: `${role}-1`, role, tenantId: 'thai-nguyen', unitIds: ['tn-phuc-vu-hcc'] }, '1h')}`,
});
const dossierCode = (n: number): string => `000.00.15.H55-260302-${String(n).padStart(4, '0')}`;
const receiveBody = (code: string) => ({
  dossierCode: code,
  occurredAt: '2026-03-02T09:00:00+07:00',
  receivingUnitId: 'tn-phuc-vu-hcc',
  procedureCode: '1.000894',
  channel: 'counter',
  applicantId: 'subject-7f3a',
  priorityGroup: 'none',
  documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'],
  feeDong: 0,
  officerId: 'officer-lan',
});

/**
 * Given an application of its own (a route of its own and its own JSON body parser) that registers
 * motcua under `/api/motcua`, When it is called, Then motcua answers under the prefix only, every link it
 * writes carries the prefix, and the application's own routes work as before. `buildServer` with a
 * `prefix` does the same in an application of its own.
 */
const PREFIX = '/api/motcua';
let embedder: FastifyInstance;

const embedding = async (): Promise<FastifyInstance> => {
  const app = Fastify({ routerOptions: { maxParamLength: 200 } });
  app.get('/hello', async () => ({ hello: 'world' }));
  app.post('/echo', async (request) => ({ echoed: request.body }));
  const desk = createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });
  await app.register(motcuaPlugin, { prefix: PREFIX, desk, auth: { hs256Secret: SECRET } });
  return app;
};

const post = async (app: FastifyInstance, url: string, body: unknown) =>
  app.inject({ method: 'POST', url, headers: { ...(await bearer('system')), 'content-type': 'application/json' }, payload: JSON.stringify(body) });

beforeAll(async () => {
  embedder = await embedding();
});
afterAll(async () => {
  await embedder.close();
});

describe('motcuaPlugin registered under a prefix in an application of its own', () => {
  it('Then its routes answer under the prefix and not at the root', async () => {
    expect((await embedder.inject(`${PREFIX}/health`)).json()).toEqual({ status: 'ok' });
    expect((await embedder.inject(`${PREFIX}/openapi.json`)).statusCode).toBe(200);
    for (const url of ['/health', '/openapi.json', '/dossiers', '/dashboard/']) expect((await embedder.inject(url)).statusCode, url).toBe(404);
    // A path under the prefix that motcua does not serve is motcua's problem, a protected one asks for a token.
    const unknown = await embedder.inject(`${PREFIX}/nothing-here`);
    expect({ status: unknown.statusCode, type: unknown.headers['content-type'] }).toEqual({ status: 404, type: 'application/problem+json; charset=utf-8' });
    expect((await embedder.inject(`${PREFIX}/dossiers`)).statusCode).toBe(401);
  });

  it('Then what a command creates is located under the prefix, and read back there', async () => {
    const created = await post(embedder, `${PREFIX}/dossiers`, receiveBody(dossierCode(1)));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe(`${PREFIX}/dossiers/${encodeURIComponent(dossierCode(1))}`);
    const read = await embedder.inject({ url: created.headers.location as string, headers: await bearer('system') });
    expect(read.statusCode).toBe(200);
    // Listings page with opaque cursors, read back on the same prefixed route.
    await post(embedder, `${PREFIX}/dossiers`, receiveBody(dossierCode(2)));
    const first = (await embedder.inject({ url: `${PREFIX}/dossiers?limit=1`, headers: await bearer('system') })).json() as { items: unknown[]; nextCursor?: string };
    expect(first.items).toHaveLength(1);
    const next = await embedder.inject({ url: `${PREFIX}/dossiers?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`, headers: await bearer('system') });
    expect((next.json() as { items: unknown[] }).items).toHaveLength(1);
  });

  it('Then the OpenAPI document names the prefix as its server, its paths relative to it', async () => {
    const document = (await embedder.inject(`${PREFIX}/openapi.json`)).json() as { servers?: { url: string }[]; paths: Record<string, unknown> };
    expect(document.servers?.map((server) => server.url)).toEqual([PREFIX]);
    expect(Object.keys(document.paths)).toContain('/dossiers');
    expect(Object.keys(document.paths).some((path) => path.startsWith(PREFIX))).toBe(false);
  });

  it('Then the docs page and the dashboard load their assets and the API from under the prefix', async () => {
    const docs = await embedder.inject(`${PREFIX}/docs`);
    expect(docs.body).toContain(`<script src="${PREFIX}/docs/assets/init.js"></script>`);
    expect(docs.body).not.toMatch(/(src|href)="\/docs\//);
    expect((await embedder.inject(`${PREFIX}/docs/assets/init.js`)).body).toContain(`url: '${PREFIX}/openapi.json'`);
    expect((await embedder.inject(`${PREFIX}/docs/assets/swagger-ui.css`)).statusCode).toBe(200);
    for (const [from, to] of [[PREFIX, `${PREFIX}/dashboard/`], [`${PREFIX}/dashboard`, `${PREFIX}/dashboard/`]]) {
      expect((await embedder.inject(from!)).headers.location, from).toBe(to);
    }
    const page = await embedder.inject(`${PREFIX}/dashboard/`);
    expect(page.statusCode).toBe(200);
    // Relative links: they resolve under whatever path the page is served at.
    expect(page.body).toContain('<script type="module" src="app.js"></script>');
    expect(page.body).not.toMatch(/(src|href)="\//);
    expect((await embedder.inject(`${PREFIX}/dashboard/api.js`)).body).toContain("new URL('..', import.meta.url)");
  });

  it("Then the application's own routes keep working, with its own JSON parser and without motcua's token check", async () => {
    const hello = await embedder.inject('/hello');
    expect({ status: hello.statusCode, body: hello.json(), csp: hello.headers['content-security-policy'] }).toEqual({ status: 200, body: { hello: 'world' }, csp: undefined });
    const echo = await embedder.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: '{"a":1}' });
    expect(echo.json()).toEqual({ echoed: { a: 1 } });
    // Fastify's own not-found answer, not motcua's problem.
    expect((await embedder.inject('/elsewhere')).headers['content-type']).toMatch(/^application\/json/);
  });

  it("Then an application whose router cuts path parameters short of motcua's is refused, saying how to create it", async () => {
    const app = Fastify();
    const desk = createDesk({ store: new InMemoryEventStore() });
    await expect(app.register(motcuaPlugin, { prefix: PREFIX, desk, auth: { hs256Secret: SECRET } })).rejects.toThrow(
      /path parameters of up to 100 characters .* Fastify\(\{ routerOptions: \{ maxParamLength: 200 \} \}\)/,
    );
  });

  it('Then a prefix that is a parameter is refused: the links could not carry it', async () => {
    const app = Fastify({ routerOptions: { maxParamLength: 200 } });
    const desk = createDesk({ store: new InMemoryEventStore() });
    await expect(app.register(motcuaPlugin, { prefix: '/:tenant', desk, auth: { hs256Secret: SECRET } })).rejects.toThrow(/the prefix "\/:tenant" is not a path of fixed segments/);
  });
});

describe('buildServer with a prefix', () => {
  it('Then it serves under the prefix, its links carry it, and nothing is served at the root', async () => {
    const desk = createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });
    const app = await buildServer({ desk, auth: { hs256Secret: SECRET }, prefix: PREFIX });
    try {
      expect((await app.inject(`${PREFIX}/ready`)).statusCode).toBe(200);
      const root = await app.inject('/health');
      expect({ status: root.statusCode, type: root.headers['content-type'], nosniff: root.headers['x-content-type-options'] }).toEqual({
        status: 404,
        type: 'application/problem+json; charset=utf-8',
        nosniff: 'nosniff',
      });
      const created = await post(app, `${PREFIX}/dossiers`, receiveBody(dossierCode(1)));
      expect(created.headers.location).toBe(`${PREFIX}/dossiers/${encodeURIComponent(dossierCode(1))}`);
      expect(((await app.inject(`${PREFIX}/openapi.json`)).json() as { servers: { url: string }[] }).servers).toMatchObject([{ url: PREFIX }]);
      // A subject of 200 characters is taken: the application's router is set for it.
      expect((await app.inject({ url: `${PREFIX}/audit/dossier/${'x'.repeat(200)}`, headers: await bearer('inspector') })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('Then a receipt printed under the prefix carries a tracking link that leads back under it, and the link answers', async () => {
    const desk = createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });
    const tracking = { secrets: { 'thai-nguyen': 'tracking-secret-thai-nguyen-0123' }, publicBaseUrl: 'https://dichvucong.example.vn' };
    const app = await buildServer({ desk, auth: { hs256Secret: SECRET }, prefix: PREFIX, tracking });
    try {
      const created = await post(app, `${PREFIX}/dossiers`, receiveBody(dossierCode(1)));
      const { link } = (created.json() as { tracking: { link: string } }).tracking;
      expect(link.startsWith(`https://dichvucong.example.vn${PREFIX}/track/${encodeURIComponent(dossierCode(1))}?t=`)).toBe(true);
      expect((await app.inject(link.slice('https://dichvucong.example.vn'.length))).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('Then without a prefix the document names no server and links start at the root', async () => {
    const desk = createDesk({ store: new InMemoryEventStore(), references: 'unchecked' });
    const app = await buildServer({ desk, auth: { hs256Secret: SECRET } });
    try {
      expect(((await app.inject('/openapi.json')).json() as { servers?: unknown }).servers).toBeUndefined();
      expect((await post(app, '/dossiers', receiveBody(dossierCode(1)))).headers.location).toBe(`/dossiers/${encodeURIComponent(dossierCode(1))}`);
      expect((await app.inject('/')).headers.location).toBe('/dashboard/');
    } finally {
      await app.close();
    }
  });

  it('Then a prefix not of fixed path segments is refused, saying which are', async () => {
    const desk = createDesk({ store: new InMemoryEventStore() });
    for (const prefix of ['api', '/api/', '/api motcua', '/api/*', '/api/..', '/./api']) {
      await expect(buildServer({ desk, auth: { hs256Secret: SECRET }, prefix }), prefix).rejects.toThrow(`buildServer: the prefix "${prefix}" is not a path of fixed segments: give one such as /api/motcua`);
    }
  });
});
