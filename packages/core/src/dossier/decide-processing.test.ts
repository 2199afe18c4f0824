import { describe, it, expect } from 'vitest';
import { fold } from '../kernel/decider.js';
import { DossierErrorCode } from './errors.js';
import {
  CODE,
  apologise,
  complete,
  forward,
  guidance,
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

describe('TransferDossier', () => {
  it('is on time the same day for a morning receipt', () => {
    spec.given(history([receive('2026-03-02T09:00')])).when(transfer('2026-03-02T16:30')).then([
      {
        type: 'DossierTransferred',
        data: { dossierCode: CODE, occurredAt: vn('2026-03-02T16:30'), officerId: 'officer-7', processingStartDate: '2026-03-02', onTime: true },
      },
    ]);
  });

  it('is on time the next working day for a receipt after 15:00, and late (but accepted) after that', () => {
    const afternoon = history([receive('2026-03-06T15:30')]);
    const nextDay = spec.given(afternoon).when(transfer('2026-03-09T08:00')).outcome();
    expect(nextDay._tag === 'Right' && nextDay.right[0]?.data).toMatchObject({ processingStartDate: '2026-03-09', onTime: true });
    const late = spec.given(afternoon).when(transfer('2026-03-10T08:00')).outcome();
    expect(late._tag === 'Right' && late.right[0]?.data).toMatchObject({ onTime: false });
  });

  it('needs a received dossier, and happens once', () => {
    spec.given(history([guidance('2026-03-02T08:00')])).when(transfer('2026-03-02T09:00')).thenFails(DossierErrorCode.NOT_RECEIVED);
    spec.given(inProcessing()).when(transfer('2026-03-02T11:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
  });

  it('cannot be dated before the receipt', () => {
    const error = spec.given(history([receive('2026-03-02T09:00')])).when(transfer('2026-03-02T08:59')).thenFails('INVALID_INPUT', 'InvalidInput');
    expect(error).toMatchObject({ issues: [{ field: 'data.occurredAt' }] });
  });
});

describe('ForwardToAgency / ReturnFromAgency', () => {
  it('fixes the step due date with the same counting as the dossier (Tue 3 Mar + 3 → Fri 6 Mar)', () => {
    spec.given(inProcessing()).when(forward('2026-03-03T10:00')).then([
      {
        type: 'ForwardedToAgency',
        data: {
          ...forward('2026-03-03T10:00').data,
          stepStartDate: '2026-03-03',
          stepDueDate: '2026-03-06',
          calendarVersion: 'vn-2026.1',
        },
      },
    ]);
  });

  it('tracks several agencies and returns to processing when the last answers', () => {
    const events = history([
      receive('2026-03-02T09:00'),
      transfer('2026-03-02T10:00'),
      forward('2026-03-03T10:00', 'agency-tax', 3),
      forward('2026-03-03T11:00', 'agency-land', 2),
      returnFromAgency('2026-03-05T10:00', 'agency-land'),
    ]);
    expect(fold(restartDecider, events).status).toBe('WITH_AGENCY');
    spec.given(events).when(complete('2026-03-05T11:00')).thenFails(DossierErrorCode.AGENCY_STEPS_PENDING);
    const lateAnswer = spec.given(events).when(returnFromAgency('2026-03-09T10:00', 'agency-tax')).then([
      {
        type: 'ReturnedFromAgency',
        data: { dossierCode: CODE, occurredAt: vn('2026-03-09T10:00'), agencyId: 'agency-tax', stepDueDate: '2026-03-06', onTime: false },
      },
    ]);
    const after = fold(restartDecider, [...events, ...lateAnswer]);
    expect(after.status).toBe('IN_PROCESSING');
    expect(after.agencySteps.map((step) => [step.agencyId, step.onTime])).toEqual([
      ['agency-tax', false],
      ['agency-land', true],
    ]);
  });

  it('refuses to forward to an agency that already holds the dossier', () => {
    spec.given(history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), forward('2026-03-03T10:00')]))
      .when(forward('2026-03-03T11:00'))
      .thenFails(DossierErrorCode.AGENCY_ALREADY_FORWARDED);
  });

  it('refuses an answer from an agency that was not asked', () => {
    spec.given(inProcessing()).when(returnFromAgency('2026-03-03T10:00', 'agency-police')).thenFails(DossierErrorCode.AGENCY_NOT_FORWARDED);
  });
});

