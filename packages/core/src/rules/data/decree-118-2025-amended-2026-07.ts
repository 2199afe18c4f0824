import type { RuleSet } from '../types.js';
import { DECREE_118_2025_AMENDED_2026_07_PROVENANCE } from './provenance.js';
import { DECREE_118_2025_AMENDED_2026 } from './decree-118-2025-amended-2026.js';

// Everything but the dates and the public employees' scale carries over from the set before.
const { effectiveTo: _carriedOverEnd, evaluationScaleByStatus: _publicEmployeesOnFourLevels, notes: _notes, ...before } = DECREE_118_2025_AMENDED_2026;

/**
 * The set of 2026-01-01 with public employees rated on 100 points too, as Decree 233/2026/NĐ-CP
 * provides from 2026-07-01 (docs/domain/officers.md §2). Split because the scale of one legal status
 * changes on that day; the procedural values are those of the set before.
 */
export const DECREE_118_2025_AMENDED_2026_07: RuleSet = {
  ...before,
  id: 'decree-118-2025-amended-2026-07',
  title: 'Decree 118/2025/NĐ-CP as amended by Decree 367/2025/NĐ-CP, with public employees on the 100-point rating',
  legalBasis: [
    ...DECREE_118_2025_AMENDED_2026.legalBasis.filter((basis) => !basis.startsWith('Decree 90/2020')),
    'Decree 233/2026/NĐ-CP (public employees: the same 100-point rating from 2026-07-01)',
  ],
  effectiveFrom: '2026-07-01',
  provenance: DECREE_118_2025_AMENDED_2026_07_PROVENANCE,
  notes: [
    'Every officer is rated on 100 points: civil servants under Decree 335/2025 (to confirm), public employees under Decree 233/2026 from 2026-07-01.',
    'Decree 224/2026/NĐ-CP repeals one clause of Decree 367/2025 from 2026-07-01: which clause is to confirm; add a successor set when known.',
    'Decree 234/2026/NĐ-CP sets a 5 / 10-year limitation for public employees (entry into force to confirm); this set keeps 2 / 5 until then.',
    'Feedback and incident deadlines as in decree-61-2018, with the same caveats.',
    'calendarDaysCountFrom receipt-date carried over from decree-61-2018 (Civil Code 2015 Art.147; that Decree 118/2025 fixes no other start is to confirm).',
  ],
};
