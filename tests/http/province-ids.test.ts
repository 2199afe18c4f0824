import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, OTHER_TENANT, receiveBody, seedEntities, startTestServer, TENANT, UNIT_A, vn, type TestServer } from './support.js';

/**
 * Stream ids carry the province (docs/adr/0011-province-in-stream-ids.md): another province can
 * neither read, write nor reserve this province's ids. Province A is `TENANT`, B is `OTHER_TENANT`.
 */
const CODE = '000.00.15.H55-260623-9001';
const ONLY_A = '000.00.15.H55-260623-9002';

let server: TestServer;
/** Each province has the unit and the receptionist the dossiers name. */
const givenDesk = async (tenantId: string) => {
  const headers = { ...(await bearer('system', { tenantId })), 'content-type': 'application/json' };
  const officer = { ...seedEntities.officer.body, officerId: 'officer-lan' };
  for (const [url, body] of [[seedEntities.unit.path, seedEntities.unit.body], [seedEntities.officer.path, officer]] as const) {
    const response = await server.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
    if (response.statusCode !== 201) throw new Error(`${url} in ${tenantId}: ${response.statusCode} ${response.body}`);
  }
};

beforeAll(async () => {
  server = await startTestServer();
  await givenDesk(TENANT);
  await givenDesk(OTHER_TENANT);
});
afterAll(async () => {
  await server.app.close();
});

const call = async (method: 'GET' | 'POST', url: string, tenantId: string, body?: unknown) => {
  const headers = { ...(await bearer('receptionist', { tenantId, sub: 'officer-lan' })), 'content-type': 'application/json' };
  const response = await server.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
};

describe('province-qualified stream ids over HTTP', () => {
  it('Given province B received a dossier code first, When A\'s receptionist receives the same code, Then A gets its own dossier', async () => {
    const first = await call('POST', '/dossiers', OTHER_TENANT, receiveBody(CODE, { occurredAt: vn('2026-03-02T10:00') }));
    expect(first).toMatchObject({ status: 201, body: { streamId: `dossier-${OTHER_TENANT}:${CODE}` } });
    const second = await call('POST', '/dossiers', TENANT, receiveBody(CODE));
    expect(second).toMatchObject({ status: 201, body: { streamId: `dossier-${TENANT}:${CODE}`, version: 1 } });
    expect(await call('GET', `/dossiers/${CODE}`, TENANT)).toMatchObject({ status: 200, body: { version: 1, state: { receivedAt: vn('2026-03-02T09:00') } } });
    expect(await call('GET', `/dossiers/${CODE}`, OTHER_TENANT)).toMatchObject({ status: 200, body: { version: 1, state: { receivedAt: vn('2026-03-02T10:00') } } });
  });

  it('B\'s token gets 404 on a dossier only A holds, reading or writing, and A\'s stream is left as it was', async () => {
    expect((await call('POST', '/dossiers', TENANT, receiveBody(ONLY_A))).status).toBe(201);
    expect((await call('GET', `/dossiers/${ONLY_A}`, OTHER_TENANT)).status).toBe(404);
    expect((await call('GET', `/dossiers/${ONLY_A}/history`, OTHER_TENANT)).status).toBe(404);
    const transfer = { occurredAt: vn('2026-06-23T10:00'), officerId: 'officer-lan' };
    expect((await call('POST', `/dossiers/${ONLY_A}/transfer`, OTHER_TENANT, transfer)).status).toBe(404);
    expect((await server.desk.dossiers.load(TENANT, ONLY_A)).version).toBe(1);
    expect((await server.desk.dossiers.load(OTHER_TENANT, ONLY_A)).version).toBe(0);
  });

  it('refuses a token whose tenantId is not a province id', async () => {
    const headers = await bearer('receptionist', { tenantId: 'A/B', unitIds: [UNIT_A] });
    const response = await server.app.inject({ method: 'GET', url: `/dossiers/${CODE}`, headers });
    expect(response.statusCode).toBe(401);
    expect(response.body).toMatch(/tenantId claim \(a province id/);
  });
});
