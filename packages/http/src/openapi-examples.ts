import type { JsonSchema } from '@motcua/core';

/**
 * Examples of the OpenAPI document. Ids and times are those of the demo province that `npm start`
 * seeds (`motcua serve --seed`): a ReceiveDossier example sent with the printed receptionist token is
 * received as it stands (tests/http/openapi-examples.test.ts sends it).
 */
export const DEMO = {
  tenantId: 'demo-thai-nguyen',
  unitId: 'tn-phuc-vu-hcc',
  receptionist: 'officer-phuc-vu-hcc-receiving-officer-1',
  // The day after the demo's three months: a code no seeded dossier has.
  dossierCode: '000.00.15.H55-260602-0001',
  occurredAt: '2026-06-02T09:00:00+07:00',
  day: '2026-06-02',
  applicantId: 'subject-7f3a',
  procedureCode: '1.001612',
} as const;

export const RECEIVE_DOSSIER_EXAMPLE = {
  dossierCode: DEMO.dossierCode,
  occurredAt: DEMO.occurredAt,
  receivingUnitId: DEMO.unitId,
  procedureCode: DEMO.procedureCode,
  channel: 'counter',
  applicantId: DEMO.applicantId,
  priorityGroup: 'none',
  documents: ['Giấy đề nghị đăng ký hộ kinh doanh'],
  feeDong: 100_000,
  officerId: DEMO.receptionist,
} as const;

/**
 * An explanation as the demo province answers it, cut down to one dossier received, ready and returned
 * early: the figure, the steps that re-add to it and the events behind it.
 */
export const EXPLANATION_EXAMPLE = {
  readModel: 'timeliness',
  key: `${DEMO.tenantId}/timeliness/unit/${DEMO.unitId}/month/2026-03/onTimeRate`,
  value: 100,
  ruleSetVersions: ['decree-118-2025-amended-2026'],
  contributions: [
    { streamId: `dossier-${DEMO.tenantId}:000.00.15.H55-260305-0002`, streamVersion: 1, globalPosition: 93, type: 'DossierReceived' },
    { streamId: `dossier-${DEMO.tenantId}:000.00.15.H55-260305-0002`, streamVersion: 4, globalPosition: 109, type: 'ResultReady' },
    { streamId: `dossier-${DEMO.tenantId}:000.00.15.H55-260305-0002`, streamVersion: 5, globalPosition: 114, type: 'ResultReturned' },
  ],
  steps: [
    { label: 'dossiers early, judged on the day the result reached the desk, against the original due date', op: 'count', inputs: [1], result: 1 },
    { label: 'dossiers early, judged on the return day (no ResultReady recorded), against the original due date', op: 'count', inputs: [], result: 0 },
    { label: 'dossiers early', op: 'sum', inputs: [1, 0], result: 1 },
    { label: 'dossiers onDay, judged on the day the result reached the desk, against the original due date', op: 'count', inputs: [], result: 0 },
    { label: 'dossiers onDay, judged on the return day (no ResultReady recorded), against the original due date', op: 'count', inputs: [], result: 0 },
    { label: 'dossiers onDay', op: 'sum', inputs: [0, 0], result: 0 },
    { label: 'numerator', op: 'sum', inputs: [1, 0], result: 1 },
    { label: 'dossiers resolved', op: 'count', inputs: [1], result: 1 },
    { label: 'onTimeRate: 1 of 1, per hundred', op: 'ratio', inputs: [1, 0.01], result: 100 },
    { label: 'onTimeRate', op: 'round', inputs: [100], digits: 1, mode: 'half-up', result: 100 },
  ],
} as const;

/** Values by field name, for fields whose schema alone would give a meaningless example. */
const BY_FIELD: Readonly<Record<string, unknown>> = {
  dossierCode: DEMO.dossierCode,
  occurredAt: DEMO.occurredAt,
  officerId: DEMO.receptionist,
  receivingUnitId: DEMO.unitId,
  unitId: DEMO.unitId,
  code: DEMO.unitId,
  procedureCode: DEMO.procedureCode,
  applicantId: DEMO.applicantId,
  subjectId: DEMO.applicantId,
  reporterId: DEMO.applicantId,
  incidentId: 'INC-2026-0001',
  feedbackId: 'FB-2026-0001',
  provinceCode: 'thai-nguyen',
  effectiveDate: DEMO.day,
  period: '2026-05',
  documents: ['Giấy đề nghị đăng ký hộ kinh doanh'],
  missingDocuments: ['Bản sao văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh (nếu có)'],
  feeDong: 100_000,
};

