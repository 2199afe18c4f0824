import type { FastifyInstance } from 'fastify';
import { streamReadScope } from './access.js';
import { verdictsReadableBy } from './audit-routes.js';
import { principalOf, sendProblem } from './http-helpers.js';
import { anyParameter } from './query-parameters.js';
import { readersOf, type ReadSide } from './read-side.js';
import { reportsReadableBy } from './reports/report-routes.js';
import { STREAM_ROUTES } from './route-table.js';
import type { ReportForm } from './reports/report.js';

/** What the caller may open, decided by the rules each route applies (docs/dashboard.md, "What a role is shown"). */
export interface CallerRights {
  /** The read models whose figures the caller may read (`GET /read-models/{name}/…`). */
  readonly readModels: readonly string[];
  /** The report forms the caller may have made (`GET /reports/{form}`). */
  readonly reports: readonly ReportForm[];
  /** The verdicts it may read (`GET /audit/…`): any of the province's, its own dossier's, or none. */
  readonly verdicts: 'province' | 'own' | 'none';
  /** Per stream collection, whose entities it may read (`GET /{collection}/{id}`). */
  readonly streams: Readonly<Record<string, 'province' | 'own-units' | 'own' | 'none'>>;
}

/** `GET /me`: the caller as the server knows it from the verified token, and what it may open. */
export interface Caller {
  readonly sub: string;
  readonly role: string;
  readonly tenantId: string;
  readonly unitIds: readonly string[];
  readonly may: CallerRights;
}

export const registerMeRoute = (app: FastifyInstance, readSide: ReadSide): void => {
  app.get('/me', async (request, reply) => {
    const unexpected = anyParameter(request.query);
    if (unexpected !== undefined) return sendProblem(reply, unexpected);
    const { sub, role, tenantId, unitIds } = principalOf(request);
    const caller: Caller = {
      sub,
      role,
      tenantId,
      unitIds,
      may: {
        readModels: readSide.readModels.map((readModel) => readModel.name).filter((name) => readersOf(readSide, name).includes(role)),
        reports: reportsReadableBy(readSide, role),
        verdicts: verdictsReadableBy(role),
        streams: Object.fromEntries(STREAM_ROUTES.map((stream) => [stream.collection, streamReadScope(role, stream)])),
      },
    };
    return caller;
  });
};

const SCOPES = ['province', 'own-units', 'own', 'none'];

/** The OpenAPI path item of `GET /me`. */
export const mePaths = (): Record<string, Record<string, unknown>> => ({
  '/me': {
    get: {
      operationId: 'getMe',
      summary: 'The caller, as the verified token names it, and what its role may open: read models, reports, verdicts, entities of each stream',
      tags: ['access'],
      responses: {
        '200': {
          description: 'The caller and its rights',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['sub', 'role', 'tenantId', 'unitIds', 'may'],
                properties: {
                  sub: { type: 'string' },
                  role: { type: 'string' },
                  tenantId: { type: 'string' },
                  unitIds: { type: 'array', items: { type: 'string' } },
                  may: {
                    type: 'object',
                    required: ['readModels', 'reports', 'verdicts', 'streams'],
                    properties: {
                      readModels: { type: 'array', items: { type: 'string' } },
                      reports: { type: 'array', items: { type: 'string' } },
                      verdicts: { type: 'string', enum: ['province', 'own', 'none'] },
                      streams: { type: 'object', additionalProperties: { type: 'string', enum: SCOPES } },
                    },
                  },
                },
              },
            },
          },
        },
        '400': { description: 'A query parameter was given', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        '401': { description: 'No valid bearer token', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    },
  },
});
