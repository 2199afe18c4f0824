import type { RuleSet } from '../types.js';
import { DECREE_118_2025_AMENDED_2026_PROVENANCE } from './provenance.js';
import { DECREE_118_2025 } from './decree-118-2025.js';

// Everything but the dates carries over from the set it amends.
const { effectiveTo: _carriedOverEnd, ...amended } = DECREE_118_2025;

/**
 * Decree 118/2025 as amended by Decree 367/2025/NĐ-CP (2025-12-31), with the 100-point rating of
 * Law 80/2025/QH15 and Decree 335/2025/NĐ-CP from 2026-01-01. Split from decree-118-2025 because the
 * evaluation scale changes on that day; nothing in docs/domain/dossier-lifecycle.md §3 says the procedural rules do.
 */
export const DECREE_118_2025_AMENDED_2026: RuleSet = {
  ...amended,
  id: 'decree-118-2025-amended-2026',
  title: 'Decree 118/2025/NĐ-CP as amended by Decree 367/2025/NĐ-CP, with the 2026 evaluation reform',
  legalBasis: [
    'Decree 118/2025/NĐ-CP (one-stop procedures at desks and on the national portal)',
    'Decree 367/2025/NĐ-CP of 2025-12-31 amending Decree 118/2025/NĐ-CP',
    'Law 80/2025/QH15 on cadres and civil servants (evaluation part from 2026-01-01, to confirm)',
    'Decree 335/2025/NĐ-CP (annual rating on 100 points: ≥90 excellent, 70–<90 good, 50–<70 completed, <50 not completed)',
    'Decree 90/2020/NĐ-CP (public employees: annual rating on four levels until 2026-06-30)',
    'Decree 20/2008/NĐ-CP (feedback forwarded within 5 working days)',
    'Law on Public Employees 58/2010/QH12 as amended by 52/2019/QH14 (discipline limitation 2 / 5 years)',
  ],
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-06-30',
  evaluationScale: 'hundred-points-decree-335-2025',
  // Public employees stay on Decree 90/2020 until Decree 233/2026 reaches them (decree-118-2025-amended-2026-07).
  evaluationScaleByStatus: { 'public-employee': 'four-levels-decree-90-2020' },
  provenance: DECREE_118_2025_AMENDED_2026_PROVENANCE,
  notes: [
    'Start date: Decree 367/2025 is dated 2025-12-31; its own entry into force is to confirm. 2026-01-01 is when the evaluation reform applies.',
    'Decree 335/2025 (December 2025) and its application to civil servants are to confirm. Public employees are rated on four levels (Decree 90/2020) until the identical scheme of Decree 233/2026 reaches them on 2026-07-01 (decree-118-2025-amended-2026-07).',
    'Decree 234/2026/NĐ-CP sets a 5 / 10-year limitation for public employees (entry into force to confirm); this set keeps 2 / 5 until then.',
    'Feedback and incident deadlines as in decree-61-2018, with the same caveats.',
    'calendarDaysCountFrom receipt-date carried over from decree-61-2018 (Civil Code 2015 Art.147; that Decree 118/2025 fixes no other start is to confirm).',
  ],
};
