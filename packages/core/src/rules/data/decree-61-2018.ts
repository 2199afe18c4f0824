import type { RuleSet } from '../types.js';
import { DECREE_61_2018_PROVENANCE } from './provenance.js';
import { CIRCULAR01_SCORING_V1 } from './circular01-scoring-v1.js';
import { DECREE_90_2020_CRITERIA_V1 } from './decree-90-2020-criteria.js';
import { OFFICER_RATING_PROPOSAL_V1 } from './officer-rating-proposal-v1.js';

/**
 * Decree 61/2018/NĐ-CP, the one-stop mechanism, from its entry into force until Decree 118/2025
 * replaces it. Procedural values are checked against the decree (docs/domain/dossier-lifecycle.md §1, checked); feedback and
 * incident deadlines outside Decree 20/2008 are working assumptions, marked in `notes`.
 */
export const DECREE_61_2018: RuleSet = {
  id: 'decree-61-2018',
  title: 'Decree 61/2018/NĐ-CP on the one-stop mechanism',
  legalBasis: [
    'Decree 61/2018/NĐ-CP Art.18 (transfer the same working day; after 15:00, the next)',
    'Decree 61/2018/NĐ-CP Art.19(4) (supplement within 3 working days of receipt; the limit counts again from zero)',
    'Decree 61/2018/NĐ-CP Art.19(9), Art.12(5) (apology at least 1 day before the due date, once only)',
    'Decree 107/2021/NĐ-CP amending Decree 61/2018/NĐ-CP',
    'Civil Code 2015 Art.145(1), 147(2)–(3), 148(5) (periods in days: counted from the day after the event, a last day off moves to the next working day)',
    'Circular 01/2018/TT-VPCP Art.13–15 (indices; means rounded to 1 decimal)',
    'Decree 90/2020/NĐ-CP Art.8–15 (annual rating on four levels, by the criteria of each level)',
    'Decree 20/2008/NĐ-CP (feedback outside the receiver\'s competence forwarded within 5 working days)',
    'Law on Public Employees 58/2010/QH12 as amended by 52/2019/QH14 (discipline limitation 2 / 5 years)',
    'Decree 112/2020/NĐ-CP (discipline handled within 90 days, up to 150 when the case is complex)',
  ],
  effectiveFrom: '2018-06-21',
  effectiveTo: '2025-06-30',
  transferCutoff: '15:00',
  receiptDayCounts: false,
  calendarDaysCountFrom: 'receipt-date',
  supplementClockPolicy: 'RESTART',
  supplementClockAfterVerification: 'PAUSE',
  supplementRequestWithinWorkingDays: 3,
  supplementWindowCountsFrom: 'receipt-date',
  maxSupplementRequests: 1,
  apology: { minWorkingDaysBeforeDue: 1, maxPerDossier: 1 },
  feedbackForwardingWorkingDays: 5,
  feedbackKindsMeasured: ['phan-anh', 'kien-nghi'],
  errorCorrectionWorkingDays: 5,
  feedbackDeadlineWorkingDays: {
    'phan-anh': 5,
    'kien-nghi': 5,
    'khieu-nai': 10,
    'to-cao': 7,
    'gop-y': 10,
    khen: 10,
  },
  incidentStepDeadlineUnits: {
    acknowledge: 'working-days',
    investigate: 'working-days',
    conclude: 'working-days',
    'answer-applicant': 'working-days',
    'decide-discipline': 'calendar-days',
  },
  incidentStepDeadlineWorkingDays: {
    acknowledge: 1,
    investigate: 10,
    conclude: 5,
    'answer-applicant': 5,
    'decide-discipline': 90,
  },
  incidentStepComplexCaseDays: { 'decide-discipline': 150 },
  evaluationScale: 'four-levels-decree-90-2020',
  fourLevelCriteria: DECREE_90_2020_CRITERIA_V1,
  officerRatingProposal: OFFICER_RATING_PROPOSAL_V1,
  circular01Scoring: CIRCULAR01_SCORING_V1,
  indexRounding: 'half-up',
  sipasOverall: 'mean-of-aspects',
  disciplineLimitationYears: { reprimandLevel: 2, other: 5 },
  provenance: DECREE_61_2018_PROVENANCE,
  notes: [
    'maxSupplementRequests 1: Art.11(2c) and Art.15(3) require every gap to be listed in one go.',
    'calendarDaysCountFrom receipt-date: the decree fixes no start for a limit in calendar days, so the Civil Code 2015 applies (Art.145(1), 147(2)–(3)); the 15:00 cutoff of Art.18 concerns the transfer (the project\'s reading, to confirm).',
    'khieu-nai 10: the Law on Complaints 2011 gives 10 days to accept a complaint and notify (to confirm: working or calendar days).',
    'to-cao 7: the Law on Denunciations 2018 gives 7 working days to record, classify and forward (to confirm).',
    'gop-y 10, khen 10: no statutory limit found; internal acknowledgement practice (to confirm).',
    'feedbackKindsMeasured phan-anh, kien-nghi: TT01 index 8 scores the handling of phản ánh, kiến nghị, which Decree 20/2008 governs; complaints and denunciations follow their own laws and suggestions ask for no decision (the project\'s reading, to confirm).',
    'Incident steps (acknowledge 1, investigate 10, conclude 5, answer 5) are working assumptions of the conduct codes (BK, HG); the decree only requires the result to be made known (Art.9(5)).',
    'decide-discipline 90 calendar days, 150 once the competent authority declares the case complex (incidentStepComplexCaseDays): the handling limits of Decree 112/2020, kept by Decree 234/2026, counted from the proposal (which event the law counts from: to confirm); a last day that is a day off moves to the next working day as Civil Code 2015 Art.148(5) has it for dossiers (to confirm for discipline). The limit in force before the 2019 amendments to the laws on cadres, civil servants and public employees took effect is to confirm; this set applies 90 days over its whole period.',
    'supplementWindowCountsFrom receipt-date: Art.19(4) counts the 3 working days "from the day of receipt"; the 15:00 cutoff of Art.18 moves the transfer, not the receipt (the project\'s reading, to confirm).',
    'sipasOverall mean-of-aspects: the Ministry of Home Affairs reports SIPAS as the mean of its component indices, each the share satisfied of its own answers (to confirm against the survey methodology).',
    'Civil servants assumed to share the public employees\' 2 / 5-year limitation (to confirm).',
    'errorCorrectionWorkingDays 5: Art.21 makes the body that erred correct the result at its own cost and apologise, but names no period in the project\'s reading; 5 working days is a working assumption (to confirm against the text and the procedure).',
    'supplementClockAfterVerification PAUSE: Art.19 keeps the time already used when the supplement follows verification (thẩm tra, xác minh) and restarts the limit otherwise (the project\'s reading of Art.19, to confirm against the text).',
  ],
};
