import type { FastifyInstance } from 'fastify';
import {
  builtInCalendars,
  computeVerdictFromStore,
  createVerdictRegistry,
  isLeft,
  parseAsOf,
  parseWhatIf,
  renderVerdictReport,
  renderWhatIfReport,
  REPORT_LANGUAGES,
  ruleViolated,
  REPORT_MEDIA_TYPES,
  type AsOf,
  type ActorRole,
  type Desk,
  type VerdictError,
  type VerdictKind,
  type VerdictRegistry,
  whatIfEvents,
  whatIfFromStore,
} from '@motcua/core';
import { accessOf, readDenial } from './access.js';
import { INTEGRITY_HEADER, INTEGRITY_SCHEMA, verdictIntegrity } from './audit-integrity.js';
import type { Principal } from './auth.js';
import { principalOf, sendProblem } from './http-helpers.js';
import { domainProblem, httpProblems, withArticle, type Problem } from './problem.js';
import { accept, oneOf, openApiQuery, readQuery, refuse, repeated, single } from './query-parameters.js';
import { STREAM_ROUTES } from './route-table.js';

/**
 * `GET /audit/{kind}/{subject}`: a verdict (docs/audit.md, "Reports and HTTP") as JSON, Markdown or
 * HTML, as of a moment. For the inspector, within their province: the province is the token's, so a
 * subject of another province is not found (ADR 0011). For a citizen, the verdict on their own dossier
 * only, decided from the dossier's typed state as its other routes decide it (`readDenial`).
 */
export const AUDIT_FORMATS = ['json', 'md', 'html'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];
/** At most this many `whatIf` changes in one request. */
const MAX_WHAT_IF = 10;

export const AUDIT_QUERY = {
  asOf: single<AsOf>({
    maxLength: 100,
    read: (text) => {
      const asOf = parseAsOf(text);
      return isLeft(asOf) ? refuse('moment', asOf.left) : accept(asOf.right);
    },
    schema: { type: 'string', maxLength: 100 },
    description:
      'A global position (`1200`): the log as it stood then; a day (`2026-03-09`, its end in Vietnam) or an instant with its offset: what happened by then. Default: the whole log, open deadlines judged now.',
  }),
  format: oneOf(AUDIT_FORMATS, { default: 'json' }),
  lang: oneOf(REPORT_LANGUAGES, { default: 'vi', description: 'Labels of a Markdown or HTML report' }),
  whatIf: repeated(MAX_WHAT_IF, {
    description:
      'A what-if instead of the verdict: the same verdict under another rule-set value (`supplementClockPolicy=PAUSE`, `<ruleSetId>:indexRounding=half-even`) or calendar version (`calendar=<version>`), side by side with each difference named (docs/audit.md, "What-if"); repeat it for several changes.',
  }),
};

/** Roles that read any verdict of their province. */
const INSPECTING = new Set(['inspector']);

/** Which verdicts `role` may read: any of its province (an inspector), a citizen the verdict on their own dossier, others none. */
export const verdictsReadableBy = (role: ActorRole): 'province' | 'own' | 'none' => (INSPECTING.has(role) ? 'province' : role === 'citizen' ? 'own' : 'none');

/** A report is a document of its own: no script runs in it, and it is not framed elsewhere. */
const REPORT_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
};

const dossiers = STREAM_ROUTES.find((stream) => stream.key === 'dossiers');

/** Whether the caller (an inspector or a citizen) may read the verdict: the inspector any of their province, a citizen their own dossier's. */
const denial = async (desk: Desk, principal: Principal, kind: VerdictKind, subject: string): Promise<Problem | undefined> => {
  if (INSPECTING.has(principal.role)) return undefined;
  if (kind !== 'dossier' || dossiers === undefined) return httpProblems.forbidden(`a citizen may read only the verdict on their own dossier, not ${withArticle(kind)} verdict`);
  const loaded = await desk.dossiers.load(principal.tenantId, subject);
  return readDenial(principal, dossiers, accessOf(dossiers, loaded), subject);
};

