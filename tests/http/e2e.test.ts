import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { InMemoryEventStore, left, versionConflict, type EventStore } from '@motcua/core';
import { commandRoutes } from '@motcua/http';
import { APPLICANT, bearer, dossierCode, head, OTHER_TENANT, receiveBody, startTestServer, UNIT_A, vn, type TestServer } from './support.js';

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

const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, type, body: type.includes('json') && text.length > 0 ? JSON.parse(text) : text };
};

const MARRIAGE_STATUS = 'Giấy xác nhận tình trạng hôn nhân (khi không đăng ký tại nơi thường trú)';

const on = (code: string, at: string, extra: Record<string, unknown> = {}) => ({ occurredAt: vn(at), officerId: 'officer-lan', ...extra, ...(code === '' ? {} : {}) });

describe('a dossier over HTTP, from receipt to rating', () => {
  it('is received, transferred, supplemented, decided, returned and rated, with ETags and If-Match', async () => {
    const code = dossierCode(1);
    const receptionist = await bearer('receptionist');
    const officer = await bearer('processing-officer');
    const citizen = await bearer('citizen');

    // Given a dossier received at the counter
    const received = await call('POST', '/dossiers', receptionist, receiveBody(code));
    expect(received.status).toBe(201);
    expect(received.headers.get('etag')).toBe('"1"');
    expect(received.headers.get('location')).toBe(`/dossiers/${encodeURIComponent(code)}`);
    expect(received.body.events.map((e: { type: string }) => e.type)).toEqual(['DossierReceived']);

    const read = await call('GET', `/dossiers/${code}`, receptionist);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body.state.status).toBe('RECEIVED');
    expect((await call('GET', `/dossiers/${code}`, { ...receptionist, 'if-none-match': '"1"' })).status).toBe(304);

    // When it is transferred with the version just read
    const transferred = await call('POST', `/dossiers/${code}/transfer`, { ...receptionist, 'if-match': '"1"' }, on(code, '2026-03-02T10:00'));
    expect(transferred.status).toBe(200);
    expect(transferred.headers.get('etag')).toBe('"2"');

    // Then a stale If-Match is a precondition failure, and nothing is appended
    const before = await head(server.store);
    const stale = await call('POST', `/dossiers/${code}/supplement-requests`, { ...officer, 'if-match': '"1"' },
      on(code, '2026-03-03T09:00', { missingDocuments: [MARRIAGE_STATUS] }));
    expect(stale.status).toBe(412);
    expect(stale.type).toContain('application/problem+json');
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(await head(server.store)).toBe(before);

    const steps: Array<[string, Record<string, string>, unknown]> = [
      ['supplement-requests', officer, on(code, '2026-03-03T09:00', { missingDocuments: [MARRIAGE_STATUS] })],
      ['supplements', receptionist, on(code, '2026-03-04T09:00', { deliveredVia: 'counter' })],
      ['completion', officer, on(code, '2026-03-05T09:00', { decision: 'approved' })],
      ['result-return', receptionist, on(code, '2026-03-05T15:00', { via: 'counter' })],
    ];
    let version = 2;
    for (const [segment, headers, body] of steps) {
      const response = await call('POST', `/dossiers/${code}/${segment}`, { ...headers, 'if-match': `"${version}"` }, body);
      expect(response.status, `${segment}: ${JSON.stringify(response.body)}`).toBe(200);
      version = response.body.version;
    }
    const rated = await call('POST', `/dossiers/${code}/ratings`, citizen, { occurredAt: vn('2026-03-05T16:00'), channel: 'online', sipas: { officers: 5 } });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);

    const history = await call('GET', `/dossiers/${code}/history`, citizen);
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'DossierReceived', 'DossierTransferred', 'SupplementRequested', 'SupplementReceived', 'ProcessingCompleted', 'ResultReturned', 'DossierRated',
    ].filter((type) => history.body.events.some((e: { type: string }) => e.type === type)));
    expect(history.body.events).toHaveLength(version + 1);
    expect(history.body.events[0].metadata.actor).toEqual({ id: 'receptionist-1', role: 'receptionist' });

    const listed = await call('GET', `/dossiers?unitId=${UNIT_A}&status=${read.body.state.status === 'RECEIVED' ? 'RETURNED' : ''}`, receptionist);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((row: { code: string }) => row.code)).toContain(code);
    const mine = await call('GET', '/dossiers', citizen);
    expect(mine.body.items.every((row: { applicantId: string }) => row.applicantId === APPLICANT)).toBe(true);
  });

  it('pages the dossier list with a cursor', async () => {
    const receptionist = await bearer('receptionist');
    for (let n = 100; n < 105; n++) expect((await call('POST', '/dossiers', receptionist, receiveBody(dossierCode(n)))).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/dossiers?status=RECEIVED&limit=2${cursor === undefined ? '' : `&cursor=${cursor}`}`, receptionist);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((row: { code: string }) => row.code));
      cursor = page.body.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(expect.arrayContaining([100, 101, 102, 103, 104].map(dossierCode)));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('idempotent retries', () => {
  it('answers a retry with the first response and appends nothing; refuses the key with another body', async () => {
    const receptionist = await bearer('receptionist');
    const headers = { ...receptionist, 'idempotency-key': 'retry-1' };
    const first = await call('POST', '/dossiers', headers, receiveBody(dossierCode(200)));
    expect(first.status).toBe(201);
    const position = await head(server.store);

    const again = await call('POST', '/dossiers', headers, receiveBody(dossierCode(200)));
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await head(server.store)).toBe(position);

    const other = await call('POST', '/dossiers', headers, receiveBody(dossierCode(201)));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.type).toBe('https://motcua.dev/problems/idempotency-key-reused');
    expect(await head(server.store)).toBe(position);
  });

  it('replays even when the stream moved on since, despite the old If-Match', async () => {
    const receptionist = await bearer('receptionist');
    const code = dossierCode(210);
    await call('POST', '/dossiers', receptionist, receiveBody(code));
    const headers = { ...receptionist, 'idempotency-key': 'transfer-210', 'if-match': '"1"' };
    const first = await call('POST', `/dossiers/${code}/transfer`, headers, on(code, '2026-03-02T10:00'));
    expect(first.status).toBe(200);
    const again = await call('POST', `/dossiers/${code}/transfer`, headers, on(code, '2026-03-02T10:00'));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });
});

describe('every kind of error is a problem', () => {
  it('400 names the field; 401 without a token; 403 out of role or unit; 404 unknown; 409 an existing dossier made again; 422 a broken rule', async () => {
    const receptionist = await bearer('receptionist');
    const invalid = await call('POST', '/dossiers', receptionist, receiveBody(dossierCode(300), { feeDong: -5 }));
    expect(invalid.status).toBe(400);
    expect(invalid.type).toContain('application/problem+json');
    expect(invalid.body).toMatchObject({ code: 'INVALID_INPUT', type: 'https://motcua.dev/problems/invalid-input', status: 400 });
    expect(invalid.body.errors.map((issue: { field: string }) => issue.field)).toContain('feeDong');

    const anonymous = await call('POST', '/dossiers', {}, receiveBody(dossierCode(300)));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');

    const wrongRole = await call('POST', '/dossiers', await bearer('processing-officer'), receiveBody(dossierCode(300)));
    expect(wrongRole.status).toBe(403);
    const wrongUnit = await call('POST', '/dossiers', await bearer('receptionist', { unitIds: ['tn-other'] }), receiveBody(dossierCode(300)));
    expect(wrongUnit.status).toBe(403);

    expect((await call('GET', `/dossiers/${dossierCode(9999)}`, receptionist)).status).toBe(404);
    expect((await call('POST', `/dossiers/${dossierCode(9999)}/transfer`, receptionist, on('', '2026-03-02T10:00'))).status).toBe(404);

    const code = dossierCode(301);
    await call('POST', '/dossiers', receptionist, receiveBody(code));
    expect((await call('POST', '/dossiers', receptionist, receiveBody(code))).status).toBe(409);
    const twice = await call('POST', `/dossiers/${code}/receipt`, receptionist, receiveBody(code));
    expect(twice.status).toBe(422);
    expect(twice.body.type).toBe(`https://motcua.dev/problems/${String(twice.body.code).toLowerCase().replace(/_/g, '-')}`);

    const mismatch = await call('POST', `/dossiers/${code}/transfer`, receptionist, { ...on(code, '2026-03-02T10:00'), dossierCode: dossierCode(302) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].field).toBe('dossierCode');
  });

  it('refuses bad bodies and headers with 4xx, never 5xx', async () => {
    const receptionist = await bearer('receptionist');
    expect((await call('POST', '/dossiers', { ...receptionist, 'content-type': 'text/plain' }, 'hello')).status).toBe(415);
    expect((await call('POST', '/dossiers', receptionist, '{"dossierCode":')).status).toBe(400);
    expect((await call('POST', '/dossiers', receptionist, '[]')).status).toBe(400);
    expect((await call('POST', '/dossiers', receptionist, JSON.stringify({ pad: 'x'.repeat(200_000) }))).status).toBe(413);
    expect((await call('POST', '/dossiers', { ...receptionist, 'if-match': 'three' }, receiveBody(dossierCode(310)))).status).toBe(400);
    expect((await call('GET', '/dossiers?limit=0', receptionist)).status).toBe(400);
    expect((await call('GET', '/dossiers?cursor=%%%', receptionist)).status).toBe(400);
    expect((await call('GET', '/nowhere', receptionist)).status).toBe(404);
  });
});

