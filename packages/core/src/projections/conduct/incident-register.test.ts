import { describe, expect, it } from 'vitest';
import { reAddProblems } from '../../read-side/explain/index.js';
import { incidentRegisterReadModel } from './incident-register-explain.js';
import { incidentCounts, openIncidents, overdueSteps } from './incident-register-queries.js';
import { incidentRegisterProjection } from './incident-register.js';
import { parseReportingPeriod } from './periods.js';
import { at, newDesk, scriptIncident, TENANT } from './read-models.testkit.js';
import { foldAll, readAllEvents } from './event-log.testkit.js';

const all = parseReportingPeriod('all')!;

/** Reported Mon 2 Mar 2026: triage (acknowledge) due the next working day, Tue 3 Mar. */
const triageLate = async () => {
  const desk = newDesk();
  await scriptIncident(desk, { id: 'INC-1', category: 'C01', officerId: 'OF-1', unitId: 'UNIT-A', source: 'hotline', reportedAt: at('2026-03-02', '10:00') });
  const events = await readAllEvents(desk.store);
  const state = foldAll(incidentRegisterProjection, events);
  return { events, state, province: incidentRegisterProjection.province(state, TENANT) };
};

describe('incident register: overdue steps against the rules', () => {
  it('is overdue at triage from 00:00 Vietnam time the day after the due date, and not a minute earlier', async () => {
    const { events, state, province } = await triageLate();
    expect(events[0]?.data).toMatchObject({ nextStep: 'acknowledge', nextStepDueDate: '2026-03-03', ruleSetId: 'decree-118-2025-amended-2026' });
    const [row] = openIncidents(province);
    // 2026-03-03T16:59Z is 23:59 on the due day in Hà Nội; 17:00Z is already 4 March.
    expect(overdueSteps(row!, '2026-03-03T16:59:00Z')).toEqual([]);
    expect(overdueSteps(row!, '2026-03-03T17:00:00Z').map(([step]) => step)).toEqual(['acknowledge']);

    const key = (asOf: string) => `${TENANT}/incident-register/2026-Q1/step/acknowledge/overdue@${asOf}`;
    const late = incidentRegisterReadModel.explain(state, key('2026-03-04T00:00:00+07:00'))!;
    expect(late).toMatchObject({ value: 1, ruleSetVersions: ['decree-118-2025-amended-2026'] });
    expect(late.contributions.map((ref) => ref.type)).toEqual(['IncidentReported']);
    expect(incidentRegisterReadModel.explain(state, key('2026-03-03T23:59:00+07:00'))?.value).toBe(0);
  });

  it('is overdue at verification when the investigation has not started within 10 working days of triage', async () => {
    const desk = newDesk();
    await scriptIncident(desk, { id: 'INC-2', reportedAt: at('2026-03-02'), acknowledgedAt: at('2026-03-03'), severity: 'serious' });
    const events = await readAllEvents(desk.store);
    const state = incidentRegisterProjection.province(foldAll(incidentRegisterProjection, events), TENANT);
    expect(events[1]?.data).toMatchObject({ nextStep: 'investigate', nextStepDueDate: '2026-03-17' });
    const counts = (asOf: string) => incidentCounts(state, { period: all, dimension: 'step', measure: 'overdue', asOf });
    expect(counts('2026-03-17T23:59:00+07:00')).toEqual({});
    expect(counts('2026-03-18T00:00:00+07:00')).toEqual({ investigate: 1 });
    // Triage was done on time: it is no longer due.
    expect(incidentCounts(state, { period: all, dimension: 'step', measure: 'open' })).toEqual({ investigate: 1 });
  });

  it('stops counting a closed incident as open or overdue', async () => {
    const desk = newDesk();
    await scriptIncident(desk, {
      id: 'INC-3', reportedAt: at('2026-03-02'), acknowledgedAt: at('2026-03-03'), investigatedAt: at('2026-03-04'),
      concludedAt: at('2026-03-05'), outcome: 'substantiated', closedAt: at('2026-03-06'),
    });
    const state = foldAll(incidentRegisterProjection, await readAllEvents(desk.store));
    const province = incidentRegisterProjection.province(state, TENANT);
    expect(openIncidents(province)).toEqual([]);
    expect(incidentCounts(province, { period: all, dimension: 'total', measure: 'overdue', asOf: '2027-01-01T00:00:00Z' })).toEqual({});
    const substantiated = incidentRegisterReadModel.explain(state, `${TENANT}/incident-register/2026-03/category/C01/substantiated`)!;
    expect(substantiated.value).toBe(1);
    expect(substantiated.contributions.map((ref) => ref.type)).toEqual(['IncidentReported', 'IncidentAcknowledged', 'IncidentConcluded']);
  });
});

