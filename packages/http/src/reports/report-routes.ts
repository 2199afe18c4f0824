import type { FastifyInstance } from 'fastify';
import { describeRuleDays, parsePeriod, ruleDaysOf, rulesCoverSomeDayOf, type ActorRole, type Period, type NamedSubjects, type RuleBook, type RuleDays } from '@motcua/core';
import { principalOf, sendProblem } from '../http-helpers.js';
import { httpProblems, withArticle } from '../problem.js';
import { accept, oneOf, openApiQuery, readQuery, refuse, required, single } from '../query-parameters.js';
import { readersOf, unreadable, type ReadSide } from '../read-side.js';
import { reportCsv } from './csv.js';
import { readSideFigures } from './figure-reader.js';
import { reportHtml } from './html.js';
import { CIRCULAR01_FORM, INDEX766_FORM, indexReport } from './index-reports.js';
import { processingReport } from './processing-report.js';
import { REPORT_FORMS, type Report, type ReportForm } from './report.js';
import { reportXlsx } from './xlsx.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The read models each form reads: the caller needs the right to read all of them. */
export const FORM_READ_MODELS: Readonly<Record<ReportForm, readonly string[]>> = {
  processing: ['unit-board', 'service-index-766'],
  circular01: ['circular01'],
  index766: ['service-index-766'],
};

const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

/** A report is a document of its own: no script runs in it, and it is not framed elsewhere. */
const REPORT_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
};

/**
 * The query of a report of `form`: which grains of period it takes depends on the form; a period no
 * rule set covers is refused (docs/read-side.md, "Periods the rules do not cover"), `rules` naming the
 * days the rule book covers.
 */
export const reportQuery = (form: ReportForm, rules?: RuleDays) => {
  const grains = form === 'processing' ? ['day', 'month', 'quarter', 'year'] : ['month', 'quarter', 'year'];
  return {
    period: required(
      single<Period>({
        read: (text) => {
          const period = parsePeriod(text);
          if (period === undefined || !grains.includes(period.grain) || period.start < '2000-01-01' || period.end > '2199-12-31') {
            return refuse('period', `must be a ${grains.join(', ')} from 2000 to 2199 (2026-03-02, 2026-03, 2026-Q1, 2026)`);
          }
          return rules === undefined || rulesCoverSomeDayOf(rules, period)
            ? accept(period)
            : refuse('rules', `${text} is a period no rule set covers: the rules are in force ${describeRuleDays(rules)}, and no fact is recorded outside them`);
        },
        schema: { type: 'string' },
        description: 'A day (processing only), month, quarter or year: 2026-03-02, 2026-03, 2026-Q1, 2026',
      }),
      'is required: a day 2026-03-02, a month 2026-03, a quarter 2026-Q1 or a year 2026',
    ),
    unit: single({ description: 'One unit of your province; default the whole province' }),
    format: oneOf(REPORT_FORMATS, { default: 'json' }),
  };
};

/** The forms `role` may have made on `readSide`: those whose read models it serves and the role may read. */
export const reportsReadableBy = (readSide: ReadSide, role: ActorRole): readonly ReportForm[] => {
  const served = new Set(readSide.readModels.map((readModel) => readModel.name));
  return REPORT_FORMS.filter((form) => FORM_READ_MODELS[form].every((name) => served.has(name) && readersOf(readSide, name).includes(role)));
};

