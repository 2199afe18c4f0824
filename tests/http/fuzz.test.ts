import { afterAll, beforeAll, describe, expect } from 'vitest';
import { it, fc } from '@fast-check/vitest';
import { createReadModels, createVietnamCalendar, defaultRuleBook, InMemoryDocumentStore, InMemoryEventStore, withInlineDocuments } from '@motcua/core';
import { commandRoutes, STREAM_ROUTES } from '@motcua/http';
import { bearer, dossierCode, head, receiveBody, ROLES, seed, seedEntities, SECRET, startTestServer, TENANT, UNIT_A, type TestServer } from './support.js';

let server: TestServer;
let tokens: Record<string, string>;

/** The built-in read models, folded inline: their figures and the reports made from them are fuzzed too. */
const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });

beforeAll(async () => {
  const documents = new InMemoryDocumentStore();
  const store = await withInlineDocuments(new InMemoryEventStore(), documents, readModels.projections);
  server = await startTestServer({ store, readSide: { readModels: readModels.all, documents } });
  await seed(server);
  tokens = {};
  for (const role of ROLES) tokens[role] = (await bearer(role)).authorization;
  tokens['other-province'] = (await bearer('director', { tenantId: 'bac-ninh' })).authorization;
});

afterAll(async () => {
  await server.app.close();
});