describe('incident register: counts by category, officer, unit and source', () => {
  it('counts reported incidents in Vietnamese calendar periods', async () => {
    const desk = newDesk();
    await scriptIncident(desk, { id: 'A', category: 'C01', officerId: 'OF-1', unitId: 'UNIT-A', source: 'hotline', reportedAt: at('2026-01-05') });
    await scriptIncident(desk, { id: 'B', category: 'C01', officerId: 'OF-2', unitId: 'UNIT-A', source: 'camera', reportedAt: at('2026-02-10') });
    await scriptIncident(desk, { id: 'C', category: 'C99', officerId: 'OF-2', unitId: 'UNIT-B', source: 'camera', reportedAt: at('2026-04-01') });
    // 00:30 on 1 Jan 2026 in Hà Nội is still 31 Dec 2025 in UTC: it belongs to 2026.
    await scriptIncident(desk, { id: 'D', category: 'C08', officerId: 'OF-1', unitId: 'UNIT-B', source: 'hotline', reportedAt: at('2026-01-01', '00:30') });
    const state = foldAll(incidentRegisterProjection, await readAllEvents(desk.store));
    const province = incidentRegisterProjection.province(state, TENANT);
    const q1 = parseReportingPeriod('2026-Q1')!;
    expect(incidentCounts(province, { period: q1, dimension: 'category', measure: 'reported' })).toEqual({ C01: 2, C08: 1 });
    expect(incidentCounts(province, { period: q1, dimension: 'officer', measure: 'reported' })).toEqual({ 'OF-1': 2, 'OF-2': 1 });
    expect(incidentCounts(province, { period: all, dimension: 'unit', measure: 'reported' })).toEqual({ 'UNIT-A': 2, 'UNIT-B': 2 });
    expect(incidentCounts(province, { period: all, dimension: 'source', measure: 'reported' })).toEqual({ camera: 2, hotline: 2 });
    expect(incidentRegisterReadModel.explain(state, `${TENANT}/incident-register/2025/total/all/reported`)?.value).toBe(0);
    const explanation = incidentRegisterReadModel.explain(state, `${TENANT}/incident-register/2026-01-01/total/all/reported`)!;
    expect(explanation.value).toBe(1);
    expect(reAddProblems(explanation)).toEqual([]);
  });

  it('answers undefined for keys it does not know', async () => {
    const { state } = await triageLate();
    for (const key of [
      `${TENANT}/incident-register/2026-Q5/total/all/reported`,
      `${TENANT}/incident-register/all/total/all/overdue`,
      `${TENANT}/incident-register/all/step/acknowledge/reported`,
      `${TENANT}/incident-register/all/colour/red/reported`,
      `${TENANT}/praise/all/total/all/count`,
      // A province's key without the province, and another province's.
      'incident-register/2026-Q1/total/all/reported',
      'bac-kan/incident-register/2026-Q1/total/all/reported',
    ]) {
      expect(incidentRegisterReadModel.explain(state, key), key).toBeUndefined();
    }
  });
});
