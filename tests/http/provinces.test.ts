import { afterAll, beforeAll, describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import type { AddressInfo } from 'node:net';
import {
  createReadModels,
  createVietnamCalendar,
  defaultRuleBook,
  InMemoryDocumentStore,
  InMemoryEventStore,
  withInlineDocuments,
  type ActorRole,
  type RecordedEvent,
} from '@motcua/core';
import { commandRoutes, STREAM_ROUTES } from '@motcua/http';
import { arbitraryOf } from '../../packages/core/src/kernel/codec-arbitrary.testkit.js';
import { bearer, dossierCode, OTHER_TENANT, receiveBody, ROLES, seedEntities, startTestServer, TENANT, vn, type TestServer } from './support.js';

/**
 * Two provinces in one store, seeded through the desk with the same unit, officer, dossier, incident
 * and feedback codes, and each with codes of its own. Province A is `TENANT`; every request below is
 * made with a token of province B (`OTHER_TENANT`).
 */
const A = TENANT;
const B = OTHER_TENANT;
const SHARED = { dossier: dossierCode(1), returned: dossierCode(2) };
const OWN = {
  [A]: { dossier: dossierCode(101), incident: 'INC-A', feedback: 'FB-A', officer: 'OF-A', unit: 'tn-xa-a' },
  [B]: { dossier: dossierCode(201), incident: 'INC-B', feedback: 'FB-B', officer: 'OF-B', unit: 'bn-xa-b' },
} as const;

const calendar = createVietnamCalendar();
const rules = defaultRuleBook();
const served = createReadModels({ calendar, rules });
const readModelNames = served.all.map((readModel) => readModel.name);

let server: TestServer;
let base: string;
let store: InMemoryEventStore;
/** What province A holds and B must never be shown. */
const secrets = { streamIds: [] as string[], keys: [] as string[], codes: [] as string[] };
/** Figure keys of A, a few per read model: what the matrix asks for. */
const sampled: Record<string, string[]> = {};
/** Keys of B by read model, and all of them for the generated requests. */
const keysOfBIn: Record<string, string[]> = {};
const keysOfB: string[] = [];

const tokens = new Map<string, Record<string, string>>();
const headersOf = async (role: ActorRole, tenantId = B) => {
  const key = `${tenantId}/${role}`;
  if (!tokens.has(key)) tokens.set(key, await bearer(role, { tenantId, unitIds: ['tn-phuc-vu-hcc'] }));
  return tokens.get(key)!;
};

const inject = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown) => {
  const response = await server.app.inject({
    method,
    url,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.body };
};

const allEvents = async (): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 1000 });
    events.push(...(page.events as RecordedEvent[]));
    after = page.nextPosition;
    if (page.isEnd || page.events.length === 0) return events;
  }
};

const seedProvince = async (tenantId: string): Promise<void> => {
  const own = OWN[tenantId as keyof typeof OWN];
  const system = await headersOf('system', tenantId);
  const post = async (path: string, body: unknown) => {
    const response = await inject('POST', path, system, body);
    if (response.status >= 300) throw new Error(`seeding ${tenantId} ${path}: ${response.status} ${response.body}`);
  };
  const officer = (officerId: string) => ({ ...seedEntities.officer.body, officerId });
  await post('/units', seedEntities.unit.body);
  await post('/units', { ...seedEntities.unit.body, code: own.unit, name: 'Bộ phận một cửa xã', kind: 'commune-desk' });
  for (const officerId of ['officer-lan', seedEntities.officer.id, own.officer]) await post('/officers', officer(officerId));
  for (const code of [SHARED.dossier, SHARED.returned, own.dossier]) await post('/dossiers', receiveBody(code));
  const step = (at: string, extra: Record<string, unknown> = {}) => ({ occurredAt: vn(at), officerId: 'officer-lan', ...extra });
  await post(`/dossiers/${SHARED.returned}/transfer`, step('2026-03-02T10:00'));
  await post(`/dossiers/${SHARED.returned}/completion`, step('2026-03-04T09:00', { decision: 'approved' }));
  await post(`/dossiers/${SHARED.returned}/result-return`, step('2026-03-04T15:00', { via: 'counter' }));
  await post(`/dossiers/${SHARED.returned}/ratings`, { occurredAt: vn('2026-03-04T16:00'), channel: 'online', sipas: { officers: 5 } });
  for (const incidentId of [seedEntities.incident.id, own.incident]) await post('/incidents', { ...seedEntities.incident.body, incidentId });
  const feedback = { ...seedEntities.feedback.body, occurredAt: vn('2026-03-03T14:00') };
  for (const feedbackId of [seedEntities.feedback.id, own.feedback]) await post('/feedback', { ...feedback, feedbackId });
  await post(`/feedback/${own.feedback}/on-the-spot-answer`, { occurredAt: vn('2026-03-03T15:00') });
  await post('/feedback', { ...feedback, feedbackId: `PRAISE-${own.officer}`, kind: 'khen', officerId: seedEntities.officer.id });
};

