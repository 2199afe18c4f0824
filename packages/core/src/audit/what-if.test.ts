import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '../calendar/dates.js';
import { createCalendarRegistry } from '../calendar/registry.js';
import { VN_2026_1 } from '../calendar/data/versions-vn.js';
import type { CalendarVersionData } from '../calendar/types.js';
import { isRight } from '../fp.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import type { AsOf, Verdict } from './verdict.js';
import { scenarioDesk, TENANT, vn, type ScenarioDesk } from './verdicts/verdict.testkit.js';
import { computeVerdictFromStore, createVerdictRegistry } from './verdicts/registry.js';
import { diffVerdicts, parseWhatIf, ruleBookVariant, whatIf, whatIfFromStore, type WhatIf } from './what-if.js';

/**
 * Given an incident acknowledged a day late and whose conclusion is overdue, a complaint answered two
 * working days late, and a dossier whose supplement restarted its clock, When each verdict is computed
 * again under another rule book or calendar version, Then the differences are named step by step, and
 * the recorded due dates stay the ones judged (ADR 0003).
 */
const INCIDENT = 'INC-2026-0077';
const COMPLAINT = 'FB-2026-0009';
const SUPPLEMENTED = '000.00.15.H55-260302-0002';
let scenario: ScenarioDesk;
const events: Record<string, readonly RecordedEvent[]> = {};

/** vn-2026.1 corrected: a provincial closure on Wed 25 March 2026. */
const VN_2026_2: CalendarVersionData = {
  ...VN_2026_1,
  version: 'vn-2026.2',
  effectiveFrom: '2026-12-01',
  source: 'test: a provincial closure on Wed 2026-03-25',
  extraDaysOff: [...(VN_2026_1.extraDaysOff ?? []), { date: '2026-03-25', reason: 'provincial closure (storm)' }],
};
const calendars = createCalendarRegistry([VN_2026_1, VN_2026_2]);

const gather = async (kind: 'incident' | 'feedback' | 'dossier', subject: string, asOf: AsOf) => {
  const definition = createVerdictRegistry().definitionOf(kind)!;
  return (await definition.gather(scenario.desk.store, TENANT, subject)).filter((event) =>
    'businessTime' in asOf ? Date.parse(event.metadata.occurredAt) <= Date.parse(asOf.businessTime) : true,
  );
};

const JUDGED: AsOf = { businessTime: vn('2026-03-27', '17:00') };

beforeAll(async () => {
  scenario = scenarioDesk();
  const { record } = scenario;
  const incident = (type: string, occurredAt: string, data: Record<string, unknown> = {}) =>
    record('incidents', { type, data: { incidentId: INCIDENT, occurredAt, ...data } });
  // Reported Tue 10 March: acknowledgement due Wed 11; acknowledged Thu 12; investigation started Tue 17, conclusion due Tue 24, not done.
  await incident('ReportIncident', vn('2026-03-10'), {
    source: 'citizen-feedback', category: 'C03', officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc', description: 'Asked for an extra payment.', reporterId: 'subject-1',
  });
  await incident('AcknowledgeIncident', vn('2026-03-12', '15:00'), { severity: 'minor' });
  await incident('StartInvestigation', vn('2026-03-17', '10:00'));
  // A complaint received Fri 6 March (answer due Fri 20), answered Tue 24.
  const feedback = (type: string, occurredAt: string, data: Record<string, unknown> = {}) =>
    record('feedback', { type, data: { feedbackId: COMPLAINT, occurredAt, ...data } });
  await feedback('ReceiveFeedback', vn('2026-03-06'), { channel: 'online', kind: 'khieu-nai', summary: 'Asked twice for the same paper.', unitId: 'tn-phuc-vu-hcc' });
  await feedback('AnswerFeedback', vn('2026-03-24', '16:00'), { answerSummary: 'The desk apologises.' });
  // A dossier whose supplement, asked on review, restarted its clock.
  const dossier = (type: string, occurredAt: string, data: Record<string, unknown>) =>
    record('dossiers', { type, data: { dossierCode: SUPPLEMENTED, occurredAt, officerId: 'officer-lan', ...data } }, { as: 'receptionist' });
  await dossier('ReceiveDossier', vn('2026-03-02'), {
    receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.001612', channel: 'counter', applicantId: 'subject-9', priorityGroup: 'none', documents: ['Giấy đề nghị đăng ký hộ kinh doanh'], feeDong: 0,
  });
  await dossier('TransferDossier', vn('2026-03-02', '10:00'), {});
  await dossier('RequestSupplement', vn('2026-03-03', '10:00'), { missingDocuments: ['Giấy đề nghị đăng ký hộ kinh doanh'] });
  await dossier('ReceiveSupplement', vn('2026-03-09', '10:00'), { deliveredVia: 'counter' });
  events.incident = await gather('incident', INCIDENT, JUDGED);
  events.feedback = await gather('feedback', COMPLAINT, JUDGED);
  events.dossier = await gather('dossier', SUPPLEMENTED, JUDGED);
});

