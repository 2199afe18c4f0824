import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorRole } from '@motcua/core';
import { APPLICANT, bearer, dossierCode, OTHER_TENANT, receiveBody, ROLES, seedEntities, startTestServer, TENANT, UNIT_A, vn, type TestServer } from './support.js';

/**
 * Given a province with a citizen's dossier, another applicant's dossier, a conduct incident whose
 * officer id was typed with a script tag, and a complaint, When the verdicts are asked over HTTP,
 * Then the inspector reads any of them within the province as JSON, Markdown or HTML, a citizen only
 * their own dossier's, every query parameter is checked, and another province sees nothing.
 */
const HOSTILE_OFFICER = '<script>alert(1)</script>';
let server: TestServer;
const positions: Record<string, number> = {};

const get = async (url: string, role: ActorRole, options: Parameters<typeof bearer>[1] = {}) => server.app.inject({ method: 'GET', url, headers: await bearer(role, options) });

beforeAll(async () => {
  server = await startTestServer();
  const headers = { ...(await bearer('system')), 'content-type': 'application/json' };
  const post = async (name: string, url: string, body: Record<string, unknown>) => {
    const response = await server.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    const events = (response.json() as { events: { globalPosition: number }[] }).events;
    positions[name] = events[events.length - 1]!.globalPosition;
  };
  await post('own', '/dossiers', receiveBody(dossierCode(1)));
  await post('other', '/dossiers', receiveBody(dossierCode(2), { applicantId: 'subject-someone-else' }));
  await post('reported', '/incidents', {
    incidentId: 'INC-1', source: 'hotline', category: 'C03', officerId: HOSTILE_OFFICER, unitId: UNIT_A, description: 'Asked for an extra payment.', occurredAt: vn('2026-03-10T09:00'),
  });
  await post('acknowledged', '/incidents/INC-1/acknowledgement', { occurredAt: vn('2026-03-12T15:00'), severity: 'minor' });
  await post('officer', '/officers', seedEntities.officer.body);
  await post('feedback', '/feedback', { feedbackId: 'FB-1', channel: 'in-person', kind: 'khieu-nai', summary: 'Asked twice.', subjectId: APPLICANT, unitId: UNIT_A, occurredAt: vn('2026-03-06T09:00') });
});

afterAll(async () => {
  await server.app.close();
});