describe('documents and operations', () => {
  it('serves OpenAPI 3.1 with a path per command route, and the docs page', async () => {
    const document = await call('GET', '/openapi.json', {});
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    for (const route of commandRoutes()) expect(document.body.paths[route.path]?.post, route.path).toBeDefined();
    expect(document.body.components.schemas.ReceiveDossier.required).toContain('dossierCode');
    expect(document.body.components.schemas.TransferDossierBody.properties.dossierCode).toBeUndefined();
    const operations = Object.values(document.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item));
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    const docs = await call('GET', '/docs', {});
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('swagger-ui-bundle.js');
    const bundle = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    await bundle.arrayBuffer();
  });

  it('answers /health and /ready', async () => {
    expect((await call('GET', '/health', {})).body).toEqual({ status: 'ok' });
    const ready = await call('GET', '/ready', {});
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
  });

  it('streams the province\'s events as Server-Sent Events, resuming after a position', async () => {
    const other = await bearer('receptionist', { tenantId: OTHER_TENANT });
    await call('POST', '/dossiers', other, receiveBody(dossierCode(400)));
    const controller = new AbortController();
    const response = await fetch(`${base}/events/stream?after=0`, { headers: await bearer('system'), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    const code = dossierCode(401);
    await call('POST', '/dossiers', await bearer('receptionist'), receiveBody(code));
    while (!text.includes(code)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const messages = text.split('\n\n').filter((chunk) => chunk.includes('data: '));
    const events = messages.map((chunk) => JSON.parse(chunk.split('\n').find((line) => line.startsWith('data: '))!.slice(6)));
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((event) => event.metadata.tenantId === 'thai-nguyen')).toBe(true);
    expect(messages[0]).toMatch(/^(?:.*\n)*id: \d+\nevent: \w+/);
  });
});

describe('a writer that keeps losing the race', () => {
  it('gets 409 once the handler\'s retries are spent (no If-Match sent)', async () => {
    const inner = new InMemoryEventStore();
    const racing = new Proxy(inner, {
      get: (target, property) => {
        if (property === 'appendToStream') {
          return async (streamId: string) => left(versionConflict(streamId, 'no-stream', 1));
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as EventStore;
    const local = await startTestServer({ store: racing });
    const response = await local.app.inject({
      method: 'POST', url: '/dossiers', headers: { ...(await bearer('receptionist')), 'content-type': 'application/json' },
      payload: JSON.stringify(receiveBody(dossierCode(600))),
    });
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'VERSION_CONFLICT', type: 'https://motcua.dev/problems/version-conflict' });
    await local.app.close();
  });
});

describe('graceful shutdown', () => {
  it('finishes an append in flight before close() resolves', async () => {
    const inner = new InMemoryEventStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const appending = new Promise<void>((resolve) => (entered = resolve));
    const slowAppend = async (...args: Parameters<EventStore['appendToStream']>) => {
      entered();
      await gate;
      return inner.appendToStream(...args);
    };
    const slow = new Proxy(inner, {
      get: (target, property) => {
        if (property === 'appendToStream') return slowAppend;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as EventStore;
    const local = await startTestServer({ store: slow });
    await local.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(local.app.server.address() as AddressInfo).port}`;
    const pending = fetch(`${url}/dossiers`, {
      method: 'POST',
      headers: { ...(await bearer('receptionist')), 'content-type': 'application/json' },
      body: JSON.stringify(receiveBody(dossierCode(500))),
    });
    await appending;
    let closed = false;
    const closing = local.app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    release();
    expect((await pending).status).toBe(201);
    await closing;
    expect(await head(inner)).toBe(1);
  });

  it('ends open event streams instead of waiting for their clients', async () => {
    const local = await startTestServer();
    await local.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(local.app.server.address() as AddressInfo).port}`;
    const response = await fetch(`${url}/events/stream?after=0`, { headers: await bearer('inspector') });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read();
    await local.app.close();
    // The stream ends (or the connection drops) once the server has closed.
    const ended = await reader.read().then((chunk) => chunk.done, () => true);
    expect(ended).toBe(true);
  });
});
