import { describe, it, expect } from 'vitest';
import { decode } from '../kernel/codec.js';
import { fold } from '../kernel/decider.js';
import { isRight } from '../fp.js';
import { DossierErrorCode } from './errors.js';
import { DossierEvent } from './events.js';
import { heldLongest } from './state.js';
import {
  CODE,
  assignStep,
  calendar,
  complete,
  completeStep,
  forward,
  history,
  inProcessing,
  receive,
  requestSupplement,
  restartDecider,
  returnFromAgency,
  spec,
  transfer,
  vn,
} from './dossier.testkit.js';

/**
 * The processing control sheet (form 05, Art.19(1–5); docs/domain/dossier-lifecycle.md §8). Received
 * Mon 2026-03-02 09:00 (due Mon 9 March) and transferred at 10:00.
 */
const processing = [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00')];

describe('form 05 steps inside processing', () => {
  it('a step is due its working days after its start day, as a forwarding is', () => {
    // Given a dossier in processing; When the appraisal is handed to the land department at 14:00
    // for 2 working days; Then it starts the same day and falls due on Wed 4 March.
    spec.given(inProcessing()).when(assignStep('2026-03-02T14:00')).then([
      {
        type: 'StepAssigned',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-02T14:00'),
          officerId: 'officer-7',
          stepId: 'step-1',
          stepKind: 'appraisal',
          bodyId: 'dept-natural-resources',
          stepLimitWorkingDays: 2,
          stepStartDate: '2026-03-02',
          stepDueDate: '2026-03-04',
          ruleSetId: 'decree-118-2025-amended-2026',
          calendarVersion: calendar.version,
        },
      },
    ]);
  });

  it('handed out after 15:00, a step starts on the next working day', () => {
    const outcome = spec.given(inProcessing()).when(assignStep('2026-03-02T16:00', 'step-1', 'office-chair', 1, 'approval')).outcome();
    expect(outcome).toMatchObject({ right: [{ data: { stepStartDate: '2026-03-03', stepDueDate: '2026-03-04' } }] });
  });

  it('a step handed back late is recorded with its timeliness and the working days it took, never refused', () => {
    const given = history([...processing, assignStep('2026-03-02T14:00')]);
    spec.given(given).when(completeStep('2026-03-05T10:00')).then([
      {
        type: 'StepCompleted',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-05T10:00'),
          officerId: 'officer-7',
          stepId: 'step-1',
          stepKind: 'appraisal',
          bodyId: 'dept-natural-resources',
          stepLimitWorkingDays: 2,
          stepStartDate: '2026-03-02',
          stepDueDate: '2026-03-04',
          completedDate: '2026-03-05',
          workingDaysTaken: 3,
          timeliness: 'late',
        },
      },
    ]);
  });

  it('worked example: appraisal late at the land department, approval early; the land department held it longest', () => {
    // Given: appraisal 2 working days (Mon 2 → due Wed 4 March), handed back Thu 5 March;
    // approval by the chair 1 working day, handed out Thu 5 March 16:00 (starts Fri 6, due Mon 9),
    // signed Fri 6 March; decided Fri 6 March.
    const events = history([
      receive('2026-03-02T09:00'),
      transfer('2026-03-02T10:00'),
      assignStep('2026-03-02T14:00', 'appraisal', 'dept-natural-resources', 2, 'appraisal'),
      completeStep('2026-03-05T10:00', 'appraisal'),
      assignStep('2026-03-05T16:00', 'approval', 'office-chair', 1, 'approval'),
      completeStep('2026-03-06T11:00', 'approval'),
      complete('2026-03-06T14:00'),
    ]);
    const state = fold(restartDecider, events);
    // Then: each step with its own judgement; the dossier never left the processing body.
    expect(state.processingSteps.map((step) => [step.stepId, step.bodyId, step.stepDueDate, step.workingDaysTaken, step.timeliness])).toEqual([
      ['appraisal', 'dept-natural-resources', '2026-03-04', 3, 'late'],
      ['approval', 'office-chair', '2026-03-09', 0, 'early'],
    ]);
    expect(state.agencySteps).toEqual([]);
    expect(state.status).toBe('PROCESSED');
    expect(heldLongest(state)).toMatchObject({ bodyId: 'dept-natural-resources', workingDaysTaken: 3, stepLimitWorkingDays: 2 });
  });

  it('a step keeps the dossier with the processing body; a forwarding to another agency is a different fact', () => {
    const stepped = history([...processing, assignStep('2026-03-02T14:00')]);
    expect(fold(restartDecider, stepped)).toMatchObject({ status: 'IN_PROCESSING', agencySteps: [] });
    // Both may run at once; old logs with forwardings only still fold as before.
    const both = history([...processing, assignStep('2026-03-02T14:00'), forward('2026-03-02T14:30'), returnFromAgency('2026-03-03T09:00')]);
    expect(fold(restartDecider, both)).toMatchObject({ status: 'IN_PROCESSING', agencySteps: [{ agencyId: 'agency-tax' }], processingSteps: [{ stepId: 'step-1' }] });
  });

  it('a step may end while a supplement is awaited', () => {
    const given = history([...processing, assignStep('2026-03-02T14:00'), requestSupplement('2026-03-03T09:00')]);
    expect(spec.given(given).when(completeStep('2026-03-03T10:00')).outcome()).toMatchObject({ right: [{ data: { timeliness: 'early' } }] });
  });

  it('refuses a step id used twice, completing a step not open, and deciding while a step is open', () => {
    const open = history([...processing, assignStep('2026-03-02T14:00')]);
    spec.given(open).when(assignStep('2026-03-02T15:00')).thenFails(DossierErrorCode.STEP_ALREADY_ASSIGNED);
    spec.given(open).when(completeStep('2026-03-03T10:00', 'step-2')).thenFails(DossierErrorCode.STEP_NOT_ASSIGNED);
    spec.given(open).when(complete('2026-03-03T10:00')).thenFails(DossierErrorCode.STEPS_PENDING);
    const done = history([...processing, assignStep('2026-03-02T14:00'), completeStep('2026-03-03T10:00')]);
    spec.given(done).when(completeStep('2026-03-03T11:00')).thenFails(DossierErrorCode.STEP_NOT_ASSIGNED);
    spec.given(done).when(assignStep('2026-03-03T11:00')).thenFails(DossierErrorCode.STEP_ALREADY_ASSIGNED);
    spec.given([]).when(assignStep('2026-03-03T11:00')).thenFails(DossierErrorCode.NOT_RECEIVED);
  });

  it('both facts decode from the log as stored', () => {
    const events = history([...processing, assignStep('2026-03-02T14:00'), completeStep('2026-03-03T10:00')]);
    expect(events.map((event) => decode(DossierEvent, JSON.parse(JSON.stringify(event)))).every(isRight)).toBe(true);
  });
});
