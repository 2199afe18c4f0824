import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dossierCode, receiveBody, startTestServer, type TestServer } from './support.js';

let server: TestServer;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server.app.close();
});

const json = { 'content-type': 'application/json' };

type Json = Record<string, unknown>;
const bodyOf = async (response: Response): Promise<Json> => (await response.json()) as Json;

/** Every refusal, whoever makes it (a route, Fastify, Node's parser), is a problem with a stable code. */
const expectProblem = (response: { headers: Headers; status: number }, body: Record<string, unknown>, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/motcua\.dev\/problems\//), code: expect.any(String), title: expect.any(String) });
};

/** A raw request, so headers no client library would send can be sent. */
const raw = (path: string, headers: Record<string, string>): Promise<{ status: number; type: string | undefined; body: string }> =>
  new Promise((resolve, reject) => {
    const call = httpRequest(`${base}${path}`, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }));
    });
    call.on('error', reject);
    call.end();
  });

describe('problems everywhere', () => {
  it('answers an unknown route, a wrong media type, a large body and a malformed URL with problem+json', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/no-such-route', {}, 404],
      ['/dossiers', { method: 'DELETE', headers: await bearer('system') }, 404],
      ['/dossiers', { method: 'POST', headers: { ...(await bearer('receptionist')), 'content-type': 'text/plain' }, body: 'x' }, 415],
      ['/dossiers', { method: 'POST', headers: { ...(await bearer('receptionist')), ...json }, body: JSON.stringify({ pad: 'x'.repeat(100_000) }) }, 413],
      ['/dossiers', { method: 'POST', headers: { ...(await bearer('receptionist')), ...json }, body: '{"a":' }, 400],
      ['/dossiers/%E0%A4%A', { headers: await bearer('system') }, 400],
      ['/dossiers?status=FOO', { headers: await bearer('director') }, 400],
      ['/dossiers?colour=red', { headers: await bearer('director') }, 400],
      ['/dossiers?procedureCode=9.999999', { headers: await bearer('director') }, 400],
      ['/dossiers', {}, 401],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(`${base}${path}`, init);
      expectProblem(response, await bodyOf(response), status);
    }
  });

  it('names the statuses a dossier list accepts when the filter has another', async () => {
    const response = await fetch(`${base}/dossiers?status=FOO`, { headers: await bearer('director') });
    const body = await bodyOf(response);
    expect(body['errors']).toEqual([{ field: 'status', rule: 'enum', message: expect.stringContaining('RECEIVED') }]);
    expect((await fetch(`${base}/dossiers?status=RECEIVED`, { headers: await bearer('director') })).status).toBe(200);
    expect((await fetch(`${base}/dossiers?procedureCode=1.000894`, { headers: await bearer('director') })).status).toBe(200);
  });

  it('names every wrong query parameter at once, in the order sent', async () => {
    const response = await fetch(`${base}/dossiers?status=FOO&limit=0&colour=red&procedureCode=9.999999&unitId=a&unitId=b`, { headers: await bearer('director') });
    const body = await bodyOf(response);
    expectProblem(response, body, 400);
    expect((body['errors'] as { field: string; rule: string }[]).map(({ field, rule }) => `${field}:${rule}`)).toEqual([
      'status:enum',
      'limit:integer',
      'colour:unknown',
      'procedureCode:catalogue',
      'unitId:single',
    ]);
    expect(String(body['detail']).split('; ').map((part) => part.split(':')[0])).toEqual(['status', 'limit', 'colour', 'procedureCode', 'unitId']);
  });

  it('refuses a query parameter a route does not take, a command included, and appends nothing then', async () => {
    const code = dossierCode(43);
    const headers = { ...(await bearer('receptionist')), ...json };
    const misspelt = await fetch(`${base}/dossiers?mod=record`, { method: 'POST', headers, body: JSON.stringify(receiveBody(code)) });
    expectProblem(misspelt, await bodyOf(misspelt), 400);
    expect((await fetch(`${base}/dossiers/${code}`, { headers: await bearer('director') })).status).toBe(404);
    expect((await fetch(`${base}/dossiers`, { method: 'POST', headers, body: JSON.stringify(receiveBody(code)) })).status).toBe(201);
    // EventSource polyfills send the last id seen as `lastEventId`: a parameter of the feed, read as a position.
    const polyfilled = await fetch(`${base}/events/stream?lastEventId=zz`, { headers: await bearer('director') });
    expect((await bodyOf(polyfilled))['errors']).toEqual([{ field: 'lastEventId', rule: 'position', message: expect.any(String) }]);
    for (const path of [`/dossiers/${code}?x=1`, `/dossiers/${code}/history?x=1`, '/read-models?x=1', '/procedures?at=2026-03-02&x=1', '/events/stream?x=1']) {
      const response = await fetch(`${base}${path}`, { headers: await bearer('director') });
      const body = await bodyOf(response);
      expectProblem(response, body, 400);
      expect(body['errors'], path).toEqual([{ field: 'x', rule: 'unknown', message: expect.stringMatching(/^is not a parameter of /) }]);
    }
  });

  it('answers headers too large for the parser with a 431 problem', async () => {
    const response = await raw('/health', { 'x-padding': 'x'.repeat(20_000) });
    expect(response.status).toBe(431);
    expect(response.type).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(response.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('gives a 412 its expected and actual versions as numbers', async () => {
    const code = dossierCode(41);
    const headers = { ...(await bearer('receptionist')), ...json };
    expect((await fetch(`${base}/dossiers`, { method: 'POST', headers, body: JSON.stringify(receiveBody(code)) })).status).toBe(201);
    const stale = await fetch(`${base}/dossiers/${code}/transfer`, {
      method: 'POST',
      headers: { ...headers, 'if-match': '"5"' },
      body: JSON.stringify({ occurredAt: '2026-03-02T10:00:00+07:00', officerId: 'officer-lan' }),
    });
    const body = await bodyOf(stale);
    expectProblem(stale, body, 412);
    expect(body).toMatchObject({ expected: 5, actual: 1 });
  });

  it('puts the right article before a role', async () => {
    const response = await fetch(`${base}/dossiers`, { method: 'POST', headers: { ...(await bearer('inspector')), ...json }, body: JSON.stringify(receiveBody(dossierCode(42))) });
    expect((await bodyOf(response))['detail']).toBe('an inspector may not send ReceiveDossier');
  });
});

describe('security headers', () => {
  it('sends nosniff, no framing, no referrer and a closed CSP with every answer of the API', async () => {
    for (const path of ['/health', '/openapi.json', '/no-such-route']) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'none'");
    }
  });

  it('serves the docs page from this server only, never framed, keeping no token in the browser', async () => {
    const page = await fetch(`${base}/docs`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    // Every script and stylesheet is a path of this server: the page works without the Internet.
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(sources.length).toBeGreaterThan(2);
    for (const source of sources) {
      expect(source.startsWith('/docs/assets/'), source).toBe(true);
      expect((await fetch(`${base}${source}`)).status, source).toBe(200);
    }
    const init = await (await fetch(`${base}/docs/assets/init.js`)).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).not.toContain('persistAuthorization');
  });
});

describe('receiving a dossier code twice', () => {
  it('answers 409 saying the dossier exists, whenever the second receipt is dated, while a retry with the same key gets the first answer', async () => {
    const headers = { ...json, ...(await bearer('system')) };
    const send = (key: string, body: Json) => fetch(`${base}/dossiers`, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body: JSON.stringify(body) });
    // Given a dossier received at 09:00
    const code = dossierCode(902);
    expect((await send('k-902', receiveBody(code))).status).toBe(201);
    // When the code is received again with a new key, dated before or after the first receipt
    for (const occurredAt of ['2026-03-02T08:00:00+07:00', '2026-03-02T09:30:00+07:00']) {
      const again = await send(`k-902-${occurredAt}`, receiveBody(code, { occurredAt }));
      // Then it is a conflict naming the dossier, not a rule the receipt broke
      const body = await bodyOf(again);
      expectProblem(again, body, 409);
      expect(body).toMatchObject({ code: 'ALREADY_EXISTS', detail: expect.stringContaining(`dossiers ${code} already exists`) });
    }
    // And a retry with the first key is the first answer again
    const retry = await send('k-902', receiveBody(code));
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });
});
