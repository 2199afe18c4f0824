import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, createReadModels, createVietnamCalendar, defaultRuleBook, InMemoryDocumentStore, InMemoryEventStore, isLeft, ProjectionEngine, type ActorRole } from '@motcua/core';
import { issueDevelopmentToken } from '../auth.js';
import { buildServer } from '../server.js';

const SECRET = 'report-routes-secret-0123456789';
type App = Awaited<ReturnType<typeof buildServer>>;
let app: App;
let engine: ProjectionEngine;

const get = async (url: string, role: ActorRole = 'inspector') => {
  const token = await issueDevelopmentToken(SECRET, { sub: 'someone', role, tenantId: 'thai-nguyen', unitIds: ['tn-hcc'] }, '5m');
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
};

beforeAll(async () => {
  const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
  const documents = new InMemoryDocumentStore();
  const store = new InMemoryEventStore();
  engine = new ProjectionEngine({ eventStore: store, documentStore: documents, projections: readModels.projections });
  await engine.start();
  const desk = createDesk({ store });
  // A unit the log names, idle: its reports and figures are zeros (docs/read-side.md, "Units and officers the log never names").
  const established = await desk.units.handle(
    { type: 'EstablishUnit', data: { code: 'tn-hcc', name: 'Trung tâm Phục vụ hành chính công', kind: 'province-centre', provinceCode: '19', effectiveDate: '2025-07-01', occurredAt: '2025-06-30T09:00:00+07:00' } },
    { actor: { id: 'director-thai-nguyen', role: 'director' }, tenantId: 'thai-nguyen' },
  );
  if (isLeft(established)) throw new Error(JSON.stringify(established.left));
  app = await buildServer({ desk, auth: { hs256Secret: SECRET }, readSide: { readModels: readModels.all, documents, caughtUp: () => engine.caughtUp() } });
});
afterAll(async () => {
  await app.close();
  await engine.stop();
});

