import { describe, expect, it } from 'vitest';
import { fold } from '../kernel/decider.js';
import { DECREE_90_2020_CRITERIA_V1 } from '../rules/index.js';
import { OfficerErrorCode } from './errors.js';
import {
  appoint,
  appointed,
  at,
  correct,
  corrected,
  decider,
  discipline,
  disciplined,
  evaluate,
  leave,
  left,
  OFFICER,
  rated2025Good,
  ratedMarch2026,
  reassign,
  reassigned,
  spec,
} from './officer.testkit.js';

describe('AppointOfficer', () => {
  it('records the assignment with its term', () => {
    spec.given([]).when(appoint()).then([appointed()]);
  });

  it('accepts terms of exactly 6 and exactly 24 months at a province desk (Art.11)', () => {
    spec.given([]).when(appoint({ termEndDate: '2025-12-31' })).then([appointed({ termEndDate: '2025-12-31' })]);
    spec.given([]).when(appoint({ termEndDate: '2027-06-30' })).then([appointed({ termEndDate: '2027-06-30' })]);
  });

  it('does not apply the secondment range at commune desks', () => {
    const commune = { deskLevel: 'commune', unitId: 'TN-XA-THANH-VAN', termEndDate: '2028-06-30' } as const;
    spec.given([]).when(appoint(commune)).then([appointed(commune)]);
  });

  it('leaves the term open when none is given', () => {
    const { termEndDate: _none, ...data } = appoint().data;
    spec.given([]).when({ type: 'AppointOfficer', data }).then([{ type: 'OfficerAppointed', data }]);
  });
});

describe('ReassignOfficer', () => {
  it('moves the officer and keeps the earlier assignment in history', () => {
    spec.given([appointed()]).when(reassign()).then([reassigned()]);
    const state = fold(decider, [appointed(), reassigned()]);
    expect(state.status === 'serving' && state.assignment.role).toBe('processing-officer');
    expect(state.status === 'serving' && state.previousAssignments.map((a) => a.effectiveDate)).toEqual(['2025-07-01']);
  });
});

describe('RecordOfficerLeaving', () => {
  it('records the leaving date and reason', () => {
    spec.given([appointed()]).when(leave()).then([left()]);
  });

  it('accepts leaving on the first day of the assignment', () => {
    spec.given([appointed()]).when(leave({ leftOn: '2025-07-01' })).then([left({ leftOn: '2025-07-01' })]);
  });
});

