import type { FourLevelCriteria } from '../types.js';

const CIVIL_SERVANTS_AND_EMPLOYEES = 'Decree 90/2020/NĐ-CP';

/**
 * The Decree 90/2020 criteria for officers without a leadership post, civil servants (Art.8–11) and
 * public employees (Art.12–15) alike, as thresholds on the share of tasks (docs/domain/officers.md §3).
 * What a task is at a desk is the proposal's reading (to confirm with a seconding agency): each dossier
 * returned (below standard when late, exceeded when returned early) and each citizen's rating about
 * officers (below standard when not satisfied); the share below standard is the larger of the two.
 */
export const DECREE_90_2020_CRITERIA_V1: FourLevelCriteria = {
  version: 'decree-90-2020-criteria-v1',
  goodBelowStandardAtMost: {
    value: 0,
    status: 'sourced',
    source: `${CIVIL_SERVANTS_AND_EMPLOYEES} Art.9(1)(b), 13(1)(b): every task done, on time and to quality`,
  },
  excellentExceededAtLeast: {
    value: 50,
    status: 'sourced',
    source: `${CIVIL_SERVANTS_AND_EMPLOYEES} Art.8(1)(b), 12(1)(b): as for good, with at least half of the tasks exceeded`,
  },
  completedBelowStandardAtMost: {
    value: 20,
    status: 'sourced',
    source: `${CIVIL_SERVANTS_AND_EMPLOYEES} Art.10(1)(b), 14(1)(b): every task done, at most 20% short of time, quality or efficiency`,
  },
  notCompletedBelowStandardAbove: {
    value: 50,
    status: 'sourced',
    source: `${CIVIL_SERVANTS_AND_EMPLOYEES} Art.11(1)(b), 15(1)(b): more than half of the tasks short of time, quality or efficiency`,
  },
  betweenCompletedAndNotCompleted: {
    value: 'completed',
    status: 'to-confirm',
    source:
      'Neither Art.10 nor Art.11 covers a share above 20% and at most 50%: "not completed" lists its cases and this is not one of them (the project\'s reading)',
  },
  highestLevelWhenDisciplined: {
    value: 'not-completed',
    status: 'to-confirm',
    source: `${CIVIL_SERVANTS_AND_EMPLOYEES} Art.11(1), 15(1): disciplined in the evaluation year for a violation in performing duties (the point, and any later amendment, to confirm)`,
  },
  highestLevelAfterIncident: {
    minor: {
      value: 'good',
      status: 'to-confirm',
      source: `${CIVIL_SERVANTS_AND_EMPLOYEES} Art.8(1)(a), 12(1)(a): excellent asks the general criteria of Art.3 to be met well; a substantiated incident is read as not so`,
    },
    serious: { value: 'completed', status: 'to-confirm', source: 'The general criteria of Art.3 are qualitative: a province or the seconding agency fills this in' },
    'very-serious': {
      value: 'not-completed',
      status: 'to-confirm',
      source: 'The general criteria of Art.3 are qualitative: a province or the seconding agency fills this in',
    },
  },
};
