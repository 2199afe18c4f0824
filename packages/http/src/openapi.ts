import { CorrelationId, defaultRuleBook, ExplanationCodec, toJsonSchema, type JsonSchema } from '@motcua/core';
import { auditOperation } from './audit-routes.js';
import { commandResultExample, DEMO, exampleOf, EXPLANATION_EXAMPLE, PROBLEM_EXAMPLES, RECEIVE_DOSSIER_EXAMPLE, withExamples } from './openapi-examples.js';
import { COMMAND_QUERY } from './decision-mode.js';
import { EVENT_FEED_QUERY } from './events-route.js';
import { PROCEDURE_QUERY, PROCEDURES_QUERY } from './procedure-routes.js';
import { openApiQuery } from './query-parameters.js';
import { listingQuery } from './read-model-routes.js';
import { dossierListQuery } from './query-routes.js';
import { STREAM_ROUTES, type CommandRoute } from './route-table.js';
import { PROBLEM_TYPE_BASE } from './problem.js';

type Operation = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string, status?: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem'), ...(status === undefined || PROBLEM_EXAMPLES[status] === undefined ? {} : { example: PROBLEM_EXAMPLES[status] }) } },
});
const json = (description: string, schema: unknown, headers?: Record<string, unknown>, example?: unknown) => ({
  description,
  ...(headers === undefined ? {} : { headers }),
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
});

/** Example ids of each stream's path parameter, from the demo province. */
const ID_EXAMPLES: Readonly<Record<string, string>> = {
  dossiers: DEMO.dossierCode,
  officers: DEMO.receptionist,
  incidents: 'INC-2026-0001',
  feedback: 'FB-2026-0001',
  units: DEMO.unitId,
};

const ETAG_HEADER = { ETag: { description: 'The stream version, as a quoted string: send it back in If-Match', schema: { type: 'string' } } };

const COMMON_ERRORS = {
  '400': problemResponse('Invalid input: `errors` names each offending field', '400'),
  '401': problemResponse('No valid bearer token', '401'),
  '403': problemResponse('The role or the scope (province, unit, own dossiers) does not allow it', '403'),
  '404': problemResponse('No such entity in your province', '404'),
};

const withoutField = (schema: JsonSchema, field: string): JsonSchema => {
  if (schema['type'] !== 'object') return schema;
  const properties = { ...((schema['properties'] ?? {}) as Record<string, unknown>) };
  delete properties[field];
  const required = ((schema['required'] ?? []) as string[]).filter((name) => name !== field);
  const { required: _required, ...rest } = schema;
  return { ...rest, properties, ...(required.length > 0 ? { required } : {}) };
};

const bodySchemaName = (route: CommandRoute): string => (route.idInPath ? `${route.commandType}Body` : `${route.commandType}`);

/** The body example of a command: ReceiveDossier as the demo receives it, the others from their schema. */
const bodyExample = (route: CommandRoute, schema: JsonSchema): unknown => {
  if (route.commandType !== 'ReceiveDossier') return exampleOf(schema);
  if (!route.idInPath) return RECEIVE_DOSSIER_EXAMPLE;
  const { dossierCode: _code, ...rest } = RECEIVE_DOSSIER_EXAMPLE;
  return rest;
};

