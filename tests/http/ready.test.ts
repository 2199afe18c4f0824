import { describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import type { ActorRole } from '@motcua/core';
import { bearer, dossierCode, OTHER_TENANT, receiveBody, startTestServer, TENANT, type TestServer } from './support.js';

/**
 * `GET /ready` in a store of two provinces: readiness for anyone, and positions only of the caller's own
 * province, only for a role that reads its event feed (packages/http/src/ready-route.ts).
 */
const A = TENANT;
const B = OTHER_TENANT;

const receive = async (server: TestServer, tenantId: string, n: number) => {
  const response = await server.app.inject({
    method: 'POST',
    url: '/dossiers',
    headers: { ...(await bearer('receptionist', { tenantId })), 'content-type': 'application/json' },
    payload: JSON.stringify(receiveBody(dossierCode(n))),
  });
  expect(response.statusCode, response.body).toBe(201);
};

const ready = async (server: TestServer, role?: ActorRole, tenantId = B) => {
  const response = await server.app.inject({ method: 'GET', url: '/ready', headers: role === undefined ? {} : await bearer(role, { tenantId }) });
  return { status: response.statusCode, body: response.json() as unknown };
};

/** Province A has filed `a` dossiers, then B one, then A `later` more. */
const twoProvinces = async (a: number, later: number): Promise<TestServer> => {
  const server = await startTestServer();
  for (let n = 1; n <= a; n += 1) await receive(server, A, n);
  await receive(server, B, 1);
  for (let n = a + 1; n <= a + later; n += 1) await receive(server, A, n);
  return server;
};

const lastPositionOf = async (server: TestServer, tenantId: string): Promise<number> => {
  const page = await server.store.readAll({ maxCount: 10_000 });
  return Math.max(0, ...page.events.filter((event) => event.metadata.tenantId === tenantId).map((event) => event.metadata.globalPosition));
};

describe('GET /ready', () => {
  it('Given no token, Then it answers readiness alone: no position of the store or of any province', async () => {
    const server = await twoProvinces(2, 3);
    try {
      expect(await ready(server)).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await server.app.close();
    }
  });

  it("Given a director's token, Then it adds the position of the province's own last event and whether the dossier list folded it", async () => {
    const server = await twoProvinces(2, 3);
    try {
      const head = await lastPositionOf(server, B);
      expect(head).toBeGreaterThan(0);
      expect(await ready(server, 'director')).toEqual({ status: 200, body: { status: 'ready', province: { tenantId: B, head, dossierListCaughtUp: true } } });
      // A province with no event yet has head 0.
      expect((await ready(server, 'inspector', 'ha-giang')).body).toEqual({ status: 'ready', province: { tenantId: 'ha-giang', head: 0, dossierListCaughtUp: true } });
    } finally {
      await server.app.close();
    }
  });

  it('Given a token of a role that does not read the event feed, Then it answers readiness alone; Given a token that is not valid, Then 401', async () => {
    const server = await twoProvinces(1, 1);
    try {
      for (const role of ['receptionist', 'processing-officer', 'unit-head', 'citizen'] as const) expect(await ready(server, role), role).toEqual({ status: 200, body: { status: 'ready' } });
      const forged = await server.app.inject({ method: 'GET', url: '/ready', headers: { authorization: 'Bearer not-a-token' } });
      expect(forged.statusCode).toBe(401);
    } finally {
      await server.app.close();
    }
  });

  it.prop([fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom<ActorRole | undefined>(undefined, 'director', 'inspector', 'system', 'receptionist')], { numRuns: 15 })(
    "Then what it tells a caller of province B does not change with what province A files after B's last event",
    async (before, after, role) => {
      const quiet = await twoProvinces(before, 0);
      const busy = await twoProvinces(before, after);
      try {
        expect(await ready(busy, role)).toEqual(await ready(quiet, role));
      } finally {
        await Promise.all([quiet.app.close(), busy.app.close()]);
      }
    },
  );
});