const fileName = (report: Report, format: ReportFormat): string =>
  `${report.form}-${report.tenantId}-${report.scope.kind === 'unit' ? report.scope.id : 'province'}-${report.period.key}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * `GET /reports/{form}?period=&unit=&format=`: a statutory report (docs/domain/reports.md) for the
 * caller's province, or one unit of it, computed from the read models' figures; every cell names the
 * figure keys it comes from. Who may read it: whoever may read every read model the form reads.
 */
export const registerReportRoutes = (
  app: FastifyInstance,
  readSide: ReadSide,
  options: { readonly now?: () => Date; readonly rules?: Pick<RuleBook, 'ruleSets'>; readonly named?: NamedSubjects } = {},
): void => {
  const ruleDays = options.rules === undefined ? undefined : ruleDaysOf(options.rules);
  const reader = readSideFigures(readSide);
  const served = new Set(readSide.readModels.map((readModel) => readModel.name));
  const rolesOf = (name: string) => readersOf(readSide, name);
  app.get('/reports/:form', async (request, reply) => {
    const principal = principalOf(request);
    const form = (request.params as { readonly form?: string }).form ?? '';
    if (!(REPORT_FORMS as readonly string[]).includes(form)) return sendProblem(reply, httpProblems.notFound(`no report ${form} (reports: ${REPORT_FORMS.join(', ')})`));
    const needed = FORM_READ_MODELS[form as ReportForm];
    const missing = needed.find((name) => !served.has(name));
    // Not a passing state (that is a 503 below, while a read model is built): this server cannot make the report.
    if (missing !== undefined) return sendProblem(reply, httpProblems.notFound(`no report ${form} here: it needs the read model ${missing}, which this server does not serve`));
    const denied = needed.find((name) => !rolesOf(name).includes(principal.role));
    if (denied !== undefined) return sendProblem(reply, httpProblems.forbidden(`${withArticle(principal.role)} may not read ${denied}, which the report ${form} is made from`));
    const parsed = readQuery(request.query, reportQuery(form as ReportForm, ruleDays), { of: 'a report' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    for (const name of needed) {
      const readModel = readSide.readModels.find((candidate) => candidate.name === name);
      const problem = readModel === undefined ? undefined : await unreadable(readSide, readModel.projection, `read model ${name}`, principal.tenantId);
      if (problem !== undefined) return sendProblem(reply, problem);
    }
    const { period, unit: unitId, format = 'json' } = parsed.values;
    // A unit the province's log never names has no report, as it has no figure (docs/read-side.md, "Units and officers the log never names").
    if (unitId !== undefined && options.named !== undefined && !(await options.named(principal.tenantId, { kind: 'unit', id: unitId }))) {
      return sendProblem(reply, httpProblems.notFound(`unit: no unit ${unitId} in your province (its log never names it), so no report ${form} for it`));
    }
    const asked = { tenantId: principal.tenantId, period, now: options.now?.() ?? new Date(), ...(unitId === undefined ? {} : { unitId }) };
    const report =
      form === 'processing' ? await processingReport(reader, asked) : await indexReport(reader, form === 'circular01' ? CIRCULAR01_FORM : INDEX766_FORM, asked);
    reply.headers(REPORT_HEADERS).type(MEDIA_TYPES[format]);
    if (format !== 'json' && format !== 'html') reply.header('content-disposition', `attachment; filename="${fileName(report, format)}"`);
    if (format === 'json') return reply.send(report);
    if (format === 'csv') return reply.send(reportCsv(report));
    if (format === 'xlsx') return reply.send(await reportXlsx(report));
    return reply.send(reportHtml(report, { dashboard: `${app.prefix}/dashboard/` }));
  });
};

/** The OpenAPI path item of `GET /reports/{form}`. */
export const reportPaths = (): Record<string, Record<string, unknown>> => ({
  '/reports/{form}': {
    get: {
      operationId: 'getReport',
      summary: 'A statutory report for a period and a unit or the province: JSON, CSV, XLSX or print-ready HTML, every cell with its read-model keys',
      description:
        'Forms (docs/domain/reports.md): `processing` (received, resolved early / on time / late, pending overdue; unit-board and service-index-766), ' +
        '`circular01` (indices 1–9, total and band), `index766` (the Decision 766 components and total). Without `unit`, one row per unit and the province last. ' +
        'Roles: whoever may read every read model the form is made from (by default director, inspector, system).',
      tags: ['reports'],
      parameters: [
        { name: 'form', in: 'path', required: true, schema: { type: 'string', enum: [...REPORT_FORMS] } },
        ...openApiQuery(reportQuery('processing')),
      ],
      responses: {
        '200': {
          description: 'The report; CSV and XLSX as attachments (XLSX with a `sources` sheet naming the key of every cell)',
          content: {
            'application/json': { schema: { type: 'object' } },
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            'text/html': { schema: { type: 'string' } },
          },
        },
        '400': { description: 'A query parameter is unknown, repeated or invalid, or the period one no rule set covers (rule `rules`)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        '401': { description: 'No valid bearer token', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        '403': { description: 'The role may not read a read model the form is made from', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        '404': { description: 'No such form, or one this server cannot make (it does not serve a read model the form reads), or a `unit` the province\'s log never names', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        '503': { description: 'A read model the form reads is being built', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    },
  },
});
