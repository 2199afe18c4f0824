import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, InMemoryEventStore, type ActorRole } from '@motcua/core';
import { APPLICANT, bearer, dossierCode, OTHER_TENANT, receiveBody, startTestServer, TENANT, UNIT_A, vn, type TestServer } from './support.js';

/**
 * Given a store holding two provinces, thai-nguyen's incident reported on 10 March and still
 * unacknowledged, and bac-ninh's events recorded weeks later between and after thai-nguyen's, When
 * thai-nguyen asks for verdicts as of global positions, Then the moment is that of thai-nguyen's own
 * log (docs/audit.md, "As of any moment"): a position of bac-ninh's is judged when thai-nguyen's last
 * event before it was recorded, and a position past thai-nguyen's last event is refused alike whether
 * bac-ninh's events stand there or nothing does.
 */
let server: TestServer;
const clock = fixedClock('2026-03-02T02:00:00Z');
const positions: Record<string, number> = {};

const get = async (url: string, role: ActorRole = 'inspector') => server.app.inject({ method: 'GET', url, headers: await bearer(role) });

beforeAll(async () => {
  server = await startTestServer({ store: new InMemoryEventStore({ clock }) });
  const post = async (name: string, tenantId: string, recordedAt: string, url: string, body: Record<string, unknown>) => {
    clock.set(recordedAt);
    const headers = { ...(await bearer('system', { tenantId })), 'content-type': 'application/json' };
    const response = await server.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    const events = (response.json() as { events: { globalPosition: number }[] }).events;
    positions[name] = events[events.length - 1]!.globalPosition;
  };
  const incident = { incidentId: 'INC-1', source: 'hotline', category: 'C03', officerId: 'OF-1', unitId: UNIT_A, description: 'Asked for an extra payment.' };
  await post('dossier', TENANT, '2026-03-02T02:01:00Z', '/dossiers', receiveBody(dossierCode(1)));
  await post('reported', TENANT, '2026-03-10T03:00:00Z', '/incidents', { ...incident, occurredAt: vn('2026-03-10T09:00') });
  await post('foreignBetween', OTHER_TENANT, '2026-03-30T03:00:00Z', '/incidents', { ...incident, occurredAt: vn('2026-03-30T09:00') });
  await post('last', TENANT, '2026-04-01T02:00:00Z', '/feedback', { feedbackId: 'FB-1', channel: 'in-person', kind: 'khieu-nai', summary: 'Asked twice.', subjectId: APPLICANT, unitId: UNIT_A, occurredAt: vn('2026-04-01T09:00') });
  await post('foreignAfter', OTHER_TENANT, '2026-04-20T03:00:00Z', '/feedback', { feedbackId: 'FB-9', channel: 'in-person', kind: 'gop-y', summary: 'A suggestion.', unitId: UNIT_A, occurredAt: vn('2026-04-20T09:00') });
});

afterAll(async () => {
  await server.app.close();
});

describe("GET /audit as of a position of another province's event", () => {
  it("Then the verdict is judged when the province's own log stood there, never at the other province's event", async () => {
    const atForeign = await get(`/audit/incident/INC-1?asOf=${positions.foreignBetween}`);
    expect(atForeign.statusCode, atForeign.body).toBe(200);
    const { verdict } = atForeign.json() as { verdict: { asOf: { judgedAt: string }; outcome: { deadlines: { status: string }[] } } };
    expect(verdict.asOf.judgedAt).toBe('2026-03-10T03:00:00.000Z');
    expect(verdict.outcome.deadlines.map((d) => d.status)).toEqual(['open']);
    // The same verdict as at the province's own last event before it.
    expect(atForeign.json()).toEqual((await get(`/audit/incident/INC-1?asOf=${positions.reported}`)).json());
    const report = await get(`/audit/incident/INC-1?asOf=${positions.foreignBetween}&format=md&lang=en`);
    expect(report.body).toContain('open deadlines judged at 2026-03-10T03:00:00.000Z');
    expect(report.body).not.toContain('2026-03-30T03:00');
  });

  it("Then a what-if takes the province's moment too", async () => {
    const whatIf = await get(`/audit/incident/INC-1?asOf=${positions.foreignBetween}&whatIf=incidentStepDeadlineWorkingDays.acknowledge%3D3`);
    expect(whatIf.statusCode, whatIf.body).toBe(200);
    expect((whatIf.json() as { asOf: { judgedAt: string } }).asOf.judgedAt).toBe('2026-03-10T03:00:00.000Z');
  });

  it("Then a position past the province's last event is refused alike, whether another province's event or nothing stands there", async () => {
    const details = [];
    for (const asOf of [positions.foreignAfter!, positions.foreignAfter! + 1, 999_999]) {
      const response = await get(`/audit/incident/INC-1?asOf=${asOf}`);
      expect(response.statusCode).toBe(400);
      details.push((response.json() as { detail: string }).detail.replace(String(asOf), 'P'));
    }
    expect(new Set(details).size).toBe(1);
    expect(details[0]).toBe(`asOf: global position P is past the last event of province ${TENANT} (head ${positions.last})`);
    const citizen = await get(`/audit/dossier/${encodeURIComponent(dossierCode(1))}?asOf=${positions.foreignAfter}`, 'citizen');
    expect(citizen.json()).toMatchObject({ status: 400, detail: `asOf: global position ${positions.foreignAfter} is past the last event of province ${TENANT}` });
  });
});
