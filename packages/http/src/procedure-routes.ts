import type { FastifyInstance } from 'fastify';
import type { Desk, ProcedureVersion, RuleSet } from '@motcua/core';
import { principalOf, sendProblem } from './http-helpers.js';
import { DEMO } from './openapi-examples.js';
import { httpProblems } from './problem.js';
import { accept, readQuery, refuse, single } from './query-parameters.js';

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

/** `at`: a day or an instant with its offset (default now). */
const AT = single({
  read: (at) =>
    (DAY.test(at) || INSTANT.test(at)) && !Number.isNaN(Date.parse(at))
      ? accept(at)
      : refuse('date', 'must be a day (2026-03-02) or an instant with its offset (2026-03-02T09:00:00+07:00)'),
  description: 'A day or an instant with its offset; default now',
  example: DEMO.day,
});

export const PROCEDURE_QUERY = { at: AT };
export const PROCEDURES_QUERY = { at: AT, field: single({ description: 'Only procedures of this field (lĩnh vực), e.g. `Hộ tịch`' }) };

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
    const parsed = readQuery(request.query, PROCEDURES_QUERY, { of: 'the catalogue' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    const { field, at = new Date().toISOString() } = parsed.values;
    const ruleSet = ruleSetAt(desk, at);
    if (ruleSet === undefined) return sendProblem(reply, httpProblems.notFound(`no rule set is in force at ${at}`));
    const codes = [...new Set(desk.rules.procedures.map((version) => version.code))];
    const items = codes
      .map((code) => desk.rules.procedureAt(code, at))
      .filter((version): version is ProcedureVersion => version !== undefined && (field === undefined || version.field === field))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map(procedureBody);
    return { tenantId, at, ruleSet: ruleSetBody(ruleSet), items };
  });

  app.get('/procedures/:code', async (request, reply) => {
    const { tenantId } = principalOf(request);
    const code = (request.params as { code?: string }).code ?? '';
    const parsed = readQuery(request.query, PROCEDURE_QUERY, { of: 'a procedure' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    const { at = new Date().toISOString() } = parsed.values;
    const versions = desk.rules.procedures.filter((version) => version.code === code);
    if (versions.length === 0) return sendProblem(reply, httpProblems.notFound(`the catalogue has no procedure ${code}`));
    const ruleSet = ruleSetAt(desk, at);
    const current = desk.rules.procedureAt(code, at);
    if (ruleSet === undefined || current === undefined) {
      return sendProblem(reply, httpProblems.notFound(`procedure ${code} is not in force at ${at} (its versions start ${versions.map((v) => v.effectiveFrom).join(', ')})`));
    }
    return {
      tenantId,
      at,
      ruleSet: ruleSetBody(ruleSet),
      ...procedureBody(current),
      versions: versions.map((version) => ({ effectiveFrom: version.effectiveFrom, ...(version.effectiveTo === undefined ? {} : { effectiveTo: version.effectiveTo }) })),
    };
  });
};