const commandOperation = (route: CommandRoute, schema: JsonSchema): Operation => ({
  operationId: route.idInPath ? `${route.commandType}At${capitalise(route.stream.idParam)}` : route.commandType,
  summary: route.summary,
  description: `Sends the command \`${route.commandType}\`. Roles: ${route.roles.join(', ')}.` +
    (route.idInPath ? ` The ${route.stream.idField} comes from the path; a different one in the body is refused.` : ''),
  tags: [route.stream.collection],
  parameters: [
    ...(route.idInPath ? [{ name: route.stream.idParam, in: 'path', required: true, schema: { type: 'string' }, example: ID_EXAMPLES[route.stream.collection] }] : []),
    { name: 'If-Match', in: 'header', required: false, description: 'The ETag (stream version) you saw; 412 when the stream has moved on', schema: { type: 'string' } },
    { name: 'Idempotency-Key', in: 'header', required: false, description: 'Retry safely: the same key with the same body returns the first response again; with another body, 422', schema: { type: 'string', maxLength: 200 } },
    { name: 'X-Correlation-Id', in: 'header', required: false, description: 'Ties the events to the request or process behind them, kept in their metadata for good: an opaque id (1 to 128 letters, digits, . _ : -), never personal data; 400 otherwise. Default: the request id', schema: toJsonSchema(CorrelationId) },
    ...openApiQuery(COMMAND_QUERY),
  ],
  requestBody: { required: true, content: { 'application/json': { schema: ref(bodySchemaName(route)), example: bodyExample(route, schema) } } },
  responses: {
    [route.idInPath ? '200' : '201']: json(
      'The events appended, the new state and version',
      ref('CommandResult'),
      { ...ETAG_HEADER, ...(route.idInPath ? {} : { Location: { schema: { type: 'string' } } }) },
      commandResultExample(`${route.stream.key === 'dossiers' ? 'dossier' : route.stream.key}-${DEMO.tenantId}:${ID_EXAMPLES[route.stream.collection] ?? 'id'}`, route.commandType, route.idInPath ? 2 : 1),
    ),
    ...COMMON_ERRORS,
    '409': problemResponse(
      !route.idInPath && route.stream.exists !== undefined
        ? `A concurrent writer kept moving the stream, or the ${route.stream.idField} names one that already exists (\`ALREADY_EXISTS\`)`
        : 'A concurrent writer kept moving the stream',
      '409',
    ),
    '412': problemResponse('If-Match does not match the stream version', '412'),
    '422': problemResponse('A business rule refused the command (`code` says which), or an idempotency key was reused with another body', '422'),
  },
});

/** Methods whose requests the server reads a body of, documented or not: any body sent is parsed. */
const METHODS_WITH_BODIES = new Set(['post', 'put', 'patch']);

/**
 * The document with 413 and 415 listed on every operation that takes a body: the server refuses a body
 * too large or not JSON on every such route, before the route sees it (plugin.ts). The one place these
 * two answers are documented, for the route table's paths and for those added beside it.
 */
export const withBodyRefusals = (document: Record<string, unknown>): Record<string, unknown> => {
  const paths = document['paths'] as Record<string, Record<string, Operation>>;
  const refused = (operation: Operation): Operation => ({
    ...operation,
    responses: {
      ...(operation['responses'] as Record<string, unknown>),
      '413': problemResponse('Body too large', '413'),
      '415': problemResponse('Body is not application/json, or names a charset other than UTF-8', '415'),
    },
  });
  const withRefusals = Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [path, Object.fromEntries(Object.entries(item).map(([method, operation]) => [method, METHODS_WITH_BODIES.has(method) ? refused(operation) : operation]))]),
  );
  return { ...document, paths: withRefusals };
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface OpenApiOptions {
  readonly title?: string;
  readonly version?: string;
  readonly readModels?: readonly string[];
  /** Where the paths are served, when not at the root: the prefix of a server mounted under one (`/api/motcua`). */
  readonly serverUrl?: string;
}