/** Why no verdict could be given, as a problem: a day no rule set covers or the calendar does not compute is refused as a command dated then is (422). */
const verdictProblem = (principal: Principal, error: VerdictError): Problem => {
  const { code, message } = error;
  if (code === 'NO_RULE_SET_IN_FORCE' || code === 'OUTSIDE_CALENDAR') return domainProblem(ruleViolated(code, message, error.details === undefined ? {} : { details: { ...error.details } }), false);
  // The head named is the province's last event (docs/audit.md): the inspector's to know, not a citizen's.
  const shown = principal.role === 'citizen' ? message.replace(/ \(head \d+\)$/, '') : message;
  if (code === 'VERDICT_AS_OF_INVALID') return httpProblems.invalidInput('asOf', 'moment', shown);
  // A subject of the wrong form (an officer's period that is no period) is a bad request, not an absent subject.
  if (code === 'VERDICT_SUBJECT_INVALID') return httpProblems.invalidInput('subject', 'subject', shown);
  return httpProblems.notFound(shown);
};

export interface AuditRouteOptions {
  /** The kinds of verdict served; default core's built-in ones. */
  readonly registry?: VerdictRegistry;
  readonly now?: () => Date;
}

export const registerAuditRoutes = (app: FastifyInstance, desk: Desk, options: AuditRouteOptions = {}): void => {
  const registry = options.registry ?? createVerdictRegistry();
  // The subject is the rest of the path: an officer's is `<id>/<period>`, sent as is or with `%2F`.
  app.get('/audit/:kind/*', async (request, reply) => {
    const principal = principalOf(request);
    const params = request.params as { readonly kind?: string; readonly '*'?: string };
    const kind = params.kind ?? '';
    const subject = params['*'] ?? '';
    if (!INSPECTING.has(principal.role) && principal.role !== 'citizen') return sendProblem(reply, httpProblems.forbidden(`${withArticle(principal.role)} may not read audit verdicts`));
    const parsed = readQuery(request.query, AUDIT_QUERY, { of: 'an audit verdict' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    if (registry.definitionOf(kind as VerdictKind) === undefined) {
      return sendProblem(reply, httpProblems.notFound(`no verdict of kind ${kind} (kinds: ${registry.kinds.join(', ')})`));
    }
    if (subject === '' || subject.length > 200) return sendProblem(reply, httpProblems.notFound(`no ${kind} verdict without a subject of 1 to 200 characters`));
    const denied = await denial(desk, principal, kind as VerdictKind, subject);
    if (denied !== undefined) return sendProblem(reply, denied);
    const { asOf, format = 'json', lang = 'vi', whatIf } = parsed.values;
    const asked = { kind: kind as VerdictKind, tenantId: principal.tenantId, subject, ...(asOf === undefined ? {} : { asOf }) };
    const deps = { rules: desk.rules, calendar: desk.calendar };
    const computeOptions = { registry, ...(options.now === undefined ? {} : { now: options.now }) };
    if (whatIf !== undefined) {
      const alternative = parseWhatIf(whatIf, deps, builtInCalendars());
      if (isLeft(alternative)) return sendProblem(reply, httpProblems.invalidInput('whatIf', 'change', alternative.left));
      const compared = await whatIfFromStore(desk.store, asked, deps, alternative.right, computeOptions);
      if (isLeft(compared)) return sendProblem(reply, verdictProblem(principal, compared.left));
      const integrity = await verdictIntegrity(desk.store, whatIfEvents(compared.right));
      reply.headers(REPORT_HEADERS).header('content-language', format === 'json' ? 'en' : lang).header(INTEGRITY_HEADER, integrity.status);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ ...compared.right, integrity });
      return reply.type(REPORT_MEDIA_TYPES[format]).send(renderWhatIfReport(compared.right, { format, lang }));
    }
    const result = await computeVerdictFromStore(desk.store, asked, deps, computeOptions);
    if (isLeft(result)) return sendProblem(reply, verdictProblem(principal, result.left));
    const integrity = await verdictIntegrity(desk.store, result.right.verdict.events);
    reply.headers(REPORT_HEADERS).header('content-language', format === 'json' ? 'en' : lang).header(INTEGRITY_HEADER, integrity.status);
    if (format === 'json') return reply.type('application/json; charset=utf-8').send({ verdict: result.right.verdict, events: result.right.events, integrity });
    return reply.type(REPORT_MEDIA_TYPES[format]).send(renderVerdictReport(result.right, { format, lang }));
  });
};