const definition = (kind: 'incident' | 'feedback' | 'dossier') => createVerdictRegistry().definitionOf(kind)!;
const subjectOf = { incident: INCIDENT, feedback: COMPLAINT, dossier: SUPPLEMENTED } as const;
const whatIfOf = (kind: 'incident' | 'feedback' | 'dossier', alternative: Parameters<typeof whatIf>[4], asOf: AsOf = JUDGED): WhatIf =>
  whatIf(definition(kind), events[kind]!, { tenantId: TENANT, subject: subjectOf[kind], asOf }, scenario.deps, alternative);
const named = (w: WhatIf, stepId: string | undefined, name: string) => w.differences.find((d) => d.stepId === stepId && d.name === name);

describe('what-if: the same verdict under another rule book', () => {
  it('Then an incident under a rule book giving 2 working days to acknowledge keeps the recorded due date and names the one the other rules give', () => {
    const rules = ruleBookVariant(scenario.deps.rules, (set) => ({ ...set, incidentStepDeadlineWorkingDays: { ...set.incidentStepDeadlineWorkingDays, acknowledge: 2 } }));
    const w = whatIfOf('incident', { rules });
    expect(w.alternative.changes).toContainEqual({ what: 'rule', ruleSetId: 'decree-118-2025-amended-2026', field: 'incidentStepDeadlineWorkingDays.acknowledge', base: 1, alternative: 2, applied: true });
    expect(w.outcomeChanged).toBe(false);
    expect(named(w, 'deadline:acknowledge', 'values.workingDaysAllowed')).toMatchObject({ in: 'step', base: 1, alternative: 2 });
    expect(named(w, 'deadline:acknowledge', 'values.recomputedDueDate')).toMatchObject({ alternative: '2026-03-12', description: 'step deadline:acknowledge: recomputedDueDate absent → "2026-03-12"' });
    expect(named(w, 'deadline:acknowledge', 'values.recomputedDueDate')).not.toHaveProperty('base');
    expect(named(w, 'deadline:acknowledge', 'finding')?.alternative).toMatch(/it would be 2026-03-12; the recorded due date is the one judged/);
    expect(w.recordedFacts).toMatch(/decided under the rules and calendar they record .*ADR 0003.*the answer is the same/);
    expect(w.alternative.label).toBe(
      'decree-118-2025-amended-2026 incidentStepDeadlineWorkingDays.acknowledge = 2 instead of 1 (and the same in 3 rule sets this verdict did not apply: decree-61-2018, decree-118-2025, decree-118-2025-amended-2026-07)',
    );
    // Only the acknowledgement's step moves.
    expect(new Set(w.differences.map((d) => d.stepId))).toEqual(new Set(['deadline:acknowledge']));
  });

  it('Then a complaint under a rule book giving 15 working days to answer khiếu nại names the due date those rules would give', () => {
    const rules = ruleBookVariant(scenario.deps.rules, (set) => ({ ...set, feedbackDeadlineWorkingDays: { ...set.feedbackDeadlineWorkingDays, 'khieu-nai': 15 } }), ['decree-118-2025-amended-2026']);
    const w = whatIfOf('feedback', { rules, label: 'khiếu nại answered within 15 working days' });
    expect(w.alternative.label).toBe('khiếu nại answered within 15 working days');
    expect(w.alternative.changes).toEqual([{ what: 'rule', ruleSetId: 'decree-118-2025-amended-2026', field: 'feedbackDeadlineWorkingDays.khieu-nai', base: 10, alternative: 15, applied: true }]);
    expect(w.base.verdict.outcome).toMatchObject({ onTime: false });
    expect(w.outcomeChanged).toBe(false);
    expect(named(w, 'deadline:answer', 'values.recomputedDueDate')).toMatchObject({ alternative: '2026-03-27' });
  });

  it('Then a dossier whose supplement restarted its clock, under a rule book whose policy is PAUSE, names the policy the other rules give beside the one recorded', () => {
    const received = events.dossier!.find((e) => e.type === 'DossierReceived')!;
    const base = scenario.deps.rules.byId((received.data as { ruleSetId: string }).ruleSetId)!;
    const w = whatIfOf('dossier', { rules: ruleBookVariant(scenario.deps.rules, { supplementClockPolicy: 'PAUSE' }) });
    expect(base.supplementClockPolicy).toBe('RESTART');
    expect(w.alternative.changes.filter((c) => c.applied)).toContainEqual({ what: 'rule', ruleSetId: base.id, field: 'supplementClockPolicy', base: 'RESTART', alternative: 'PAUSE', applied: true });
    expect(named(w, 'supplement:1', 'values.rulePolicy')).toMatchObject({ base: 'RESTART', alternative: 'PAUSE' });
    // The clock the arrival recorded is the one applied, whatever the other rules say.
    expect(named(w, 'supplement:1', 'values.clockPolicy')).toBeUndefined();
    expect(named(w, 'supplement:1', 'finding')?.alternative).toMatch(/gives PAUSE: the recorded policy differs/);
  });

  it('Then a change to a value the verdict does not read is named and moves nothing', () => {
    const w = whatIfOf('incident', { rules: ruleBookVariant(scenario.deps.rules, { indexRounding: 'half-even' }) });
    expect(w.alternative.changes.some((c) => c.field === 'indexRounding' && c.alternative === 'half-even')).toBe(true);
    expect(w.differences).toEqual([]);
    expect(w.recordedFacts).toMatch(/nothing in this verdict differs: it does not read the values changed/);
  });
});