/** OpenAPI 3.1 of the whole API: command bodies from the io-ts codecs, paths from the route table. */
export const openApiDocument = (routes: readonly CommandRoute[], options: OpenApiOptions = {}): Record<string, unknown> => {
  const paths: Record<string, Record<string, Operation>> = {};
  const add = (path: string, method: string, operation: Operation) => {
    paths[path] = { ...(paths[path] ?? {}), [method]: operation };
  };
  const schemas: Record<string, unknown> = {
    Problem: {
      type: 'object',
      description: `RFC 9457 problem details. \`type\` is ${PROBLEM_TYPE_BASE}<code in kebab case>, stable per code.`,
      properties: {
        type: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        code: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } } },
        legalBasis: { type: 'string' },
      },
      required: ['type', 'title', 'status', 'code'],
    },
    EventRef: {
      type: 'object',
      properties: { type: { type: 'string' }, streamId: { type: 'string' }, streamVersion: { type: 'integer' }, globalPosition: { type: 'integer' }, eventId: { type: 'string' } },
    },
    CommandResult: {
      type: 'object',
      properties: { streamId: { type: 'string' }, version: { type: 'integer' }, events: { type: 'array', items: ref('EventRef') }, state: { type: 'object' } },
      required: ['streamId', 'version', 'events', 'state'],
    },
    StreamState: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' }, state: { type: 'object' } }, required: ['id', 'version', 'state'] },
    RecordedEvent: { type: 'object', properties: { type: { type: 'string' }, data: {}, metadata: { type: 'object' } }, required: ['type', 'data', 'metadata'] },
    /** What every explain route answers, from the codec of the explanation (core's read-side/explain). */
    Explanation: { ...toJsonSchema(ExplanationCodec), examples: [EXPLANATION_EXAMPLE] },
    DossierSummary: {
      type: 'object',
      properties: {
        code: { type: 'string' }, status: { type: 'string' }, unitId: { type: 'string' }, procedureCode: { type: 'string' },
        applicantId: { type: 'string' }, receivedAt: { type: 'string' }, dueDate: { type: 'string' }, originalDueDate: { type: 'string' },
        resultReadyAt: { type: 'string' }, returnedAt: { type: 'string' }, timeliness: { type: 'string', enum: ['early', 'on-time', 'late'] },
        judgedAt: { type: 'string', enum: ['ready', 'return'] }, version: { type: 'integer' },
      },
    },
  };
  for (const route of routes) {
    const name = bodySchemaName(route);
    if (schemas[name] === undefined) {
      const schema = toJsonSchema(route.dataCodec);
      schemas[name] = route.idInPath ? withoutField(schema, route.stream.idField) : schema;
    }
    add(route.path, 'post', commandOperation(route, schemas[name] as JsonSchema));
  }
  for (const stream of STREAM_ROUTES) {
    const idParameter = { name: stream.idParam, in: 'path', required: true, schema: { type: 'string' }, example: ID_EXAMPLES[stream.collection] };
    add(`/${stream.collection}/{${stream.idParam}}`, 'get', {
      operationId: `get${capitalise(stream.key)}`,
      summary: `Current state and version of one of ${stream.title}`,
      tags: [stream.collection],
      parameters: [idParameter, { name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
      responses: { '200': json('State and version', ref('StreamState'), ETAG_HEADER), '304': { description: 'Unchanged since the ETag sent' }, ...COMMON_ERRORS },
    });
    add(`/${stream.collection}/{${stream.idParam}}/history`, 'get', {
      operationId: `get${capitalise(stream.key)}History`,
      summary: 'Every event of the stream, with its metadata',
      tags: [stream.collection],
      parameters: [idParameter],
      responses: { '200': json('Events, oldest first', { type: 'object', properties: { version: { type: 'integer' }, events: { type: 'array', items: ref('RecordedEvent') } } }, ETAG_HEADER), ...COMMON_ERRORS },
    });
  }
  add('/dossiers', 'get', {
    operationId: 'listDossiers',
    summary: 'Dossiers of your province, within your scope, in order of first appearance',
    tags: ['dossiers'],
    parameters: [
      ...openApiQuery(dossierListQuery(() => true)),
    ],
    responses: {
      '200': json('One page', { type: 'object', properties: { items: { type: 'array', items: ref('DossierSummary') }, nextCursor: { type: 'string' } }, required: ['items'] }),
      ...COMMON_ERRORS,
    },
  });
  add('/events/stream', 'get', {
    operationId: 'streamEvents',
    summary: 'Server-Sent Events: every event of your province after a position, then live',
    description: 'Each message has `id` (global position), `event` (event type) and `data` (the recorded event as JSON). Start with `after`; a reconnecting client resumes from the `Last-Event-ID` header or `lastEventId` (as EventSource polyfills send it), which come before `after`. Roles: director, inspector, system.',
    tags: ['events'],
    parameters: [
      ...openApiQuery(EVENT_FEED_QUERY),
      { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } },
    ],
    responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...COMMON_ERRORS },
  });
  for (const name of options.readModels ?? []) {
    const parameters = [
      {
        name: 'key',
        in: 'path',
        required: true,
        description:
          'A key of your province as listed (`<tenantId>/...`). Keys contain `/`: send the key as it is written ' +
          '(`/read-models/timeliness/demo-thai-nguyen/timeliness/unit/tn-phuc-vu-hcc/month/2026-03/onTimeRate`, a last segment `explain` ' +
          'asking for the explanation) or URL-encoded into one segment (`demo-thai-nguyen%2Ftimeliness%2F...`); both are answered alike.',
        schema: { type: 'string' },
        example: `${DEMO.tenantId}/timeliness/unit/${DEMO.unitId}/month/2026-03/onTimeRate`,
      },
    ];
    add(`/read-models/${name}`, 'get', {
      operationId: `listKeys_${name}`, summary: `Keys of the read model ${name} in your province, sorted, a page at a time`, tags: ['read-models'],
      parameters: [
        ...openApiQuery(listingQuery(DEMO.tenantId)),
      ],
      responses: {
        '200': json('Keys', { type: 'object', properties: { readModel: { type: 'string' }, keys: { type: 'array', items: { type: 'string' } }, nextCursor: { type: 'string' } } }),
        ...COMMON_ERRORS,
      },
    });
    add(`/read-models/${name}/{key}`, 'get', {
      operationId: `figure_${name}`, summary: `One figure of ${name}`, tags: ['read-models'], parameters,
      responses: { '200': json('The figure', { type: 'object' }), ...COMMON_ERRORS },
    });
    add(`/read-models/${name}/{key}/explain`, 'get', {
      operationId: `explain_${name}`, summary: `The events and arithmetic behind one figure of ${name}`, tags: ['read-models'], parameters,
      responses: { '200': json('The explanation: the figure, the arithmetic steps that re-add to it, and every event it depends on', ref('Explanation')), ...COMMON_ERRORS },
    });
  }
  addProcedurePaths(add);
  add('/audit/{kind}/{subject}', 'get', auditOperation());
  add('/health', 'get', { operationId: 'health', summary: 'Liveness', tags: ['operations'], security: [], responses: { '200': json('Alive', { type: 'object' }) } });
  add('/ready', 'get', {
    operationId: 'ready',
    summary: 'Readiness: the store answers and the server is not shutting down',
    description:
      'Open to anyone (a load balancer needs only the status code). With a bearer token of a role that reads the event feed (director, inspector, system), ' +
      "the answer adds the caller's own province's positions: the global position of its last event and whether the dossier list has folded it. " +
      'Nothing is told of the store as a whole or of another province. A token sent is verified (401 when not valid).',
    tags: ['operations'],
    security: [{}, { bearer: [] }],
    responses: {
      '200': json('Ready', {
        type: 'object',
        required: ['status'],
        additionalProperties: false,
        properties: {
          status: { const: 'ready' },
          province: {
            type: 'object',
            description: "Only for a caller who reads the province's event feed",
            required: ['tenantId', 'head', 'dossierListCaughtUp'],
            additionalProperties: false,
            properties: {
              tenantId: { type: 'string' },
              head: { type: 'integer', minimum: 0, description: "The global position of the province's last event (0 before its first)" },
              dossierListCaughtUp: { type: 'boolean', description: 'Whether the dossier list has folded every event of the province' },
            },
          },
        },
      }),
      '401': problemResponse('A token was sent and is not valid'),
      '503': problemResponse('Not ready'),
    },
  });
  return withExamples(withBodyRefusals({
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: options.title ?? 'motcua one-stop desk API',
      version: options.version ?? '0.1.0',
      description:
        'Commands are POSTs on resources; queries are GETs. Errors are RFC 9457 problem details. ETag carries the stream version; send it as If-Match for optimistic concurrency. Idempotency-Key makes a command safe to retry.',
    },
    ...(options.serverUrl === undefined ? {} : { servers: [{ url: options.serverUrl, description: 'the path motcua is mounted under' }] }),
    security: [{ bearer: [] }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas },
  }));
};

