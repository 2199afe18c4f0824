import { describe, expect, it } from 'vitest';
import { trackingLinkToken, trackingPin } from '@motcua/http';
import { bearer, dossierCode, OTHER_TENANT, receiveBody, startTestServer, TENANT, type TestServer } from './support.js';

/**
 * Given a server tracking two provinces, each with a dossier of the same code (codes are unique within
 * a province only), When PINs are guessed for one province's dossier, Then the other province's
 * citizens still open theirs (docs/tracking.md, "Rate limits").
 */
const SECRETS = { [TENANT]: 'tracking-secret-thai-nguyen-0123', [OTHER_TENANT]: 'tracking-secret-bac-ninh-0123456' };
const NOW = Date.UTC(2026, 2, 2, 3);
const CODE = dossierCode(1);
const pinOf = (tenantId: keyof typeof SECRETS) => trackingPin(SECRETS[tenantId], tenantId, CODE);
const linkOf = (tenantId: keyof typeof SECRETS) => trackingLinkToken(SECRETS[tenantId], tenantId, CODE, Math.floor(NOW / 1000) + 3600);

const start = async (): Promise<TestServer> => {
  const server = await startTestServer({
    tracking: { secrets: SECRETS, perClient: { limit: 10_000, windowMs: 60_000 }, perCode: { limit: 5, windowMs: 15 * 60_000 }, now: () => NOW },
  });
  for (const tenantId of [TENANT, OTHER_TENANT]) {
    const headers = { ...(await bearer('receptionist', { tenantId })), 'content-type': 'application/json' };
    const response = await server.app.inject({ method: 'POST', url: '/dossiers', headers, payload: receiveBody(CODE) });
    expect(response.statusCode, response.body).toBe(201);
  }
  return server;
};

let client = 0;
const track = (server: TestServer, query: string) =>
  server.app.inject({ method: 'GET', url: `/track/${encodeURIComponent(CODE)}?${query}`, remoteAddress: `192.0.2.${(client++ % 250) + 1}` });
const status = async (server: TestServer, query: string) => (await track(server, query)).statusCode;

describe('failed tracking lookups are counted per province and code', () => {
  it("Then wrong PINs naming one province close its dossier only: the other province's citizens open theirs with the PIN or the link", async () => {
    const server = await start();
    for (let i = 0; i < 5; i += 1) expect(await status(server, `pin=1111111${i}&province=${TENANT}`)).toBe(404);
    expect(await status(server, `pin=${pinOf(TENANT)}&province=${TENANT}`)).toBe(429);
    expect(await status(server, `t=${linkOf(TENANT)}`)).toBe(429);
    expect(await status(server, `pin=${pinOf(OTHER_TENANT)}&province=${OTHER_TENANT}`)).toBe(200);
    expect(await status(server, `t=${linkOf(OTHER_TENANT)}`)).toBe(200);
    expect(await status(server, `pin=${pinOf(OTHER_TENANT)}`)).toBe(200);
    await server.app.close();
  });

  it("Then forged links naming one province close that province's dossier only", async () => {
    const server = await start();
    for (let i = 0; i < 5; i += 1) expect(await status(server, `t=${TENANT}.${Math.floor(NOW / 1000) + 3600}.AAAAAAAAAAAAAAAAAAAAA${i}`)).toBe(404);
    expect(await status(server, `t=${linkOf(TENANT)}`)).toBe(429);
    expect(await status(server, `t=${linkOf(OTHER_TENANT)}`)).toBe(200);
    expect(await status(server, `pin=${pinOf(OTHER_TENANT)}&province=${OTHER_TENANT}`)).toBe(200);
    await server.app.close();
  });

  it("Then wrong PINs naming no province are guesses at every province's dossier of the code, and count against each: together with those naming a province, at most the limit in a window", async () => {
    const server = await start();
    // Three guesses naming the first province, then guesses naming none: two more reach its dossier, five the other's.
    for (let i = 0; i < 3; i += 1) expect(await status(server, `pin=1111111${i}&province=${TENANT}`)).toBe(404);
    for (let i = 0; i < 5; i += 1) expect(await status(server, `pin=2222222${i}`)).toBe(404);
    // Held back even with a right PIN: an accepted guess would tell the attacker it was right.
    expect(await status(server, `pin=${pinOf(OTHER_TENANT)}`)).toBe(429);
    for (const tenantId of [TENANT, OTHER_TENANT] as const) {
      expect(await status(server, `pin=${pinOf(tenantId)}&province=${tenantId}`)).toBe(429);
      expect(await status(server, `t=${linkOf(tenantId)}`)).toBe(429);
    }
    await server.app.close();
  });

  it('Then a PIN naming no province is checked only against the provinces whose budget for the code has room', async () => {
    const server = await start();
    for (let i = 0; i < 5; i += 1) expect(await status(server, `pin=1111111${i}&province=${TENANT}`)).toBe(404);
    // The other province's citizen still opens theirs without naming it, and guesses naming none now reach the other province alone.
    expect(await status(server, `pin=${pinOf(OTHER_TENANT)}`)).toBe(200);
    expect(await status(server, `pin=${pinOf(TENANT)}`)).toBe(404);
    for (let i = 1; i < 5; i += 1) expect(await status(server, `pin=2222222${i}`)).toBe(404);
    expect(await status(server, `pin=${pinOf(OTHER_TENANT)}`)).toBe(429);
    expect(await status(server, `pin=${pinOf(OTHER_TENANT)}&province=${OTHER_TENANT}`)).toBe(429);
    await server.app.close();
  });

  it('Then guesses sent all at once are counted before they are checked: no more than the limit reach a dossier', async () => {
    const server = await start();
    const allAtOnce = async (query: (i: number) => string) => {
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => status(server, query(i))));
      expect(answers.filter((answer) => answer !== 404).every((answer) => answer === 429)).toBe(true);
      return answers.filter((answer) => answer === 404).length;
    };
    // Twelve naming the first province at once: five are checked against its dossier.
    expect(await allAtOnce((i) => `pin=${String(33333300 + i)}&province=${TENANT}`)).toBe(5);
    // Twelve naming none at once: the first province is spent, so five are checked against the other's.
    expect(await allAtOnce((i) => `pin=${String(44444400 + i)}`)).toBe(5);
    for (const tenantId of [TENANT, OTHER_TENANT] as const) expect(await status(server, `pin=${pinOf(tenantId)}&province=${tenantId}`)).toBe(429);
    await server.app.close();
  });

  it("Then a PIN opens its own province's dossier only, and a link's province must agree with the one named", async () => {
    const server = await start();
    expect(await status(server, `pin=${pinOf(TENANT)}&province=${OTHER_TENANT}`)).toBe(404);
    expect(await status(server, `t=${linkOf(TENANT)}&province=${OTHER_TENANT}`)).toBe(404);
    expect(await status(server, `t=${linkOf(TENANT)}&province=${TENANT}`)).toBe(200);
    expect((await track(server, `pin=${pinOf(TENANT)}&province=Thai%20Nguyen`)).json()).toMatchObject({ status: 400, errors: [{ field: 'province' }] });
    await server.app.close();
  });
});