/** Every key of a read model, as a caller of `tenantId` lists them, page after page. */
const listAll = async (name: string, tenantId: string): Promise<string[]> => {
  const keys: string[] = [];
  for (let cursor: string | undefined; ; ) {
    const response = await inject('GET', `/read-models/${name}?limit=1000${cursor === undefined ? '' : `&cursor=${cursor}`}`, await headersOf('director', tenantId));
    expect(response.status, response.body).toBe(200);
    const page = JSON.parse(response.body) as { keys: string[]; nextCursor?: string };
    keys.push(...page.keys);
    if (page.nextCursor === undefined) return keys;
    cursor = page.nextCursor;
  }
};

beforeAll(async () => {
  store = new InMemoryEventStore();
  const documents = new InMemoryDocumentStore();
  const inline = await withInlineDocuments(store, documents, served.projections);
  server = await startTestServer({ store: inline, readSide: { readModels: served.all, documents } });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  await seedProvince(A);
  await seedProvince(B);

  const events = await allEvents();
  secrets.streamIds = [...new Set(events.filter((e) => e.metadata.tenantId === A).map((e) => e.metadata.streamId))];
  secrets.codes = Object.values(OWN[A]);
  for (const name of readModelNames) {
    const keys = await listAll(name, A);
    secrets.keys.push(...keys);
    // Spread over the listing: the first, the last and some between.
    const step = Math.max(1, Math.floor(keys.length / 12));
    sampled[name] = keys.filter((_, i) => i % step === 0 || i === keys.length - 1);
    keysOfBIn[name] = await listAll(name, B);
    keysOfB.push(...keysOfBIn[name]!);
  }
}, 120_000);

afterAll(async () => {
  await server.app.close();
});

describe('the two provinces the matrix runs over', () => {
  it('hold the same codes and their own, each with figures in every read model', () => {
    expect(secrets.streamIds.length).toBeGreaterThan(10);
    for (const name of readModelNames) {
      expect(sampled[name]!.length, name).toBeGreaterThan(0);
      expect(keysOfBIn[name]!.length, name).toBeGreaterThan(0);
    }
    expect(secrets.keys.every((key) => key.startsWith(`${A}/`))).toBe(true);
    expect(keysOfB.every((key) => key.startsWith(`${B}/`))).toBe(true);
  });
});

/** The first page of the event feed for a B token: read until B's last event has arrived. */
const feedFirstPage = async (role: ActorRole): Promise<{ status: number; body: string }> => {
  const lastOfB = (await allEvents()).filter((e) => e.metadata.tenantId === B).at(-1)!.metadata.globalPosition;
  const controller = new AbortController();
  const response = await fetch(`${base}/events/stream?after=0`, { headers: await headersOf(role), signal: controller.signal });
  if (response.status !== 200) return { status: response.status, body: await response.text() };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes(`id: ${lastOfB}\n`)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return { status: 200, body: text };
};

/** The entity of A a command or query names: one only A has. */
const idOfA: Record<string, string> = {
  dossiers: OWN[A].dossier, officers: OWN[A].officer, incidents: OWN[A].incident, feedback: OWN[A].feedback, units: OWN[A].unit,
};

describe('the authorization matrix: a province-B token of every role against province A', () => {
  it('gets 403 or 404 from every query route on an entity of A', async () => {
    for (const stream of STREAM_ROUTES) {
      for (const suffix of ['', '/history']) {
        const url = `/${stream.collection}/${encodeURIComponent(idOfA[stream.key]!)}${suffix}`;
        for (const role of ROLES) {
          const response = await inject('GET', url, await headersOf(role));
          expect([403, 404], `${url} ${role}: ${response.body}`).toContain(response.status);
        }
      }
    }
    for (const role of ROLES) {
      const listed = await inject('GET', '/dossiers?limit=200', await headersOf(role));
      if (listed.status === 200) expect(listed.body).not.toContain(OWN[A].dossier);
      else expect(listed.status).toBe(403);
      // The event feed from position 0: B's events only.
      const feed = await feedFirstPage(role);
      if (feed.status === 200) {
        expect(feed.body, role).toContain(`-${B}:`);
        expect(feed.body, role).not.toContain(`-${A}:`);
      } else expect(feed.status, role).toBe(403);
    }
  });

  it('gets 403 or 404 for every figure and explanation of A in every read model, and no key of A in a listing', async () => {
    for (const name of readModelNames) {
      for (const role of ROLES) {
        const headers = await headersOf(role);
        const listing = await inject('GET', `/read-models/${name}?limit=1000`, headers);
        if (listing.status === 200) expect(listing.body, `${name} ${role}`).not.toContain(`"${A}/`);
        else expect(listing.status, `${name} ${role}`).toBe(403);
        for (const key of sampled[name]!) {
          for (const suffix of ['', '/explain']) {
            const response = await inject('GET', `/read-models/${name}/${encodeURIComponent(key)}${suffix}`, headers);
            expect([403, 404], `${name} ${key}${suffix} ${role}`).toContain(response.status);
          }
        }
      }
    }
  });
});