describe('GET /audit/{kind}/{subject} for the inspector', () => {
  it('Then each kind answers as JSON: the verdict and the events it rests on, all of the province', async () => {
    for (const [kind, subject] of [['incident', 'INC-1'], ['feedback', 'FB-1'], ['dossier', dossierCode(1)]] as const) {
      const response = await get(`/audit/${kind}/${encodeURIComponent(subject)}`, 'inspector');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const { verdict, events } = response.json() as { verdict: { kind: string; subject: string; tenantId: string; events: number[] }; events: { metadata: { tenantId: string; globalPosition: number } }[] };
      expect(verdict).toMatchObject({ kind, subject, tenantId: TENANT });
      expect(events.map((e) => e.metadata.globalPosition)).toEqual(verdict.events);
      expect(events.every((e) => e.metadata.tenantId === TENANT)).toBe(true);
    }
  });

  it('Then an officer\'s rating for a period is asked as <officerId>/<period>, the slash sent as is or encoded', async () => {
    for (const url of ['/audit/officer/OF-0042/2026-Q1', '/audit/officer/OF-0042%2F2026-Q1']) {
      const response = await get(url, 'inspector');
      expect(response.statusCode, response.body).toBe(200);
      expect((response.json() as { verdict: { kind: string; subject: string } }).verdict).toMatchObject({ kind: 'officer', subject: 'OF-0042/2026-Q1' });
    }
    const html = await get('/audit/officer/OF-0042/2026-Q1?format=html&lang=en', 'inspector');
    expect(html.body).toContain('<h2>Question</h2><p>Why was officer OF-0042/2026-Q1 rated this way for the period?</p>');
    expect((await get('/audit/officer/OF-0042/2026-Q1', 'inspector', { tenantId: OTHER_TENANT })).statusCode).toBe(404);
  });

  it('Then an officer subject whose period is not a rating period is 400 naming the subject and the forms a period takes, in every format and with whatIf', async () => {
    for (const url of ['/audit/officer/OF-0042/banana', '/audit/officer/OF-0042%2Fbanana', '/audit/officer/OF-0042/banana?format=html', '/audit/officer/OF-0042/2026-03-02', '/audit/officer/OF-0042/banana?whatIf=indexRounding%3Dhalf-even']) {
      const response = await get(url, 'inspector');
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(response.json(), url).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'subject', message: expect.stringMatching(/is not a rating period: give a year \(2025\), a quarter \(2026-Q1\) or a month \(2026-03\)$/) }] });
    }
    expect((await get('/audit/officer/OF-0042', 'inspector')).json()).toMatchObject({ status: 400, errors: [{ field: 'subject', message: expect.stringContaining('<officerId>/<period>') }] });
    // Refused for its form before anything is looked up: an officer of another province or none at all is no different.
    expect((await get('/audit/officer/OF-NOBODY/banana', 'inspector', { tenantId: OTHER_TENANT })).statusCode).toBe(400);
  });

  it('Then a dossier as of a day before the first rule set (2018-06-21) or the calendar (1976) was not received, with whatIf too, like every other kind', async () => {
    for (const asOf of ['2010-01-01', '1975-12-31']) {
      for (const kind of ['dossier', 'incident']) {
        const subject = kind === 'dossier' ? dossierCode(1) : 'INC-1';
        const response = await get(`/audit/${kind}/${subject}?asOf=${asOf}`, 'inspector');
        expect(response.statusCode, `${kind} ${asOf}: ${response.body}`).toBe(200);
        expect((response.json() as { verdict: { events: unknown[] } }).verdict.events).toEqual([]);
      }
      const dossier = (await get(`/audit/dossier/${dossierCode(1)}?asOf=${asOf}`, 'inspector')).json() as { verdict: { outcome: unknown; ruleSetVersions: unknown } };
      expect(dossier.verdict).toMatchObject({ outcome: { status: 'NOT_STARTED', judged: false, late: null }, ruleSetVersions: [] });
      const whatIf = await get(`/audit/dossier/${dossierCode(1)}?asOf=${asOf}&whatIf=supplementClockPolicy%3DPAUSE`, 'inspector');
      expect(whatIf.statusCode, whatIf.body).toBe(200);
    }
  });

  it("Then an open dossier as of the working-day calendar's last day is judged, and a moment after it is 400 naming asOf", async () => {
    expect((await get(`/audit/dossier/${dossierCode(1)}?asOf=2099-12-31`, 'inspector')).statusCode).toBe(200);
    for (const asOf of ['2100-01-01', '9999-12-31', encodeURIComponent('2099-12-31T23:00:00-12:00')]) {
      const response = await get(`/audit/dossier/${dossierCode(1)}?asOf=${asOf}`, 'inspector');
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'asOf', rule: 'moment', message: expect.stringContaining('after 2099-12-31, the last day of the working-day calendar') }] });
    }
  });

  it('Then a rating period no rule set rates is a verdict that says so', async () => {
    const response = await get('/audit/officer/OF-0042/2017', 'inspector');
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { verdict: { outcome: unknown } }).verdict.outcome).toMatchObject({ status: 'no-rules', period: '2017' });
  });

  it('Then as of the position of the report, the acknowledgement was not known yet', async () => {
    const response = await get(`/audit/incident/INC-1?asOf=${positions.reported}`, 'inspector');
    const { verdict } = response.json() as { verdict: { asOf: { globalPosition: number }; outcome: { deadlines: { deadline: string; status: string }[] } } };
    expect(verdict.asOf.globalPosition).toBe(positions.reported);
    expect(verdict.outcome.deadlines.map((d) => d.deadline)).toEqual(['acknowledge']);
    expect(verdict.outcome.deadlines[0]!.status).not.toBe('late');
  });

  it('Then the HTML report is Vietnamese by default, English on asking, scriptless, and escapes the officer id typed with a script tag', async () => {
    const vi = await get('/audit/incident/INC-1?format=html', 'inspector');
    expect(vi.statusCode).toBe(200);
    expect(vi.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(vi.headers['content-language']).toBe('vi');
    expect(vi.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(vi.headers['x-content-type-options']).toBe('nosniff');
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain('<h2>Câu hỏi</h2>');
    expect(vi.body).not.toMatch(/<script/i);
    expect(vi.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const en = await get('/audit/incident/INC-1?format=html&lang=en', 'inspector');
    expect(en.body).toContain('<h2>Question</h2>');
    expect(en.headers['content-language']).toBe('en');
  });

  it('Then the Markdown report lists every event it rests on', async () => {
    const response = await get(`/audit/feedback/FB-1?format=md&lang=en`, 'inspector');
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.body).toMatch(/^# Audit verdict on feedback FB-1\n/);
    expect(response.body).toContain(`| \\#${positions.feedback} | FeedbackReceived | feedback-${TENANT}:FB-1 | 1 |`);
  });

  it('Then a subject of another province is not found: the province is the token\'s', async () => {
    const response = await get('/audit/incident/INC-1', 'inspector', { tenantId: OTHER_TENANT });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringContaining(`province ${OTHER_TENANT}`) });
  });

  it('Then an unknown kind or subject is 404, and a subject holding a slash arrives whole', async () => {
    expect((await get('/audit/weather/INC-1', 'inspector')).json()).toMatchObject({ status: 404, detail: expect.stringContaining('kinds: ') });
    expect((await get('/audit/incident/INC-404', 'inspector')).statusCode).toBe(404);
    for (const url of ['/audit/incident/OF-1%2F2026', '/audit/incident/OF-1/2026']) {
      expect((await get(url, 'inspector')).json()).toMatchObject({ status: 404, detail: expect.stringContaining('incident id OF-1/2026') });
    }
  });
});

