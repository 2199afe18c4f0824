import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, createReadModels, createVietnamCalendar, defaultRuleBook, InMemoryDocumentStore, InMemoryEventStore, type ActorRole } from '@motcua/core';
import { issueDevelopmentToken } from './auth.js';
import type { Caller } from './me-route.js';
import { buildServer } from './server.js';

const SECRET = 'me-route-secret-0123456789-abcdef';
let app: Awaited<ReturnType<typeof buildServer>>;

const me = async (role: ActorRole) => {
  const token = await issueDevelopmentToken(SECRET, { sub: `${role}-1`, role, tenantId: 'thai-nguyen', unitIds: ['tn-hcc'] }, '5m');
  return app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
};

beforeAll(async () => {
  const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
  app = await buildServer({ desk: createDesk({ store: new InMemoryEventStore() }), auth: { hs256Secret: SECRET }, readSide: { readModels: readModels.all, documents: new InMemoryDocumentStore() } });
});
afterAll(async () => {
  await app.close();
});

describe('GET /me', () => {
  it('names the caller from the verified token and what its role opens, as the routes decide it', async () => {
    const director = (await me('director')).json() as Caller;
    expect(director).toMatchObject({ sub: 'director-1', role: 'director', tenantId: 'thai-nguyen', unitIds: ['tn-hcc'] });
    expect(director.may).toMatchObject({ verdicts: 'none', reports: ['processing', 'circular01', 'index766'] });
    expect(director.may.readModels).toContain('officer-rating');
    expect(director.may.streams['officers']).toBe('province');
    const head = (await me('unit-head')).json() as Caller;
    expect(head.may).toMatchObject({ verdicts: 'none', readModels: [], reports: [] });
    expect(head.may.streams['officers']).toBe('own-units');
    expect(((await me('inspector')).json() as Caller).may.verdicts).toBe('province');
  });

  it('is refused without a token, and with a query parameter', async () => {
    expect((await app.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
    const token = await issueDevelopmentToken(SECRET, { sub: 'd', role: 'director', tenantId: 'thai-nguyen', unitIds: [] }, '5m');
    expect((await app.inject({ method: 'GET', url: '/me?x=1', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(400);
  });
});
