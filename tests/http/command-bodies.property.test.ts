import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { commandRoutes, type CommandRoute } from '@motcua/http';
import { arbitraryOf } from '../../packages/core/src/kernel/codec-arbitrary.testkit.js';
import { APPLICANT, bearer, head, receiveBody, seed, seedEntities, startTestServer, UNIT_A, UNIT_B, vn, type TestServer } from './support.js';

let server: TestServer;
let system: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  await seed(server);
  system = { ...(await bearer('system')), 'content-type': 'application/json' };
});

afterAll(async () => {
  await server.app.close();
});

const post = (url: string, headers: Record<string, string>, body: unknown) =>
  server.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });

const routes = commandRoutes();
const PROCEDURE = '1.000894';

/** The seeded entity of each stream: generated bodies sometimes aim at it, so commands meet existing streams too. */
const seededId: Record<string, string> = {
  dossiers: seedEntities.dossier.id, officers: seedEntities.officer.id, incidents: seedEntities.incident.id, feedback: seedEntities.feedback.id, units: seedEntities.unit.id,
};

/** A body the route's codec accepts, and the URL it goes to (the id in the path when the route has it there). */
const requestFor = (route: CommandRoute) =>
  fc.tuple(arbitraryOf(route.dataCodec), fc.boolean()).map(([data, aimAtSeeded]) => {
    const body = { ...(data as Record<string, unknown>) };
    if (aimAtSeeded) body[route.stream.idField] = seededId[route.stream.key];
    // A procedure is named from the published catalogue (any other is refused as not in force).
    if (body['procedureCode'] !== undefined) body['procedureCode'] = PROCEDURE;
    const id = String(body[route.stream.idField]);
    const url = route.idInPath ? route.path.replace(/\{[^}]+\}/, encodeURIComponent(id)) : route.path;
    return { command: route.commandType, body, url };
  }).filter(({ command, body }) => crossFieldRuleHolds(command, body));

/**
 * Rules across fields that a codec cannot express and the decider reports as invalid input: a rating
 * gives at least one score, an evaluation a level or a score. Generated bodies keep them.
 */
const crossFieldRuleHolds = (command: string, body: Record<string, unknown>): boolean => {
  const given = (field: string) => body[field] !== undefined && (typeof body[field] !== 'object' || Object.keys(body[field] as object).length > 0);
  if (command === 'RateDossier') return given('circular01') || given('sipas');
  if (command === 'RecordEvaluation' || command === 'CorrectEvaluation') return given('level') || given('score');
  return true;
};

const anyRequest = fc.constantFrom(...routes).chain(requestFor);

/** Paths of every plain object in a body, the body itself first. */
const objectPaths = (value: unknown, path: readonly string[] = []): (readonly string[])[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return [path, ...Object.entries(value).flatMap(([key, child]) => objectPaths(child, [...path, key]))];
};

const withExtra = (body: Record<string, unknown>, path: readonly string[], key: string, value: unknown): Record<string, unknown> => {
  const copy = structuredClone(body);
  let target: Record<string, unknown> = copy;
  for (const step of path) target = target[step] as Record<string, unknown>;
  target[key] = value;
  return copy;
};

/** Answers to generated bodies, by status: the property means something only if some are accepted. */
const statuses = new Map<number, number>();

const extraKey = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,11}$/).map((name) => `x${name}`);