const DATE_EXAMPLE = DEMO.day;

/**
 * An example value for a JSON schema as `toJsonSchema` writes them: the schema's own example, const,
 * default or first enum value, else one built from its type; objects get their required members.
 */
export const exampleOf = (schema: JsonSchema, field?: string): unknown => {
  if (field !== undefined && Object.hasOwn(BY_FIELD, field)) return BY_FIELD[field];
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if (schema['example'] !== undefined) return schema['example'];
  if (schema['const'] !== undefined) return schema['const'];
  if (schema['default'] !== undefined) return schema['default'];
  const choices = schema['enum'];
  if (Array.isArray(choices) && choices.length > 0) return choices[0];
  for (const union of ['anyOf', 'oneOf'] as const) {
    const members = schema[union];
    if (Array.isArray(members) && members.length > 0) return exampleOf(members[0] as JsonSchema, field);
  }
  const all = schema['allOf'];
  if (Array.isArray(all)) return Object.assign({}, ...all.map((member) => exampleOf(member as JsonSchema, field)));
  switch (schema['type']) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema['required'] ?? []) as string[]);
      return Object.fromEntries(Object.entries(properties).filter(([name]) => required.has(name)).map(([name, member]) => [name, exampleOf(member, name)]));
    }
    case 'array': {
      const items = schema['items'];
      const count = Math.max(1, Number(schema['minItems'] ?? 1));
      return items === undefined ? [] : Array.from({ length: count }, () => exampleOf(items as JsonSchema, field));
    }
    case 'integer':
    case 'number':
      return Number(schema['minimum'] ?? schema['exclusiveMinimum'] ?? 1) + (schema['exclusiveMinimum'] === undefined ? 0 : 1);
    case 'boolean':
      return false;
    case 'string':
      if (schema['format'] === 'date-time') return DEMO.occurredAt;
      if (schema['format'] === 'date') return DATE_EXAMPLE;
      if (typeof schema['pattern'] === 'string' && /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(schema['pattern'])) return DATE_EXAMPLE;
      return field === undefined ? 'text' : `${field} text`;
    default:
      return null;
  }
};

/** What a command answers (201 or 200), for the responses' examples. */
export const commandResultExample = (streamId: string, eventType: string, version: number) => ({
  streamId,
  version,
  events: [{ type: eventType, data: {}, eventId: '0b6f3c1e-5d7a-4c38-9a61-2f4e8d2b7c10', streamVersion: version, globalPosition: 2531 }],
  state: {},
});

