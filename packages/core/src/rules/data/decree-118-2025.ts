import type { RuleSet } from '../types.js';
import { DECREE_118_2025_PROVENANCE } from './provenance.js';
import { DECREE_61_2018 } from './decree-61-2018.js';

/**
 * Decree 118/2025/NĐ-CP (2025-06-09), in force 2025-07-01, replacing Decree 61/2018 (to confirm).
 * Procedural values are carried over from Decree 61/2018 until checked against the new text
 * (docs/domain/dossier-lifecycle.md §3). It ends where the evaluation reform starts, which is what changes next.
 */
export const DECREE_118_2025: RuleSet = {
  ...DECREE_61_2018,
  id: 'decree-118-2025',
  title: 'Decree 118/2025/NĐ-CP on administrative procedures under the one-stop mechanism',
  legalBasis: [
    'Decree 118/2025/NĐ-CP of 2025-06-09 (one-stop procedures at desks and on the national portal), in force 2025-07-01',
    'Circular 01/2018/TT-VPCP (indices; successor Circular 03/2025/TT-VPCP to confirm)',
    'Decree 90/2020/NĐ-CP (annual rating on four levels, until the 2026 reform)',
    'Decree 20/2008/NĐ-CP (feedback forwarded within 5 working days)',
    'Law on Public Employees 58/2010/QH12 as amended by 52/2019/QH14 (discipline limitation 2 / 5 years)',
  ],
  effectiveFrom: '2025-07-01',
  effectiveTo: '2025-12-31',
  provenance: DECREE_118_2025_PROVENANCE,
  notes: [
    'That Decree 118/2025 replaces Decree 61/2018 on 2025-07-01 is to confirm.',
    'The 15:00 cutoff, the 3-working-day supplement notice, RESTART and the one-apology rule are carried over from Decree 61/2018 (to confirm against Decree 118/2025).',
    'Law 80/2025/QH15 is in force from 2025-07-01 but its evaluation part applies from 2026-01-01 (to confirm): rating stays on Decree 90/2020 until then.',
    'Feedback and incident deadlines as in decree-61-2018, with the same caveats.',
    'calendarDaysCountFrom receipt-date carried over from decree-61-2018 (Civil Code 2015 Art.147; that Decree 118/2025 fixes no other start is to confirm).',
  ],
};