describe('RecordEvaluation', () => {
  it('rates 2025 on the four levels of Decree 90/2020, the scale in force on 31 Dec 2025', () => {
    spec.given([appointed()]).when(evaluate('2025', { level: 'good' }, at('2025-12-20'))).then([rated2025Good]);
  });

  it('keeps the scale of the period end even when the rating is entered under the next rule set', () => {
    const lateEntry = { ...rated2025Good, data: { ...rated2025Good.data, occurredAt: at('2026-01-12') } };
    spec.given([appointed()]).when(evaluate('2025', { level: 'good' }, at('2026-01-12'))).then([lateEntry]);
  });

  it('derives the level from the score on the 100-point scale of Decree 335/2025', () => {
    spec.given([appointed()]).when(evaluate('2026-03', { score: 82 }, at('2026-04-03'))).then([ratedMarch2026]);
  });

  it('accepts a level given with the score when they agree', () => {
    spec.given([appointed()]).when(evaluate('2026-03', { score: 82, level: 'good' }, at('2026-04-03'))).then([ratedMarch2026]);
  });

  it('rates a quarter that ends under the points scale', () => {
    spec.given([appointed()]).when(evaluate('2026-Q1', { score: 90 }, at('2026-03-30'))).then([
      {
        type: 'EvaluationRecorded',
        data: {
          officerId: OFFICER,
          period: '2026-Q1',
          periodKind: 'quarter',
          periodStart: '2026-01-01',
          periodEnd: '2026-03-31',
          scale: 'hundred-points-decree-335-2025',
          level: 'excellent',
          score: 90,
          ruleSetId: 'decree-118-2025-amended-2026',
          occurredAt: at('2026-03-30'),
        },
      },
    ]);
  });

  // docs/domain/officers.md §2: the reform reaches public employees on 2026-07-01 (Decree 233/2026).
  it('rates a public employee on four levels until 2026-06-30 and on 100 points from 2026-07-01', () => {
    const publicEmployee = appointed({ legalStatus: 'public-employee' });
    const quarter = (period: string, start: string, end: string, rating: Record<string, unknown>, ruleSetId: string, occurredAt: string) => ({
      type: 'EvaluationRecorded' as const,
      data: { officerId: OFFICER, period, periodKind: 'quarter', periodStart: start, periodEnd: end, ...rating, ruleSetId, occurredAt },
    });
    spec
      .given([publicEmployee])
      .when(evaluate('2026-Q2', { level: 'good' }, at('2026-07-03')))
      .then([quarter('2026-Q2', '2026-04-01', '2026-06-30', { scale: 'four-levels-decree-90-2020', level: 'good' }, 'decree-118-2025-amended-2026', at('2026-07-03')) as never]);
    const points = spec.given([publicEmployee]).when(evaluate('2026-Q2', { score: 82 }, at('2026-07-03'))).thenFails(OfficerErrorCode.EvaluationScoreNotAllowed, 'BusinessRuleViolated');
    expect(points.message).toMatch(/four levels/);
    spec
      .given([publicEmployee])
      .when(evaluate('2026-Q3', { score: 82 }, at('2026-10-02')))
      .then([quarter('2026-Q3', '2026-07-01', '2026-09-30', { scale: 'hundred-points-decree-335-2025', level: 'good', score: 82 }, 'decree-118-2025-amended-2026-07', at('2026-10-02')) as never]);
    spec.given([publicEmployee]).when(evaluate('2026-Q3', { level: 'good' }, at('2026-10-02'))).thenFails(OfficerErrorCode.EvaluationScoreRequired, 'BusinessRuleViolated');
    // A civil servant's 2026-Q2 is on 100 points already.
    spec.given([appointed()]).when(evaluate('2026-Q2', { level: 'good' }, at('2026-07-03'))).thenFails(OfficerErrorCode.EvaluationScoreRequired, 'BusinessRuleViolated');
  });

  it('still rates a period that began before the officer left', () => {
    spec
      .given([appointed(), left()])
      .when(evaluate('2026-06', { score: 48 }, at('2026-07-02')))
      .then([
        {
          type: 'EvaluationRecorded',
          data: {
            officerId: OFFICER,
            period: '2026-06',
            periodKind: 'month',
            periodStart: '2026-06-01',
            periodEnd: '2026-06-30',
            scale: 'hundred-points-decree-335-2025',
            level: 'not-completed',
            score: 48,
            ruleSetId: 'decree-118-2025-amended-2026',
            occurredAt: at('2026-07-02'),
          },
        },
      ]);
  });
});

describe('CorrectEvaluation', () => {
  it('replaces the level and keeps the previous one and the reason', () => {
    spec
      .given([appointed(), rated2025Good])
      .when(correct('2025', { level: 'excellent' }, 'desk head input received late', at('2026-01-15')))
      .then([corrected({ level: 'excellent' })]);
    const state = fold(decider, [appointed(), rated2025Good, corrected({ level: 'excellent' })]);
    expect(state.status === 'serving' && state.evaluations['2025']).toMatchObject({ level: 'excellent', corrections: 1 });
  });

  it('corrects a score on the points scale and keeps the previous score', () => {
    spec
      .given([appointed(), ratedMarch2026])
      .when(correct('2026-03', { score: 91 }, 'task results recounted', at('2026-04-20')))
      .then([
        {
          type: 'EvaluationCorrected',
          data: {
            ...ratedMarch2026.data,
            level: 'excellent',
            score: 91,
            previousLevel: 'good',
            previousScore: 82,
            reason: 'task results recounted',
            occurredAt: at('2026-04-20'),
          },
        },
      ]);
  });
});

