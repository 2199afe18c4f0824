import { describe, it, expect } from 'vitest';
import { deciderSpec } from '../kernel/decider-spec.js';
import { fold } from '../kernel/decider.js';
import { BUILT_IN_RULE_SETS, createRuleBook } from '../rules/index.js';
import { createDossierDecider } from './decider.js';
import { DossierErrorCode } from './errors.js';
import {
  CODE,
  TEST_PROCEDURES,
  calendar,
  history,
  inProcessing,
  pauseDecider,
  receive,
  receiveSupplement,
  requestSupplement,
  restartDecider,
  spec,
  transfer,
  vn,
} from './dossier.testkit.js';

describe('RequestSupplement (received Mon 2026-03-02 09:00)', () => {
  it('records the request with the working days since receipt', () => {
    spec.given(inProcessing()).when(requestSupplement('2026-03-04T10:00')).then([
      {
        type: 'SupplementRequested',
        data: {
          dossierCode: CODE,
          occurredAt: vn('2026-03-04T10:00'),
          officerId: 'officer-7',
          missingDocuments: ['Site plan'],
          requestNumber: 1,
          workingDaysSinceReceipt: 2,
          ruleSetId: 'decree-118-2025-amended-2026',
        },
      },
    ]);
  });

  it('is allowed up to the 3rd working day after receipt (Thu 5) and refused on the 4th (Fri 6)', () => {
    expect(spec.given(inProcessing()).when(requestSupplement('2026-03-05T16:00')).outcome()._tag).toBe('Right');
    const error = spec.given(inProcessing()).when(requestSupplement('2026-03-06T08:00')).thenFails(DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED);
    expect(error).toMatchObject({ legalBasis: expect.stringContaining('Art.19(4)'), details: { workingDaysSinceReceipt: 4 } });
  });

  describe('received Mon 2 Mar at 15:30, after the cutoff: transferred Tue 3 Mar (docs/domain/dossier-lifecycle.md §2)', () => {
    const late = history([receive('2026-03-02T15:30'), transfer('2026-03-03T08:00')]);

    it('counts the 3 working days from the day of receipt (Art.19(4)): Thu 5 allowed, Fri 6 refused', () => {
      expect(spec.given(late).when(requestSupplement('2026-03-05T16:00')).outcome()._tag).toBe('Right');
      const error = spec.given(late).when(requestSupplement('2026-03-06T10:00')).thenFails(DossierErrorCode.SUPPLEMENT_WINDOW_CLOSED);
      expect(error).toMatchObject({ details: { windowStart: '2026-03-02', workingDaysSinceReceipt: 4 } });
    });

    it('a rule set without `supplementWindowCountsFrom` counts from the processing start day, as before: Fri 6 allowed', () => {
      const legacy = createDossierDecider({
        calendar,
        rules: createRuleBook(
          BUILT_IN_RULE_SETS.map(({ supplementWindowCountsFrom: _dropped, ...set }) => set),
          TEST_PROCEDURES,
        ),
      });
      expect(deciderSpec(legacy).given(late).when(requestSupplement('2026-03-06T10:00')).outcome()._tag).toBe('Right');
    });
  });

  it('refuses documents outside the published list (C11)', () => {
    spec.given(inProcessing()).when(requestSupplement('2026-03-03T10:00', ['Site plan', 'Bank statement'])).thenFails(DossierErrorCode.DOCUMENT_NOT_PUBLISHED);
  });

  it('is asked once only', () => {
    const once = history([
      receive('2026-03-02T09:00'),
      transfer('2026-03-02T10:00'),
      requestSupplement('2026-03-03T09:00'),
      receiveSupplement('2026-03-04T09:00'),
    ]);
    spec.given(once).when(requestSupplement('2026-03-04T10:00', ['ID copy'])).thenFails(DossierErrorCode.SUPPLEMENT_LIMIT_REACHED);
  });

  it('is asked by the processing body, after transfer', () => {
    spec.given(history([receive('2026-03-02T09:00')])).when(requestSupplement('2026-03-02T10:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
  });
});

describe('ReceiveSupplement (requested Wed 2026-03-04, received Mon 9 Mar 10:00 at the counter)', () => {
  const commandsUntilRequest = [receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), requestSupplement('2026-03-04T10:00')];
  const awaiting = (decider = restartDecider) => history(commandsUntilRequest, decider);
  const expected = {
    dossierCode: CODE,
    occurredAt: vn('2026-03-09T10:00'),
    officerId: 'officer-7',
    deliveredVia: 'counter' as const,
    resumeDate: '2026-03-09',
    ruleSetId: 'decree-118-2025-amended-2026',
    calendarVersion: 'vn-2026.1',
  };

  it('RESTART: the 5 days count again from Mon 9 → Mon 16', () => {
    spec.given(awaiting()).when(receiveSupplement('2026-03-09T10:00')).then([
      { type: 'SupplementReceived', data: { ...expected, clockPolicy: 'RESTART', dueDate: '2026-03-16' } },
    ]);
  });

  it('PAUSE: Mon 9 moves by the 3 days waited → Thu 12', () => {
    deciderSpec(pauseDecider).given(awaiting(pauseDecider)).when(receiveSupplement('2026-03-09T10:00')).then([
      { type: 'SupplementReceived', data: { ...expected, clockPolicy: 'PAUSE', dueDate: '2026-03-12', pausedDays: 3 } },
    ]);
  });

  it('counts the counter delivery as a trip and returns the dossier to processing', () => {
    const state = fold(restartDecider, history([...commandsUntilRequest, receiveSupplement('2026-03-09T10:00')]));
    expect(state).toMatchObject({ status: 'IN_PROCESSING', trips: 2, tripDates: ['2026-03-02', '2026-03-09'], supplementCount: 1 });
    expect(state.dueDateHistory.map((change) => [change.reason, change.dueDate])).toEqual([
      ['receipt', '2026-03-09'],
      ['supplement', '2026-03-16'],
    ]);
  });

  it('needs a pending request', () => {
    spec.given(inProcessing()).when(receiveSupplement('2026-03-03T10:00')).thenFails(DossierErrorCode.INVALID_TRANSITION);
  });
});

describe('a supplement after verification keeps the time already used (docs/domain/dossier-lifecycle.md §2)', () => {
  // Requested Wed 4 March on a gap found in verification (thẩm tra, xác minh), received Mon 9 March 10:00.
  const afterVerification = (at: string) => {
    const request = requestSupplement(at);
    return { ...request, data: { ...request.data, afterVerification: true } };
  };
  const awaiting = (decider = restartDecider) => history([receive('2026-03-02T09:00'), transfer('2026-03-02T10:00'), afterVerification('2026-03-04T10:00')], decider);

  it('records what the gap came from', () => {
    expect(spec.given(inProcessing()).when(afterVerification('2026-03-04T10:00')).outcome()).toMatchObject({
      right: [{ type: 'SupplementRequested', data: { afterVerification: true, requestNumber: 1, workingDaysSinceReceipt: 2 } }],
    });
    // A request on review of the dossier records nothing more than before.
    const outcome = spec.given(inProcessing()).when(requestSupplement('2026-03-04T10:00')).outcome();
    expect(outcome._tag === 'Right' && 'afterVerification' in (outcome.right[0]?.data ?? {})).toBe(false);
  });

  it('built-in rule sets: RESTART after a review, PAUSE after verification (Mon 9 moves by the 3 days waited → Thu 12)', () => {
    expect(spec.given(awaiting()).when(receiveSupplement('2026-03-09T10:00')).outcome()).toMatchObject({
      right: [{ type: 'SupplementReceived', data: { clockPolicy: 'PAUSE', dueDate: '2026-03-12', pausedDays: 3, ruleSetId: 'decree-118-2025-amended-2026' } }],
    });
  });

  it('a rule set without `supplementClockAfterVerification` applies its one policy to every supplement, as before', () => {
    const legacy = createDossierDecider({
      calendar,
      rules: createRuleBook(
        BUILT_IN_RULE_SETS.map(({ supplementClockAfterVerification: _dropped, ...set }) => set),
        TEST_PROCEDURES,
      ),
    });
    expect(deciderSpec(legacy).given(awaiting(legacy)).when(receiveSupplement('2026-03-09T10:00')).outcome()).toMatchObject({
      right: [{ type: 'SupplementReceived', data: { clockPolicy: 'RESTART', dueDate: '2026-03-16' } }],
    });
  });
});

describe("a supplement the applicant's own fault made necessary (docs/domain/indices.md §1)", () => {
  // Received Mon 2 March; on Wed 4 March the desk finds the applicant's site plan contradicts the land record.
  const byApplicant = (causedByApplicant: boolean) => {
    const request = requestSupplement('2026-03-04T10:00');
    return { ...request, data: { ...request.data, causedByApplicant } };
  };

  it('records it when true, and nothing more than before when false', () => {
    expect(spec.given(inProcessing()).when(byApplicant(true)).outcome()).toMatchObject({
      right: [{ type: 'SupplementRequested', data: { causedByApplicant: true, requestNumber: 1, workingDaysSinceReceipt: 2 } }],
    });
    const outcome = spec.given(inProcessing()).when(byApplicant(false)).outcome();
    expect(outcome._tag === 'Right' && 'causedByApplicant' in (outcome.right[0]?.data ?? {})).toBe(false);
  });
});
