import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addCalendarDays } from '../calendar/dates.js';
import { LEGAL_STATUSES, type LegalStatus } from '../officer/vocabulary.js';
import { evaluationScaleOf } from './evaluation-scale.js';
import { defaultRuleBook } from './rule-book.js';
import { BUILT_IN_RULE_SETS } from './data/built-in-rule-sets.js';
import { OFFICER_RATING_PROPOSAL_V1 } from './data/officer-rating-proposal-v1.js';

describe('the built-in rule sets', () => {
  it('keep the procedural rules of Decree 61/2018 throughout (until confirmed otherwise)', () => {
    for (const set of BUILT_IN_RULE_SETS) {
      expect(set, set.id).toMatchObject({
        transferCutoff: '15:00',
        receiptDayCounts: false,
        calendarDaysCountFrom: 'receipt-date',
        supplementClockPolicy: 'RESTART',
        supplementRequestWithinWorkingDays: 3,
        maxSupplementRequests: 1,
        apology: { minWorkingDaysBeforeDue: 1, maxPerDossier: 1 },
        indexRounding: 'half-up',
        disciplineLimitationYears: { reprimandLevel: 2, other: 5 },
      });
      expect(set.feedbackDeadlineWorkingDays['phan-anh'], set.id).toBe(5);
      expect(set.legalBasis.length, set.id).toBeGreaterThan(0);
    }
  });

  it('follow one another, the 100-point rating reaching public employees half a year after the others', () => {
    expect(BUILT_IN_RULE_SETS.map((s) => [s.id, s.effectiveFrom, s.effectiveTo, s.evaluationScale, s.evaluationScaleByStatus])).toEqual([
      ['decree-61-2018', '2018-06-21', '2025-06-30', 'four-levels-decree-90-2020', undefined],
      ['decree-118-2025', '2025-07-01', '2025-12-31', 'four-levels-decree-90-2020', undefined],
      ['decree-118-2025-amended-2026', '2026-01-01', '2026-06-30', 'hundred-points-decree-335-2025', { 'public-employee': 'four-levels-decree-90-2020' }],
      ['decree-118-2025-amended-2026-07', '2026-07-01', undefined, 'hundred-points-decree-335-2025', undefined],
    ]);
  });

  // docs/domain/officers.md §2: cadres and civil servants on 100 points from 2026-01-01 (Law 80/2025,
  // Decree 335/2025), public employees from 2026-07-01 (Decree 233/2026); four levels before.
  it('rate every legal status on the scale its law gives on any day', () => {
    const book = defaultRuleBook();
    const hundredFrom: Readonly<Record<LegalStatus, string>> = { cadre: '2026-01-01', 'civil-servant': '2026-01-01', contract: '2026-01-01', 'public-employee': '2026-07-01' };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(...LEGAL_STATUSES), (offset, status) => {
        const day = addCalendarDays('2018-06-21', offset);
        const expected = day >= hundredFrom[status] ? 'hundred-points-decree-335-2025' : 'four-levels-decree-90-2020';
        expect(evaluationScaleOf(book.inForceAt(day), status), `${status} on ${day}`).toBe(expected);
      }),
      { numRuns: 500 },
    );
    for (const [status, from] of Object.entries(hundredFrom) as [LegalStatus, string][]) {
      expect(evaluationScaleOf(book.inForceAt(addCalendarDays(from, -1)), status)).toBe('four-levels-decree-90-2020');
      expect(evaluationScaleOf(book.inForceAt(from), status)).toBe('hundred-points-decree-335-2025');
    }
  });

  it('propose officer ratings under v1, whose points add up to the 100 of Decree 335/2025', () => {
    for (const set of BUILT_IN_RULE_SETS) expect(set.officerRatingProposal, set.id).toBe(OFFICER_RATING_PROPOSAL_V1);
    const { general, task } = OFFICER_RATING_PROPOSAL_V1.hundredPoints;
    expect(general + task).toBe(100);
    expect(OFFICER_RATING_PROPOSAL_V1.bands).toEqual({ excellent: 90, good: 70, completed: 50 });
    expect(OFFICER_RATING_PROPOSAL_V1.excellentQuotaPercent).toBe(20);
  });
});
