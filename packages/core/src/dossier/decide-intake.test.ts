import { describe, it, expect } from 'vitest';
import { fold } from '../kernel/decider.js';
import { DossierErrorCode } from './errors.js';
import {
  CODE,
  FIVE_DAYS,
  OTHER_CODE,
  VERSIONED,
  guidance,
  history,
  inProcessing,
  receive,
  refuseAtIntake,
  requestAtIntake,
  requestSupplement,
  restartDecider,
  spec,
  submit,
  transfer,
  vn,
} from './dossier.testkit.js';

describe('RecordGuidance', () => {
  it('starts a stream keyed by the code the desk will use', () => {
    spec.given([]).when(guidance('2026-03-02T08:30')).then([
      { type: 'GuidanceGiven', data: { dossierCode: CODE, occurredAt: vn('2026-03-02T08:30'), officerId: 'officer-7', channel: 'counter' } },
    ]);
  });

  it('is allowed while the dossier awaits a supplement', () => {
    const awaiting = history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), requestSupplement('2026-03-03T09:00')]);
    spec.given(awaiting).when(guidance('2026-03-04T09:00', 'phone')).then([
      { type: 'GuidanceGiven', data: { dossierCode: CODE, occurredAt: vn('2026-03-04T09:00'), officerId: 'officer-7', channel: 'phone' } },
    ]);
  });

  it('is refused while the dossier is being processed', () => {
    spec.given(inProcessing()).when(guidance('2026-03-03T09:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
  });

  it('is refused for a command naming another dossier', () => {
    const other = guidance('2026-03-02T09:00');
    spec.given(history([guidance('2026-03-02T08:00')])).when({ ...other, data: { ...other.data, dossierCode: OTHER_CODE } }).thenFails(DossierErrorCode.CODE_MISMATCH);
  });
});

describe('SubmitDossier', () => {
  it('records the procedure version and its published document list', () => {
    spec.given([]).when(submit('2026-03-02T20:15')).then([
      {
        type: 'DossierSubmitted',
        data: {
          ...submit('2026-03-02T20:15').data,
          procedureVersion: '2018-01-01',
          requiredDocuments: ['Application form', 'ID copy', 'Site plan'],
        },
      },
    ]);
  });

  it('names the field when the procedure is not in the catalogue', () => {
    const error = spec.given([]).when(submit('2026-03-02T09:00', { procedureCode: '9.999999' })).thenFails('INVALID_INPUT', 'InvalidInput');
    expect(error).toMatchObject({ issues: [{ field: 'data.procedureCode', rule: 'KnownProcedure' }] });
  });

  it('accepts the completed dossier after an intake supplement request', () => {
    const given = history([submit('2026-03-02T09:00'), requestAtIntake('2026-03-02T10:00')]);
    const outcome = spec.given(given).when(submit('2026-03-05T09:00', { channel: 'counter' })).outcome();
    expect(outcome._tag).toBe('Right');
  });

  it('is refused once the dossier was received', () => {
    spec.given(inProcessing()).when(submit('2026-03-03T09:00')).thenFails(DossierErrorCode.ALREADY_RECEIVED);
  });
});

