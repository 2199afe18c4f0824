import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, dossierCode, OTHER_TENANT, receiveBody, startTestServer, TENANT, UNIT_A, UNIT_B, vn, type TestServer } from './support.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ devices: {} });
});
afterEach(async () => {
  await server.app.close();
});

const json = { 'content-type': 'application/json' };

const issueDevice = async (unitId = UNIT_A, tenantId = TENANT) => {
  const response = await server.app.inject({ method: 'POST', url: '/devices', headers: { ...(await bearer('system', { tenantId })), ...json }, payload: { unitId, label: 'Quầy 3 - máy tính bảng' } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ deviceId: string; unitId: string; credential: string }>();
};

const as = (credential: string) => ({ authorization: `Bearer ${credential}`, ...json });

/** A dossier of `unitId` received and then withdrawn: finished, so it may be rated. */
const finishedDossier = async (code: string, unitId = UNIT_A, tenantId = TENANT) => {
  const headers = { ...(await bearer('system', { tenantId })), ...json };
  const received = await server.app.inject({ method: 'POST', url: '/dossiers', headers, payload: receiveBody(code, { receivingUnitId: unitId }) });
  expect(received.statusCode, received.body).toBe(201);
  const withdrawn = await server.app.inject({ method: 'POST', url: `/dossiers/${encodeURIComponent(code)}/withdrawal`, headers, payload: { occurredAt: vn('2026-03-03T09:00'), reason: 'Người nộp xin rút hồ sơ' } });
  expect(withdrawn.statusCode, withdrawn.body).toBe(200);
};

const rating = (at: string, scores: Record<string, unknown> = { sipas: { access: 5, officers: 4 } }) => ({ occurredAt: vn(at), channel: 'counter-device', ...scores });

const rate = (code: string, headers: Record<string, string>, body: Record<string, unknown>) =>
  server.app.inject({ method: 'POST', url: `/dossiers/${encodeURIComponent(code)}/ratings`, headers, payload: body });

describe('ratings from counter tablets and kiosks', () => {
  it('records a rating sent with a device credential, anonymously, the device as the actor', async () => {
    const device = await issueDevice();
    expect(device.credential).toMatch(/^mcd_thai-nguyen\.dev_[\w-]{12}\.[\w-]{43}$/);
    const code = dossierCode(1);
    await finishedDossier(code);

    const rated = await rate(code, as(device.credential), rating('2026-03-03T09:05', { circular01: { '7': 2 }, sipas: { officers: 5, result: 4 } }));
    expect(rated.statusCode, rated.body).toBe(200);
    const history = await server.app.inject({ method: 'GET', url: `/dossiers/${encodeURIComponent(code)}/history`, headers: await bearer('director') });
    const event = history.json<{ events: { type: string; data: Record<string, unknown>; metadata: { actor: { id: string; role: string }; tenantId: string } }[] }>().events.at(-1)!;
    expect(event.type).toBe('DossierRated');
    expect(event.metadata.actor).toEqual({ id: device.deviceId, role: 'device' });
    expect(event.metadata.tenantId).toBe(TENANT);
    // Nothing in the rating says who rated: no subject id, only the dossier and the scores
    expect(Object.keys(event.data).sort()).toEqual(['channel', 'circular01', 'dossierCode', 'occurredAt', 'sipas']);
  });

  it('refuses a rating without a credential, with a revoked or forged one, for another province, another unit or another channel', async () => {
    const device = await issueDevice();
    const code = dossierCode(2);
    await finishedDossier(code);
    const body = rating('2026-03-03T09:05');

    expect((await rate(code, json, body)).statusCode).toBe(401);
    const forged = `${device.credential.slice(0, -4)}AAAA`;
    const refused = await rate(code, as(forged), body);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await rate(code, as(device.credential.replace('mcd_thai-nguyen', `mcd_${OTHER_TENANT}`)), body)).statusCode).toBe(401);

    // The same code in another province is not the device's to rate: reported missing
    const foreignCode = dossierCode(3);
    await finishedDossier(foreignCode, UNIT_A, OTHER_TENANT);
    expect((await rate(foreignCode, as(device.credential), body)).statusCode).toBe(404);
    // A dossier of another unit of the province
    const otherUnit = dossierCode(4);
    await finishedDossier(otherUnit, UNIT_B);
    expect((await rate(otherUnit, as(device.credential), body)).statusCode).toBe(403);
    // A device is a counter device: it does not claim a paper form or the portal
    const paper = await rate(code, as(device.credential), { ...body, channel: 'paper-form' });
    expect(paper.statusCode).toBe(403);

    // Revoked: refused at once
    const revoked = await server.app.inject({ method: 'DELETE', url: `/devices/${device.deviceId}`, headers: await bearer('system') });
    expect(revoked.statusCode).toBe(204);
    expect((await rate(code, as(device.credential), body)).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'DELETE', url: `/devices/${device.deviceId}`, headers: await bearer('system') })).statusCode).toBe(404);
    // Nothing of the refused attempts reached the log
    const history = await server.app.inject({ method: 'GET', url: `/dossiers/${encodeURIComponent(code)}/history`, headers: await bearer('director') });
    expect(history.json<{ events: { type: string }[] }>().events.map((event) => event.type)).toEqual(['DossierReceived', 'DossierWithdrawn']);
  });

  it('lets a device rate and nothing else', async () => {
    const device = await issueDevice();
    const code = dossierCode(5);
    const received = await server.app.inject({ method: 'POST', url: '/dossiers', headers: as(device.credential), payload: receiveBody(code) });
    expect(received.statusCode).toBe(403);
    for (const url of ['/dossiers', `/dossiers/${encodeURIComponent(code)}`, '/devices', '/events/stream']) {
      expect((await server.app.inject({ method: 'GET', url, headers: as(device.credential) })).statusCode, url).toBe(403);
    }
    const selfIssued = await server.app.inject({ method: 'POST', url: '/devices', headers: as(device.credential), payload: { unitId: UNIT_A } });
    expect(selfIssued.statusCode).toBe(403);
  });

  it('takes the device role from a credential the system role issued, never from a token claiming it', async () => {
    const code = dossierCode(7);
    await finishedDossier(code);
    const claimed = await rate(code, { ...(await bearer('device')), ...json }, rating('2026-03-03T09:05'));
    expect(claimed.statusCode).toBe(401);
  });

  it('describes the device routes in the OpenAPI document', async () => {
    const document = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(document.paths['/devices'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/devices/{deviceId}'] ?? {})).toEqual(['delete']);
  });

  it('rates a guidance-only visit on SIPAS aspects, before anything is filed', async () => {
    const device = await issueDevice();
    const code = dossierCode(6);
    const guided = await server.app.inject({
      method: 'POST', url: `/dossiers/${encodeURIComponent(code)}/guidance`, headers: { ...(await bearer('receptionist')), ...json },
      payload: { occurredAt: vn('2026-03-02T08:00'), officerId: 'officer-lan', channel: 'counter', procedureCode: '1.000894' },
    });
    expect(guided.statusCode, guided.body).toBe(200);
    const circular = await rate(code, as(device.credential), rating('2026-03-02T08:20', { circular01: { '1': 2 } }));
    expect(circular.statusCode).toBe(400);
    expect(circular.body).toContain('GuidanceRatedOnSipas');
    const sipas = await rate(code, as(device.credential), rating('2026-03-02T08:20', { sipas: { access: 4, officers: 5, procedure: 3 } }));
    expect(sipas.statusCode, sipas.body).toBe(200);
    // Once
    expect((await rate(code, as(device.credential), rating('2026-03-02T08:25'))).statusCode).toBe(422);
  });

  it('is managed by the system role of each province: issued, listed without secrets, revoked', async () => {
    const device = await issueDevice();
    const other = await issueDevice(UNIT_A, OTHER_TENANT);
    expect((await server.app.inject({ method: 'POST', url: '/devices', headers: { ...(await bearer('director')), ...json }, payload: { unitId: UNIT_A } })).statusCode).toBe(403);
    for (const payload of [{}, { unitId: '' }, { unitId: UNIT_A, extra: 1 }, { unitId: UNIT_A, label: 'x'.repeat(101) }]) {
      const refused = await server.app.inject({ method: 'POST', url: '/devices', headers: { ...(await bearer('system')), ...json }, payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const listed = await server.app.inject({ method: 'GET', url: '/devices', headers: await bearer('system') });
    expect(listed.json().items).toEqual([expect.objectContaining({ deviceId: device.deviceId, unitId: UNIT_A, tenantId: TENANT })]);
    expect(listed.body).not.toContain(device.credential.split('.')[2]);
    expect(listed.body).not.toContain('secretHash');
    expect(listed.body).not.toContain(other.deviceId);
    // Another province's system role cannot revoke this one
    expect((await server.app.inject({ method: 'DELETE', url: `/devices/${device.deviceId}`, headers: await bearer('system', { tenantId: OTHER_TENANT }) })).statusCode).toBe(404);
    await server.app.inject({ method: 'DELETE', url: `/devices/${device.deviceId}`, headers: await bearer('system') });
    const after = await server.app.inject({ method: 'GET', url: '/devices', headers: await bearer('system') });
    expect(after.json().items[0].revokedAt).toBeDefined();
  });
});