describe('RecordDiscipline', () => {
  it('records a warning with the 5-year limitation of the rule set in force at the decision', () => {
    spec.given([appointed()]).when(discipline()).then([disciplined()]);
  });

  it('gives reprimand-level violations 2 years and links the incident', () => {
    spec
      .given([appointed()])
      .when(discipline({ form: 'reprimand', incidentId: 'INC-2025-0131' }))
      .then([disciplined({ form: 'reprimand', limitationYears: 2, limitationEndsOn: '2027-09-12', incidentId: 'INC-2025-0131' })]);
  });

  it('accepts a decision on the last day of the limitation period', () => {
    const onTheLastDay = { form: 'reprimand', violationDate: '2023-03-10', decisionDate: '2025-03-10' } as const;
    spec
      .given([appointed({ effectiveDate: '2023-01-02', termEndDate: '2024-12-31' })])
      .when(discipline(onTheLastDay))
      .then([disciplined({ ...onTheLastDay, limitationYears: 2, limitationEndsOn: '2025-03-10', ruleSetId: 'decree-61-2018' })]);
  });

  it('offers public employees the forms of Decree 112/2020 Art.15', () => {
    spec
      .given([appointed({ legalStatus: 'public-employee' })])
      .when(discipline({ form: 'dismissal-from-post' }))
      .then([disciplined({ form: 'dismissal-from-post', legalStatus: 'public-employee' })]);
  });

  it('still disciplines a former officer for a violation committed while serving', () => {
    const later = { decisionDate: '2026-08-20', occurredAt: at('2026-08-21'), violationDate: '2026-05-04' };
    spec
      .given([appointed(), left()])
      .when(discipline(later))
      .then([disciplined({ ...later, limitationEndsOn: '2031-05-04', ruleSetId: 'decree-118-2025-amended-2026-07' })]);
  });
});

describe('RecordEvaluation and CorrectEvaluation under the Decree 90/2020 criteria (docs/domain/officers.md §3)', () => {
  // Given a warning decided on 2025-11-20, within the 2025 evaluation year.
  const disciplinedIn2025 = [appointed(), disciplined()];
  const rated2025 = (level: string, extra: Record<string, unknown> = {}) => ({
    type: 'EvaluationRecorded' as const,
    data: { ...rated2025Good.data, level, ruleSetId: 'decree-118-2025', occurredAt: at('2026-01-10'), ...extra },
  });
  const highest = DECREE_90_2020_CRITERIA_V1.highestLevelWhenDisciplined!;

  it('refuses "good" for 2025 when the officer was disciplined in 2025: not completed is the level left open', () => {
    const error = spec.given(disciplinedIn2025).when(evaluate('2025', { level: 'good' }, at('2026-01-10'))).thenFails(OfficerErrorCode.EvaluationAboveCriteria, 'BusinessRuleViolated');
    expect(error.message).toContain('125/QĐ-STP');
    expect(error).toMatchObject({ legalBasis: `${highest.source}; to confirm` });
  });

  it('records "not completed" for that year, and "good" for a year without discipline', () => {
    spec.given(disciplinedIn2025).when(evaluate('2025', { level: 'not-completed' }, at('2026-01-10'))).then([rated2025('not-completed') as never]);
    spec
      .given([appointed(), disciplined({ decisionDate: '2026-02-02', decisionRef: '7/QĐ-STP' })])
      .when(evaluate('2025', { level: 'good' }, at('2026-01-10')))
      .then([rated2025('good') as never]);
  });

  it('records a "good" already decided by the agency with its breach, where the role may record (ADR 0010)', () => {
    spec
      .given(disciplinedIn2025)
      .when(evaluate('2025', { level: 'good' }, at('2026-01-10')), { mode: 'record' })
      .then([
        rated2025('good', {
          breaches: [
            {
              rule: OfficerErrorCode.EvaluationAboveCriteria,
              ruleSetId: 'decree-118-2025',
              article: `${highest.source}; to confirm`,
              measured: { disciplinesInPeriod: 1, levelRank: 2, highestRank: 0 },
            },
          ],
        }) as never,
      ]);
  });

  it('applies the same criteria to a correction, under the rule set of the evaluation', () => {
    spec.given([...disciplinedIn2025, rated2025('not-completed') as never]).when(correct('2025', { level: 'completed' }, 'reviewed', at('2026-01-20'))).thenFails(OfficerErrorCode.EvaluationAboveCriteria);
  });

  it('leaves the 100-point scale of Decree 335/2025 as it is: the level follows the score', () => {
    spec
      .given([appointed(), disciplined({ decisionDate: '2026-03-10', decisionRef: '9/QĐ-STP', ruleSetId: 'decree-118-2025-amended-2026', limitationEndsOn: '2030-09-12' })])
      .when(evaluate('2026-03', { score: 82 }, at('2026-04-03')))
      .then([ratedMarch2026]);
  });
});
