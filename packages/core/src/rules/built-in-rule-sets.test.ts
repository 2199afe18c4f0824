import { describe, it, expect } from 'vitest';
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

  it('switch to the 100-point rating on 2026-01-01', () => {
    expect(BUILT_IN_RULE_SETS.map((s) => [s.id, s.effectiveFrom, s.effectiveTo, s.evaluationScale])).toEqual([
      ['decree-61-2018', '2018-06-21', '2025-06-30', 'four-levels-decree-90-2020'],
      ['decree-118-2025', '2025-07-01', '2025-12-31', 'four-levels-decree-90-2020'],
      ['decree-118-2025-amended-2026', '2026-01-01', undefined, 'hundred-points-decree-335-2025'],
    ]);
  });

  it('propose officer ratings under v1, whose points add up to the 100 of Decree 335/2025', () => {
    for (const set of BUILT_IN_RULE_SETS) expect(set.officerRatingProposal, set.id).toBe(OFFICER_RATING_PROPOSAL_V1);
    const { general, task } = OFFICER_RATING_PROPOSAL_V1.hundredPoints;
    expect(general + task).toBe(100);
    expect(OFFICER_RATING_PROPOSAL_V1.bands).toEqual({ excellent: 90, good: 70, completed: 50 });
    expect(OFFICER_RATING_PROPOSAL_V1.excellentQuotaPercent).toBe(20);
  });
});