describe('CompleteProcessing', () => {
  it('records an approval', () => {
    spec.given(inProcessing()).when(complete('2026-03-05T10:00')).then([{ type: 'ProcessingCompleted', data: complete('2026-03-05T10:00').data }]);
  });

  it('lets an empowered desk decide without transferring', () => {
    spec.given(history([receive('2026-03-02T09:00')])).when(complete('2026-03-02T09:30')).then([
      { type: 'ProcessingCompleted', data: complete('2026-03-02T09:30').data },
    ]);
  });

  it('requires a written reason for a refusal (Art.19(8))', () => {
    const error = spec.given(inProcessing()).when(complete('2026-03-05T10:00', 'refused')).thenFails(DossierErrorCode.REFUSAL_REASON_REQUIRED);
    expect(error).toMatchObject({ legalBasis: expect.stringContaining('Art.19(8)') });
    spec.given(inProcessing()).when(complete('2026-03-05T10:00', 'refused', 'land use plan forbids it')).then([
      { type: 'ProcessingCompleted', data: complete('2026-03-05T10:00', 'refused', 'land use plan forbids it').data },
    ]);
  });
});

describe('IssueApology (received Mon 2 Mar, due Mon 9 Mar)', () => {
  it('moves the due date and keeps the original one', () => {
    spec.given(inProcessing()).when(apologise('2026-03-05T10:00', '2026-03-13')).then([
      {
        type: 'ApologyIssued',
        data: {
          ...apologise('2026-03-05T10:00', '2026-03-13').data,
          previousDueDate: '2026-03-09',
          originalDueDate: '2026-03-09',
          workingDaysBeforeDue: 2,
          ruleSetId: 'decree-118-2025-amended-2026',
          calendarVersion: 'vn-2026.1',
        },
      },
    ]);
    const state = fold(restartDecider, history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), apologise('2026-03-05T10:00', '2026-03-13')]));
    expect(state).toMatchObject({ dueDate: '2026-03-13', originalDueDate: '2026-03-09', apologyCount: 1 });
    expect(state.dueDateHistory.map((change) => change.reason)).toEqual(['receipt', 'apology']);
  });

  it('must come at least one working day before the due date (Fri 6 yes, Mon 9 no)', () => {
    expect(spec.given(inProcessing()).when(apologise('2026-03-06T16:00', '2026-03-13')).outcome()._tag).toBe('Right');
    const error = spec.given(inProcessing()).when(apologise('2026-03-09T08:00', '2026-03-13')).thenFails(DossierErrorCode.APOLOGY_TOO_LATE);
    expect(error).toMatchObject({ legalBasis: expect.stringContaining('19(9)'), details: { workingDaysBeforeDue: 0 } });
  });

  it('happens once only', () => {
    const apologised = history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), apologise('2026-03-03T10:00', '2026-03-13')]);
    spec.given(apologised).when(apologise('2026-03-04T10:00', '2026-03-20')).thenFails(DossierErrorCode.APOLOGY_LIMIT_REACHED);
  });

  it('needs a new date after the current one, on a working day', () => {
    spec.given(inProcessing()).when(apologise('2026-03-04T10:00', '2026-03-09')).thenFails(DossierErrorCode.APOLOGY_DATE_NOT_AFTER_DUE);
    spec.given(inProcessing()).when(apologise('2026-03-04T10:00', '2026-03-14')).thenFails(DossierErrorCode.APPOINTMENT_NOT_WORKING_DAY);
  });

  it('is not issued while the clock waits for a supplement', () => {
    const awaiting = history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), requestSupplement('2026-03-03T10:00')]);
    spec.given(awaiting).when(apologise('2026-03-04T10:00', '2026-03-13')).thenFails(DossierErrorCode.INVALID_TRANSITION);
  });
});
