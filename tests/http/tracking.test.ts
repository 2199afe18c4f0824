import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trackingLinkToken, trackingPin } from '@motcua/http';
import { bearer, dossierCode, OTHER_TENANT, receiveBody, startTestServer, TENANT, vn, type TestServer } from './support.js';

const SECRETS = { [TENANT]: 'tracking-secret-thai-nguyen-0123', [OTHER_TENANT]: 'tracking-secret-bac-ninh-0123456' };
const MISSING = 'Giấy xác nhận tình trạng hôn nhân (khi không đăng ký tại nơi thường trú)';

interface Clock {
  now: number;
}

const start = async (limits: { perClient?: number; perCode?: number } = {}, clock: Clock = { now: Date.UTC(2026, 2, 2, 3) }) => {
  const server = await startTestServer({
    tracking: {
      secrets: SECRETS,
      publicBaseUrl: 'https://dichvucong.example.vn/',
      perClient: { limit: limits.perClient ?? 10_000, windowMs: 60_000 },
      perCode: { limit: limits.perCode ?? 10_000, windowMs: 15 * 60_000 },
      now: () => clock.now,
    },
  });
  return { server, clock };
};

const receive = async (server: TestServer, code: string, tenantId = TENANT) => {
  const response = await server.app.inject({ method: 'POST', url: '/dossiers', headers: { ...(await bearer('receptionist', { tenantId })), 'content-type': 'application/json' }, payload: receiveBody(code) });
  expect(response.statusCode, response.body).toBe(201);
  // The receipt's answer carries the PIN and the QR link form 01 prints
  expect(response.json<{ tracking: { pin: string; qrPayload: string } }>().tracking).toMatchObject({ code, pin: trackingPin(SECRETS[tenantId as keyof typeof SECRETS], tenantId, code) });
};

const track = (server: TestServer, code: string, query: string, headers: Record<string, string> = {}, ip = '203.0.113.7') =>
  server.app.inject({ method: 'GET', url: `/track/${encodeURIComponent(code)}?${query}`, headers, remoteAddress: ip });

/** What a caller can observe of an answer: status, the headers that describe it, the body. */
const observed = (response: Awaited<ReturnType<typeof track>>) => ({
  status: response.statusCode,
  type: response.headers['content-type'],
  cache: response.headers['cache-control'],
  language: response.headers['content-language'],
  body: response.body,
});

