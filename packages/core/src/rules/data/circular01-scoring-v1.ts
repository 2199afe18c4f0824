import type { Circular01ScoringPolicy } from '../types.js';

/**
 * TT01 scoring as read in docs/domain/indices.md §1: a late dossier without a substantiated complaint scores 0
 * on index 7 (the circular names only early, on time and complained-about), and timeliness is judged
 * against the due date before any apology, since an apology does not shorten the legal limit. Both
 * are the project's reading, to confirm.
 */
export const CIRCULAR01_SCORING_V1: Circular01ScoringPolicy = {
  version: 'circular01-scoring-v1',
  lateWithoutComplaintAttitude: 0,
  timelinessAgainst: 'original-due-date',
  digits: 1,
};