describe('GET /reports/{form}', () => {
  it('answers an empty province with units nowhere and the province row, as a document that runs no script', async () => {
    const response = await get('/reports/processing?period=2026-03&format=html');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('province thai-nguyen');
    const json = (await get('/reports/circular01?period=2026-Q1')).json() as { rows: { id: string }[] };
    expect(json.rows.map((row) => row.id)).toEqual(['thai-nguyen']);
  });

  it('sends CSV and XLSX as attachments named after the form, scope and period', async () => {
    const csv = await get('/reports/processing?period=2026-03-02&unit=tn-hcc&format=csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="processing-thai-nguyen-tn-hcc-2026-03-02.csv"');
    const xlsx = await get('/reports/index766?period=2026&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('names what is wrong with a request', async () => {
    expect((await get('/reports/annual?period=2026')).statusCode).toBe(404);
    const problems = await Promise.all(['/reports/processing', '/reports/processing?period=2026-13', '/reports/circular01?period=2026-03-02', '/reports/processing?period=2026-03&format=pdf', '/reports/processing?period=2026-03&colour=red', '/reports/processing?period=2026-03&period=2026-04'].map((url) => get(url)));
    expect(problems.map((response) => response.statusCode)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(problems.map((response) => (response.json() as { errors?: { field?: string }[] }).errors?.[0]?.field)).toEqual(['period', 'period', 'period', 'format', 'colour', 'period']);
  });

  it('refuses a period no rule set covers, naming the first day the rules are in force', async () => {
    // The built-in rules start on 2018-06-21 (docs/read-side.md, "Periods the rules do not cover").
    for (const url of ['/reports/index766?period=2017&format=json', '/reports/processing?period=2017-Q1&unit=tn-hcc&format=csv', '/reports/processing?period=2018-06-20']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json(), url).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'period', rule: 'rules' }] });
      expect((response.json() as { detail: string }).detail).toContain('from 2018-06-21');
    }
    // A period the rules cover in part is reported.
    expect((await get('/reports/processing?period=2018-06')).statusCode).toBe(200);
    expect((await get('/reports/circular01?period=2018')).statusCode).toBe(200);
  });

  it('answers a report of a unit the log never names with 404 naming unit, and one of a named, idle unit with zeros', async () => {
    for (const url of ['/reports/processing?period=2026-03&unit=nonexistent', '/reports/circular01?period=2026-Q1&unit=nonexistent&format=csv', '/reports/index766?period=2026&unit=nonexistent']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ code: 'NOT_FOUND' });
      expect((response.json() as { detail: string }).detail).toMatch(/^unit: no unit nonexistent in your province/);
    }
    const idle = await get('/reports/processing?period=2026-03&unit=tn-hcc');
    expect(idle.statusCode).toBe(200);
  });

  it('answers a figure about a unit or officer the log never names as one that does not exist, and an idle named unit’s as a figure', async () => {
    const keys = {
      timeliness: 'thai-nguyen/timeliness/unit/nonexistent/month/2026-03/onTimeRate',
      'service-index-766': 'thai-nguyen/index766/unit/nonexistent/month/2026-03/total',
      'officer-rating': 'thai-nguyen/officer-rating/officer/nobody/quarter/2026-Q1/points',
      praise: 'thai-nguyen/praise/2026-03/unit/nonexistent/count',
      'incident-register': 'thai-nguyen/incident-register/2026-03/officer/nobody/reported',
      'feedback-compliance': 'thai-nguyen/feedback-compliance/2026-03/unit/nonexistent/judged',
      sipas: 'thai-nguyen/sipas/lineage/nonexistent/month/2026-03/overall',
      circular01: 'thai-nguyen/tt01/unit/nonexistent/month/2026-03/total',
      'unit-board': 'thai-nguyen/board/nonexistent/2026-03-02/received',
    };
    for (const [name, key] of Object.entries(keys)) {
      for (const url of [`/read-models/${name}/${encodeURIComponent(key)}`, `/read-models/${name}/${key}/explain`]) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: `${name} has no figure for ${key}` });
      }
    }
    const idle = await get(`/read-models/service-index-766/${encodeURIComponent('thai-nguyen/index766/unit/tn-hcc/month/2026-03/total')}`);
    expect(idle.statusCode).toBe(200);
  });

  it('answers a figure of a period no rule set covers as one that does not exist', async () => {
    const keys = {
      timeliness: 'thai-nguyen/timeliness/unit/tn-hcc/month/1999-03/onTimeRate',
      sipas: 'thai-nguyen/sipas/unit/tn-hcc/month/1999-03/overall',
      'service-index-766': 'thai-nguyen/index766/unit/tn-hcc/month/1999-03/total',
      'unit-board': 'thai-nguyen/board/tn-hcc/1999-03-02/received',
      praise: 'thai-nguyen/praise/1999-03/total/all/count',
    };
    for (const [name, key] of Object.entries(keys)) {
      for (const url of [`/read-models/${name}/${encodeURIComponent(key)}`, `/read-models/${name}/${key}/explain`]) {
        const response = await get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: `${name} has no figure for ${key}` });
      }
    }
  });

  it('is not found on a server that does not serve a read model it is made from', async () => {
    const partial = await buildServer({
      desk: createDesk({ store: new InMemoryEventStore() }),
      auth: { hs256Secret: SECRET },
      readSide: { readModels: createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() }).all.filter((model) => model.name !== 'unit-board'), documents: new InMemoryDocumentStore() },
    });
    try {
      const token = await issueDevelopmentToken(SECRET, { sub: 'someone', role: 'inspector', tenantId: 'thai-nguyen', unitIds: [] }, '5m');
      const response = await partial.inject({ method: 'GET', url: '/reports/processing?period=2026-03', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ detail: 'no report processing here: it needs the read model unit-board, which this server does not serve' });
    } finally {
      await partial.close();
    }
  });

  it('is refused to a role that may not read the read models it is made from', async () => {
    expect((await get('/reports/processing?period=2026-03', 'receptionist')).statusCode).toBe(403);
    expect((await get('/reports/processing?period=2026-03', 'citizen')).statusCode).toBe(403);
  });
});

describe('the dashboard page', () => {
  it('is public, framed nowhere and runs only its own scripts; / leads to it', async () => {
    const page = await app.inject({ method: 'GET', url: '/dashboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    expect(page.body).not.toMatch(/<script>/);
    expect((await app.inject({ method: 'GET', url: '/dashboard/app.js' })).headers['content-type']).toContain('javascript');
    expect((await app.inject({ method: 'GET', url: '/dashboard/..%2Fpackage.json' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/' })).headers['location']).toBe('/dashboard/');
  });
});