describe('GET /audit/{kind}/{subject}?whatIf=…', () => {
  it('Then the inspector gets the same verdict under another rule-set value, side by side, each difference named', async () => {
    const response = await get('/audit/incident/INC-1?whatIf=incidentStepDeadlineWorkingDays.acknowledge%3D3&asOf=2026-03-20', 'inspector');
    expect(response.statusCode, response.body).toBe(200);
    const compared = response.json() as { alternative: { changes: { field: string; alternative: number }[] }; differences: { stepId?: string; name: string }[]; recordedFacts: string };
    expect(compared.alternative.changes.map((c) => [c.field, c.alternative])).toContainEqual(['incidentStepDeadlineWorkingDays.acknowledge', 3]);
    expect(compared.differences).toContainEqual(expect.objectContaining({ stepId: 'deadline:acknowledge', name: 'values.recomputedDueDate' }));
    expect(compared.recordedFacts).toMatch(/ADR 0003/);
    const html = await get('/audit/incident/INC-1?whatIf=incidentStepDeadlineWorkingDays.acknowledge%3D3&whatIf=indexRounding%3Dhalf-even&format=html&lang=en', 'inspector');
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<h2>What the alternative changes</h2>');
    expect(html.body).not.toMatch(/<script/i);
  });

  it("Then a change counting past the working-day calendar's last day is refused as a command dated then is: 422 OUTSIDE_CALENDAR", async () => {
    const response = await get('/audit/incident/INC-1?whatIf=incidentStepDeadlineWorkingDays.acknowledge%3D1000000', 'inspector');
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'OUTSIDE_CALENDAR', detail: expect.stringContaining('the working-day calendar covers 1976-01-01 to 2099-12-31'), details: { earliest: '1976-01-01', latest: '2099-12-31' } });
  });

  it('Then a change it cannot take is 400 naming whatIf', async () => {
    for (const query of ['whatIf=supplementClockPolicy%3DSOMETIMES', 'whatIf=noSuchField%3D1', 'whatIf=calendar%3Dvn-1999.1', 'whatIf=']) {
      const response = await get(`/audit/incident/INC-1?${query}`, 'inspector');
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ field: 'whatIf' }] });
    }
  });
});