export const problemExample = (status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}) => ({
  type: `https://motcua.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
  title,
  status,
  detail,
  code,
  ...extra,
});

/** One example per common refusal, keyed by status. */
export const PROBLEM_EXAMPLES: Readonly<Record<string, Record<string, unknown>>> = {
  '400': problemExample(400, 'INVALID_INPUT', 'Invalid input', 'occurredAt: must be an ISO-8601 date-time with offset', {
    errors: [{ field: 'occurredAt', rule: 'Instant', message: 'must be an ISO-8601 date-time with offset, e.g. 2025-03-04T09:30:00+07:00' }],
  }),
  '401': problemExample(401, 'UNAUTHENTICATED', 'Unauthenticated', 'no bearer token: send Authorization: Bearer <token>'),
  '403': problemExample(403, 'FORBIDDEN', 'Forbidden', 'an inspector may not send ReceiveDossier'),
  '404': problemExample(404, 'NOT_FOUND', 'Not found', `dossiers ${DEMO.dossierCode} does not exist`),
  '409': problemExample(409, 'VERSION_CONFLICT', 'Conflict', `stream dossier-${DEMO.tenantId}:${DEMO.dossierCode} is at version 3, expected 2`, { expected: 2, actual: 3 }),
  '412': problemExample(412, 'VERSION_CONFLICT', 'Precondition failed', `stream dossier-${DEMO.tenantId}:${DEMO.dossierCode} is at version 3, expected 2`, { expected: 2, actual: 3 }),
  '413': problemExample(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', 'Request body is too large'),
  '415': problemExample(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'send the body as application/json'),
  '422': problemExample(422, 'DOSSIER_ALREADY_RECEIVED', 'Business rule violated', `dossier ${DEMO.dossierCode} was already received`),
  '503': problemExample(503, 'UNAVAILABLE', 'Service unavailable', 'the server is shutting down'),
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const EXAMPLE_BY_MEDIA: Readonly<Record<string, string>> = {
  'text/event-stream': `id: 2531\nevent: DossierReceived\ndata: {"type":"DossierReceived","data":{"dossierCode":"${DEMO.dossierCode}"},"metadata":{"globalPosition":2531}}\n\n`,
  'text/markdown': '# Verdict\n\n…',
  'text/html': '<!doctype html><title>Verdict</title>…',
  'text/csv': 'key,value\n',
};

/**
 * Fills every operation's request body and responses that carry no example with one: problems from
 * `PROBLEM_EXAMPLES`, JSON from its schema (`exampleOf`, `$ref`s followed), other media types from a
 * short sample. Operations with examples of their own keep them.
 */
export const withExamples = (document: Json): Json => {
  const schemas = (isObject(document['components']) && isObject(document['components']['schemas']) ? document['components']['schemas'] : {}) as Json;
  const resolve = (schema: unknown, depth = 0): JsonSchema => {
    if (!isObject(schema)) return {};
    const ref = schema['$ref'];
    if (typeof ref === 'string' && depth < 8) return resolve(schemas[ref.replace('#/components/schemas/', '')], depth + 1);
    if (schema['type'] === 'object' && isObject(schema['properties'])) {
      const properties = Object.fromEntries(Object.entries(schema['properties']).map(([name, member]) => [name, resolve(member, depth + 1)]));
      // A response example shows every member, not only the required ones.
      return { ...schema, properties, required: Object.keys(properties) };
    }
    if (schema['type'] === 'array') return { ...schema, items: resolve(schema['items'], depth + 1) };
    return schema;
  };
  const fill = (media: Json, type: string, status?: string) => {
    if (media['example'] !== undefined || media['examples'] !== undefined) return;
    if (type === 'application/problem+json') {
      media['example'] = PROBLEM_EXAMPLES[status ?? ''] ?? problemExample(Number(status ?? 500), 'INTERNAL', 'Internal server error', 'the server could not complete the request');
    } else if (type.endsWith('json')) {
      media['example'] = exampleOf(resolve(media['schema']));
    } else {
      media['example'] = EXAMPLE_BY_MEDIA[type] ?? '';
    }
  };
  const paths = isObject(document['paths']) ? document['paths'] : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const operation of Object.values(item)) {
      if (!isObject(operation)) continue;
      const body = operation['requestBody'];
      if (isObject(body) && isObject(body['content'])) {
        for (const media of Object.values(body['content'])) {
          if (isObject(media) && media['example'] === undefined && media['examples'] === undefined) media['example'] = exampleOf(resolveBody(media['schema'], schemas));
        }
      }
      const responses = isObject(operation['responses']) ? operation['responses'] : {};
      for (const [status, response] of Object.entries(responses)) {
        if (!isObject(response) || !isObject(response['content'])) continue;
        for (const [type, media] of Object.entries(response['content'])) if (isObject(media)) fill(media, type, status);
      }
    }
  }
  return document;
};

/** A request body's schema with `$ref`s followed (required members only: the smallest body that is accepted). */
const resolveBody = (schema: unknown, schemas: Json): JsonSchema => {
  if (!isObject(schema)) return {};
  const ref = schema['$ref'];
  return typeof ref === 'string' ? ((schemas[ref.replace('#/components/schemas/', '')] ?? {}) as JsonSchema) : schema;
};
