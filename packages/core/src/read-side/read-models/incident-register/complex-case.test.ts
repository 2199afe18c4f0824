import { describe, expect, it } from 'vitest';
import { readModelOver } from '../../read-model.testkit.js';
import { parsePeriod } from '../../vocabulary/period.js';
import { at, newDesk, readAllEvents, run, scriptIncident, TENANT } from '../conduct-support/conduct.testkit.js';
import { incidentRegisterReadModel as readModel } from './index.js';

const { queries } = readModel;
const all = parsePeriod('all')!;
const sync = { actor: { id: 'sync-1', role: 'system' as const }, tenantId: TENANT, mode: 'record' as const };

/**
 * Given discipline proposed on Mon 16 Mar 2026 (due Mon 15 Jun, 90 calendar days) and the case
 * declared complex: the decision is due Thu 13 Aug 2026, 150 calendar days after the proposal
 * (docs/domain/conduct-catalogue.md §3).
 */
const declared = async (declaredAt: string, mode?: 'record') => {
  const desk = newDesk();
  await scriptIncident(desk, { id: 'INC-7', officerId: 'OF-7', reportedAt: at('2026-03-02'), acknowledgedAt: at('2026-03-03'), investigatedAt: at('2026-03-04'), concludedAt: at('2026-03-13') });
  await run(desk.incidents.handle as Parameters<typeof run>[0], { type: 'ProposeDiscipline', data: { incidentId: 'INC-7', form: 'warning', occurredAt: at('2026-03-16') } });
  const declaration = { type: 'DeclareDisciplineCaseComplex', data: { incidentId: 'INC-7', declaredBy: 'director-so-noi-vu', reason: 'The payment records must be verified.', occurredAt: declaredAt } } as const;
  if (mode === undefined) await run(desk.incidents.handle as Parameters<typeof run>[0], declaration);
  else expect((await desk.incidents.handle(declaration, sync))._tag).toBe('Right');
  const events = await readAllEvents(desk.store);
  return { events, over: readModelOver(readModel, events) };
};

const overdue = (documents: Parameters<typeof queries.incidentCounts>[0], asOf: string) => queries.incidentCounts(documents, TENANT, { period: all, dimension: 'step', measure: 'overdue', asOf });

describe('incident register: a discipline case declared complex', () => {
  it('is not overdue after the 90 days, and overdue from the day after the 150th', async () => {
    const { events, over } = await declared(at('2026-05-20'));
    expect(events.at(-1)?.data).toMatchObject({ nextStep: 'decide-discipline', nextStepDueDate: '2026-08-13', previousDueDate: '2026-06-15' });
    expect(await overdue(over.documents, '2026-06-16T00:00:00+07:00')).toEqual({});
    expect(await overdue(over.documents, '2026-08-13T23:59:00+07:00')).toEqual({});
    expect(await overdue(over.documents, '2026-08-14T00:00:00+07:00')).toEqual({ 'decide-discipline': 1 });
    const [row] = await queries.openIncidents(over.documents, TENANT);
    expect(queries.overdueSteps(row!, '2026-08-14T00:00:00+07:00').map(([step]) => step)).toEqual(['decide-discipline']);
    // A declaration in time breaks no rule: nothing is counted as a breach.
    expect(await queries.breachCount(over.documents, TENANT, all, 'total', 'all')).toBe(0);
  });

  it('counts a declaration recorded after the 90 days ran out under its rule, and still moves the due date', async () => {
    const { over } = await declared(at('2026-06-17'), 'record');
    expect(await overdue(over.documents, '2026-06-18T00:00:00+07:00')).toEqual({});
    const rule = (await over.explain(`${TENANT}/incident-register/2026-06/rule/INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT/breaches`))!;
    expect(rule.value).toBe(1);
    expect(rule.contributions.map((ref) => ref.type)).toEqual(['DisciplineCaseDeclaredComplex']);
    expect((await over.explain(`${TENANT}/incident-register/2026-06/officer/OF-7/breaches`))?.value).toBe(1);
    expect(await queries.breachCount(over.documents, TENANT, all, 'total', 'all')).toBe(1);
    expect(await queries.breachCount(over.documents, TENANT, parsePeriod('2026-06-17')!, 'rule', 'INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT')).toBe(1);
    // The incident itself is still counted once, open, in the groups the breach shares with it.
    expect(await queries.incidentCounts(over.documents, TENANT, { period: all, dimension: 'total', measure: 'open' })).toEqual({ all: 1 });
  });
});