describe('command bodies over every route', () => {
  it.prop([anyRequest, extraKey, fc.jsonValue({ maxDepth: 2 }), fc.nat()], { numRuns: 120 })(
    'a body with any extra field, at the top or inside an object field, is refused with 400 naming it, and nothing is written',
    async ({ command, body, url }, key, value, pick) => {
      // Given a body the route's codec accepts, with one field it does not name
      const levels = objectPaths(body);
      const at = levels[pick % levels.length] ?? [];
      const before = await head(server.store);
      // When it is sent by a role allowed everywhere
      const response = await post(url, system, withExtra(body, at, key, value));
      // Then it is refused as invalid input naming the field as the caller wrote it, and the log is unchanged
      expect(response.statusCode, `${command}: ${response.body}`).toBe(400);
      const problem = JSON.parse(response.body) as { code: string; errors: { field: string; rule: string }[] };
      expect(problem.code).toBe('INVALID_INPUT');
      expect(problem.errors).toContainEqual(expect.objectContaining({ field: [...at, key].join('.'), rule: 'unknown-field' }));
      expect(await head(server.store)).toBe(before);
    },
  );

  it.prop([anyRequest], { numRuns: 250 })(
    'a body built from the codec\'s own values is accepted or refused for a domain reason: never invalid input, never a server error',
    async ({ command, body, url }) => {
      const before = await head(server.store);
      const response = await post(url, system, body);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      const problem = response.statusCode >= 400 ? (JSON.parse(response.body) as { code?: string }) : {};
      // A domain refusal carries a stable code: a broken rule (409/422), or a missing or hidden stream (403/404).
      expect([200, 201, 403, 404, 409, 422], `${command} ${url}: ${response.body}`).toContain(response.statusCode);
      if (response.statusCode >= 400) {
        expect(problem.code, response.body).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(await head(server.store)).toBe(before);
      }
    },
  );

  it('accepted some of the generated bodies (the property above is not vacuous)', () => {
    expect((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0), JSON.stringify([...statuses])).toBeGreaterThan(0);
  });
});

describe('fields a command does not name cannot move access', () => {
  const code = seedEntities.dossier.id;

  it('a citizen\'s withdrawal carrying receivingUnitId is refused, and the dossier stays with its unit', async () => {
    // Given the seeded dossier of unit A, filed by the citizen
    const before = await head(server.store);
    // When the citizen withdraws it naming another unit
    const response = await post(`/dossiers/${code}/withdrawal`, await bearer('citizen'), {
      occurredAt: vn('2026-03-02T10:00'), reason: 'Không còn nhu cầu', receivingUnitId: UNIT_B,
    });
    // Then the body is refused naming the field, nothing is written, and unit A's staff keep it, unit B's do not get it
    expect(response.statusCode, response.body).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([{ field: 'receivingUnitId', rule: 'unknown-field', message: 'is not a field of WithdrawDossier' }]);
    expect(await head(server.store)).toBe(before);
    expect((await server.app.inject({ method: 'GET', url: `/dossiers/${code}`, headers: await bearer('receptionist', { unitIds: [UNIT_B] }) })).statusCode).toBe(403);
    const state = JSON.parse((await server.app.inject({ method: 'GET', url: `/dossiers/${code}`, headers: await bearer('receptionist') })).body);
    expect(state.state.receivingUnitId).toBe(UNIT_A);
  });

  it('a transfer carrying requestedBy is refused, and an unrelated citizen still cannot read or withdraw the dossier', async () => {
    const before = await head(server.store);
    const response = await post(`/dossiers/${code}/transfer`, await bearer('receptionist'), {
      occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-lan', requestedBy: 'subject-other',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([{ field: 'requestedBy', rule: 'unknown-field', message: 'is not a field of TransferDossier' }]);
    expect(await head(server.store)).toBe(before);
    const stranger = await bearer('citizen', { subjectId: 'subject-other' });
    expect((await server.app.inject({ method: 'GET', url: `/dossiers/${code}`, headers: stranger })).statusCode).toBe(403);
    const withdrawal = await post(`/dossiers/${code}/withdrawal`, stranger, { occurredAt: vn('2026-03-02T11:00'), reason: 'Rút hồ sơ', requestedBy: 'subject-other' });
    expect(withdrawal.statusCode, withdrawal.body).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: `/dossiers/${code}`, headers: await bearer('citizen', { subjectId: APPLICANT }) })).statusCode).toBe(200);
  });
});

const postFeedback = (occurredAt: string, query = '') =>
  server.app.inject({
    method: 'POST',
    url: `/feedback${query}`,
    headers: system,
    payload: JSON.stringify({ ...seedEntities.feedback.body, feedbackId: `FB-${occurredAt.slice(0, 4)}${query === '' ? '' : '-r'}`, occurredAt }),
  });

