import { beforeAll, describe, expect, it } from 'vitest';
import { isRight } from '../../../fp.js';
import { BUILT_IN_RULE_SETS, createRuleBook } from '../../../rules/index.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { asOfOfVerdict } from '../../as-of.js';
import type { AsOf, Verdict } from '../../verdict.js';
import { computeVerdictFromStore } from '../registry.js';
import { DOSSIER, dossierWithLateApology, scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdict.testkit.js';
import { computeIncidentVerdict, type IncidentVerdictOutcome } from './compute.js';

/**
 * Given a citizen's report (C12, about a dossier whose apology was synced in on its due day with a
 * recorded breach), an acknowledgement a day late that was typed in three working days after it
 * happened, and an investigation started on time, When the incident's verdict is asked at several
 * moments, Then each deadline is named with its rule, due date, day done and lateness, and the
 * moment decides what was known.
 */
const INCIDENT = 'INC-2026-0042';
let scenario: ScenarioDesk;
let apology: RecordedEvent;
const positions: Record<string, number> = {};

beforeAll(async () => {
  scenario = scenarioDesk();
  apology = await dossierWithLateApology(scenario);
  const { record } = scenario;
  const send = async (type: string, occurredAt: string, data: Record<string, unknown> = {}, recordedAt?: string) => {
    const [event] = await record('incidents', { type, data: { incidentId: INCIDENT, occurredAt, ...data } }, recordedAt === undefined ? {} : { recordedAt });
    positions[type] = event!.metadata.globalPosition;
  };
  // Tuesday 10 March: acknowledgement due Wednesday 11 (1 working day).
  await send('ReportIncident', vn('2026-03-10'), {
    source: 'citizen-feedback', category: 'C12', officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc',
    description: 'No apology slip before the due date.', dossierCode: DOSSIER, reporterId: 'subject-1',
  });
  // Acknowledged Thursday 12 (a day late), typed in Tuesday 17.
  await send('AcknowledgeIncident', vn('2026-03-12', '15:00'), { severity: 'minor' }, '2026-03-17T02:00:00Z');
  // Investigation due 10 working days after the 12th (26 March), started the 17th; conclusion due 5 working days later (24 March).
  await send('StartInvestigation', vn('2026-03-17', '10:00'));
});

const verdictAt = async (asOf?: AsOf, now = '2026-03-27T10:00:00Z'): Promise<Verdict<IncidentVerdictOutcome>> => {
  const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: INCIDENT, ...(asOf === undefined ? {} : { asOf }) }, scenario.deps, {
    now: () => new Date(now),
  });
  if (!isRight(result)) throw new Error(result.left.message);
  return result.right.verdict as Verdict<IncidentVerdictOutcome>;
};

const step = (verdict: Verdict, id: string) => verdict.steps.find((s) => s.id === id);