describe('GET /audit/{kind}/{subject}: every query parameter is checked, and named when refused', () => {
  const cases: readonly [string, string, string][] = [
    ['format=pdf', 'format', 'enum'],
    ['lang=fr', 'lang', 'enum'],
    ['asOf=yesterday', 'asOf', 'moment'],
    ['asOf=2026-02-30', 'asOf', 'moment'],
    ['asOf=999999', 'asOf', 'moment'],
    ['asOf=9999-12-31', 'asOf', 'moment'],
    ['asOf=2026-03-05&asOf=300', 'asOf', 'single'],
    ['asOf=', 'asOf', 'length'],
    ['format=md&format=html', 'format', 'single'],
    ['verbose=1', 'verbose', 'unknown'],
  ];
  for (const [query, field, rule] of cases) {
    it(`?${query} is 400 naming ${field}`, async () => {
      const response = await get(`/audit/incident/INC-1?${query}`, 'inspector');
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field, rule }] });
      expect((response.json() as { detail: string }).detail.startsWith(`${field}: `)).toBe(true);
    });
  }
});

describe('GET /audit/{kind}/{subject}: who may read a verdict', () => {
  it('Then no role but the inspector and the citizen may, and nobody without a token', async () => {
    for (const role of ROLES.filter((r) => r !== 'inspector' && r !== 'citizen')) {
      const response = await get('/audit/incident/INC-1', role);
      expect(response.statusCode, role).toBe(403);
    }
    expect((await server.app.inject({ method: 'GET', url: '/audit/incident/INC-1' })).statusCode).toBe(401);
  });

  it('Then a citizen reads the verdict on their own dossier, in every format', async () => {
    for (const format of ['json', 'md', 'html']) {
      const response = await get(`/audit/dossier/${encodeURIComponent(dossierCode(1))}?format=${format}`, 'citizen');
      expect(response.statusCode, response.body).toBe(200);
    }
  });

  it("Then a citizen asking as of a position past the province's last event is refused without being told where that is", async () => {
    const response = await get(`/audit/dossier/${encodeURIComponent(dossierCode(1))}?asOf=999999`, 'citizen');
    expect(response.json()).toMatchObject({ status: 400, errors: [{ field: 'asOf' }], detail: `asOf: global position 999999 is past the last event of province ${TENANT}` });
    expect((await get('/audit/incident/INC-1?asOf=999999', 'inspector')).json()).toMatchObject({ detail: expect.stringMatching(/\(head \d+\)$/) });
  });

  it('Then a citizen may not read another applicant\'s dossier, nor an incident or a feedback verdict, even their own', async () => {
    expect((await get(`/audit/dossier/${encodeURIComponent(dossierCode(2))}`, 'citizen')).json()).toMatchObject({ status: 403, detail: 'this dossier is not yours' });
    expect((await get('/audit/feedback/FB-1', 'citizen')).statusCode).toBe(403);
    expect((await get('/audit/incident/INC-1', 'citizen')).statusCode).toBe(403);
  });

  it('Then a citizen asking for a dossier that does not exist, or exists only in another province, is told it does not exist', async () => {
    expect((await get(`/audit/dossier/${encodeURIComponent(dossierCode(9))}`, 'citizen')).statusCode).toBe(404);
    for (const odd of ['%3Cscript%3E', 'a%3Ab', '..%2F..', 'x'.repeat(201)]) {
      expect((await get(`/audit/dossier/${odd}`, 'citizen')).statusCode, odd).toBe(404);
      expect((await get(`/audit/dossier/${odd}`, 'inspector')).statusCode, odd).toBe(404);
    }
    expect((await get(`/audit/dossier/${encodeURIComponent(dossierCode(1))}`, 'citizen', { tenantId: OTHER_TENANT })).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('Then /openapi.json describes the route, its kinds, formats, languages and errors', async () => {
    const document = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, { get?: { parameters: { name: string; schema: { enum?: string[] } }[]; responses: Record<string, unknown> } }> };
    const operation = document.paths['/audit/{kind}/{subject}']?.get;
    expect(operation?.parameters.map((p) => p.name)).toEqual(['kind', 'subject', 'asOf', 'format', 'lang', 'whatIf']);
    expect(operation?.parameters[0]?.schema.enum).toEqual(expect.arrayContaining(['incident', 'feedback', 'dossier']));
    expect(operation?.parameters[3]?.schema.enum).toEqual(['json', 'md', 'html']);
    expect(Object.keys(operation?.responses ?? {})).toEqual(['200', '400', '401', '403', '404', '422']);
  });
});
