import { beforeAll, describe, expect, it } from 'vitest';
import { isRight } from '../../../fp.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { vietnameseFinding } from '../../report/vi/index.js';
import { addCalendarDays } from '../../../calendar/dates.js';
import { parseWhatIf, ruleBookVariant, whatIf } from '../../what-if.js';
import type { Verdict, VerdictDeps } from '../../verdict.js';
import { computeVerdictFromStore } from '../registry.js';
import { scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdict.testkit.js';
import { computeIncidentVerdict, incidentVerdict, type IncidentVerdictOutcome } from './compute.js';

/**
 * Given a substantiated incident whose discipline is proposed on Monday 16 March 2026, the seconding
 * agency has 90 calendar days (docs/domain/conduct-catalogue.md §3): the 90th day, Sunday 14 June, is a
 * day off, so the decision is due Monday 15 June. It is decided on Tuesday 16 June.
 */
const INCIDENT = 'INC-2026-0077';

type Send = (type: string, occurredAt: string, data?: Record<string, unknown>) => Promise<unknown>;

/** Reported Mon 2 Mar 2026, concluded substantiated on Fri 13 Mar, discipline proposed on Mon 16 Mar. */
const untilProposed = async (send: Send): Promise<void> => {
  await send('ReportIncident', vn('2026-03-02'), {
    source: 'hotline', category: 'C03', officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc', description: 'A hint at a payment beyond the fee.',
  });
  await send('AcknowledgeIncident', vn('2026-03-03'), { severity: 'serious' });
  await send('StartInvestigation', vn('2026-03-04'));
  await send('ConcludeIncident', vn('2026-03-13'), { outcome: 'substantiated' });
  await send('ProposeDiscipline', vn('2026-03-16', '10:00'), { form: 'warning' });
};
let scenario: ScenarioDesk;
let events: readonly RecordedEvent[];

beforeAll(async () => {
  scenario = scenarioDesk();
  const send = (type: string, occurredAt: string, data: Record<string, unknown> = {}) =>
    scenario.record('incidents', { type, data: { incidentId: INCIDENT, occurredAt, ...data } });
  await untilProposed(send);
  await send('DecideDiscipline', vn('2026-06-16'), { decision: 'warning', decisionRef: '41/QĐ-SNV' });
  const result = await computeVerdictFromStore(scenario.desk.store, { kind: 'incident', tenantId: TENANT, subject: INCIDENT }, scenario.deps);
  if (!isRight(result)) throw new Error(result.left.message);
  events = result.right.events;
});

const verdictUnder = (deps = scenario.deps): Verdict<IncidentVerdictOutcome> => computeIncidentVerdict(events, { tenantId: TENANT, subject: INCIDENT }, deps);
const disciplineStep = (verdict: Verdict) => verdict.steps.find((s) => s.id === 'deadline:decide-discipline');

describe('the discipline decision of an incident', () => {
  it('Then it was due 90 calendar days after the proposal, moved off the Sunday, and was decided a working day late', () => {
    const verdict = verdictUnder();
    expect(verdict.outcome.deadlines.at(-1)).toEqual({ deadline: 'decide-discipline', dueDate: '2026-06-15', status: 'late', doneOn: '2026-06-16', workingDaysLate: 1 });
    const step = disciplineStep(verdict);
    expect(step?.finding).toMatch(
      /^The discipline decision was due 2026-06-15 \(90 calendar days from 2026-03-16, decree-118-2025-amended-2026 incidentStepDeadlineWorkingDays\.decide-discipline = 90, incidentStepDeadlineUnits\.decide-discipline = calendar-days, calendar vn-\S+\); done 2026-06-16: late by 1 working day\.$/,
    );
    expect(step?.rule).toEqual({
      ruleSetId: 'decree-118-2025-amended-2026',
      field: 'incidentStepDeadlineWorkingDays.decide-discipline, incidentStepDeadlineUnits.decide-discipline',
      source: 'docs/domain/conduct-catalogue.md §3',
    });
    expect(step?.values).toMatchObject({ countsFrom: '2026-03-16', calendarDaysAllowed: 90, dueDate: '2026-06-15' });
    expect(step?.values).not.toHaveProperty('workingDaysAllowed');
    expect(step?.values).not.toHaveProperty('recomputedDueDate');
  });

  it('Then the other steps are still explained in working days', () => {
    const verdict = verdictUnder();
    const acknowledge = verdict.steps.find((s) => s.id === 'deadline:acknowledge');
    expect(acknowledge?.finding).toMatch(/\(1 working day from 2026-03-02, decree-118-2025-amended-2026 incidentStepDeadlineWorkingDays\.acknowledge = 1, calendar/);
    expect(acknowledge?.rule?.field).toBe('incidentStepDeadlineWorkingDays.acknowledge');
  });

  it('Then the Vietnamese report says 90 days, not working days', () => {
    const verdict = verdictUnder();
    const byPosition = new Map(events.map((event) => [event.metadata.globalPosition, event]));
    const text = vietnameseFinding(verdict, disciplineStep(verdict)!, byPosition);
    expect(text).toMatch(/^Hạn quyết định xử lý kỷ luật là ngày 15\/06\/2026 \(90 ngày kể từ ngày 16\/03\/2026, /);
    expect(text).toMatch(/trễ hạn 1 ngày làm việc/);
  });

  it('Then under a configuration from before the units (60 working days), the recorded due date is still the one judged, and the difference is named in working days', () => {
    const older = ruleBookVariant(scenario.deps.rules, (set) => {
      const { incidentStepDeadlineUnits: _units, ...rest } = set;
      return { ...rest, incidentStepDeadlineWorkingDays: { ...set.incidentStepDeadlineWorkingDays, 'decide-discipline': 60 } };
    });
    const verdict = verdictUnder({ ...scenario.deps, rules: older });
    expect(verdict.outcome.deadlines.at(-1)).toMatchObject({ dueDate: '2026-06-15', status: 'late' });
    const step = disciplineStep(verdict);
    const recomputed = scenario.deps.calendar.addWorkingDays('2026-03-16', 60);
    expect(step?.values).toMatchObject({ workingDaysAllowed: 60, recomputedDueDate: recomputed });
    expect(step?.rule?.field).toBe('incidentStepDeadlineWorkingDays.decide-discipline');
    // The recorded date is not put down to the 60 working days that did not give it.
    expect(step?.finding).toMatch(/was due 2026-06-15 \(as recorded, counted from 2026-03-16 under decree-118-2025-amended-2026, calendar [^)]+\)/);
    expect(step?.finding).not.toContain('60 working days from');
    expect(step?.finding).toMatch(
      new RegExp(`Recomputed with decree-118-2025-amended-2026 incidentStepDeadlineWorkingDays\\.decide-discipline = 60 and calendar ${scenario.deps.calendar.version} it would be ${recomputed}; the recorded due date is the one judged`),
    );
  });
});

/**
 * Given a discipline proposed on Monday 16 March 2026 and declared complex on Wednesday 20 May by the
 * director of the Department of Home Affairs, the decision is due 150 calendar days after the proposal,
 * Thursday 13 August 2026 (docs/domain/conduct-catalogue.md §3). It is decided on Wednesday 1 July,
 * past the 90 days (Monday 15 June) but within the 150.
 */
describe('the discipline decision of a case declared complex', () => {
  const COMPLEX = 'INC-2026-0078';
  const story = async (declaredAt: string, as?: 'sync') => {
    const desk = scenarioDesk();
    const send = (type: string, occurredAt: string, data: Record<string, unknown> = {}) =>
      desk.record('incidents', { type, data: { incidentId: COMPLEX, occurredAt, ...data } }, as === undefined ? {} : { as });
    await untilProposed(send);
    await send('DeclareDisciplineCaseComplex', declaredAt, { declaredBy: 'director-so-noi-vu', reason: 'The payment records must be verified by the inspectorate.' });
    await send('DecideDiscipline', vn('2026-07-01'), { decision: 'warning', decisionRef: '52/QĐ-SNV' });
    const result = await computeVerdictFromStore(desk.desk.store, { kind: 'incident', tenantId: TENANT, subject: COMPLEX }, desk.deps);
    if (!isRight(result)) throw new Error(result.left.message);
    complexEvents = result.right.events;
    complexDeps = desk.deps;
    return computeIncidentVerdict(result.right.events, { tenantId: TENANT, subject: COMPLEX }, desk.deps);
  };
  let complexEvents: readonly RecordedEvent[] = [];
  let complexDeps: VerdictDeps;

  it('Then a what-if giving a complex case 180 days keeps the recorded due date and names the one those rules give', async () => {
    await story(vn('2026-05-20'));
    const calendars = { has: () => false, calendarFor: () => complexDeps.calendar };
    const alternative = parseWhatIf(['incidentStepComplexCaseDays.decide-discipline=180'], complexDeps, calendars);
    if (!isRight(alternative)) throw new Error(alternative.left);
    const w = whatIf(incidentVerdict, complexEvents, { tenantId: TENANT, subject: COMPLEX }, complexDeps, alternative.right);
    const recomputed = complexDeps.calendar.nextWorkingDayOnOrAfter(addCalendarDays('2026-03-16', 180));
    expect(w.differences.find((d) => d.stepId === 'deadline:decide-discipline' && d.name === 'values.recomputedDueDate')).toMatchObject({ alternative: recomputed });
    expect(disciplineStep(w.alternative.verdict)?.finding).toContain(`Recomputed with decree-118-2025-amended-2026 incidentStepComplexCaseDays.decide-discipline = 180, incidentStepDeadlineUnits.decide-discipline = calendar-days`);
    // Fewer days than the ordinary ones is refused, naming the field.
    const shorter = parseWhatIf(['incidentStepComplexCaseDays.decide-discipline=60'], complexDeps, calendars);
    expect(isRight(shorter) ? undefined : shorter.left).toMatch(/incidentStepComplexCaseDays\.decide-discipline/);
  });

  it('Then it was due 150 calendar days after the proposal, and the explanation says who declared the case complex and when', async () => {
    const verdict = await story(vn('2026-05-20'));
    expect(verdict.outcome.deadlines.at(-1)).toEqual({ deadline: 'decide-discipline', dueDate: '2026-08-13', status: 'on-time', doneOn: '2026-07-01' });
    // One deadline for the decision: the 90-day one is replaced, not left open beside it.
    expect(verdict.outcome.deadlines.filter((d) => d.deadline === 'decide-discipline')).toHaveLength(1);
    const step = disciplineStep(verdict);
    expect(step?.finding).toMatch(
      /^The discipline decision was due 2026-08-13 \(150 calendar days from 2026-03-16, the case declared complex on 2026-05-20 by director-so-noi-vu \(the ordinary limit gave 2026-06-15\), decree-118-2025-amended-2026 incidentStepComplexCaseDays\.decide-discipline = 150, incidentStepDeadlineUnits\.decide-discipline = calendar-days, calendar vn-\S+\); done 2026-07-01: on time\.$/,
    );
    expect(step?.rule).toEqual({
      ruleSetId: 'decree-118-2025-amended-2026',
      field: 'incidentStepComplexCaseDays.decide-discipline, incidentStepDeadlineUnits.decide-discipline',
      source: 'docs/domain/conduct-catalogue.md §3',
    });
    expect(step?.values).toMatchObject({ calendarDaysAllowed: 150, dueDate: '2026-08-13', complexCaseDeclaredOn: '2026-05-20', complexCaseDeclaredBy: 'director-so-noi-vu', ordinaryDueDate: '2026-06-15' });
    // The proposal, the declaration and the decision are the evidence.
    expect(step?.events).toHaveLength(3);
    expect(verdict.steps.find((s) => s.id === 'recorded-breaches')).toBeUndefined();
  });

  it('Then the Vietnamese report says 150 days and who declared the case complex', async () => {
    const verdict = await story(vn('2026-05-20'));
    const text = vietnameseFinding(verdict, disciplineStep(verdict)!, new Map());
    expect(text).toMatch(/^Hạn quyết định xử lý kỷ luật là ngày 13\/08\/2026 \(150 ngày kể từ ngày 16\/03\/2026, vụ việc được xác định có tình tiết phức tạp ngày 20\/05\/2026 bởi director-so-noi-vu \(hạn thông thường là ngày 15\/06\/2026\), theo bộ quy định /);
    expect(text).toMatch(/đã thực hiện ngày 01\/07\/2026: đúng hạn/);
  });

  it('Then a declaration imported after the 90 days ran out is explained with the rule it broke', async () => {
    const verdict = await story(vn('2026-06-17'), 'sync');
    const step = disciplineStep(verdict);
    expect(step?.finding).toContain('the case declared complex on 2026-06-17 by director-so-noi-vu, after the ordinary limit had run out (the ordinary limit gave 2026-06-15)');
    expect(verdict.outcome.breaches).toBe(1);
    expect(verdict.steps.find((s) => s.id === 'recorded-breaches')?.finding).toMatch(/^DisciplineCaseDeclaredComplex of \S+ \(incident-thai-nguyen:INC-2026-0078\) was recorded breaking INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT \(Decree 112\/2020\/NĐ-CP; .*, decree-118-2025-amended-2026: calendarDaysPastDueDate 2, ordinaryDays 90\)\.$/);
  });
});
