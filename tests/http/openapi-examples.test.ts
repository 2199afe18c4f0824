import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, fixedClock, InMemoryEventStore, isRight } from '@motcua/core';
import { DEMO_TENANT, OFFICERS, PROVINCE_CENTRE, seedDemoProvince } from '../../packages/cli/src/seed/index.js';
import { buildServer, issueDevelopmentToken } from '@motcua/http';
import { commandRoutes } from '../../packages/http/src/route-table.js';
import { bearer, SECRET, startTestServer, type TestServer } from './support.js';

type Json = Record<string, unknown>;
type Operation = { requestBody?: { content: Record<string, Json> }; responses: Record<string, { content?: Record<string, Json> }> };

let server: TestServer;
let document: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  server = await startTestServer();
  document = JSON.parse((await server.app.inject({ method: 'GET', url: '/openapi.json' })).body);
});

afterAll(async () => {
  await server.app.close();
});

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));

describe('examples in the OpenAPI document', () => {
  it('gives every request body and every response with a body an example', () => {
    const missing: string[] = [];
    for (const { name, operation } of operations()) {
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        if (media['example'] === undefined) missing.push(`${name} request ${type}`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (media['example'] === undefined) missing.push(`${name} ${status} ${type}`);
          if (type === 'application/problem+json') expect((media['example'] as Json)['status'], `${name} ${status}`).toBe(Number(status));
        }
      }
    }
    expect(operations().length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('gives each command a body example its codec accepts', () => {
    const refused: string[] = [];
    for (const route of commandRoutes()) {
      const example = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.['post']?.requestBody?.content['application/json']?.['example'] as Json;
      const data = route.idInPath ? { ...example, [route.stream.idField]: 'X-260302-0001' } : example;
      if (!route.dataCodec.is(data) && !isRight(route.dataCodec.decode(data))) refused.push(route.commandType);
    }
    expect(refused).toEqual([]);
  });

  it('has a ReceiveDossier example that the demo province receives as it stands, sent with the printed receptionist token', async () => {
    const store = new InMemoryEventStore();
    const clock = fixedClock(new Date('2026-12-06T03:00:00Z'));
    const desk = createDesk({ store, clock });
    await seedDemoProvince(desk, { clock });
    const demo = await buildServer({ desk, auth: { hs256Secret: SECRET } });
    try {
      const receptionist = OFFICERS.find((officer) => officer.unitId === PROVINCE_CENTRE && officer.role === 'receiving-officer');
      const token = await issueDevelopmentToken(SECRET, { sub: receptionist?.officerId ?? '', role: 'receptionist', tenantId: DEMO_TENANT, unitIds: [PROVINCE_CENTRE] }, '1h');
      const example = document.paths['/dossiers']?.['post']?.requestBody?.content['application/json']?.['example'];
      const response = await demo.inject({ method: 'POST', url: '/dossiers', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(example) });
      expect(response.statusCode, response.body).toBe(201);
      expect(JSON.parse(response.body).events[0].type).toBe('DossierReceived');
    } finally {
      await demo.close();
    }
  }, 60_000);
});

describe('the procedure catalogue', () => {
  const get = async (url: string, role: Parameters<typeof bearer>[0] = 'citizen') => {
    const response = await server.app.inject({ method: 'GET', url, headers: await bearer(role) });
    return { status: response.statusCode, type: response.headers['content-type'], body: JSON.parse(response.body) };
  };

  it('lists the procedures in force with limit, fee, required documents and the rule set in force, to every role', async () => {
    const listed = await get('/procedures?at=2026-06-02');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ tenantId: 'thai-nguyen', at: '2026-06-02', ruleSet: { id: expect.any(String), effectiveFrom: expect.any(String) } });
    const business = listed.body.items.find((item: Json) => item['code'] === '1.001612');
    expect(business).toMatchObject({ timeLimit: { amount: 3, unit: 'working-days' }, feeDong: 100_000, requiredDocuments: expect.arrayContaining(['Giấy đề nghị đăng ký hộ kinh doanh']) });
    // One version per code: the one in force that day.
    const codes = listed.body.items.map((item: Json) => item['code']);
    expect(new Set(codes).size).toBe(codes.length);
    expect((await get('/procedures?field=H%E1%BB%99%20t%E1%BB%8Bch')).body.items.every((item: Json) => item['field'] === 'Hộ tịch')).toBe(true);
  });

  it('answers one procedure with the version in force at a moment, and the dates of its versions', async () => {
    const before = await get('/procedures/1.012753?at=2025-03-01');
    const after = await get('/procedures/1.012753?at=2025-07-01T08:00:00%2B07:00');
    expect(before.body.timeLimit.amount).toBe(20);
    expect(after.body.timeLimit.amount).toBe(17);
    expect(after.body.versions).toEqual([{ effectiveFrom: '2024-08-01', effectiveTo: '2025-06-30' }, { effectiveFrom: '2025-07-01' }]);
    expect(after.body.ruleSet.id).not.toBe(before.body.ruleSet.id);
  });

  it('refuses an unknown procedure with 404, a bad moment or parameter with 400, all as problems', async () => {
    for (const [url, status, field] of [
      ['/procedures/9.999999', 404, undefined],
      ['/procedures?at=tomorrow', 400, 'at'],
      ['/procedures?at=2026-13-01', 400, 'at'],
      ['/procedures?colour=red', 400, 'colour'],
      ['/procedures/1.001612?field=x', 400, 'field'],
      ['/procedures?at=2000-01-01', 404, undefined],
    ] as const) {
      const response = await get(url);
      expect(response.status, url).toBe(status);
      expect(response.type, url).toBe('application/problem+json; charset=utf-8');
      if (field !== undefined) expect(response.body.errors[0].field, url).toBe(field);
    }
    expect((await server.app.inject({ method: 'GET', url: '/procedures' })).statusCode).toBe(401);
  });
});

describe('the statuses the OpenAPI document lists', () => {
  it('list what every POST route answers to a body that is not JSON, with webhooks and devices served too', async () => {
    const full = await startTestServer({ webhooks: { allowHttp: true }, devices: {} });
    try {
      const served = JSON.parse((await full.app.inject({ method: 'GET', url: '/openapi.json' })).body) as typeof document;
      const undocumented: string[] = [];
      const posts = Object.entries(served.paths).flatMap(([path, item]) => (item['post'] === undefined ? [] : [{ path, operation: item['post'] }]));
      for (const { path, operation } of posts) {
        // Given a body sent as text/plain, by a caller the route admits or not
        const response = await full.app.inject({ method: 'POST', url: path.replace(/\{[^}]+\}/g, 'X-1'), headers: { ...(await bearer('system')), 'content-type': 'text/plain' }, payload: 'not json' });
        // Then the answer is one the document lists for the route
        if (!(String(response.statusCode) in operation.responses)) undocumented.push(`POST ${path} ${response.statusCode}`);
      }
      expect(posts.length).toBeGreaterThan(30);
      expect(undocumented).toEqual([]);
    } finally {
      await full.app.close();
    }
  });
});