/** The OpenAPI operation of `GET /audit/{kind}/{subject}`. */
export const auditOperation = (kinds: readonly VerdictKind[] = createVerdictRegistry().kinds): Record<string, unknown> => ({
  operationId: 'getAuditVerdict',
  summary: 'A verdict on a dispute, from the events alone, as of a moment: JSON, or a report in Markdown or HTML',
  description:
    'The answer with its reasoning steps (rule set, field and source of each), the events it rests on and the versions applied (docs/audit.md). ' +
    "Roles: inspector, for any subject of the token's province (another province's is not found); citizen, for the verdict on their own dossier only (403 otherwise). " +
    'An officer verdict\'s subject is `<officerId>/<period>`.',
  tags: ['audit'],
  parameters: [
    { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...kinds] } },
    { name: 'subject', in: 'path', required: true, description: 'A dossier code, an incident id, a feedback id, or `<officerId>/<period>` with a period of a year, a quarter or a month (`OF-1/2026-Q1`)', schema: { type: 'string', maxLength: 200 } },
    ...openApiQuery(AUDIT_QUERY),
  ],
  responses: {
    '200': {
      description:
        'The verdict, its events and the integrity of those events (json), or its report; with whatIf, the what-if with the integrity of the events either side rests on (json), or its report. ' +
        'Each event the answer rests on is checked against its stored hash: an altered one leaves the status 200 (the answer is what the log now says) and is named in `integrity.altered`; the `log-integrity` header gives `integrity.status` in every format.',
      headers: {
        [INTEGRITY_HEADER]: { description: '`verified`, `altered` (an event the answer rests on was changed: see `integrity`) or `unchecked` (the store keeps no hash chain)', schema: INTEGRITY_SCHEMA.properties.status },
      },
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { type: 'object', properties: { verdict: { type: 'object' }, events: { type: 'array', items: { $ref: '#/components/schemas/RecordedEvent' } }, integrity: INTEGRITY_SCHEMA }, required: ['verdict', 'events', 'integrity'] },
              { type: 'object', description: 'With whatIf: the what-if (docs/audit.md, "What-if")', properties: { base: { type: 'object' }, alternative: { type: 'object' }, differences: { type: 'array' }, integrity: INTEGRITY_SCHEMA }, required: ['base', 'alternative', 'differences', 'integrity'] },
            ],
          },
        },
        'text/markdown': { schema: { type: 'string' } },
        'text/html': { schema: { type: 'string' } },
      },
    },
    '400': { description: 'A query parameter is unknown, repeated or invalid (`errors` names it), asOf is a position past the last event of the province, or the subject is not of its kind\'s form (an officer\'s period must be a year, a quarter or a month: 2025, 2026-Q1, 2026-03)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    '401': { description: 'No valid bearer token', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    '403': { description: 'Not an inspector, or a citizen asking for anything but their own dossier\'s verdict', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    '404': { description: 'No such kind, or no such subject in your province', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    '422': { description: 'The verdict needs a day no rule set covers (`NO_RULE_SET_IN_FORCE`) or the working-day calendar does not compute (`OUTSIDE_CALENDAR`), e.g. a whatIf counting past its last day', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
  },
});