describe('a command dated before the calendar', () => {
  it.each(['', '?mode=record'])('is refused with 422 naming the earliest accepted date, and the server keeps answering (%s)', async (query) => {
    // Given a feedback dated in year 1
    const response = await postFeedback('0001-01-01T09:00:00+07:00', query);
    // Then it is refused at once, saying from when facts are accepted
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'OCCURRED_BEFORE_CALENDAR', detail: expect.stringContaining('earliest accepted date is 1976-01-01') });
    expect((await server.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});

/** Any instant of a day the calendar covers but no built-in rule set does: 1976-01-01 to 2018-06-20, in Vietnam. */
const beforeTheRules = fc
  .integer({ min: Date.parse('1976-01-01T00:00:00+07:00'), max: Date.parse('2018-06-20T23:59:59+07:00') })
  .map((ms) => `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`);

describe('a command dated before the earliest rule set', () => {
  it.prop([fc.constantFrom(...routes).chain((route) => fc.tuple(fc.constant(route), arbitraryOf(route.dataCodec))), beforeTheRules, fc.boolean()], { numRuns: 60 })(
    'is refused on every command route with 422 naming the earliest set and the day it starts, in either mode',
    async ([route, data], occurredAt, record) => {
      // Given a body the route accepts, dated before any rule set is in force
      // (a route with the id in its path aimed at the seeded entity of its stream, so it finds one; a creating route at a new one)
      const body: Record<string, unknown> = { ...(data as Record<string, unknown>), occurredAt, ...(route.idInPath ? { [route.stream.idField]: seededId[route.stream.key] } : {}) };
      if (body['procedureCode'] !== undefined) body['procedureCode'] = PROCEDURE;
      const url = route.idInPath ? route.path.replace(/\{[^}]+\}/, encodeURIComponent(String(body[route.stream.idField]))) : route.path;
      // When it is sent
      const response = await server.app.inject({ method: 'POST', url: `${url}${record ? '?mode=record' : ''}`, headers: system, payload: JSON.stringify(body) });
      // Then nothing judges it: a typed 422 that says from when the rules apply
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json()).toMatchObject({ code: 'NO_RULE_SET_IN_FORCE', detail: `no rule set in force on ${occurredAt.slice(0, 10)}: the earliest, decree-61-2018, starts 2018-06-21` });
    },
  );
});

describe('a command naming another date before the earliest rule set', () => {
  it('is refused with 422 naming the earliest set, not a server error', async () => {
    // Given an officer of its own (the properties above may have dated later facts on the seeded one's stream)
    const officerId = 'OF-DISCIPLINE-2010';
    const appointed = await post('/officers', system, { ...seedEntities.officer.body, officerId });
    expect(appointed.statusCode, appointed.body).toBe(201);
    // When a discipline is recorded today for a decision dated before any rule set
    const response = await server.app.inject({
      method: 'POST',
      url: `/officers/${officerId}/disciplines`,
      headers: system,
      payload: JSON.stringify({ form: 'reprimand', violationDate: '2010-01-04', decisionDate: '2010-03-01', decisionRef: '12/QĐ-UBND', occurredAt: '2026-03-02T09:00:00+07:00' }),
    });
    // Then the decision date, which fixes the limitation periods, has no rule set to judge it
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'NO_RULE_SET_IN_FORCE', detail: 'no rule set in force on 2010-03-01: the earliest, decree-61-2018, starts 2018-06-21' });
  });
});

describe("a command naming a date past the working-day calendar's last day", () => {
  it.each(['2100-01-04', '9999-12-31'])('is refused with 422 naming the days the calendar covers, not a server error: an apology promising %s', async (newDueDate) => {
    // Given a dossier of its own, received and handed to its processing body
    const code = `000.00.15.H55-260302-${newDueDate.slice(0, 4)}`;
    expect((await post('/dossiers', system, receiveBody(code))).statusCode).toBe(201);
    const path = `/dossiers/${encodeURIComponent(code)}`;
    expect((await post(`${path}/transfer`, system, { occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-lan' })).statusCode).toBe(200);
    // When an apology promises a new date the calendar does not compute (recorded: the day it was made is past the due date)
    const response = await post(`${path}/apologies?mode=record`, system, { occurredAt: vn('2026-03-03T09:00'), officerId: 'officer-lan', reason: 'site inspection delayed by flooding', newDueDate });
    // Then no working day of it can be counted: a typed 422, and the server keeps answering
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'OUTSIDE_CALENDAR', detail: expect.stringContaining('the working-day calendar covers 1976-01-01 to 2099-12-31') });
    expect((await server.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
