import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRight } from '../fp.js';
import { addMonths, addYears } from './dates.js';
import { EvaluationScore, levelFromScore, evaluationPeriodOf, PeriodKey } from './evaluation.js';

describe('evaluation periods', () => {
  it('turns keys into periods with their first and last day', () => {
    expect(evaluationPeriodOf('2026-02')).toEqual({ key: '2026-02', grain: 'month', start: '2026-02-01', end: '2026-02-28' });
    expect(evaluationPeriodOf('2024-02')?.end).toBe('2024-02-29');
    expect(evaluationPeriodOf('2026-Q4')).toEqual({ key: '2026-Q4', grain: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(evaluationPeriodOf('2025')).toEqual({ key: '2025', grain: 'year', start: '2025-01-01', end: '2025-12-31' });
  });

  it('rejects malformed keys in the codec and the parser alike', () => {
    for (const key of ['2026-13', '2026-Q5', '2026-3', '26', '2026-00', '2026Q1']) {
      expect(PeriodKey.is(key)).toBe(false);
      expect(evaluationPeriodOf(key)).toBeUndefined();
    }
  });

  it('every month lies inside its quarter and its year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const m = evaluationPeriodOf(`${year}-${String(month).padStart(2, '0')}`);
        const q = evaluationPeriodOf(`${year}-Q${Math.ceil(month / 3)}`);
        const y = evaluationPeriodOf(String(year));
        expect(m && q && y).toBeTruthy();
        if (!m || !q || !y) return;
        expect(q.start <= m.start && m.end <= q.end && y.start <= q.start && q.end <= y.end).toBe(true);
      }),
    );
  });
});

describe('levels from points (Decree 335/2025)', () => {
  it('puts the band edges where the decree does', () => {
    expect([100, 90, 89.99, 70, 69.5, 50, 49.9, 0].map(levelFromScore)).toEqual([
      'excellent',
      'excellent',
      'good',
      'good',
      'completed',
      'completed',
      'not-completed',
      'not-completed',
    ]);
  });

  it('never gives a lower level for a higher score', () => {
    const rank = { 'not-completed': 0, completed: 1, good: 2, excellent: 3 } as const;
    const score = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(score, score, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(rank[levelFromScore(low)]).toBeLessThanOrEqual(rank[levelFromScore(high)]);
      }),
    );
  });

  it('accepts scores from 0 to 100 only', () => {
    expect([0, 55.5, 100].map((s) => isRight(EvaluationScore.decode(s)))).toEqual([true, true, true]);
    expect([-1, 100.5, Number.NaN, '90'].map((s) => isRight(EvaluationScore.decode(s)))).toEqual([false, false, false, false]);
  });
});

describe('date arithmetic for terms and limitation periods', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
    expect(addMonths('2025-07-01', 24)).toBe('2027-07-01');
  });

  it('moves forward by whole months, never past the target month', () => {
    const date = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), (start, months) => {
        const end = addMonths(start, months);
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        expect(monthIndex(end) - monthIndex(start)).toBe(months);
        expect(end >= start).toBe(true);
      }),
    );
  });
});
