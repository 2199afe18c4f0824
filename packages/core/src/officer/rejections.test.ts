import { describe, expect, it } from 'vitest';
import type { OfficerCommand } from './commands.js';
import { OfficerErrorCode } from './errors.js';
import type { OfficerEvent } from './events.js';
import {
  appoint,
  appointed,
  at,
  correct,
  discipline,
  disciplined,
  evaluate,
  leave,
  left,
  rated2025Good,
  ratedMarch2026,
  reassign,
  spec,
} from './officer.testkit.js';

interface Rejection {
  readonly name: string;
  readonly given: readonly OfficerEvent[];
  readonly when: OfficerCommand;
  readonly code: OfficerErrorCode;
}

const serving = [appointed()];
const gone = [appointed(), left()];

const rejections: readonly Rejection[] = [
  { name: 'appointing twice', given: serving, when: appoint(), code: 'OFFICER_ALREADY_APPOINTED' },
  { name: 'reassigning an unknown officer', given: [], when: reassign(), code: 'OFFICER_NOT_APPOINTED' },
  { name: 'leaving before appointment', given: [], when: leave(), code: 'OFFICER_NOT_APPOINTED' },
  {
    name: 'evaluating before appointment',
    given: [],
    when: evaluate('2025', { level: 'good' }, at('2025-12-20')),
    code: 'OFFICER_NOT_APPOINTED',
  },
  {
    name: 'correcting before appointment',
    given: [],
    when: correct('2025', { level: 'good' }, 'x', at('2026-01-02')),
    code: 'OFFICER_NOT_APPOINTED',
  },
  { name: 'disciplining before appointment', given: [], when: discipline(), code: 'OFFICER_NOT_APPOINTED' },
  { name: 'appointing after leaving', given: gone, when: appoint({ effectiveDate: '2026-09-01' }), code: 'OFFICER_HAS_LEFT' },
  { name: 'reassigning after leaving', given: gone, when: reassign({ effectiveDate: '2026-09-01' }), code: 'OFFICER_HAS_LEFT' },
  { name: 'leaving twice', given: gone, when: leave(), code: 'OFFICER_HAS_LEFT' },
  {
    name: 'evaluating a period that starts after leaving',
    given: gone,
    when: evaluate('2026-07', { score: 80 }, at('2026-08-03')),
    code: 'OFFICER_HAS_LEFT',
  },
  {
    name: 'disciplining for a violation after leaving',
    given: gone,
    when: discipline({ violationDate: '2026-07-01', decisionDate: '2026-08-01', occurredAt: at('2026-08-03') }),
    code: 'OFFICER_HAS_LEFT',
  },
  {
    name: 'a term ending on its first day',
    given: [],
    when: appoint({ termEndDate: '2025-07-01' }),
    code: 'OFFICER_TERM_END_NOT_AFTER_START',
  },
  {
    name: 'a commune term ending before it starts',
    given: serving,
    when: reassign({ deskLevel: 'commune', termEndDate: '2025-12-31' }),
    code: 'OFFICER_TERM_END_NOT_AFTER_START',
  },
  {
    name: 'a secondment one day short of 6 months',
    given: [],
    when: appoint({ termEndDate: '2025-12-30' }),
    code: 'OFFICER_SECONDMENT_TERM_OUT_OF_RANGE',
  },
  {
    name: 'a secondment one day over 24 months',
    given: [],
    when: appoint({ termEndDate: '2027-07-01' }),
    code: 'OFFICER_SECONDMENT_TERM_OUT_OF_RANGE',
  },
  {
    name: 'a district reassignment of 3 months',
    given: serving,
    when: reassign({ deskLevel: 'district', termEndDate: '2026-04-04' }),
    code: 'OFFICER_SECONDMENT_TERM_OUT_OF_RANGE',
  },
  {
    name: 'a reassignment on the day the current one began',
    given: serving,
    when: reassign({ effectiveDate: '2025-07-01' }),
    code: 'OFFICER_REASSIGNMENT_NOT_AFTER_CURRENT_START',
  },
  {
    name: 'leaving before the assignment began',
    given: serving,
    when: leave({ leftOn: '2025-06-30' }),
    code: 'OFFICER_LEAVING_BEFORE_ASSIGNMENT_START',
  },
  {
    name: 'rating a quarter that has not started',
    given: serving,
    when: evaluate('2026-Q2', { score: 80 }, at('2026-03-31')),
    code: 'OFFICER_EVALUATION_PERIOD_NOT_STARTED',
  },
  {
    name: 'rating a month that ended before the appointment',
    given: serving,
    when: evaluate('2025-06', { level: 'good' }, at('2025-07-15')),
    code: 'OFFICER_EVALUATION_PERIOD_BEFORE_APPOINTMENT',
  },
  {
    name: 'a score under the four-level scale',
    given: serving,
    when: evaluate('2025', { score: 85 }, at('2025-12-20')),
    code: 'OFFICER_EVALUATION_SCORE_NOT_ALLOWED',
  },
  {
    name: 'a score in a correction of a four-level rating',
    given: [...serving, rated2025Good],
    when: correct('2025', { score: 95, level: 'excellent' }, 'recount', at('2026-01-15')),
    code: 'OFFICER_EVALUATION_SCORE_NOT_ALLOWED',
  },
  {
    name: 'a bare level under the points scale',
    given: serving,
    when: evaluate('2026-03', { level: 'good' }, at('2026-04-03')),
    code: 'OFFICER_EVALUATION_SCORE_REQUIRED',
  },
  {
    name: 'no level under the four-level scale',
    given: serving,
    when: evaluate('2025', {}, at('2025-12-20')),
    code: 'OFFICER_EVALUATION_LEVEL_REQUIRED',
  },
  {
    name: 'a level that contradicts the score',
    given: serving,
    when: evaluate('2026-03', { score: 89.5, level: 'excellent' }, at('2026-04-03')),
    code: 'OFFICER_EVALUATION_LEVEL_MISMATCH',
  },
  {
    name: 'a second evaluation of the same period',
    given: [...serving, ratedMarch2026],
    when: evaluate('2026-03', { score: 95 }, at('2026-04-10')),
    code: 'OFFICER_EVALUATION_ALREADY_RECORDED',
  },
  {
    name: 'correcting a period never evaluated',
    given: [...serving, rated2025Good],
    when: correct('2026-03', { score: 80 }, 'x', at('2026-04-10')),
    code: 'OFFICER_EVALUATION_NOT_FOUND',
  },
  {
    name: 'a correction that changes nothing',
    given: [...serving, ratedMarch2026],
    when: correct('2026-03', { score: 82 }, 'x', at('2026-04-10')),
    code: 'OFFICER_EVALUATION_CORRECTION_UNCHANGED',
  },
  {
    name: 'salary-step reduction for a public employee (Decree 112/2020 Art.15)',
    given: [appointed({ legalStatus: 'public-employee' })],
    when: discipline({ form: 'salary-step-reduction' }),
    code: 'OFFICER_DISCIPLINE_FORM_NOT_AVAILABLE',
  },
  {
    name: 'labour-law dismissal for a civil servant',
    given: serving,
    when: discipline({ form: 'summary-dismissal' }),
    code: 'OFFICER_DISCIPLINE_FORM_NOT_AVAILABLE',
  },
  {
    name: 'a decision dated before the violation',
    given: serving,
    when: discipline({ violationDate: '2025-11-21', decisionDate: '2025-11-20' }),
    code: 'OFFICER_DISCIPLINE_DECIDED_BEFORE_VIOLATION',
  },
  {
    name: 'a decision recorded the day before it is made',
    given: serving,
    when: discipline({ decisionDate: '2025-11-22', occurredAt: at('2025-11-21', '23:30') }),
    code: 'OFFICER_DISCIPLINE_NOT_YET_DECIDED',
  },
  {
    name: 'a reprimand one day after the 2-year limitation',
    given: [appointed({ effectiveDate: '2023-01-02', termEndDate: '2024-12-31' })],
    when: discipline({ form: 'reprimand', violationDate: '2023-03-10', decisionDate: '2025-03-11' }),
    code: 'OFFICER_DISCIPLINE_TIME_BARRED',
  },
  {
    name: 'a warning one day after the 5-year limitation',
    given: [appointed({ effectiveDate: '2020-01-02', termEndDate: '2021-12-31' })],
    when: discipline({ violationDate: '2020-05-04', decisionDate: '2025-05-05' }),
    code: 'OFFICER_DISCIPLINE_TIME_BARRED',
  },
  {
    name: 'a 2025 rating of good for an officer disciplined in 2025 (Decree 90/2020 criteria)',
    given: [...serving, disciplined()],
    when: evaluate('2025', { level: 'good' }, at('2026-01-10')),
    code: 'OFFICER_EVALUATION_ABOVE_CRITERIA',
  },
  {
    name: 'the same decision recorded twice',
    given: [...serving, disciplined()],
    when: discipline(),
    code: 'OFFICER_DISCIPLINE_ALREADY_RECORDED',
  },
];

describe('officer rejections', () => {
  it.each(rejections)('rejects $name with $code', ({ given, when, code }) => {
    const error = spec.given(given).when(when).thenFails(code, 'BusinessRuleViolated');
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('covers every officer error code', () => {
    const covered = new Set(rejections.map((r) => r.code));
    expect(Object.values(OfficerErrorCode).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('cites the legal basis for rules taken from the texts', () => {
    const term = spec
      .given([])
      .when(appoint({ termEndDate: '2025-12-30' }))
      .thenFails('OFFICER_SECONDMENT_TERM_OUT_OF_RANGE');
    const form = spec
      .given([appointed({ legalStatus: 'public-employee' })])
      .when(discipline({ form: 'demotion' }))
      .thenFails('OFFICER_DISCIPLINE_FORM_NOT_AVAILABLE');
    expect([term, form].map((error) => (error._tag === 'BusinessRuleViolated' ? error.legalBasis : undefined))).toEqual([
      'Decree 61/2018/NĐ-CP Art.11',
      'Decree 112/2020/NĐ-CP Art.15',
    ]);
  });
});