/** Removes what the caller sent (a 404 may name the id asked for): what is left must hold nothing of A. */
const withoutEcho = (body: string, url: string): string => {
  let rest = body;
  const [path, query = ''] = url.split('?');
  const parts = [...path!.split('/'), ...query.split('&').flatMap((pair) => pair.split('='))].map((part) => decodeURIComponent(part)).filter((part) => part.length > 3);
  for (const part of parts.sort((x, y) => y.length - x.length)) rest = rest.replaceAll(part, '').replaceAll(JSON.stringify(part).slice(1, -1), '');
  return rest;
};

describe('no response to province B holds anything of province A', () => {
  const anyKey = () => fc.constantFrom(...secrets.keys.slice(0, 400), ...keysOfB.slice(0, 200));
  const anyId = fc.constantFrom(...Object.values(OWN[A]), ...Object.values(OWN[B]), SHARED.dossier, SHARED.returned, seedEntities.officer.id, seedEntities.unit.id);
  const request = () =>
    fc.oneof(
      fc.constant('/events/stream?after=0'),
      fc.constantFrom('/dossiers', '/dossiers?limit=1', `/dossiers?unitId=${seedEntities.unit.id}`, '/read-models'),
      fc.tuple(fc.constantFrom(...STREAM_ROUTES.map((s) => s.collection)), anyId, fc.constantFrom('', '/history')).map(
        ([collection, id, suffix]) => `/${collection}/${encodeURIComponent(id)}${suffix}`,
      ),
      fc.tuple(fc.constantFrom(...readModelNames), fc.constantFrom('', 'limit=2', 'prefix=board/', 'prefix=incident-register/', `prefix=${encodeURIComponent(A)}%2F`)).map(
        ([name, query]) => `/read-models/${name}${query === '' ? '' : `?${query}`}`,
      ),
      fc.tuple(fc.constantFrom(...readModelNames), anyKey(), fc.constantFrom('', '/explain')).map(
        ([name, key, suffix]) => `/read-models/${name}/${encodeURIComponent(key)}${suffix}`,
      ),
      // A key of A moved into B's province: a figure of B's own, if B has one, never A's.
      fc.tuple(fc.constantFrom(...readModelNames), anyKey(), fc.constantFrom('', '/explain')).map(
        ([name, key, suffix]) => `/read-models/${name}/${encodeURIComponent(key.replace(`${A}/`, `${B}/`))}${suffix}`,
      ),
    );

  it.prop([fc.array(fc.tuple(fc.constantFrom(...ROLES), fc.constant(null).chain(() => request())), { minLength: 1, maxLength: 12 })], { numRuns: 40 })(
    'over generated GETs of every route, by every role of B',
    async (requests) => {
      for (const [role, url] of requests) {
        const response = url.startsWith('/events/stream') ? await feedFirstPage(role) : await inject('GET', url, await headersOf(role));
        expect(response.status, url).toBeLessThan(500);
        const rest = withoutEcho(response.body, url);
        expect(rest, `${role} ${url}`).not.toContain(`${A}/`);
        expect(rest, `${role} ${url}`).not.toContain(`-${A}:`);
        for (const code of secrets.codes) expect(rest, `${role} ${url}`).not.toContain(code);
      }
    },
  );
});

// Last: a command that may start a stream gives B an entity of its own under A's id.
describe('the authorization matrix: a province-B token of every role against the commands of province A', () => {
  it('gets 403 or 404 from every command route on an entity of A, and nothing of A is written', async () => {
    const before = (await allEvents()).filter((e) => e.metadata.tenantId === A).length;
    const head = (await allEvents()).length;
    // Routes that need the entity first: one that starts a stream makes B an entity of its own with A's id.
    const routes = [...commandRoutes()].sort((x, y) => Number(x.mayStartStream) - Number(y.mayStartStream));
    for (const route of routes) {
      const id = idOfA[route.stream.key]!;
      const url = route.path.replace(/\{[^}]+\}/, encodeURIComponent(id));
      // A body the command's own codec accepts, so only the province can stop it.
      const [generated] = fc.sample(arbitraryOf(route.dataCodec), { numRuns: 1, seed: 7 }) as [Record<string, unknown>];
      const body = { ...generated, [route.stream.idField]: id };
      for (const role of ROLES) {
        const response = await inject('POST', url, await headersOf(role), body);
        if (route.mayStartStream) {
          // Starting a stream of B's own with the same id touches nothing of A (checked below).
          expect(response.status, `${route.path} ${role}: ${response.body}`).toBeLessThan(500);
        } else {
          expect([403, 404], `${route.path} ${role}: ${response.body}`).toContain(response.status);
        }
      }
    }
    const after = await allEvents();
    expect(after.filter((e) => e.metadata.tenantId === A)).toHaveLength(before);
    expect(after.slice(head).every((e) => e.metadata.tenantId === B && !secrets.streamIds.includes(e.metadata.streamId))).toBe(true);
  });
});
