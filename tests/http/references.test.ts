import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, dossierCode, head, receiveBody, seedEntities, startTestServer, UNIT_A, type TestServer } from './support.js';

// The desk looks up the officers and units a command names; over HTTP a missing one is a 422 and nothing is written.
describe('references over HTTP', () => {
  let server: TestServer;
  const post = async (url: string, body: unknown, headers: Record<string, string>) =>
    server.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startTestServer({ references: 'checked' });
    const system = await bearer('system');
    const unit = { ...seedEntities.unit.body, effectiveDate: '2019-01-01' };
    expect((await post('/units', unit, system)).statusCode).toBe(201);
    const officer = { ...seedEntities.officer.body, officerId: 'officer-lan', deskLevel: 'commune', effectiveDate: '2019-01-01' };
    expect((await post('/officers', officer, system)).statusCode).toBe(201);
  });
  afterAll(async () => server.app.close());

  it('takes a receipt by the receptionist named in it', async () => {
    const response = await post('/dossiers', receiveBody(dossierCode(1)), await bearer('receptionist', { sub: 'officer-lan' }));
    expect(response.statusCode).toBe(201);
  });

  it.each([
    ['a receipt under another officer', { sub: 'receptionist-1' }, {}, 'ACTING_OFFICER_NOT_CALLER'],
    ['an officer who does not exist', { sub: 'officer-does-not-exist' }, { officerId: 'officer-does-not-exist' }, 'OFFICER_NOT_FOUND'],
    ['a unit that does not exist', { sub: 'officer-lan', unitIds: [UNIT_A, 'unit-does-not-exist'] }, { receivingUnitId: 'unit-does-not-exist' }, 'UNIT_NOT_FOUND'],
  ] as const)('refuses %s, writing nothing', async (_, token, fields, code) => {
    const before = await head(server.store);
    const response = await post('/dossiers', receiveBody(dossierCode(2), fields), await bearer('receptionist', token));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code });
    expect(await head(server.store)).toBe(before);
  });

  it('lets the system record for the officer, and keeps another province out', async () => {
    expect((await post('/dossiers', receiveBody(dossierCode(3)), await bearer('system'))).statusCode).toBe(201);
    const other = await post('/dossiers', receiveBody(dossierCode(4)), await bearer('system', { tenantId: 'bac-ninh' }));
    expect(other.json()).toMatchObject({ code: 'OFFICER_NOT_FOUND' });
  });
});
