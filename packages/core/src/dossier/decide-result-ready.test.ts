import { describe, it, expect } from 'vitest';
import { fold } from '../kernel/decider.js';
import { DossierErrorCode } from './errors.js';
import { CODE, apologise, complete, history, inProcessing, rate, receive, restartDecider, resultReady, returnResult, spec, transfer, vn } from './dossier.testkit.js';

/**
 * The time limit is met when the result reaches the desk, not when the applicant collects it
 * (docs/domain/dossier-lifecycle.md §4). Received Mon 2026-03-02 09:00, due Mon 9 March.
 */
const decidedOnCommands = (decision: 'approved' | 'refused') => [
  receive('2026-03-02T09:00'),
  transfer('2026-03-02T10:00'),
  complete('2026-03-03T10:00', decision, decision === 'refused' ? 'not eligible' : undefined),
];
const decidedOn3March = () => history(decidedOnCommands('approved'));

describe('RecordResultReady', () => {
  it('judges the day the result reached the desk against both due dates', () => {
    spec.given(decidedOn3March()).when(resultReady('2026-03-03T15:00')).then([
      {
        type: 'ResultReady',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-03T15:00'),
          officerId: 'officer-7',
          readyDate: '2026-03-03',
          dueDate: '2026-03-09',
          originalDueDate: '2026-03-09',
          timeliness: 'early',
          timelinessAgainstOriginal: 'early',
        },
      },
    ]);
  });

  it('decided on 3 March, collected on 12 March: the return is late, the dossier is not', () => {
    // Given: decided and ready at the desk on Tue 3 March, six days before the due date.
    const given = history([...decidedOnCommands('approved'), resultReady('2026-03-03T15:00')]);
    // When: the applicant collects it on Thu 12 March.
    // Then: the return day is judged late, as `ResultReturned` always judged it, and the ready judgement
    // (early) travels with it: that is the one every figure uses.
    spec.given(given).when(returnResult('2026-03-12T10:00')).then([
      {
        type: 'ResultReturned',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-12T10:00'),
          officerId: 'officer-7',
          via: 'counter',
          returnDate: '2026-03-12',
          dueDate: '2026-03-09',
          originalDueDate: '2026-03-09',
          timeliness: 'late',
          timelinessAgainstOriginal: 'late',
          ready: { readyDate: '2026-03-03', timeliness: 'early', timelinessAgainstOriginal: 'early' },
        },
      },
    ]);
  });

  it('after an apology: early against the new date, late against the original one', () => {
    const given = history([
      receive('2026-03-02T09:00'),
      transfer('2026-03-02T10:00'),
      apologise('2026-03-05T10:00', '2026-03-13'),
      complete('2026-03-12T08:00'),
    ]);
    expect(spec.given(given).when(resultReady('2026-03-12T09:00')).outcome()).toMatchObject({
      right: [{ data: { readyDate: '2026-03-12', dueDate: '2026-03-13', originalDueDate: '2026-03-09', timeliness: 'early', timelinessAgainstOriginal: 'late' } }],
    });
  });

  it('needs a decision first, and is recorded once', () => {
    spec.given(inProcessing()).when(resultReady('2026-03-05T10:00')).thenFails(DossierErrorCode.RESULT_NOT_READY);
    const ready = history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-03T10:00'), resultReady('2026-03-03T15:00')]);
    expect(fold(restartDecider, ready)).toMatchObject({ status: 'RESULT_READY', resultReady: { readyDate: '2026-03-03', timeliness: 'early' } });
    spec.given(ready).when(resultReady('2026-03-04T10:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
    spec.given(ready).when(complete('2026-03-04T10:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
    const returned = history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), complete('2026-03-03T10:00'), returnResult('2026-03-03T15:00')]);
    spec.given(returned).when(resultReady('2026-03-04T10:00')).thenFails(DossierErrorCode.CLOSED);
  });

  it('a refusal ready at the desk may be rated; an approval waits for its return', () => {
    const refusedReady = history([...decidedOnCommands('refused'), resultReady('2026-03-03T15:00')]);
    expect(spec.given(refusedReady).when(rate('2026-03-04T10:00')).outcome()._tag).toBe('Right');
    const approvedReady = history([...decidedOnCommands('approved'), resultReady('2026-03-03T15:00')]);
    spec.given(approvedReady).when(rate('2026-03-04T10:00')).thenFails(DossierErrorCode.RATING_TOO_EARLY);
  });

  it('without it, the return carries no ready judgement (logs written before the fact existed)', () => {
    const outcome = spec.given(decidedOn3March()).when(returnResult('2026-03-12T10:00')).outcome();
    expect(outcome._tag === 'Right' && 'ready' in (outcome.right[0]?.data ?? {})).toBe(false);
  });
});