describe('RequestSupplementAtIntake', () => {
  const submitted = () => history([submit('2026-03-02T09:00')]);

  it('lists the gaps on form 02 and starts no clock', () => {
    spec.given(submitted()).when(requestAtIntake('2026-03-02T10:00', ['ID copy', 'Site plan'])).then([
      {
        type: 'SupplementRequestedAtIntake',
        data: { dossierCode: CODE, occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-7', missingDocuments: ['ID copy', 'Site plan'] },
      },
    ]);
    const state = fold(restartDecider, history([submit('2026-03-02T09:00'), requestAtIntake('2026-03-02T10:00')]));
    expect(state).toMatchObject({ status: 'AWAITING_INTAKE_SUPPLEMENT', intakeSupplementCount: 1 });
    expect(state.dueDate).toBeUndefined();
  });

  it("records a request the applicant's own fault made necessary (docs/domain/indices.md §1), and nothing when it was not", () => {
    const request = requestAtIntake('2026-03-02T10:00');
    spec.given(submitted()).when({ ...request, data: { ...request.data, causedByApplicant: true } }).then([
      {
        type: 'SupplementRequestedAtIntake',
        data: { dossierCode: CODE, occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-7', missingDocuments: ['ID copy'], causedByApplicant: true },
      },
    ]);
    spec.given(submitted()).when({ ...request, data: { ...request.data, causedByApplicant: false } }).then([
      { type: 'SupplementRequestedAtIntake', data: { dossierCode: CODE, occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-7', missingDocuments: ['ID copy'] } },
    ]);
  });

  it('refuses to ask for a document outside the published list (C11)', () => {
    const error = spec.given(submitted()).when(requestAtIntake('2026-03-02T10:00', ['ID copy', 'Household book'])).thenFails(DossierErrorCode.DOCUMENT_NOT_PUBLISHED);
    expect(error).toMatchObject({ details: { unpublished: ['Household book'] }, legalBasis: expect.stringContaining('Art.5') });
  });

  it('refuses a second request naming a gap the first did not list (one go)', () => {
    const given = history([submit('2026-03-02T09:00'), requestAtIntake('2026-03-02T10:00', ['ID copy']), submit('2026-03-04T09:00')]);
    spec.given(given).when(requestAtIntake('2026-03-04T10:00', ['ID copy', 'Site plan'])).thenFails(DossierErrorCode.SUPPLEMENT_NOT_IN_ONE_GO);
    const repeat = spec.given(given).when(requestAtIntake('2026-03-04T10:00', ['ID copy'])).outcome();
    expect(repeat._tag).toBe('Right');
  });

  it('needs a submitted dossier', () => {
    spec.given(history([guidance('2026-03-02T08:00')])).when(requestAtIntake('2026-03-02T10:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
  });
});

describe('RefuseAtIntake', () => {
  it('records the reason (form 03) and closes the dossier', () => {
    const given = history([submit('2026-03-02T09:00')]);
    spec.given(given).when(refuseAtIntake('2026-03-02T11:00')).then([{ type: 'RefusedAtIntake', data: refuseAtIntake('2026-03-02T11:00').data }]);
    const refused = history([submit('2026-03-02T09:00'), refuseAtIntake('2026-03-02T11:00')]);
    spec.given(refused).when(receive('2026-03-03T09:00')).thenFails(DossierErrorCode.CLOSED);
  });
});

describe('ReceiveDossier', () => {
  it('records the rules, calendar and promised date of form 01', () => {
    spec.given([]).when(receive('2026-03-02T09:00')).then([
      {
        type: 'DossierReceived',
        data: {
          ...receive('2026-03-02T09:00').data,
          procedureVersion: '2018-01-01',
          requiredDocuments: ['Application form', 'ID copy', 'Site plan'],
          publishedFeeDong: 50_000,
          ruleSetId: 'decree-118-2025-amended-2026',
          calendarVersion: 'vn-2026.1',
          timeLimit: { amount: 5, unit: 'working-days' },
          immediateResult: false,
          transferCutoff: '15:00',
          receiptDayCounts: false,
          processingStartDate: '2026-03-02',
          dueDate: '2026-03-09',
        },
      },
    ]);
  });

  it('uses the procedure version and rule set in force on the receipt day', () => {
    const before = spec.given([]).when(receive('2025-06-30T09:00', { procedureCode: VERSIONED })).outcome();
    const after = spec.given([]).when(receive('2025-07-01T09:00', { procedureCode: VERSIONED })).outcome();
    expect(before._tag === 'Right' && before.right[0]?.data).toMatchObject({
      procedureVersion: '2018-01-01',
      timeLimit: { amount: 10 },
      ruleSetId: 'decree-61-2018',
    });
    expect(after._tag === 'Right' && after.right[0]?.data).toMatchObject({
      procedureVersion: '2025-07-01',
      timeLimit: { amount: 7 },
      ruleSetId: 'decree-118-2025',
    });
  });

  it('receives a checked online submission', () => {
    const state = fold(restartDecider, history([submit('2026-03-01T22:00'), receive('2026-03-02T09:00', { channel: 'online' })]));
    expect(state).toMatchObject({ status: 'RECEIVED', submittedAt: vn('2026-03-01T22:00'), dueDate: '2026-03-09', trips: 0 });
  });

  it('names the field when the procedure is not in force', () => {
    const error = spec.given([]).when(receive('2026-03-02T09:00', { procedureCode: '9.999998' })).thenFails('INVALID_INPUT', 'InvalidInput');
    expect(error).toMatchObject({ issues: [{ field: 'data.procedureCode' }] });
  });

  it('is refused when the dossier was already received', () => {
    spec.given(history([receive('2026-03-02T09:00')])).when(receive('2026-03-02T09:30')).thenFails(DossierErrorCode.ALREADY_RECEIVED);
  });

  it('rejects a command dated before the last recorded event', () => {
    const error = spec.given(history([guidance('2026-03-02T10:00')])).when(receive('2026-03-02T09:00', { procedureCode: FIVE_DAYS })).thenFails('INVALID_INPUT');
    expect(error).toMatchObject({ issues: [{ field: 'data.occurredAt', rule: 'NotBeforePreviousEvent' }] });
  });
});
