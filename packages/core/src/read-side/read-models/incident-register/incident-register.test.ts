import { describe, expect, it } from 'vitest';
import { reAddProblems } from '../../explain/re-add.js';
import { readModelOver } from '../../read-model.testkit.js';
import { parsePeriod } from '../../vocabulary/period.js';
import { at, newDesk, readAllEvents, run, scriptIncident, TENANT } from '../conduct-support/conduct.testkit.js';
import { incidentRegisterReadModel as readModel } from './index.js';

const { queries } = readModel;
const all = parsePeriod('all')!;

/** Reported Mon 2 Mar 2026: triage (acknowledge) due the next working day, Tue 3 Mar. */
const triageLate = async () => {
  const desk = newDesk();
  await scriptIncident(desk, { id: 'INC-1', category: 'C01', officerId: 'OF-1', unitId: 'UNIT-A', source: 'hotline', reportedAt: at('2026-03-02', '10:00') });
  const events = await readAllEvents(desk.store);
  return { events, over: readModelOver(readModel, events) };
};

describe('incident register: overdue steps against the rules', () => {
  it('is overdue at triage from 00:00 Vietnam time the day after the due date, and not a minute earlier', async () => {
    const { events, over } = await triageLate();
    expect(events[0]?.data).toMatchObject({ nextStep: 'acknowledge', nextStepDueDate: '2026-03-03', ruleSetId: 'decree-118-2025-amended-2026' });
    const [row] = await queries.openIncidents(over.documents, TENANT);
    // 2026-03-03T16:59Z is 23:59 on the due day in Hà Nội; 17:00Z is already 4 March.
    expect(queries.overdueSteps(row!, '2026-03-03T16:59:00Z')).toEqual([]);
    expect(queries.overdueSteps(row!, '2026-03-03T17:00:00Z').map(([step]) => step)).toEqual(['acknowledge']);

    const key = (asOf: string) => `${TENANT}/incident-register/2026-Q1/step/acknowledge/overdue@${asOf}`;
    const late = (await over.explain(key('2026-03-04T00:00:00+07:00')))!;
    expect(late).toMatchObject({ value: 1, ruleSetVersions: ['decree-118-2025-amended-2026'] });
    expect(late.contributions.map((ref) => ref.type)).toEqual(['IncidentReported']);
    expect((await over.explain(key('2026-03-03T23:59:00+07:00')))?.value).toBe(0);
    const q1 = parsePeriod('2026-Q1')!;
    const count = (asOf: string) => queries.incidentCount(over.documents, TENANT, { period: q1, dimension: 'step', value: 'acknowledge', measure: 'overdue', asOf });
    expect([await count('2026-03-03T23:59:00+07:00'), await count('2026-03-04T00:00:00+07:00')]).toEqual([0, 1]);
  });

  it('is overdue at verification when the investigation has not started within 10 working days of triage', async () => {
    const desk = newDesk();
    await scriptIncident(desk, { id: 'INC-2', reportedAt: at('2026-03-02'), acknowledgedAt: at('2026-03-03'), severity: 'serious' });
    const events = await readAllEvents(desk.store);
    const { documents } = readModelOver(readModel, events);
    expect(events[1]?.data).toMatchObject({ nextStep: 'investigate', nextStepDueDate: '2026-03-17' });
    const counts = (asOf: string) => queries.incidentCounts(documents, TENANT, { period: all, dimension: 'step', measure: 'overdue', asOf });
    expect(await counts('2026-03-17T23:59:00+07:00')).toEqual({});
    expect(await counts('2026-03-18T00:00:00+07:00')).toEqual({ investigate: 1 });
    // Triage was done on time: it is no longer due.
    expect(await queries.incidentCounts(documents, TENANT, { period: all, dimension: 'step', measure: 'open' })).toEqual({ investigate: 1 });
  });

  it('is overdue at the discipline decision from the day after the recorded due date, 90 calendar days after the proposal', async () => {
    // Given discipline proposed on Mon 16 Mar 2026, whose 90th day is Sun 14 Jun: due Mon 15 Jun
    const desk = newDesk();
    await scriptIncident(desk, { id: 'INC-9', reportedAt: at('2026-03-02'), acknowledgedAt: at('2026-03-03'), investigatedAt: at('2026-03-04'), concludedAt: at('2026-03-13') });
    await run(desk.incidents.handle as Parameters<typeof run>[0], { type: 'ProposeDiscipline', data: { incidentId: 'INC-9', form: 'warning', occurredAt: at('2026-03-16') } });
    const events = await readAllEvents(desk.store);
    expect(events.at(-1)?.data).toMatchObject({ nextStep: 'decide-discipline', nextStepDueDate: '2026-06-15' });
    // When the register is asked, then the step is overdue from 00:00 on Tue 16 Jun, not on the Sunday or the Monday
    const { documents } = readModelOver(readModel, events);
    const counts = (asOf: string) => queries.incidentCounts(documents, TENANT, { period: all, dimension: 'step', measure: 'overdue', asOf });
    expect(await counts('2026-06-15T23:59:00+07:00')).toEqual({});
    expect(await counts('2026-06-16T00:00:00+07:00')).toEqual({ 'decide-discipline': 1 });
  });

  it('stops counting a closed incident as open or overdue', async () => {
    const desk = newDesk();
    await scriptIncident(desk, {
      id: 'INC-3', reportedAt: at('2026-03-02'), acknowledgedAt: at('2026-03-03'), investigatedAt: at('2026-03-04'),
      concludedAt: at('2026-03-05'), outcome: 'substantiated', closedAt: at('2026-03-06'),
    });
    const over = readModelOver(readModel, await readAllEvents(desk.store));
    expect(await queries.openIncidents(over.documents, TENANT)).toEqual([]);
    expect(await queries.incidentCounts(over.documents, TENANT, { period: all, dimension: 'total', measure: 'overdue', asOf: '2027-01-01T00:00:00Z' })).toEqual({});
    expect(await queries.incidentCounts(over.documents, TENANT, { period: all, dimension: 'total', measure: 'open' })).toEqual({});
    const substantiated = (await over.explain(`${TENANT}/incident-register/2026-03/category/C01/substantiated`))!;
    expect(substantiated.value).toBe(1);
    expect(substantiated.contributions.map((ref) => ref.type)).toEqual(['IncidentReported', 'IncidentAcknowledged', 'IncidentConcluded']);
    // Nothing open is left in any group: the documents forget what no figure counts.
    expect(await over.keys(`${TENANT}/incident-register/2026-03/`)).toEqual(
      ['category/C01', 'officer/OF-1', 'source/camera', 'total/all', 'unit/UNIT-A'].flatMap((group) =>
        ['reported', 'substantiated'].map((measure) => `${TENANT}/incident-register/2026-03/${group}/${measure}`),
      ),
    );
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
    const over = readModelOver(readModel, await readAllEvents(desk.store));
    const { documents } = over;
    const q1 = parsePeriod('2026-Q1')!;
    expect(await queries.incidentCounts(documents, TENANT, { period: q1, dimension: 'category', measure: 'reported' })).toEqual({ C01: 2, C08: 1 });
    expect(await queries.incidentCounts(documents, TENANT, { period: q1, dimension: 'officer', measure: 'reported' })).toEqual({ 'OF-1': 2, 'OF-2': 1 });
    expect(await queries.incidentCounts(documents, TENANT, { period: all, dimension: 'unit', measure: 'reported' })).toEqual({ 'UNIT-A': 2, 'UNIT-B': 2 });
    expect(await queries.incidentCounts(documents, TENANT, { period: all, dimension: 'source', measure: 'reported' })).toEqual({ camera: 2, hotline: 2 });
    expect(await queries.incidentCounts(documents, TENANT, { period: parsePeriod('2026-01-01')!, dimension: 'source', measure: 'reported' })).toEqual({ hotline: 1 });
    expect((await over.explain(`${TENANT}/incident-register/2025/total/all/reported`))?.value).toBe(0);
    const explanation = (await over.explain(`${TENANT}/incident-register/2026-01-01/total/all/reported`))!;
    expect(explanation.value).toBe(1);
    expect(reAddProblems(explanation)).toEqual([]);
  });

  it('moves an incident to the category triage gives it', async () => {
    const desk = newDesk();
    await scriptIncident(desk, { id: 'A', category: 'C01', reportedAt: at('2026-03-02') });
    await desk.incidents.handle(
      { type: 'AcknowledgeIncident', data: { incidentId: 'A', severity: 'minor', category: 'C03', occurredAt: at('2026-03-03') } },
      { actor: { id: 'unit-head-1', role: 'unit-head' }, tenantId: TENANT },
    );
    const over = readModelOver(readModel, await readAllEvents(desk.store));
    expect(await queries.incidentCounts(over.documents, TENANT, { period: all, dimension: 'category', measure: 'reported' })).toEqual({ C03: 1 });
    expect((await over.explain(`${TENANT}/incident-register/2026-03/category/C03/reported`))?.contributions.map((ref) => ref.type)).toEqual([
      'IncidentReported',
      'IncidentAcknowledged',
    ]);
  });

  it('answers undefined for keys it does not know', async () => {
    const { over } = await triageLate();
    for (const key of [
      `${TENANT}/incident-register/2026-Q5/total/all/reported`,
      `${TENANT}/incident-register/all/total/all/overdue`,
      `${TENANT}/incident-register/all/step/acknowledge/reported`,
      `${TENANT}/incident-register/all/colour/red/reported`,
      `${TENANT}/praise/all/total/all/count`,
      // A province's key without the province.
      'incident-register/2026-Q1/total/all/reported',
    ]) {
      expect(await over.explain(key), key).toBeUndefined();
    }
    // Another province's key: nothing of this province's is counted.
    expect((await over.explain('bac-kan/incident-register/2026-Q1/total/all/reported'))?.value).toBe(0);
  });
});
