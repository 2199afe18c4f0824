import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import type { ActorRole } from '@motcua/core';
import { buildServer, commandRoutes, issueDevelopmentToken, STREAM_ROUTES } from '@motcua/http';
import { createDesk, InMemoryEventStore } from '@motcua/core';
import {
  APPLICANT, bearer, dossierCode, OTHER_TENANT, receiveBody, ROLES, SECRET, seed, seedEntities, startTestServer, TENANT, UNIT_A, UNIT_B, vn,
  type TestServer,
} from './support.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seed(server);
});

afterAll(async () => {
  await server.app.close();
});

const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown) =>
  server.app.inject({ method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

const idOf: Record<string, string> = {
  dossiers: seedEntities.dossier.id, officers: seedEntities.officer.id, incidents: seedEntities.incident.id, feedback: seedEntities.feedback.id, units: seedEntities.unit.id,
};

describe('roles against every command route', () => {
  const routes = commandRoutes();
  for (const route of routes) {
    it(`${route.path} (${route.commandType})`, async () => {
      const url = route.path.replace(/\{[^}]+\}/, encodeURIComponent(idOf[route.stream.key] as string));
      for (const role of ROLES) {
        const response = await inject('POST', url, await bearer(role), {});
        // An empty body: a role allowed to send the command gets past authorization to the body check.
        if (route.roles.includes(role)) expect(response.statusCode, `${role}: ${response.body}`).toBe(400);
        else expect(response.statusCode, `${role}: ${response.body}`).toBe(403);
      }
      expect((await inject('POST', url, {}, {})).statusCode).toBe(401);
    });
  }

  it('follows the desk\'s division of work', () => {
    const allowed = (type: string, role: ActorRole) => routes.find((r) => r.commandType === type)!.roles.includes(role);
    expect(allowed('ReceiveDossier', 'receptionist')).toBe(true);
    expect(allowed('ReceiveDossier', 'processing-officer')).toBe(false);
    expect(allowed('CompleteProcessing', 'receptionist')).toBe(false);
    expect(allowed('CompleteProcessing', 'processing-officer')).toBe(true);
    expect(allowed('TransferDossier', 'citizen')).toBe(false);
    expect(allowed('RateDossier', 'citizen')).toBe(true);
    expect(allowed('DecideDiscipline', 'unit-head')).toBe(false);
    for (const route of routes) expect(allowed(route.commandType, 'inspector') && route.commandType !== 'ReportIncident').toBe(false);
  });
});

describe('roles against every query route', () => {
  const expected = (role: ActorRole, stream: string): number => {
    const readers: Record<string, readonly ActorRole[]> = {
      dossiers: ROLES, // the citizen is the applicant of the seeded dossier
      officers: ['receptionist', 'processing-officer', 'unit-head', 'director', 'inspector', 'system'],
      incidents: ['unit-head', 'director', 'inspector', 'system'],
      feedback: ROLES,
      units: ROLES,
    };
    return readers[stream]!.includes(role) ? 200 : 403;
  };
  for (const stream of STREAM_ROUTES) {
    for (const suffix of ['', '/history']) {
      it(`GET /${stream.collection}/{${stream.idParam}}${suffix}`, async () => {
        const url = `/${stream.collection}/${encodeURIComponent(idOf[stream.key] as string)}${suffix}`;
        for (const role of ROLES) {
          const response = await inject('GET', url, await bearer(role));
          expect(response.statusCode, `${role}: ${response.body}`).toBe(expected(role, stream.key));
          // Another province's staff never see it, whatever their role (it exists there under the same id).
          const foreign = await inject('GET', url, await bearer(role, { tenantId: 'ha-giang' }));
          expect(foreign.statusCode, `${role} of another province`).toBe(expected(role, stream.key) === 200 ? 404 : 403);
        }
        expect((await inject('GET', url, {})).statusCode).toBe(401);
      });
    }
  }

  it('lists only what the caller may see', async () => {
    const codes = async (headers: Record<string, string>, query = '') =>
      (JSON.parse((await inject('GET', `/dossiers${query}`, headers)).body) as { items: { code: string; applicantId?: string }[] }).items;
    expect(await codes(await bearer('director'))).toHaveLength(1);
    expect(await codes(await bearer('receptionist', { unitIds: [UNIT_B] }))).toHaveLength(0);
    expect((await inject('GET', `/dossiers?unitId=${UNIT_A}`, await bearer('receptionist', { unitIds: [UNIT_B] }))).statusCode).toBe(403);
    expect(await codes(await bearer('citizen', { subjectId: 'subject-other' }))).toHaveLength(0);
    expect((await inject('GET', `/dossiers?applicantId=${APPLICANT}`, await bearer('citizen', { subjectId: 'subject-other' }))).statusCode).toBe(403);
    expect(await codes(await bearer('director', { tenantId: 'ha-giang' }))).toHaveLength(0);
  });

  it('limits the event feed and read models to province-wide roles', async () => {
    for (const role of ['receptionist', 'processing-officer', 'unit-head', 'citizen'] as const) {
      expect((await inject('GET', '/events/stream?after=0', await bearer(role))).statusCode).toBe(403);
    }
    expect((await inject('GET', '/read-models/none', await bearer('director'))).statusCode).toBe(404);
    expect((await inject('GET', '/read-models/none', await bearer('receptionist'))).statusCode).toBe(404);
  });
});

describe('unit, subject and province scope of commands', () => {
  const code = seedEntities.dossier.id;
  const transfer = { occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-lan' };

  it('keeps a receptionist of unit B off a dossier of unit A', async () => {
    const response = await inject('POST', `/dossiers/${code}/transfer`, await bearer('receptionist', { unitIds: [UNIT_B] }), transfer);
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).type).toBe('https://motcua.dev/problems/forbidden');
    const receive = await inject('POST', '/dossiers', await bearer('receptionist', { unitIds: [UNIT_B] }), receiveBody(dossierCode(50)));
    expect(receive.statusCode).toBe(403);
    expect((await inject('GET', `/dossiers/${code}`, await bearer('receptionist', { unitIds: [UNIT_B] }))).statusCode).toBe(403);
  });

  it('lets a citizen act on their own dossier only, and file only in their own name', async () => {
    const rating = { occurredAt: vn('2026-03-02T11:00'), channel: 'online', sipas: { officers: 5 } };
    expect((await inject('POST', `/dossiers/${code}/ratings`, await bearer('citizen', { subjectId: 'subject-other' }), rating)).statusCode).toBe(403);
    expect((await inject('GET', `/dossiers/${code}`, await bearer('citizen', { subjectId: 'subject-other' }))).statusCode).toBe(403);
    const submission = {
      occurredAt: vn('2026-03-02T09:00'), receivingUnitId: UNIT_A, procedureCode: '1.000894', channel: 'online',
      applicantId: 'subject-other', documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'],
    };
    expect((await inject('POST', `/dossiers/${dossierCode(60)}/submission`, await bearer('citizen'), submission)).statusCode).toBe(403);
    const own = await inject('POST', `/dossiers/${dossierCode(60)}/submission`, await bearer('citizen'), { ...submission, applicantId: APPLICANT });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('hides another province\'s dossier from every role, even a director', async () => {
    const local = dossierCode(70);
    expect((await inject('POST', '/dossiers', await bearer('receptionist'), receiveBody(local))).statusCode).toBe(201);
    for (const role of ['director', 'system', 'receptionist'] as const) {
      const response = await inject('POST', `/dossiers/${local}/transfer`, await bearer(role, { tenantId: OTHER_TENANT }), transfer);
      expect(response.statusCode, role).toBe(404);
    }
    // The same code received in another province is that province's own dossier (ADR 0011).
    const elsewhere = await inject('POST', '/dossiers', await bearer('receptionist', { tenantId: OTHER_TENANT }), receiveBody(local));
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    expect(JSON.parse(elsewhere.body).streamId).toBe(`dossier-${OTHER_TENANT}:${local}`);
  });
});

describe('tokens', () => {
  const url = `/dossiers/${seedEntities.dossier.id}`;
  const claims = { role: 'director', tenantId: TENANT, unitIds: [UNIT_A] };

  it('refuses forged, expired, unsigned and malformed tokens', async () => {
    const forged = await issueDevelopmentToken('another-secret-of-the-attacker', { sub: 'x', role: 'director', tenantId: TENANT, unitIds: [] }, '1h');
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_600)
      .sign(new TextEncoder().encode(SECRET));
    const unsigned = new UnsecuredJWT(claims).setSubject('x').setExpirationTime('1h').encode();
    const noRole = await new SignJWT({ tenantId: TENANT }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    const badRole = await new SignJWT({ ...claims, role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    const noExpiry = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(new TextEncoder().encode(SECRET));
    const [header, payload, signature] = (await issueDevelopmentToken(SECRET, { sub: 'x', role: 'citizen', tenantId: TENANT, unitIds: [] }, '1h')).split('.');
    const escalated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'director' })).toString('base64url');
    for (const [name, token] of Object.entries({ forged, expired, unsigned, noRole, badRole, noExpiry, tampered: `${header}.${escalated}.${signature}`, garbage: 'x.y.z' })) {
      const response = await inject('GET', url, { authorization: `Bearer ${token}` });
      expect(response.statusCode, name).toBe(401);
      expect(response.headers['content-type'], name).toContain('application/problem+json');
    }
    expect((await inject('GET', url, { authorization: 'Basic abc' })).statusCode).toBe(401);
  });

  it('checks issuer and audience when configured, and verifies RS256 against a JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'province-1', alg: 'RS256', use: 'sig' };
    const desk = createDesk({ store: new InMemoryEventStore() });
    const app = await buildServer({ desk, auth: { hs256Secret: SECRET, jwks: { keys: [jwk] }, issuer: 'https://id.thainguyen.gov.vn', audience: 'motcua' } });
    const sign = (key: Parameters<SignJWT['sign']>[0], alg: string, options: { iss?: string; aud?: string; kid?: string } = {}) => {
      let jwt = new SignJWT(claims).setProtectedHeader({ alg, ...(options.kid === undefined ? {} : { kid: options.kid }) }).setSubject('x').setExpirationTime('1h');
      if (options.iss !== undefined) jwt = jwt.setIssuer(options.iss);
      if (options.aud !== undefined) jwt = jwt.setAudience(options.aud);
      return jwt.sign(key);
    };
    const good = { iss: 'https://id.thainguyen.gov.vn', aud: 'motcua', kid: 'province-1' };
    const get = async (token: string) => (await app.inject({ method: 'GET', url: '/dossiers', headers: { authorization: `Bearer ${token}` } })).statusCode;
    expect(await get(await sign(privateKey, 'RS256', good))).toBe(200);
    expect(await get(await sign(privateKey, 'RS256', { ...good, iss: 'https://evil.example' }))).toBe(401);
    expect(await get(await sign(privateKey, 'RS256', { ...good, aud: 'another-app' }))).toBe(401);
    expect(await get(await sign(other.privateKey, 'RS256', good))).toBe(401);
    expect(await get(await sign(new TextEncoder().encode(SECRET), 'HS256', good))).toBe(200);
    expect(await get(await issueDevelopmentToken(SECRET, { sub: 'x', role: 'director', tenantId: TENANT, unitIds: [] }, '1h'))).toBe(401);
    await app.close();
  });

  it('leaves the health, readiness and documents open', async () => {
    for (const url of ['/health', '/ready', '/openapi.json', '/docs']) expect((await inject('GET', url, {})).statusCode, url).toBe(200);
  });
});
