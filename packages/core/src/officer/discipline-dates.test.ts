import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCalendarDays, toVietnamDate } from '../calendar/index.js';
import { isLeft } from '../fp.js';
import { appointed, at, discipline, spec } from './officer.testkit.js';

/**
 * A discipline is recorded once it is decided, and decided once the violation happened: a record
 * that says otherwise cannot have happened as stated and is refused in both modes
 * (docs/adr/0010-record-then-judge.md, "What stays a refusal").
 */
const given = spec.given([appointed()]);
const recordedAt = at('2026-02-23');
const mode = fc.constantFrom('refuse' as const, 'record' as const);

describe('the dates of a discipline', () => {
  it('Given a discipline decided 2099-01-05 for a violation of 2098-01-05, When it is recorded on 2026-02-23 in record mode, Then it is refused: it is not yet decided', () => {
    const result = given.when(discipline({ decisionDate: '2099-01-05', violationDate: '2098-01-05', occurredAt: recordedAt }), { mode: 'record' }).outcome();
    expect(isLeft(result) && result.left).toMatchObject({
      code: 'OFFICER_DISCIPLINE_NOT_YET_DECIDED',
      details: { decisionDate: '2099-01-05', recordedOn: '2026-02-23' },
    });
  });

  it('for any decision date after the Vietnamese day it is recorded on, in either mode, nothing is decided', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 0, max: 3_000 }), mode, (ahead, before, mode) => {
        const decisionDate = addCalendarDays(toVietnamDate(recordedAt), ahead);
        const command = discipline({ decisionDate, violationDate: addCalendarDays(decisionDate, -before), occurredAt: recordedAt });
        const result = given.when(command, { mode }).outcome();
        expect(isLeft(result) && result.left.code).toBe('OFFICER_DISCIPLINE_NOT_YET_DECIDED');
      }),
    );
  });

  it('for any violation after the decision, in either mode, nothing is decided', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3_000 }), mode, (after, mode) => {
        const command = discipline({ decisionDate: '2025-11-20', violationDate: addCalendarDays('2025-11-20', after), occurredAt: at('2025-11-21') });
        const result = given.when(command, { mode }).outcome();
        expect(isLeft(result) && result.left.code).toBe('OFFICER_DISCIPLINE_DECIDED_BEFORE_VIOLATION');
      }),
    );
  });
});