describe('what-if: the same verdict under another calendar version', () => {
  it('Then the incident\'s overdue conclusion counts one working day fewer when 25 March is a day off, and the answer changes', () => {
    const w = whatIfOf('incident', { calendar: calendars.calendarFor('vn-2026.2') });
    expect(w.alternative.changes).toEqual([{ what: 'calendar', field: 'version', base: 'vn-2026.1', alternative: 'vn-2026.2', applied: true }]);
    expect(w.outcomeChanged).toBe(true);
    expect(w.differences).toContainEqual(expect.objectContaining({ in: 'outcome', name: 'outcome.deadlines[2].workingDaysLate', base: 3, alternative: 2 }));
    expect(named(w, 'deadline:conclude', 'values.workingDaysLate')).toMatchObject({ base: 3, alternative: 2 });
    expect(named(w, undefined, 'calendarVersions')).toMatchObject({ base: 'vn-2026.1', alternative: 'vn-2026.1, vn-2026.2' });
    // The due date, fixed before the closure was published, is the recorded one.
    expect(w.alternative.verdict.outcome).toMatchObject({ deadlines: [{}, {}, { deadline: 'conclude', dueDate: '2026-03-24', status: 'overdue' }] });
  });

  it('Then the complaint answered on 24 March stays late by 2 working days: the closure falls after it', () => {
    const w = whatIfOf('feedback', { calendar: calendars.calendarFor('vn-2026.2') });
    expect(w.differences.filter((d) => d.in === 'outcome')).toEqual([]);
    expect(w.alternative.verdict.outcome).toMatchObject({ onTime: false, deadlines: [{ deadline: 'answer', status: 'late', workingDaysLate: 2 }, {}] });
  });

  it('Then from a store, both sides are judged at the same instant, and an unknown subject is not found', async () => {
    const result = await whatIfFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: INCIDENT }, scenario.deps, { calendar: calendars.calendarFor('vn-2026.2') }, { now: () => new Date('2026-03-27T10:00:00Z') });
    if (!isRight(result)) throw new Error(result.left.message);
    expect(result.right.base.verdict.asOf).toEqual(result.right.alternative.verdict.asOf);
    expect(result.right.outcomeChanged).toBe(true);
    const missing = await whatIfFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: 'INC-none' }, scenario.deps, {});
    expect(!isRight(missing) && missing.left.code).toBe('VERDICT_SUBJECT_NOT_FOUND');
  });
});

