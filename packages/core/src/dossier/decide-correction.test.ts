import { describe, it, expect } from 'vitest';
import { fold } from '../kernel/decider.js';
import { BUILT_IN_RULE_SETS, createRuleBook } from '../rules/index.js';
import { createDossierDecider } from './decider.js';
import { DossierErrorCode } from './errors.js';
import {
  CODE,
  TEST_PROCEDURES,
  calendar,
  complete,
  correctResult,
  history,
  rate,
  receive,
  reportError,
  restartDecider,
  resultReady,
  returnResult,
  spec,
  transfer,
  vn,
} from './dossier.testkit.js';

/**
 * Art.21 (docs/domain/dossier-lifecycle.md §7). Received Mon 2026-03-02, decided and ready Tue 3 March,
 * collected Wed 4 March; the applicant reports an error on Thu 5 March at 10:00: the correction starts
 * that day and falls due 5 working days later (`errorCorrectionWorkingDays`), Thu 12 March.
 */
const returnedCommands = [
  receive('2026-03-02T09:00'),
  transfer('2026-03-02T10:00'),
  complete('2026-03-03T10:00'),
  resultReady('2026-03-03T15:00'),
  returnResult('2026-03-04T10:00'),
];
const returned = () => history(returnedCommands);
const reported = () => history([...returnedCommands, reportError('2026-03-05T10:00')]);

