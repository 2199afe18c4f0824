import { describe, it, expect } from 'vitest';
import { fold } from '../kernel/decider.js';
import { DossierErrorCode } from './errors.js';
import {
  CODE,
  apologise,
  complete,
  guidance,
  history,
  inProcessing,
  rate,
  receive,
  refuseAtIntake,
  requestAtIntake,
  restartDecider,
  returnResult,
  spec,
  submit,
  transfer,
  vn,
  withdraw,
} from './dossier.testkit.js';

/** Received Mon 2026-03-02 09:00, due Mon 9 Mar, approved Thu 5 Mar. */
const processed = (decision: 'approved' | 'refused' = 'approved') =>
  history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-05T10:00', decision, decision === 'refused' ? 'not eligible' : undefined)]);

describe('ReturnResult', () => {
  const returnedOn = (at: string) => {
    const outcome = spec.given(processed()).when(returnResult(at)).outcome();
    return outcome._tag === 'Right' ? outcome.right[0]?.data : undefined;
  };

  it('judges the return day against the due date: early, on time, late', () => {
    expect(returnedOn('2026-03-06T10:00')).toMatchObject({ returnDate: '2026-03-06', timeliness: 'early' });
    expect(returnedOn('2026-03-09T16:59')).toMatchObject({ timeliness: 'on-time' });
    // 17:30Z on 9 Mar is already 10 Mar in Vietnam.
    expect(spec.given(processed()).when({ ...returnResult('2026-03-09T10:00'), data: { ...returnResult('2026-03-09T10:00').data, occurredAt: '2026-03-09T17:30:00Z' } }).outcome()).toMatchObject({
      right: [{ data: { returnDate: '2026-03-10', timeliness: 'late' } }],
    });
  });

  it('judges an apologised dossier against both dates', () => {
    const given = history([
      receive('2026-03-02T09:00'),
      transfer('2026-03-02T10:00'),
      apologise('2026-03-05T10:00', '2026-03-13'),
      complete('2026-03-11T10:00'),
    ]);
    spec.given(given).when(returnResult('2026-03-12T10:00', 'online')).then([
      {
        type: 'ResultReturned',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-12T10:00'),
          officerId: 'officer-7',
          via: 'online',
          returnDate: '2026-03-12',
          dueDate: '2026-03-13',
          originalDueDate: '2026-03-09',
          timeliness: 'early',
          timelinessAgainstOriginal: 'late',
        },
      },
    ]);
  });

  it('needs a decision first', () => {
    spec.given(inProcessing()).when(returnResult('2026-03-05T10:00')).thenFails(DossierErrorCode.RESULT_NOT_READY);
  });

  it('closes the dossier, a refused one too', () => {
    const closed = history([
      receive('2026-03-02T09:00'),
      transfer('2026-03-02T10:00'),
      complete('2026-03-05T10:00', 'refused', 'not eligible'),
      returnResult('2026-03-05T15:00'),
    ]);
    expect(fold(restartDecider, closed).status).toBe('RETURNED');
    spec.given(closed).when(returnResult('2026-03-06T10:00')).thenFails(DossierErrorCode.CLOSED);
    spec.given(closed).when(complete('2026-03-06T10:00')).thenFails(DossierErrorCode.CLOSED);
  });
});

describe('WithdrawDossier', () => {
  it('withdraws an open dossier with its reason', () => {
    spec.given(inProcessing()).when(withdraw('2026-03-03T10:00')).then([{ type: 'DossierWithdrawn', data: withdraw('2026-03-03T10:00').data }]);
  });

  it('is not possible once decided, nor for a dossier never filed', () => {
    spec.given(processed()).when(withdraw('2026-03-06T10:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
    spec.given(history([guidance('2026-03-02T08:00')])).when(withdraw('2026-03-02T09:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
  });

  it('closes the dossier', () => {
    const withdrawn = history([receive('2026-03-02T09:00'), withdraw('2026-03-03T10:00')]);
    spec.given(withdrawn).when(transfer('2026-03-03T11:00')).thenFails(DossierErrorCode.CLOSED);
  });
});

describe('RateDossier', () => {
  const returned = () => history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-05T10:00'), returnResult('2026-03-05T15:00')]);

  it('records the citizen\'s Circular 01 and SIPAS scores after the return', () => {
    const scores = { circular01: { '1': 2, '3': 1 } as const, sipas: { officers: 5, result: 4 } };
    spec.given(returned()).when(rate('2026-03-06T10:00', scores)).then([
      { type: 'DossierRated', data: { dossierCode: CODE, occurredAt: vn('2026-03-06T10:00'), channel: 'online', ...scores } },
    ]);
  });

  it('is open after a refusal at intake, a refused decision or a withdrawal', () => {
    for (const given of [
      history([submit('2026-03-02T09:00'), refuseAtIntake('2026-03-02T10:00')]),
      processed('refused'),
      history([receive('2026-03-02T09:00'), withdraw('2026-03-03T10:00')]),
    ]) {
      expect(spec.given(given).when(rate('2026-03-06T10:00')).outcome()._tag).toBe('Right');
    }
  });

  it('waits for the result', () => {
    spec.given(processed()).when(rate('2026-03-06T10:00')).thenFails(DossierErrorCode.RATING_TOO_EARLY);
    spec.given(history([submit('2026-03-02T09:00'), requestAtIntake('2026-03-02T10:00')])).when(rate('2026-03-06T10:00')).thenFails(DossierErrorCode.RATING_TOO_EARLY);
  });

  it('is given once', () => {
    const rated = history([receive('2026-03-02T09:00'), withdraw('2026-03-03T10:00'), rate('2026-03-03T11:00')]);
    spec.given(rated).when(rate('2026-03-04T10:00', { circular01: { '7': 0 } })).thenFails(DossierErrorCode.ALREADY_RATED);
  });

  it('needs at least one score', () => {
    const error = spec.given(processed('refused')).when(rate('2026-03-06T10:00', { circular01: {}, sipas: {} })).thenFails('INVALID_INPUT');
    expect(error).toMatchObject({ issues: [{ rule: 'AtLeastOneScore' }] });
  });
});

describe('trips', () => {
  it('counts distinct days the applicant came in person', () => {
    const events = history([
      guidance('2026-03-02T08:00'), // Mon at the counter: trip 1
      guidance('2026-03-02T08:30', 'phone'), // not a visit
      submit('2026-03-04T09:00', { channel: 'counter' }), // Wed: trip 2
      requestAtIntake('2026-03-04T09:10'),
      submit('2026-03-06T09:00', { channel: 'counter' }), // Fri: trip 3
      receive('2026-03-06T09:20'), // same visit as the resubmission
      transfer('2026-03-06T10:00'),
      complete('2026-03-10T10:00'),
      returnResult('2026-03-12T10:00', 'counter'), // Thu 12: trip 4
    ]);
    expect(fold(restartDecider, events)).toMatchObject({ trips: 4, guidanceCount: 2, intakeSupplementCount: 1, status: 'RETURNED' });
  });

  it('counts guidance and filing on the same day as one trip', () => {
    const events = history([guidance('2026-03-02T08:00'), receive('2026-03-02T09:00')]);
    expect(fold(restartDecider, events).trips).toBe(1);
  });
});
