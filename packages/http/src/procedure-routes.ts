import type { FastifyInstance } from 'fastify';
import type { Desk, ProcedureVersion, RuleSet } from '@motcua/core';
import { principalOf, sendProblem } from './http-helpers.js';
import { httpProblems, type Problem } from './problem.js';

/**
 * The procedure catalogue the desk decides with (`desk.rules`): what a dossier of each procedure needs
 * (required documents), costs (fee in đồng), and how long it may take (time limit), with the rule set
 * in force beside it. Every province served by this desk shares the catalogue; each answer names the
 * caller's province, so a platform serving provinces with their own catalogues runs one desk each.
 */

/** One procedure as the catalogue routes show it. */
const procedureBody = (version: ProcedureVersion) => ({
  code: version.code,
  name: version.name,
  field: version.field,
  timeLimit: version.timeLimit,
  immediateResult: version.immediateResult,
  feeDong: version.feeDong,
  requiredDocuments: version.requiredDocuments,
  onlineLevel: version.onlineLevel,
  ...(version.onlineLevelCircular01 === undefined ? {} : { onlineLevelCircular01: version.onlineLevelCircular01 }),
  boundaryFree: version.boundaryFree,
  effectiveFrom: version.effectiveFrom,
  ...(version.effectiveTo === undefined ? {} : { effectiveTo: version.effectiveTo }),
  legalBasis: version.legalBasis ?? [],
  // Values the catalogue has not checked against a published decision say so here ("to confirm").
  notes: version.notes ?? [],
});

/** The rule set in force: what decides the promised date beside the procedure's own limit. */
const ruleSetBody = (set: RuleSet) => ({
  id: set.id,
  title: set.title,
  effectiveFrom: set.effectiveFrom,
  ...(set.effectiveTo === undefined ? {} : { effectiveTo: set.effectiveTo }),
  legalBasis: set.legalBasis,
  transferCutoff: set.transferCutoff,
  receiptDayCounts: set.receiptDayCounts,
});

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

type Query = Record<string, string | string[] | undefined>;

/** `at` (a day or an instant with its offset; default now) and the other parameters a route takes. */
const parseQuery = (query: Query, allowed: readonly string[]): { readonly problem: Problem } | { readonly at: string; readonly text: Readonly<Record<string, string>> } => {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) return { problem: httpProblems.invalidInput(name, 'unknown', `is not a parameter of this route (${allowed.join(', ')})`) };
    if (typeof value !== 'string') return { problem: httpProblems.invalidInput(name, 'single', 'may be given once') };
    if (value.length === 0 || value.length > 200) return { problem: httpProblems.invalidInput(name, 'length', 'must be 1 to 200 characters') };
    text[name] = value;
  }
  const at = text['at'] ?? new Date().toISOString();
  if (!(DAY.test(at) || INSTANT.test(at)) || Number.isNaN(Date.parse(at))) {
    return { problem: httpProblems.invalidInput('at', 'date', 'must be a day (2026-03-02) or an instant with its offset (2026-03-02T09:00:00+07:00)') };
  }
  return { at, text };
};

const ruleSetAt = (desk: Desk, at: string): RuleSet | undefined => {
  try {
    return desk.rules.inForceAt(at);
  } catch {
    return undefined; // before the first rule set: nothing is in force
  }
};

export const registerProcedureRoutes = (app: FastifyInstance, desk: Desk): void => {
  app.get('/procedures', async (request, reply) => {
    const { tenantId } = principalOf(request);
    const parsed = parseQuery(request.query as Query, ['at', 'field']);
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    const ruleSet = ruleSetAt(desk, parsed.at);
    if (ruleSet === undefined) return sendProblem(reply, httpProblems.notFound(`no rule set is in force at ${parsed.at}`));
    const field = parsed.text['field'];
    const codes = [...new Set(desk.rules.procedures.map((version) => version.code))];
    const items = codes
      .map((code) => desk.rules.procedureAt(code, parsed.at))
      .filter((version): version is ProcedureVersion => version !== undefined && (field === undefined || version.field === field))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map(procedureBody);
    return { tenantId, at: parsed.at, ruleSet: ruleSetBody(ruleSet), items };
  });

  app.get('/procedures/:code', async (request, reply) => {
    const { tenantId } = principalOf(request);
    const code = (request.params as { code?: string }).code ?? '';
    const parsed = parseQuery(request.query as Query, ['at']);
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    const versions = desk.rules.procedures.filter((version) => version.code === code);
    if (versions.length === 0) return sendProblem(reply, httpProblems.notFound(`the catalogue has no procedure ${code}`));
    const ruleSet = ruleSetAt(desk, parsed.at);
    const current = desk.rules.procedureAt(code, parsed.at);
    if (ruleSet === undefined || current === undefined) {
      return sendProblem(reply, httpProblems.notFound(`procedure ${code} is not in force at ${parsed.at} (its versions start ${versions.map((v) => v.effectiveFrom).join(', ')})`));
    }
    return {
      tenantId,
      at: parsed.at,
      ruleSet: ruleSetBody(ruleSet),
      ...procedureBody(current),
      versions: versions.map((version) => ({ effectiveFrom: version.effectiveFrom, ...(version.effectiveTo === undefined ? {} : { effectiveTo: version.effectiveTo }) })),
    };
  });
};