describe('what-if: an officer\'s rating under another scale or rounding', () => {
  /** OF-9: eight dossiers received Monday 2 March 2026, seven returned on the Wednesday, one the next Tuesday (late): timeliness 61.25 of 70. */
  let officer: ScenarioDesk;
  beforeAll(async () => {
    officer = scenarioDesk();
    type Aggregate = 'incidents' | 'feedback' | 'dossiers';
    const send = (aggregate: Aggregate | 'officers', type: string, occurredAt: string, data: Record<string, unknown>) =>
      officer.record(aggregate as Aggregate, { type, data: { occurredAt, ...data } });
    await send('officers', 'AppointOfficer', vn('2024-01-02'), {
      officerId: 'OF-9', unitId: 'UNIT-A', deskLevel: 'province', role: 'receiving-officer', fields: ['Business'], effectiveDate: '2024-01-02', legalStatus: 'civil-servant', secondingAgencyId: 'DEPT-PLANNING',
    });
    for (let i = 1; i <= 8; i++) {
      const common = { dossierCode: `000.00.15.H55-260302-${String(i).padStart(4, '0')}`, officerId: 'OF-9' };
      const returned = addCalendarDays('2026-03-02', i === 8 ? 8 : 2);
      await send('dossiers', 'ReceiveDossier', vn('2026-03-02'), {
        ...common, receivingUnitId: 'UNIT-A', procedureCode: '1.001612', channel: 'counter', applicantId: 'SUBJ-1', priorityGroup: 'none', documents: ['Giấy đề nghị đăng ký hộ kinh doanh'], feeDong: 0,
      });
      await send('dossiers', 'TransferDossier', vn('2026-03-02', '10:00'), common);
      await send('dossiers', 'CompleteProcessing', vn(returned, '09:00'), { ...common, decision: 'approved' });
      await send('dossiers', 'ReturnResult', vn(returned, '10:00'), { ...common, via: 'counter' });
    }
  });
  const officerWhatIf = async (change: Parameters<typeof ruleBookVariant>[1]) => {
    const result = await whatIfFromStore(officer.desk.store, { kind: 'officer', tenantId: TENANT, subject: 'OF-9/2026-Q1' }, officer.deps, { rules: ruleBookVariant(officer.deps.rules, change) }, {
      now: () => new Date('2026-06-01T00:00:00Z'),
    });
    if (!isRight(result)) throw new Error(result.left.message);
    return result.right;
  };

  it('Then 91.25 points round to 91.3 half-up and to 91.2 half-even, named in the outcome and in the proposal step', async () => {
    const w = await officerWhatIf({ indexRounding: 'half-even' });
    expect(w.base.verdict.outcome).toMatchObject({ scale: 'hundred-points-decree-335-2025', proposed: { points: 91.3, level: 'excellent' } });
    expect(w.alternative.changes).toContainEqual({ what: 'rule', ruleSetId: 'decree-118-2025-amended-2026', field: 'indexRounding', base: 'half-up', alternative: 'half-even', applied: true });
    expect(w.differences.filter((d) => d.in === 'outcome')).toEqual([expect.objectContaining({ name: 'outcome.proposed.points', base: 91.3, alternative: 91.2 })]);
    expect(named(w, 'proposal', 'values.points')).toMatchObject({ base: 91.3, alternative: 91.2 });
    expect(w.recordedFacts).toMatch(/the answer differs/);
  });

  it('Then under the four-level scale of Decree 90/2020 instead of 100 points, the same quarter is proposed completed, not excellent', async () => {
    const w = await officerWhatIf((set) => (set.id === 'decree-118-2025-amended-2026' ? { ...set, evaluationScale: 'four-levels-decree-90-2020' } : set));
    expect(w.alternative.changes).toEqual([{ what: 'rule', ruleSetId: 'decree-118-2025-amended-2026', field: 'evaluationScale', base: 'hundred-points-decree-335-2025', alternative: 'four-levels-decree-90-2020', applied: true }]);
    expect(w.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'outcome', name: 'outcome.scale', base: 'hundred-points-decree-335-2025', alternative: 'four-levels-decree-90-2020' }),
        expect.objectContaining({ in: 'outcome', name: 'outcome.proposed.level', base: 'excellent', alternative: 'completed' }),
        expect.objectContaining({ in: 'step', stepId: 'scale', name: 'rule.field', base: 'evaluationScale', alternative: 'evaluationScale, fourLevelCriteria' }),
        expect.objectContaining({ in: 'versions', name: 'ruleSetVersions' }),
      ]),
    );
  });
});