/** `GET /procedures` and `GET /procedures/{code}`, with examples from the built-in catalogue. */
const addProcedurePaths = (add: (path: string, method: string, operation: Operation) => void) => {
  const rules = defaultRuleBook();
  const set = rules.inForceAt(DEMO.day);
  const ruleSet = { id: set.id, title: set.title, effectiveFrom: set.effectiveFrom, legalBasis: set.legalBasis, transferCutoff: set.transferCutoff, receiptDayCounts: set.receiptDayCounts };
  const procedure = rules.procedureAt(DEMO.procedureCode, DEMO.day);
  const item = procedure === undefined ? {} : { ...procedure, legalBasis: procedure.legalBasis ?? [], notes: procedure.notes ?? [] };
  const procedureSchema = {
    type: 'object',
    properties: {
      code: { type: 'string', description: 'National catalogue code' }, name: { type: 'string' }, field: { type: 'string' },
      timeLimit: { type: 'object', properties: { amount: { type: 'integer' }, unit: { type: 'string', enum: ['working-days', 'calendar-days', 'working-hours'] } } },
      immediateResult: { type: 'boolean' }, feeDong: { type: 'integer', description: 'Fee in đồng (see notes where a province sets it)' },
      requiredDocuments: { type: 'array', items: { type: 'string' }, description: 'The published document list; a supplement request may only ask for these' },
      onlineLevel: { type: 'string', enum: ['none', 'partial', 'full'] }, onlineLevelCircular01: { type: 'integer', enum: [1, 2, 3, 4] }, boundaryFree: { type: 'boolean' },
      effectiveFrom: { type: 'string', format: 'date' }, effectiveTo: { type: 'string', format: 'date' },
      legalBasis: { type: 'array', items: { type: 'string' } }, notes: { type: 'array', items: { type: 'string' }, description: 'Caveats, e.g. values still to confirm' },
    },
  };
  const ruleSetSchema = { type: 'object', description: 'The rule set in force at `at`', properties: { id: { type: 'string' }, title: { type: 'string' }, effectiveFrom: { type: 'string' }, legalBasis: { type: 'array', items: { type: 'string' } } } };
  add('/procedures', 'get', {
    operationId: 'listProcedures',
    summary: 'The procedure catalogue in force: limits, fees, required documents, and the rule set in force',
    description: 'Every role may read it. The catalogue is the desk’s rule book, shared by the provinces this server serves; the answer names yours.',
    tags: ['procedures'],
    parameters: openApiQuery(PROCEDURES_QUERY),
    responses: {
      '200': json(
        'The procedures in force at `at`, by code',
        { type: 'object', properties: { tenantId: { type: 'string' }, at: { type: 'string' }, ruleSet: ruleSetSchema, items: { type: 'array', items: procedureSchema } } },
        undefined,
        { tenantId: DEMO.tenantId, at: DEMO.day, ruleSet, items: [item] },
      ),
      ...COMMON_ERRORS,
    },
  });
  add('/procedures/{code}', 'get', {
    operationId: 'getProcedure',
    summary: 'One procedure of the catalogue: the version in force at `at`, and the dates of its other versions',
    tags: ['procedures'],
    parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: DEMO.procedureCode }, ...openApiQuery(PROCEDURE_QUERY)],
    responses: {
      '200': json(
        'The version in force',
        { ...procedureSchema, properties: { ...procedureSchema.properties, tenantId: { type: 'string' }, at: { type: 'string' }, ruleSet: ruleSetSchema, versions: { type: 'array', items: { type: 'object' } } } },
        undefined,
        { tenantId: DEMO.tenantId, at: DEMO.day, ruleSet, ...item, versions: procedure === undefined ? [] : [{ effectiveFrom: procedure.effectiveFrom }] },
      ),
      ...COMMON_ERRORS,
    },
  });
};
