import { beforeAll, describe, expect, it } from 'vitest';
import { isRight } from '../../../fp.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { vietnameseFinding } from '../../report/vi/index.js';
import { ruleBookVariant } from '../../what-if.js';
import type { Verdict } from '../../verdict.js';
import { computeVerdictFromStore } from '../registry.js';
import { scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdict.testkit.js';
import { computeIncidentVerdict, type IncidentVerdictOutcome } from './compute.js';

/**
 * Given a substantiated incident whose discipline is proposed on Monday 16 March 2026, the seconding
 * agency has 90 calendar days (docs/domain/conduct-catalogue.md §3): the 90th day, Sunday 14 June, is a
 * day off, so the decision is due Monday 15 June. It is decided on Tuesday 16 June.
 */
const INCIDENT = 'INC-2026-0077';
let scenario: ScenarioDesk;
let events: readonly RecordedEvent[];

beforeAll(async () => {
  scenario = scenarioDesk();
  const send = (type: string, occurredAt: string, data: Record<string, unknown> = {}) =>
    scenario.record('incidents', { type, data: { incidentId: INCIDENT, occurredAt, ...data } });
  await send('ReportIncident', vn('2026-03-02'), {
    source: 'hotline', category: 'C03', officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc', description: 'A hint at a payment beyond the fee.',
  });
  await send('AcknowledgeIncident', vn('2026-03-03'), { severity: 'serious' });
  await send('StartInvestigation', vn('2026-03-04'));
  await send('ConcludeIncident', vn('2026-03-13'), { outcome: 'substantiated' });
  await send('ProposeDiscipline', vn('2026-03-16', '10:00'), { form: 'warning' });
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