const routes = commandRoutes();
const printable = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCZabcz[\\]^_`{|}~'.split('')), maxLength: 40 });

const pathId = fc.oneof(
  fc.constantFrom(dossierCode(1), 'OF-0042', 'INC-1', 'FB-1', 'tn-phuc-vu-hcc', dossierCode(77)),
  printable.map((s) => encodeURIComponent(s)),
  fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom('%', '%E0%A4%A', '..', '%2F', 'a'.repeat(300), '__proto__', 'constructor'),
);

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  // A valid command body with one field replaced by anything.
  fc.tuple(fc.constantFrom(...Object.keys(receiveBody(dossierCode(5)))), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => ({
    ...receiveBody(dossierCode(5)),
    [key]: value,
  })),
  fc.constantFrom({ __proto__: { admin: true } }, { constructor: { prototype: {} } }),
);

const payload = fc.oneof(
  { arbitrary: jsonish.map((value) => JSON.stringify(value) ?? ''), weight: 4 },
  jsonish.map((value) => JSON.stringify(value) ?? ''),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('', '{', '{"a":', 'null', '[]', '"x"', '1e999', '{"__proto__":{"x":1}}', '\u0000', '{"feeDong":1e400}'),
);

const contentType = fc.oneof({ arbitrary: fc.constant('application/json'), weight: 4 }, fc.constantFrom(
  undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/problem+json', 'application/json; charset=latin1', 'nonsense',
));

const authorization = fc.oneof(
  { arbitrary: fc.constantFrom(...ROLES, 'other-province').map((role) => tokens[role] as string), weight: 6 },
  fc.constantFrom(undefined, '', 'Bearer', 'Bearer abc', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', `Bearer ${SECRET}`),
  printable,
);

const optionalHeader = (values: fc.Arbitrary<string>) => fc.option(values, { nil: undefined });

const request = fc.record({
  target: fc.oneof(
    fc.constantFrom(...routes).chain((route) => pathId.map((id) => ({ method: 'POST' as const, url: route.path.replace(/\{[^}]+\}/, id) }))),
    fc.constantFrom(...STREAM_ROUTES).chain((stream) =>
      fc.tuple(pathId, fc.constantFrom('', '/history')).map(([id, suffix]) => ({ method: 'GET' as const, url: `/${stream.collection}/${id}${suffix}` })),
    ),
    fc.tuple(fc.constantFrom('unitId', 'status', 'limit', 'cursor', 'applicantId', 'procedureCode', 'other'), printable).map(([name, value]) => ({
      method: 'GET' as const,
      url: `/dossiers?${name}=${encodeURIComponent(value)}&limit=${value.length % 3 === 0 ? '2' : encodeURIComponent(value)}`,
    })),
    printable.map((value) => ({ method: 'GET' as const, url: `/events/stream?after=x${encodeURIComponent(value)}` })),
    // Any route's query: names it takes and others, each with any text, some given twice.
    fc
      .tuple(
        fc.constantFrom('/dossiers', '/procedures', '/procedures/1.004222', '/reports/processing', '/audit/dossier/x', '/track/x', '/read-models', '/read-models/x', '/webhooks/dead-letters', '/devices'),
        fc.array(fc.tuple(fc.constantFrom('limit', 'cursor', 'prefix', 'at', 'field', 'period', 'unit', 'format', 'lang', 'asOf', 'whatIf', 'pin', 't', 'status', 'mode', 'x'), printable), { maxLength: 5 }),
      )
      .map(([path, pairs]) => ({ method: 'GET' as const, url: `${path}?${pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}` })),
    fc.constantFrom('/read-models', '/read-models/x', '/read-models/x/y/explain', '/nowhere', '/dossiers/', '//dossiers').map((url) => ({ method: 'GET' as const, url })),
    fc.constantFrom('PUT', 'DELETE', 'PATCH').map((method) => ({ method, url: '/dossiers' })),
  ),
  payload,
  contentType,
  authorization,
  ifMatch: optionalHeader(fc.oneof(printable, fc.nat().map((n) => `"${n % 4}"`))),
  idempotencyKey: optionalHeader(printable),
});

describe('fuzzing every route', () => {
  it.prop([request], { numRuns: 600 })('never answers 5xx, and a refused request appends nothing', async (input) => {
    const before = await head(server.store);
    const headers: Record<string, string> = {};
    if (input.authorization !== undefined) headers['authorization'] = input.authorization;
    if (input.contentType !== undefined) headers['content-type'] = input.contentType;
    if (input.ifMatch !== undefined) headers['if-match'] = input.ifMatch;
    if (input.idempotencyKey !== undefined) headers['idempotency-key'] = input.idempotencyKey;
    const response = await server.app.inject({
      method: input.target.method as 'GET',
      url: input.target.url,
      headers,
      ...(input.target.method === 'GET' ? {} : { payload: input.payload }),
    });
    expect(response.statusCode, `${input.target.method} ${input.target.url}: ${response.body}`).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await head(server.store)).toBe(before);
    }
  });

  const receiveMutation = fc.record({
    field: fc.constantFrom(...Object.keys(receiveBody(dossierCode(5)))),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constantFrom('', ' ', 'tn-phuc-vu-hcc', 'online', '2026-13-45T09:00:00+07:00', -1, 1.5, 2 ** 60)),
    n: fc.integer({ min: 1000, max: 9999 }),
    ifMatch: fc.option(fc.constantFrom('"0"', '"1"', 'W/"0"', '*', '"x"'), { nil: undefined }),
  });

  it.prop([receiveMutation], { numRuns: 300 })('a receptionist\'s mutated receipt is applied once or refused without a trace', async ({ field, value, n, ifMatch }) => {
    const before = await head(server.store);
    const body: Record<string, unknown> = { ...receiveBody(dossierCode(n)), [field]: value };
    const response = await server.app.inject({
      method: 'POST',
      url: '/dossiers',
      headers: { authorization: tokens['receptionist'] as string, 'content-type': 'application/json', ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
      payload: JSON.stringify(body),
    });
    expect(response.statusCode, response.body).toBeLessThan(500);
    const after = await head(server.store);
    if (response.statusCode >= 400) expect(after).toBe(before);
    else expect(after).toBe(before + 1);
  });

  const pad = (n: number) => String(n).padStart(2, '0');
  const anyPeriod = fc
    .record({ year: fc.integer({ min: 1900, max: 2199 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), grain: fc.constantFrom('year', 'quarter', 'month', 'day') })
    .map(({ year, month, day, grain }) => ({ grain, period: grain === 'year' ? `${year}` : grain === 'quarter' ? `${year}-Q${Math.ceil(month / 3)}` : grain === 'month' ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}` }));
  const periodTarget = fc.oneof(
    fc.tuple(fc.constantFrom('processing', 'circular01', 'index766'), anyPeriod, fc.constantFrom('', '&unit=tn-phuc-vu-hcc'), fc.constantFrom('json', 'csv', 'xlsx', 'html')).map(
      ([form, { period }, unit, format]) => `/reports/${form}?period=${period}${unit}&format=${format}`,
    ),
    fc.tuple(fc.constantFrom(...readModels.all), anyPeriod, fc.constantFrom('', '/explain')).map(([readModel, { grain, period }, explain]) => {
      // The example key, of the seeded unit, with its period (and the grain before it, where the key names one) swapped.
      const key = `${TENANT}/${readModel.exampleKey.replace('/tn-hcc/', `/${UNIT_A}/`)}`;
      const own = readModel.periodOfKey?.(key);
      const parts = key.split('/');
      const at = own === undefined ? -1 : parts.indexOf(own.key);
      const swapped = parts.map((part, i) => (i === at ? period : i === at - 1 && part === own?.grain ? grain : part)).join('/');
      return `/read-models/${readModel.name}/${encodeURIComponent(swapped)}${explain}`;
    }),
  );

  it.prop([periodTarget, fc.constantFrom('director', 'inspector')], { numRuns: 300 })('answers figures and reports of any period from 1900 to 2199 without a 5xx', async (url, role) => {
    const response = await server.app.inject({ method: 'GET', url, headers: { authorization: tokens[role] as string } });
    expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(500);
  });

  it('keeps the seeded entities readable after the fuzzing', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/dossiers/${seedEntities.dossier.id}`, headers: { authorization: tokens['director'] as string } });
    expect(response.statusCode).toBe(200);
  });
});
