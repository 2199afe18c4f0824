import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore, type SqliteEventStoreWithDocuments } from '@motcua/store-sqlite';
import { bearer, startTestServer, UNIT_A, vn, type TestServer } from './support.js';

/**
 * Given an incident reported and acknowledged on a desk over SQLite, When its verdict (or a what-if)
 * is asked over HTTP, Then the answer says whether the events it rests on match their stored hashes:
 * `verified` on the log as written, and, once the report's row is changed behind the store's back,
 * `altered` naming that event, with the status still 200 (docs/audit.md, "A verdict over a log that
 * does not verify").
 */
interface AlteredEvent {
  readonly globalPosition: number;
  readonly streamId?: string;
  readonly streamVersion?: number;
  readonly reason: string;
  readonly message: string;
}
interface Integrity {
  readonly status: string;
  readonly altered: readonly AlteredEvent[];
}

const directory = mkdtempSync(join(tmpdir(), 'motcua-audit-integrity-'));
const file = join(directory, 'desk.db');
let store: SqliteEventStoreWithDocuments;
let server: TestServer;
let reported = 0;

const WHAT_IF = 'whatIf=incidentStepDeadlineWorkingDays.acknowledge%3D3';
const get = async (url: string) => server.app.inject({ method: 'GET', url, headers: await bearer('inspector') });
const integrityOf = async (url: string) => {
  const response = await get(url);
  expect(response.statusCode, response.body).toBe(200);
  return { header: response.headers['log-integrity'], integrity: (response.json() as { integrity: Integrity }).integrity };
};

beforeAll(async () => {
  store = openSqliteEventStore({ file });
  server = await startTestServer({ store });
  const headers = { ...(await bearer('system')), 'content-type': 'application/json' };
  const post = async (url: string, body: Record<string, unknown>) => {
    const response = await server.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return (response.json() as { events: { globalPosition: number }[] }).events[0]!.globalPosition;
  };
  reported = await post('/incidents', { incidentId: 'INC-1', source: 'hotline', category: 'C03', officerId: 'OF-1', unitId: UNIT_A, description: 'Asked for an extra payment.', occurredAt: vn('2026-03-10T09:00') });
  await post('/incidents/INC-1/acknowledgement', { occurredAt: vn('2026-03-12T15:00'), severity: 'minor' });
});

afterAll(async () => {
  await server.app.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('GET /audit/{kind}/{subject}: the integrity of the events the answer rests on', () => {
  it('Then over the log as written, the verdict and the what-if say verified, with nothing altered', async () => {
    for (const url of ['/audit/incident/INC-1', `/audit/incident/INC-1?${WHAT_IF}`]) {
      expect(await integrityOf(url), url).toEqual({ header: 'verified', integrity: { status: 'verified', altered: [] } });
    }
    expect((await get('/audit/incident/INC-1?format=md')).headers['log-integrity']).toBe('verified');
  });

  it('Then once the report was changed behind the store, each answer names it as altered, in the body and the header, still 200', async () => {
    const sqlite = new Database(file);
    const edited = sqlite.prepare("UPDATE events SET body = replace(body, 'Asked for an extra payment.', 'Asked for nothing.') WHERE global_position = ?").run(reported).changes;
    sqlite.close();
    expect(edited).toBe(1);
    for (const url of ['/audit/incident/INC-1', `/audit/incident/INC-1?${WHAT_IF}`]) {
      const { header, integrity } = await integrityOf(url);
      expect(header, url).toBe('altered');
      expect(integrity, url).toEqual({
        status: 'altered',
        altered: [{ globalPosition: reported, streamId: expect.stringMatching(/^incident-/), streamVersion: 1, reason: 'its content does not match its hash', message: expect.stringMatching(new RegExp(`^altered event at position ${reported} \\(stream incident-`)) }],
      });
    }
    for (const format of ['md', 'html']) {
      const response = await get(`/audit/incident/INC-1?format=${format}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['log-integrity'], format).toBe('altered');
    }
  });
});

describe('GET /audit/{kind}/{subject} over a store without a hash chain', () => {
  it('Then the answer says its events are unchecked', async () => {
    const memory = await startTestServer();
    try {
      const headers = { ...(await bearer('system')), 'content-type': 'application/json' };
      const payload = JSON.stringify({ incidentId: 'INC-1', source: 'hotline', category: 'C03', officerId: 'OF-1', unitId: UNIT_A, description: 'Asked for an extra payment.', occurredAt: vn('2026-03-10T09:00') });
      expect((await memory.app.inject({ method: 'POST', url: '/incidents', headers, payload })).statusCode).toBeLessThan(300);
      const response = await memory.app.inject({ method: 'GET', url: '/audit/incident/INC-1', headers: await bearer('inspector') });
      expect(response.headers['log-integrity']).toBe('unchecked');
      expect((response.json() as { integrity: Integrity }).integrity).toEqual({ status: 'unchecked', altered: [] });
    } finally {
      await memory.app.close();
    }
  });
});

describe('OpenAPI', () => {
  it('Then /openapi.json documents the integrity member and its header on the verdict route', async () => {
    const document = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, { get?: { responses: Record<string, { headers?: Record<string, { schema: { enum: string[] } }>; content: Record<string, { schema: { oneOf: { properties: Record<string, { properties?: Record<string, unknown> }> }[] } }> }> } }>;
    };
    const ok = document.paths['/audit/{kind}/{subject}']?.get?.responses['200'];
    expect(ok?.headers?.['log-integrity']?.schema.enum).toEqual(['verified', 'altered', 'unchecked']);
    for (const answer of ok?.content['application/json']?.schema.oneOf ?? []) expect(Object.keys(answer.properties['integrity']?.properties ?? {})).toEqual(['status', 'altered']);
    expect(ok?.content['application/json']?.schema.oneOf).toHaveLength(2);
  });
});