describe('ReportResultError', () => {
  it('records who found what, and when the correction falls due', () => {
    spec.given(returned()).when(reportError('2026-03-05T10:00')).then([
      {
        type: 'ResultErrorReported',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-05T10:00'),
          officerId: 'officer-7',
          reportedBy: 'applicant',
          description: 'land parcel number misspelt on the certificate',
          reportNumber: 1,
          correctionWorkingDays: 5,
          correctionStartDate: '2026-03-05',
          correctionDueDate: '2026-03-12',
          ruleSetId: 'decree-118-2025-amended-2026',
          calendarVersion: calendar.version,
        },
      },
    ]);
  });

  it('the period is the rule set\'s: a set giving 3 working days makes it due on Tue 10 March', () => {
    const rules = createRuleBook(BUILT_IN_RULE_SETS.map((set) => ({ ...set, errorCorrectionWorkingDays: 3 })), TEST_PROCEDURES);
    const decider = createDossierDecider({ calendar, rules });
    const result = decider.decide(reportError('2026-03-05T10:00'), fold(decider, history(returnedCommands, decider)));
    expect(result).toMatchObject({ right: [{ data: { correctionWorkingDays: 3, correctionDueDate: '2026-03-10' } }] });
  });

  it('only after the return, one error at a time; the status stays RETURNED and a rating may still follow', () => {
    const ready = history(returnedCommands.slice(0, 4));
    spec.given(ready).when(reportError('2026-03-04T10:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
    spec.given(reported()).when(reportError('2026-03-06T10:00')).thenFails(DossierErrorCode.ERROR_ALREADY_REPORTED);
    expect(fold(restartDecider, reported())).toMatchObject({ status: 'RETURNED', errorReports: [{ reportNumber: 1, correctionDueDate: '2026-03-12' }] });
    expect(spec.given(reported()).when(rate('2026-03-06T10:00')).outcome()._tag).toBe('Right');
    spec.given(reported()).when(transfer('2026-03-06T10:00')).thenFails(DossierErrorCode.CLOSED);
  });
});

describe('CorrectResult', () => {
  it('worked example: the body\'s own error corrected on Wed 11 March, free, with an apology: early, no breach', () => {
    spec.given(reported()).when(correctResult('2026-03-11T09:00')).then([
      {
        type: 'ResultCorrected',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-11T09:00'),
          officerId: 'officer-7',
          correctedBy: 'dept-natural-resources',
          bodyAtFault: true,
          via: 'counter',
          feeDong: 0,
          apology: 'we apologise for the misspelt parcel number',
          reportNumber: 1,
          correctedDate: '2026-03-11',
          correctionDueDate: '2026-03-12',
          workingDaysTaken: 4,
          timeliness: 'early',
          ruleSetId: 'decree-118-2025-amended-2026',
        },
      },
    ]);
    const state = fold(restartDecider, history([...returnedCommands, reportError('2026-03-05T10:00'), correctResult('2026-03-11T09:00')]));
    expect(state.errorReports).toMatchObject([{ reportNumber: 1, correctedBy: 'dept-natural-resources', bodyAtFault: true, timeliness: 'early' }]);
    // Collecting the corrected result at the counter is one more trip to the desk.
    expect(state.tripDates).toContain('2026-03-11');
  });

  it('a live desk refuses a late correction; a desk recording it keeps it with its breach', () => {
    // Corrected Fri 13 March: 6 working days after Thu 5 March, one past the limit.
    spec.given(reported()).when(correctResult('2026-03-13T09:00')).thenFails(DossierErrorCode.ERROR_CORRECTION_LATE);
    expect(spec.given(reported()).when(correctResult('2026-03-13T09:00'), { mode: 'record' }).outcome()).toMatchObject({
      right: [
        {
          type: 'ResultCorrected',
          data: {
            timeliness: 'late',
            workingDaysTaken: 6,
            breaches: [
              { rule: DossierErrorCode.ERROR_CORRECTION_LATE, ruleSetId: 'decree-118-2025-amended-2026', article: 'Decree 61/2018 Art.21', measured: { workingDaysTaken: 6, limit: 5 } },
            ],
          },
        },
      ],
    });
  });

  it('the body bears the cost of its own error and apologises for it', () => {
    spec.given(reported()).when(correctResult('2026-03-11T09:00', { feeDong: 30_000 })).thenFails(DossierErrorCode.CORRECTION_FEE_CHARGED);
    const { apology: _none, ...withoutApology } = correctResult('2026-03-11T09:00').data;
    const unapologised = { type: 'CorrectResult' as const, data: withoutApology };
    spec.given(reported()).when(unapologised).thenFails(DossierErrorCode.CORRECTION_WITHOUT_APOLOGY);
    const recorded = spec.given(reported()).when({ ...unapologised, data: { ...withoutApology, feeDong: 30_000 } }, { mode: 'record' }).outcome();
    expect(recorded).toMatchObject({
      right: [{ data: { breaches: [{ rule: DossierErrorCode.CORRECTION_FEE_CHARGED, measured: { feeDong: 30_000 } }, { rule: DossierErrorCode.CORRECTION_WITHOUT_APOLOGY, measured: { apologies: 0, required: 1 } }] } }],
    });
  });

  it('an error that was not the body\'s is judged for its date only', () => {
    const { apology: _none, ...data } = correctResult('2026-03-16T09:00', { bodyAtFault: false, feeDong: 30_000 }).data;
    const outcome = spec.given(reported()).when({ type: 'CorrectResult', data }).outcome();
    expect(outcome).toMatchObject({ right: [{ data: { bodyAtFault: false, timeliness: 'late', feeDong: 30_000 } }] });
    expect(outcome._tag === 'Right' && 'breaches' in (outcome.right[0]?.data ?? {})).toBe(false);
  });

  it('needs an error reported; a second error may follow the first correction', () => {
    spec.given(returned()).when(correctResult('2026-03-05T10:00')).thenFails(DossierErrorCode.ERROR_NOT_REPORTED);
    const corrected = history([...returnedCommands, reportError('2026-03-05T10:00'), correctResult('2026-03-11T09:00')]);
    spec.given(corrected).when(correctResult('2026-03-11T10:00')).thenFails(DossierErrorCode.ERROR_NOT_REPORTED);
    expect(spec.given(corrected).when(reportError('2026-03-16T10:00', 'processing-body')).outcome()).toMatchObject({
      right: [{ data: { reportNumber: 2, reportedBy: 'processing-body', correctionDueDate: '2026-03-23' } }],
    });
  });
});