describe('what-if alternatives as a user writes them', () => {
  const parsed = (...specs: string[]) => parseWhatIf(specs, scenario.deps, calendars);

  it('Then field=value sets it in every rule set that has it, <ruleSetId>:field=value in one, calendar=<version> takes that calendar', () => {
    const all = parsed('supplementClockPolicy=PAUSE', 'incidentStepDeadlineWorkingDays.acknowledge=2');
    if (!isRight(all)) throw new Error(all.left);
    expect(all.right.rules?.ruleSets.map((set) => [set.supplementClockPolicy, set.incidentStepDeadlineWorkingDays.acknowledge])).toEqual(scenario.deps.rules.ruleSets.map(() => ['PAUSE', 2]));
    const one = parsed('decree-61-2018:indexRounding=half-even', 'calendar=vn-2026.2');
    if (!isRight(one)) throw new Error(one.left);
    expect(one.right.rules?.ruleSets.map((set) => set.indexRounding)).toEqual(['half-even', ...scenario.deps.rules.ruleSets.slice(1).map(() => 'half-up')]);
    expect(one.right.calendar?.version).toBe('vn-2026.2');
    const two = parsed('incidentStepDeadlineWorkingDays.acknowledge=2');
    if (!isRight(two)) throw new Error(two.left);
    const w = whatIfOf('incident', two.right);
    expect(named(w, 'deadline:acknowledge', 'values.recomputedDueDate')).toMatchObject({ alternative: '2026-03-12' });
  });

  it('Then how a step is counted can be set like its days: the discipline decision in working days again', () => {
    const working = parsed('incidentStepDeadlineUnits.decide-discipline=working-days', 'incidentStepDeadlineWorkingDays.decide-discipline=60');
    if (!isRight(working)) throw new Error(working.left);
    expect(working.right.rules?.ruleSets.map((set) => [set.incidentStepDeadlineUnits?.['decide-discipline'], set.incidentStepDeadlineWorkingDays['decide-discipline']])).toEqual(
      scenario.deps.rules.ruleSets.map(() => ['working-days', 60]),
    );
    const hours = parsed('incidentStepDeadlineUnits.decide-discipline=working-hours');
    expect(isRight(hours) ? undefined : hours.left).toMatch(/rule set decree-61-2018 is invalid/);
  });

  it('Then a field no rule set has, a value of the wrong type or one the codec refuses, an unknown rule set or calendar, or a malformed spec is refused with the reason', () => {
    const refused = (spec: string) => {
      const result = parsed(spec);
      return isRight(result) ? undefined : result.left;
    };
    expect(refused('supplementClockPolicy')).toMatch(/write field=value/);
    expect(refused('noSuchRule=1')).toMatch(/^what-if "noSuchRule=1": no rule set has a field noSuchRule; fields that can be set: .*\bapology\.…, .*\bsupplementClockPolicy\b/);
    expect(refused('noSuchRule=1')).not.toMatch(/\b(id|title|provenance)\b/);
    expect(refused('decree-61-2018:apology.maxPerDay=2')).toBe(
      'what-if "decree-61-2018:apology.maxPerDay=2": decree-61-2018 has no field apology.maxPerDay; fields that can be set: apology.maxPerDossier, apology.minWorkingDaysBeforeDue',
    );
    expect(refused('incidentStepDeadlineWorkingDays.acknowledge=soon')).toMatch(/incidentStepDeadlineWorkingDays.acknowledge is a number/);
    expect(refused('supplementClockPolicy=SOMETIMES')).toMatch(/rule set decree-61-2018 is invalid/);
    expect(refused('decree-1999:indexRounding=half-even')).toMatch(/no rule set decree-1999/);
    expect(refused('calendar=vn-1999.1')).toMatch(/no calendar version vn-1999.1/);
  });
});

describe('what-if laws', () => {
  const kinds = ['incident', 'feedback', 'dossier'] as const;
  test.prop([fc.constantFrom(...kinds), fc.integer({ min: 0, max: 12 }), fc.boolean()], { numRuns: 60 })(
    'a what-if with identical deps (or a variant that changes nothing) has no differences, at any moment',
    async (kind, position, variant) => {
      const asOf: AsOf = { globalPosition: position, judgedAt: vn('2026-03-27', '12:00') };
      const cut = events[kind]!.filter((event) => event.metadata.globalPosition <= position);
      const alternative = variant ? { rules: ruleBookVariant(scenario.deps.rules, {}) } : { rules: scenario.deps.rules, calendar: scenario.deps.calendar };
      const w = whatIf(definition(kind), cut, { tenantId: TENANT, subject: subjectOf[kind], asOf }, scenario.deps, alternative);
      expect(w.differences).toEqual([]);
      expect(w.alternative.changes).toEqual([]);
      expect(w.outcomeChanged).toBe(false);
      expect(w.alternative.verdict).toEqual(w.base.verdict);
    },
  );

  it('diffVerdicts names a step only one side has', async () => {
    const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: INCIDENT, asOf: JUDGED }, scenario.deps);
    if (!isRight(result)) throw new Error(result.left.message);
    const verdict: Verdict = result.right.verdict;
    const fewer: Verdict = { ...verdict, steps: verdict.steps.filter((s) => s.id !== 'report') };
    expect(diffVerdicts(verdict, fewer)).toEqual([expect.objectContaining({ in: 'step-removed', stepId: 'report' })]);
    expect(diffVerdicts(fewer, verdict)).toEqual([expect.objectContaining({ in: 'step-added', stepId: 'report' })]);
  });
});