describe('an incident verdict', () => {
  it('Then, as of now, the acknowledgement is late by 1 working day, the investigation on time and the conclusion overdue by 3', async () => {
    const verdict = await verdictAt();
    expect(verdict.outcome).toMatchObject({
      status: 'open',
      category: 'C12',
      late: 2,
      onTime: false,
      lateEntries: 1,
      breaches: 1,
      deadlines: [
        { deadline: 'acknowledge', dueDate: '2026-03-11', status: 'late', doneOn: '2026-03-12', workingDaysLate: 1 },
        { deadline: 'investigate', dueDate: '2026-03-26', status: 'on-time', doneOn: '2026-03-17' },
        { deadline: 'conclude', dueDate: '2026-03-24', status: 'overdue', workingDaysLate: 3 },
      ],
    });
    expect(step(verdict, 'deadline:acknowledge')).toMatchObject({
      rule: { ruleSetId: 'decree-118-2025-amended-2026', field: 'incidentStepDeadlineWorkingDays.acknowledge', source: 'docs/domain/conduct-catalogue.md §3' },
      events: [positions.ReportIncident, positions.AcknowledgeIncident],
      values: { countsFrom: '2026-03-10', workingDaysAllowed: 1, dueDate: '2026-03-11', doneOn: '2026-03-12', status: 'late', workingDaysLate: 1 },
    });
    expect(step(verdict, 'deadline:conclude')?.finding).toMatch(/due 2026-03-24 .*overdue by 3 working days/);
    expect(verdict.ruleSetVersions).toEqual(['decree-118-2025-amended-2026']);
    expect(verdict.calendarVersions).toEqual([scenario.deps.calendar.version]);
  });

  it('Then the late entry and the breach recorded on the dossier it names are among its steps and its events', async () => {
    const verdict = await verdictAt();
    expect(step(verdict, 'late-entries')).toMatchObject({ events: [positions.AcknowledgeIncident], values: { lateEntries: 1, maxWorkingDaysLate: 3 } });
    expect(step(verdict, 'recorded-breaches')?.finding).toMatch(/IssueApology|ApologyIssued/);
    expect(step(verdict, 'recorded-breaches')).toMatchObject({ events: [apology.metadata.globalPosition], values: { breaches: 1, rules: 'DOSSIER_APOLOGY_TOO_LATE' } });
    expect(verdict.events).toEqual([apology.metadata.globalPosition, positions.ReportIncident, positions.AcknowledgeIncident, positions.StartInvestigation]);
  });

  it('Then, as of business time on 13 March, the acknowledgement counts as done (it happened on the 12th) though it was recorded only on the 17th', async () => {
    const verdict = await verdictAt({ businessTime: vn('2026-03-13', '12:00') });
    expect(verdict.outcome.deadlines).toEqual([
      { deadline: 'acknowledge', dueDate: '2026-03-11', status: 'late', doneOn: '2026-03-12', workingDaysLate: 1 },
      { deadline: 'investigate', dueDate: '2026-03-26', status: 'open' },
    ]);
    expect(step(verdict, 'late-entries')).toMatchObject({ values: { recordedAfterAsOf: 1 } });
    expect(step(verdict, 'late-entries')?.finding).toMatch(/recorded after it, so nobody could see them then/);
    expect(verdict.asOf).toEqual({ globalPosition: positions.AcknowledgeIncident, businessTime: vn('2026-03-13', '12:00') });
  });

  it('Then, as of the position of the report judged on 16 March, the acknowledgement was not known: overdue by 3 working days', async () => {
    const verdict = await verdictAt({ globalPosition: positions.ReportIncident!, judgedAt: vn('2026-03-16', '17:00') });
    expect(verdict.outcome.deadlines).toEqual([{ deadline: 'acknowledge', dueDate: '2026-03-11', status: 'overdue', workingDaysLate: 3 }]);
    expect(step(verdict, 'late-entries')).toBeUndefined();
  });

  it('Then a position alone is judged when the log reached it', async () => {
    const verdict = await verdictAt({ globalPosition: positions.ReportIncident! });
    expect(verdict.asOf.judgedAt).toMatch(/^2026-03-10T02:01/);
    expect(verdict.outcome.deadlines).toEqual([{ deadline: 'acknowledge', dueDate: '2026-03-11', status: 'open' }]);
  });

  it('Then computing again from the verdict\'s own events, as of the moment asked or its own asOf, gives the same verdict (what an audit bundle checks)', async () => {
    // The log goes on after the incident's last event: the moment asked is past it.
    await scenario.record('feedback', { type: 'ReceiveFeedback', data: { feedbackId: 'FB-later', occurredAt: vn('2026-03-26'), channel: 'online', kind: 'gop-y', summary: 'More chairs.' } });
    const asked: AsOf = { globalPosition: positions.StartInvestigation! + 1, judgedAt: '2026-03-27T10:00:00Z' };
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: INCIDENT, asOf: asked }, scenario.deps);
    if (!isRight(result)) throw new Error('no verdict');
    const { verdict, events } = result.right;
    expect(verdict.asOf).toEqual({ globalPosition: positions.StartInvestigation, judgedAt: asked.judgedAt });
    for (const asOf of [asked, asOfOfVerdict(verdict)]) expect(computeIncidentVerdict(events, { tenantId: TENANT, subject: INCIDENT, asOf }, scenario.deps)).toEqual(verdict);
  });

  it('Then before the report it says so, and an unknown incident is not found', async () => {
    const before = await verdictAt({ businessTime: vn('2026-03-09') });
    expect(before.outcome).toMatchObject({ status: 'not-reported', deadlines: [], late: 0 });
    const missing = await computeVerdictFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: 'INC-none' }, scenario.deps);
    expect(!isRight(missing) && missing.left.code).toBe('VERDICT_SUBJECT_NOT_FOUND');
    const elsewhere = await computeVerdictFromStore(scenario.desk.store, { kind: 'incident', tenantId: 'bac-kan', subject: INCIDENT }, scenario.deps);
    expect(!isRight(elsewhere) && elsewhere.left.code).toBe('VERDICT_SUBJECT_NOT_FOUND');
  });

  it('Then under a rule book that gives 2 working days to acknowledge, the recorded due date is still the one judged and the difference is named', async () => {
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: INCIDENT, asOf: { businessTime: vn('2026-03-20') } }, scenario.deps);
    if (!isRight(result)) throw new Error('no verdict');
    const rules = createRuleBook(BUILT_IN_RULE_SETS.map((set) => ({ ...set, incidentStepDeadlineWorkingDays: { ...set.incidentStepDeadlineWorkingDays, acknowledge: 2 } })));
    const verdict = computeIncidentVerdict(result.right.events, { tenantId: TENANT, subject: INCIDENT, asOf: { businessTime: vn('2026-03-20') } }, { ...scenario.deps, rules });
    expect(verdict.outcome.deadlines[0]).toEqual({ deadline: 'acknowledge', dueDate: '2026-03-11', status: 'late', doneOn: '2026-03-12', workingDaysLate: 1 });
    expect(step(verdict, 'deadline:acknowledge')).toMatchObject({ values: { workingDaysAllowed: 2, recomputedDueDate: '2026-03-12' } });
    expect(step(verdict, 'deadline:acknowledge')?.finding).toMatch(/\(as recorded, counted from 2026-03-10 under \S+, calendar vn-\S+\).*Recomputed with \S+ incidentStepDeadlineWorkingDays.acknowledge = 2 and calendar vn-\S+ it would be 2026-03-12; the recorded due date is the one judged/);
    expect(step(result.right.verdict, 'deadline:acknowledge')?.values).not.toHaveProperty('recomputedDueDate');
  });
});