describe('citizen tracking with the receipt PIN', () => {
  it('shows status, due date, missing documents and the next step, in Vietnamese or English', async () => {
    const { server } = await start();
    const code = dossierCode(1);
    await receive(server, code);
    // Given the receipt the desk prints
    const receipt = await server.app.inject({ method: 'GET', url: `/dossiers/${encodeURIComponent(code)}/receipt`, headers: await bearer('receptionist') });
    expect(receipt.statusCode, receipt.body).toBe(200);
    const { pin, link, qrPayload } = receipt.json<{ pin: string; link: string; qrPayload: string }>();
    expect(pin).toMatch(/^\d{8}$/);
    expect(pin).toBe(trackingPin(SECRETS[TENANT], TENANT, code));
    expect(qrPayload).toBe(link);
    expect(link.startsWith(`https://dichvucong.example.vn/track/${encodeURIComponent(code)}?t=${TENANT}.`)).toBe(true);

    // When the citizen looks it up with the PIN
    const vi = await track(server, code, `pin=${pin}`);
    expect(vi.statusCode, vi.body).toBe(200);
    expect(vi.headers['cache-control']).toBe('no-store');
    expect(vi.json()).toMatchObject({ code, lang: 'vi', status: 'RECEIVED', statusText: 'Đã tiếp nhận', missingDocuments: [], receivedAt: vn('2026-03-02T09:00') });
    expect(vi.json().dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // No personal data and no staff ids in the answer
    expect(vi.body).not.toContain('subject-');
    expect(vi.body).not.toContain('officer-');

    const en = await track(server, code, '', { 'accept-language': 'fr;q=1, en-GB;q=0.9, vi;q=0.5', 'x-tracking-pin': pin });
    expect(en.json()).toMatchObject({ lang: 'en', statusText: 'Received' });
    expect(en.headers['content-language']).toBe('en');
    expect((await track(server, code, `pin=${pin}&lang=vi`, { 'accept-language': 'en' })).json().lang).toBe('vi');
    expect((await track(server, code, `pin=${pin}&lang=fr`)).statusCode).toBe(400);

    // Then a supplement request shows what is missing
    const officer = { ...(await bearer('processing-officer')), 'content-type': 'application/json' };
    for (const [segment, body] of [
      ['transfer', { occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-lan' }],
      ['supplement-requests', { occurredAt: vn('2026-03-03T09:00'), officerId: 'officer-lan', missingDocuments: [MISSING] }],
    ] as const) {
      const response = await server.app.inject({ method: 'POST', url: `/dossiers/${encodeURIComponent(code)}/${segment}`, headers: officer, payload: body });
      expect(response.statusCode, response.body).toBe(200);
    }
    const waiting = await track(server, code, `pin=${pin}&lang=en`);
    expect(waiting.json()).toMatchObject({ status: 'AWAITING_SUPPLEMENT', missingDocuments: [MISSING], statusText: 'Waiting for missing documents' });
    expect(waiting.json().nextStep).toContain('missing documents');

    // And the signed link of the QR code works without the PIN
    const token = new URL(link).searchParams.get('t') ?? '';
    expect((await track(server, code, `t=${token}`)).json()).toMatchObject({ code, status: 'AWAITING_SUPPLEMENT' });
    await server.app.close();
  });

  it('answers a wrong PIN, an unknown code, a right PIN for a code never filed and a forged link alike', async () => {
    const { server } = await start();
    const code = dossierCode(2);
    await receive(server, code);
    const right = trackingPin(SECRETS[TENANT], TENANT, code);
    const unknown = dossierCode(9999);
    const reference = observed(await track(server, unknown, 'pin=12345678'));
    expect(reference.status).toBe(404);
    expect(reference.type).toContain('application/problem+json');
    expect(reference.cache).toBe('no-store');

    // A right PIN for a code never filed (as a citizen who mistyped the code would have it)
    expect(observed(await track(server, unknown, `pin=${trackingPin(SECRETS[TENANT], TENANT, unknown)}`))).toEqual(reference);
    // Another province's PIN, a forged link, a link for another code
    expect(observed(await track(server, code, `pin=${trackingPin(SECRETS[OTHER_TENANT], OTHER_TENANT, code)}`))).toEqual(reference);
    expect(observed(await track(server, code, `t=${TENANT}.9999999999.AAAAAAAAAAAAAAAAAAAAAA`))).toEqual(reference);
    expect(observed(await track(server, code, `t=${trackingLinkToken(SECRETS[TENANT], TENANT, unknown, 9_999_999_999)}`))).toEqual(reference);
    expect(observed(await track(server, code, 't=not-a-token'))).toEqual(reference);

    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{8}$|^[\w-]{1,12}$/), fc.integer({ min: 1, max: 9998 }), async (pin, n) => {
        fc.pre(pin !== right);
        const other = dossierCode(n === 2 ? 9998 : n);
        // The same answer whether the dossier exists (wrong PIN) or not (unknown code)
        expect(observed(await track(server, code, `pin=${encodeURIComponent(pin)}`))).toEqual(reference);
        expect(observed(await track(server, other, `pin=${encodeURIComponent(pin)}`))).toEqual(reference);
      }),
      { numRuns: 40 },
    );
    // While the right PIN still opens the dossier
    expect((await track(server, code, `pin=${right}`)).statusCode).toBe(200);
    await server.app.close();
  });

  it('keeps provinces apart: each PIN opens its own province dossier only', async () => {
    const { server } = await start();
    const code = dossierCode(3);
    await receive(server, code, OTHER_TENANT);
    expect((await track(server, code, `pin=${trackingPin(SECRETS[OTHER_TENANT], OTHER_TENANT, code)}`)).statusCode).toBe(200);
    expect((await track(server, code, `pin=${trackingPin(SECRETS[TENANT], TENANT, code)}`)).statusCode).toBe(404);
    // An officer of the other province cannot print its receipt
    const foreign = await server.app.inject({ method: 'GET', url: `/dossiers/${encodeURIComponent(code)}/receipt`, headers: await bearer('director') });
    expect(foreign.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/dossiers/${encodeURIComponent(code)}/receipt` })).statusCode).toBe(401);
    await server.app.close();
  });

  it('is described in the OpenAPI document as public', async () => {
    const { server } = await start();
    const document = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>();
    expect(document.paths['/track/{code}']?.['get']?.security).toEqual([]);
    expect(document.paths['/dossiers/{code}/receipt']?.['get']).toBeDefined();
    // The command route on the same path is kept beside it
    expect(document.paths['/dossiers/{code}/receipt']?.['post']).toBeDefined();
    await server.app.close();
  });

  it('refuses an expired link with 410, and asks for a PIN or a link', async () => {
    const { server, clock } = await start();
    const code = dossierCode(4);
    await receive(server, code);
    const expiry = Math.floor(clock.now / 1000) + 60;
    const token = trackingLinkToken(SECRETS[TENANT], TENANT, code, expiry);
    expect((await track(server, code, `t=${token}`)).statusCode).toBe(200);
    clock.now += 61_000;
    const expired = await track(server, code, `t=${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.headers['content-type']).toContain('application/problem+json');
    expect((await track(server, code, '')).statusCode).toBe(400);
    expect((await track(server, code, `t=${token}&pin=12345678`)).statusCode).toBe(400);
    await server.app.close();
  });
});

describe('the rate limit against enumeration', () => {
  it('limits lookups per client IP with 429 problem+json and Retry-After, then lets the client in again', async () => {
    const { server, clock } = await start({ perClient: 3 });
    const code = dossierCode(5);
    await receive(server, code);
    const pin = trackingPin(SECRETS[TENANT], TENANT, code);
    for (let i = 0; i < 3; i += 1) expect((await track(server, dossierCode(100 + i), 'pin=00000000')).statusCode).toBe(404);
    const limited = await track(server, code, `pin=${pin}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another client is not held back
    expect((await track(server, code, `pin=${pin}`, {}, '198.51.100.20')).statusCode).toBe(200);
    clock.now += 60_000;
    expect((await track(server, code, `pin=${pin}`)).statusCode).toBe(200);
    await server.app.close();
  });

  it('stops guessing the PIN of one code from many clients, while other codes stay open', async () => {
    const { server } = await start({ perCode: 5 });
    const code = dossierCode(6);
    const other = dossierCode(7);
    await receive(server, code);
    await receive(server, other);
    for (let i = 0; i < 5; i += 1) expect((await track(server, code, `pin=1111111${i}`, {}, `192.0.2.${i + 1}`)).statusCode).toBe(404);
    // Blocked now even with the right PIN: an accepted guess would tell the attacker it was right
    const blocked = await track(server, code, `pin=${trackingPin(SECRETS[TENANT], TENANT, code)}`, {}, '192.0.2.99');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await track(server, other, `pin=${trackingPin(SECRETS[TENANT], TENANT, other)}`, {}, '192.0.2.99')).statusCode).toBe(200);
    await server.app.close();
  });
});
